"""Recurrence: presets and RRULEs across month ends, leap days and DST changes; bad rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from ssi_tui.domain.recurrence import (
    Recurrence,
    RuleError,
    describe,
    first_occurrence,
    next_occurrence,
    occurrences,
    parse_rule,
    preset_rule,
    require_occurrence,
    rule_label,
)


def days(*values: str) -> list[date]:
    return [date.fromisoformat(value) for value in values]


def between(text: str, start: str, last: str, first: str | None = None) -> list[date]:
    begin = date.fromisoformat(start)
    recurrence = parse_rule(text, begin)
    return occurrences(
        recurrence, begin, date.fromisoformat(first) if first else begin, date.fromisoformat(last)
    )


@pytest.mark.parametrize(
    ("rule", "start", "last", "expected"),
    [
        # Month ends: daily and weekly roll over the end of a 30-, 31- and 28-day month.
        (
            "daily",
            "2026-04-29",
            "2026-05-02",
            ["2026-04-29", "2026-04-30", "2026-05-01", "2026-05-02"],
        ),
        (
            "daily",
            "2026-02-27",
            "2026-03-02",
            ["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"],
        ),
        (
            "weekly",
            "2026-01-28",
            "2026-02-18",
            ["2026-01-28", "2026-02-04", "2026-02-11", "2026-02-18"],
        ),
        ("biweekly", "2026-12-24", "2027-01-21", ["2026-12-24", "2027-01-07", "2027-01-21"]),
        (
            "weekdays",
            "2026-07-30",
            "2026-08-04",
            ["2026-07-30", "2026-07-31", "2026-08-03", "2026-08-04"],
        ),
        # Monthly from the 31st: shorter months fall back to their last day, never skipped.
        (
            "monthly",
            "2026-01-31",
            "2026-05-31",
            ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"],
        ),
        ("monthly", "2026-01-30", "2026-03-30", ["2026-01-30", "2026-02-28", "2026-03-30"]),
        ("monthly", "2026-01-15", "2026-03-15", ["2026-01-15", "2026-02-15", "2026-03-15"]),
        # Leap years: February 29 exists in 2028, not in 2027 or 2100.
        ("daily", "2028-02-28", "2028-03-01", ["2028-02-28", "2028-02-29", "2028-03-01"]),
        ("monthly", "2028-01-31", "2028-03-31", ["2028-01-31", "2028-02-29", "2028-03-31"]),
        ("monthly", "2027-01-29", "2027-03-29", ["2027-01-29", "2027-02-28", "2027-03-29"]),
        ("weekly", "2028-02-22", "2028-03-07", ["2028-02-22", "2028-02-29", "2028-03-07"]),
        # DST changes (Europe 2026-03-29 and 2026-10-25, US 2026-03-08 and 2026-11-01): by day,
        # nothing is lost or doubled.
        ("daily", "2026-03-28", "2026-03-30", ["2026-03-28", "2026-03-29", "2026-03-30"]),
        ("daily", "2026-10-24", "2026-10-26", ["2026-10-24", "2026-10-25", "2026-10-26"]),
        ("weekly", "2026-03-01", "2026-03-15", ["2026-03-01", "2026-03-08", "2026-03-15"]),
        ("weekly", "2026-10-25", "2026-11-08", ["2026-10-25", "2026-11-01", "2026-11-08"]),
    ],
)
def test_presets(rule: str, start: str, last: str, expected: list[str]) -> None:
    assert between(rule, start, last) == days(*expected)


@pytest.mark.parametrize(
    ("rule", "start", "last", "expected"),
    [
        (
            "FREQ=WEEKLY;BYDAY=TU,TH",
            "2026-04-28",
            "2026-05-07",
            ["2026-04-28", "2026-04-30", "2026-05-05", "2026-05-07"],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "2028-01-10",
            "2028-04-30",
            ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"],
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            "2026-01-01",
            "2026-05-31",
            ["2026-01-31", "2026-03-31", "2026-05-31"],
        ),
        ("FREQ=YEARLY", "2024-02-29", "2032-12-31", ["2024-02-29", "2028-02-29", "2032-02-29"]),
        (
            "FREQ=MONTHLY;BYDAY=-1FR",
            "2026-01-01",
            "2026-03-31",
            ["2026-01-30", "2026-02-27", "2026-03-27"],
        ),
        (
            "FREQ=DAILY;INTERVAL=3",
            "2026-02-26",
            "2026-03-07",
            ["2026-02-26", "2026-03-01", "2026-03-04", "2026-03-07"],
        ),
        (
            "rrule:freq=weekly;byday=su",
            "2026-10-18",
            "2026-11-01",
            ["2026-10-18", "2026-10-25", "2026-11-01"],
        ),
        ("FREQ=WEEKLY;BYDAY=MO;COUNT=2", "2026-03-01", "2026-12-31", ["2026-03-02", "2026-03-09"]),
        (
            "FREQ=WEEKLY;UNTIL=20260315",
            "2026-03-01",
            "2026-12-31",
            ["2026-03-01", "2026-03-08", "2026-03-15"],
        ),
    ],
)
def test_rrules(rule: str, start: str, last: str, expected: list[str]) -> None:
    assert between(rule, start, last) == days(*expected)


def test_window_never_starts_before_the_plan() -> None:
    assert between("daily", "2026-03-10", "2026-03-11", first="2026-03-01") == days(
        "2026-03-10", "2026-03-11"
    )
    assert between("daily", "2026-03-10", "2026-03-09", first="2026-03-01") == []


@pytest.mark.parametrize(
    "zone", ["Europe/Paris", "America/New_York", "Australia/Sydney"], ids=lambda z: z
)
def test_dates_match_wall_clock_dates_in_a_dst_zone(zone: str) -> None:
    """Our day-based evaluation gives the same dates as dateutil with a tz-aware 09:00 start
    (the wall-clock time stays 09:00 across the change, so the date never shifts)."""
    start = date(2026, 3, 1)
    tz = ZoneInfo(zone)
    aware = rrulestr("FREQ=DAILY", dtstart=datetime(2026, 3, 1, 9, tzinfo=tz))
    wall = [
        moment.date()
        for moment in aware.between(
            datetime(2026, 3, 1, tzinfo=tz), datetime(2026, 11, 30, 23, tzinfo=tz), inc=True
        )
    ]
    ours = occurrences(parse_rule("daily", start), start, start, date(2026, 11, 30))
    assert ours == wall
    assert len(ours) == (date(2026, 11, 30) - start).days + 1


def test_parse_rule_normalises_and_lifts_the_end() -> None:
    start = date(2026, 3, 1)
    assert parse_rule("  RRULE:freq=weekly; byday=tu,th ", start) == Recurrence(
        "FREQ=WEEKLY;BYDAY=TU,TH"
    )
    assert parse_rule("BYDAY=MO;FREQ=WEEKLY;COUNT=4", start) == Recurrence(
        "FREQ=WEEKLY;BYDAY=MO", count=4
    )
    assert parse_rule("FREQ=DAILY;UNTIL=20260401T000000Z", start) == Recurrence(
        "FREQ=DAILY", until=date(2026, 4, 1)
    )
    assert parse_rule("Weekly", start).rule == "FREQ=WEEKLY;BYDAY=SU"


@pytest.mark.parametrize(
    ("name", "start", "rule"),
    [
        ("daily", "2026-03-04", "FREQ=DAILY"),
        ("weekdays", "2026-03-04", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
        ("weekly", "2026-03-04", "FREQ=WEEKLY;BYDAY=WE"),
        ("biweekly", "2026-03-06", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"),
        ("monthly", "2026-03-04", "FREQ=MONTHLY;BYMONTHDAY=4"),
        ("monthly", "2026-03-29", "FREQ=MONTHLY;BYMONTHDAY=29,-1;BYSETPOS=1"),
    ],
)
def test_preset_rules(name: str, start: str, rule: str) -> None:
    assert preset_rule(name, date.fromisoformat(start)) == rule


@pytest.mark.parametrize(
    ("text", "until", "count", "message"),
    [
        ("fortnightly", None, None, "unknown preset 'fortnightly'"),
        ("", None, None, "empty rule"),
        ("FREQ=SOMETIMES", None, None, "invalid rule"),
        ("BYDAY=MO", None, None, "FREQ is missing"),
        ("FREQ=WEEKLY;BYDAY=XX", None, None, "invalid rule 'FREQ=WEEKLY;BYDAY=XX'"),
        ("FREQ=WEEKLY;BYDAY", None, None, "is not KEY=VALUE"),
        ("FREQ=WEEKLY;FREQ=DAILY", None, None, "appears twice"),
        ("FREQ=HOURLY", None, None, "by day at most"),
        ("FREQ=DAILY;BYHOUR=9", None, None, "drop BYHOUR"),
        ("FREQ=DAILY;INTERVAL=0", None, None, "INTERVAL must be"),
        ("FREQ=WEEKLY;BOGUS=1", None, None, "invalid rule"),
        ("DTSTART:20260101\nRRULE:FREQ=DAILY", None, None, "one RRULE line"),
        ("FREQ=DAILY;UNTIL=2026", None, None, "not a YYYYMMDD date"),
        ("FREQ=DAILY;COUNT=x", None, None, "COUNT must be a whole number"),
        ("weekly", date(2026, 2, 1), None, "until 2026-02-01 is before the start 2026-03-01"),
        ("weekly", date(2026, 4, 1), 3, "not both"),
        ("FREQ=DAILY;COUNT=2", None, 3, "given twice"),
        ("FREQ=DAILY;UNTIL=20260401", date(2026, 5, 1), None, "given twice"),
        ("weekly", None, 0, "count must be 1-10000"),
    ],
)
def test_bad_rules_are_refused_with_a_clear_message(
    text: str, until: date | None, count: int | None, message: str
) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule(text, date(2026, 3, 1), until, count)
    assert message in str(caught.value)


def test_a_rule_that_never_occurs_is_refused_quickly() -> None:
    start = date(2026, 3, 1)
    recurrence = parse_rule("FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", start)
    began = datetime.now()
    with pytest.raises(RuleError, match="no occurrence within 5 years"):
        require_occurrence(recurrence, start)
    assert datetime.now() - began < timedelta(seconds=3)


def test_first_occurrence_and_the_five_year_horizon() -> None:
    start = date(2026, 3, 1)
    assert first_occurrence(parse_rule("FREQ=WEEKLY;BYDAY=FR", start), start) == date(2026, 3, 6)
    leap = parse_rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", start)
    assert first_occurrence(leap, start) == date(2028, 2, 29)
    far = parse_rule("FREQ=YEARLY;INTERVAL=10", date(2026, 3, 1))
    assert first_occurrence(far, start) == start
    ended = Recurrence("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", until=date(2027, 12, 31))
    with pytest.raises(RuleError, match="before 2027-12-31"):
        require_occurrence(ended, start)


def test_next_occurrence() -> None:
    start = date(2026, 3, 2)  # a Monday
    weekly = parse_rule("weekly", start)
    assert next_occurrence(weekly, start, date(2026, 3, 1)) == start
    assert next_occurrence(weekly, start, start) == date(2026, 3, 9)
    limited = parse_rule("weekly", start, count=2)
    assert next_occurrence(limited, start, date(2026, 3, 9)) is None
    until = parse_rule("weekly", start, until=date(2026, 3, 9))
    assert next_occurrence(until, start, date(2026, 3, 9)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", "daily"),
        ("weekdays", "weekdays"),
        ("weekly", "weekly on Mon"),
        ("biweekly", "every 2 weeks on Mon"),
        ("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5", "weekly on Tue, Thu, 5 times"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "monthly on last Fri"),
        ("FREQ=MONTHLY;BYDAY=1MO,+3WE", "monthly on 1st Mon, 3rd Wed"),
        ("FREQ=MONTHLY;BYDAY=-2TH", "monthly on -2Thu"),
        ("FREQ=DAILY;UNTIL=20260401", "daily, until 2026-04-01"),
        ("FREQ=YEARLY;BYMONTH=6", "yearly (BYMONTH=6)"),
    ],
)
def test_describe(text: str, expected: str) -> None:
    assert describe(parse_rule(text, date(2026, 3, 2))) == expected


def test_monthly_preset_description_and_rule_label() -> None:
    assert describe(parse_rule("monthly", date(2026, 1, 31))) == (
        "monthly on day 31 (or the month's last)"
    )
    assert rule_label("weekly") == "weekly"
    assert rule_label("FREQ=WEEKLY;BYDAY=MO,WE,FR") == "weekly on Mon, Wed, Fri"
