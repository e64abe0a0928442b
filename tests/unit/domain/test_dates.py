"""The one date parser: ISO, words, relative offsets, unambiguous written dates."""

from __future__ import annotations

from datetime import date

import pytest

from ssi_tui.domain.dates import DateParseError, parse_date

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text, today, expected",
    [
        ("2025-03-04", TODAY, date(2025, 3, 4)),
        ("  2025-03-04  ", TODAY, date(2025, 3, 4)),
        ("today", TODAY, TODAY),
        ("Today", TODAY, TODAY),
        ("yesterday", TODAY, date(2026, 11, 25)),
        ("tomorrow", TODAY, date(2026, 11, 27)),
        ("yesterday", date(2026, 3, 1), date(2026, 2, 28)),
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
        ("-3d", TODAY, date(2026, 11, 23)),
        ("+3d", TODAY, date(2026, 11, 29)),
        ("-0d", TODAY, TODAY),
        ("-2w", TODAY, date(2026, 11, 12)),
        ("-1m", TODAY, date(2026, 10, 26)),
        ("-1m", date(2026, 3, 31), date(2026, 2, 28)),
        ("-1m", date(2024, 3, 31), date(2024, 2, 29)),
        ("+1m", date(2026, 1, 31), date(2026, 2, 28)),
        ("+1y", date(2024, 2, 29), date(2025, 2, 28)),
        ("-4y", date(2024, 2, 29), date(2020, 2, 29)),
        ("-1y", TODAY, date(2025, 11, 26)),
        ("4 March 2024", TODAY, date(2024, 3, 4)),
        ("March 4, 2024", TODAY, date(2024, 3, 4)),
        ("4 Mar 2024", TODAY, date(2024, 3, 4)),
        ("13/01/2025", TODAY, date(2025, 1, 13)),  # only one reading is a valid date
    ],
)
def test_parse_date_accepts(text: str, today: date, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "foo",
        "03/04/2025",
        "March",
        "2025-13-01",
        "2024-02-30",
        "2025",
        "-3x",
        "next week",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text, TODAY)
    message = str(info.value)
    assert message
    if text.strip():
        assert text in message


def test_date_parse_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_date("soon", TODAY)


def test_ambiguous_message_says_so() -> None:
    with pytest.raises(DateParseError, match="ambiguous"):
        parse_date("03/04/2025", TODAY)


def test_result_is_a_plain_date() -> None:
    result = parse_date("March 4, 2024", TODAY)
    assert type(result) is date
    assert type(parse_date("2024-03-04", TODAY)) is date
    assert type(parse_date("-1d", TODAY)) is date


# TODAY, 2026-11-26, is a Thursday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monday", date(2026, 11, 23)),  # the last one, never the future
        ("Thursday", TODAY),  # today is one
        ("thu", TODAY),
        ("last thursday", date(2026, 11, 19)),  # before today
        ("last friday", date(2026, 11, 20)),
        ("sunday", date(2026, 11, 22)),
        ("3 days ago", date(2026, 11, 23)),
        ("a day ago", date(2026, 11, 25)),
        ("2 weeks ago", date(2026, 11, 12)),
        ("1 month ago", date(2026, 10, 26)),
        ("a year ago", date(2025, 11, 26)),
        ("Dec 1", date(2025, 12, 1)),  # this year's is still to come: last year's
        ("1 Dec", date(2025, 12, 1)),
        ("Nov 26", TODAY),
        ("26th november", TODAY),
        ("sept 3", date(2026, 9, 3)),
        ("Mar. 4", date(2026, 3, 4)),
    ],
)
def test_spoken_dates(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0001-01-01", "out of range: from 1900-01-01 to 2036-11-26"),
        ("1899-12-31", "out of range"),
        ("9999-12-31", "out of range"),
        ("-9999y", "out of range"),
        ("+9999y", "out of range"),
        ("Feb 30", "no such day"),
        ("last march", "cannot read"),
    ],
)
def test_out_of_range_and_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(DateParseError, match=message):
        parse_date(text, TODAY)
