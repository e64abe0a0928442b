"""Which file is which (old names, member-id suffixes, decoys) and every date format."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_tui.importers.dates import ExportDateError, parse_iso, parse_when
from ssi_tui.importers.files import kind_of


@pytest.mark.parametrize(
    ("basename", "kind"),
    [
        ("Connections.csv", "connections"),
        ("connections.CSV", "connections"),
        ("messages.csv", "messages"),
        ("Messages.csv", "messages"),  # ~2017
        ("Invitations.csv", "invitations"),
        ("Shares.csv", "shares"),
        ("Shares_123456.csv", "shares"),
        ("Comments_987.csv", "comments"),
        ("Reactions_5.csv", "reactions"),
        ("Likes.csv", "reactions"),  # old name
        ("Votes_42.csv", "votes"),
        ("InstantReposts_42.csv", "instant_reposts"),
        ("Rich_Media.csv", "rich_media"),
        ("Rich Media.csv", "rich_media"),  # old name, with a space
        ("Recommendations_Given.csv", "recommendations_given"),
        ("Recommendations Given.csv", "recommendations_given"),
        ("Recommendations_Received.csv", "recommendations_received"),
        ("Endorsement_Received_Info.csv", "endorsements_received"),
        ("Endorsement Received Info.csv", "endorsements_received"),
        ("Endorsement_Given_Info.csv", "endorsements_given"),
        ("SearchQueries.csv", "search_queries"),
        ("Company Follows.csv", "company_follows"),
        ("Events.csv", "events"),
        ("Profile.csv", "profile"),
        ("Skills.csv", "skills"),
        ("Positions.csv", "positions"),
        # Decoys with the message schema, and files we do not read.
        ("guide_messages.csv", None),
        ("learning_coach_messages.csv", None),
        ("learning_role_play_messages.csv", None),
        ("LearningCoachMessages.csv", None),
        ("Profile Summary.csv", None),
        ("Member_Follows.csv", None),
        ("Connections_123.csv", None),  # only the activity files carry a member id
        ("Connections.txt", None),
        ("my-article.html", None),
    ],
)
def test_kind_of(basename: str, kind: str | None) -> None:
    found = kind_of(basename)
    assert (found.id if found else None) == kind


@given(st.text(max_size=60))
def test_kind_of_never_fails(name: str) -> None:
    kind_of(name)


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("04 Mar 2024", "day_month_year", datetime(2024, 3, 4)),  # Connections
        ("4 Sept 2024", "day_month_year", datetime(2024, 9, 4)),
        ("2025-10-02 09:15:00 UTC", "iso", datetime(2025, 10, 2, 9, 15)),  # messages
        ("2025-09-01 08:00:00", "iso", datetime(2025, 9, 1, 8, 0)),  # Shares, Comments…
        ("2025/08/01 10:00:00 UTC", "iso", datetime(2025, 8, 1, 10, 0)),  # Endorsements
        ("2025-09-01", "iso", datetime(2025, 9, 1)),
        ("9/27/25, 8:41 AM", "us_short", datetime(2025, 9, 27, 8, 41)),  # Invitations
        ("9/27/25, 12:05 AM", "us_short", datetime(2025, 9, 27, 0, 5)),
        ("10/1/25, 12:05 PM", "us_short", datetime(2025, 10, 1, 12, 5)),
        ("9/27/25, 8:41\u202fPM", "us_short", datetime(2025, 9, 27, 20, 41)),  # narrow nbsp
        ("03/14/21, 01:52 AM", "us_short", datetime(2021, 3, 14, 1, 52)),  # Recommendations
        ("Wed Oct 01 16:02:32 UTC 2025", "unix", datetime(2025, 10, 1, 16, 2, 32)),  # Follows
        (
            "You uploaded a feed photo on March 2, 2024 at 12:29 PM (GMT)",
            "month_first",
            datetime(2024, 3, 2, 12, 29),
        ),  # Rich media prose
        (
            "Jul 08, 2025 01:00 PM - Jul 08, 2025 03:00 PM",
            "month_first",
            datetime(2025, 7, 8, 13, 0),
        ),  # Events
        # A known form in the wrong file still parses (the others are tried next).
        ("04 Mar 2024", "iso", datetime(2024, 3, 4)),
        ("2024-03-04 10:00:00 UTC", "us_short", datetime(2024, 3, 4, 10, 0)),
        # Forms not seen yet: the tolerant parse.
        ("2024-03-04T10:00:00Z", "iso", datetime(2024, 3, 4, 10, 0)),
        ("4 March 2024 10:00", "iso", datetime(2024, 3, 4, 10, 0)),
    ],
)
def test_every_date_format(text: str, style: str, expected: datetime) -> None:
    assert parse_when(text, style) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no date"),
        ("   ", "no date"),
        ("not a date", "unreadable date"),
        ("13/45/25, 9:00 AM", "impossible date"),
        ("2024-02-30 10:00:00", "impossible date"),
        ("0 Foo 2024", "unreadable date"),
        ("2024", "incomplete date"),
        ("1850-01-01", "out of range"),
        ("x" * 500, "too long"),
    ],
)
def test_bad_dates_are_reported(text: str, message: str) -> None:
    with pytest.raises(ExportDateError, match=message):
        parse_when(text, "iso")


@given(
    st.text(max_size=80),
    st.sampled_from(["iso", "us_short", "day_month_year", "unix", "month_first"]),
)
def test_any_text_either_parses_or_is_an_export_date_error(text: str, style: str) -> None:
    try:
        result = parse_when(text, style)
    except ExportDateError:
        return
    assert 1990 <= result.year <= 2100


def _outcome(parse, text: str) -> object:  # type: ignore[no-untyped-def]
    try:
        return parse(text)
    except ExportDateError as error:
        return ("error", str(error))


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-04 10:00:00 UTC",
        "2024-03-04 10:00:00",
        "2024/03/04 10:00:00 UTC",
        " 2024-03-04 10:00:00 UTC",
        "1980-01-01 10:00:00 UTC",  # out of range
        "2024-02-30 10:00:00 UTC",  # impossible
        "2024-03-04 25:00:00 UTC",
        "2024-03-04 10:00+01:0 UTC",  # an offset where the seconds go
        "2024-03-04 10:00:00 GMT",
        "",
    ],
)
def test_the_messages_fast_path_reads_exactly_as_parse_when(text: str) -> None:
    assert _outcome(parse_iso, text) == _outcome(lambda value: parse_when(value, "iso"), text)


@given(
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)),
    st.sampled_from(["", " UTC", " utc", "Z", " GMT", "  UTC", " UTC ", ".5 UTC"]),
)
def test_any_messages_date_reads_as_parse_when_reads_it(when: datetime, tail: str) -> None:
    text = when.strftime("%Y-%m-%d %H:%M:%S") + tail
    assert _outcome(parse_iso, text) == _outcome(lambda value: parse_when(value, "iso"), text)
