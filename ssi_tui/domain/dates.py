"""The one date parser used everywhere a date is typed (command line and app)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from ssi_tui.domain.date_words import last_weekday, latest_past, named
from ssi_tui.domain.dates_fr import parse_french
from ssi_tui.wording import _, reading_language

MAX_WEEKS = 520
"""The longest history a command or export computes (ten years of weeks)."""

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmy])$")
_AGO = re.compile(r"^(\d{1,4}|an?|one)\s+(day|week|month|year)s?\s+ago$")
_WEEKDAY = re.compile(r"^(last\s+)?([a-z]+)$")
_MONTH_DAY = re.compile(
    r"^(?:([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?)$"
)
_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
EARLIEST = date(1900, 1, 1)
"""No date before this is read (a typo: LinkedIn did not exist)."""
LATEST_YEARS = 10
"""Nor one more than this many years after today (a plan's end is the farthest)."""
# Two far-apart defaults: if they give different results, the text left a part unsaid.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


class DateParseError(ValueError):
    """A typed date that cannot be read, or can be read two ways."""


def _spoken(value: str, today: date) -> date | None:
    """`monday` (the last one, today included), `last friday` (before today), `3 days ago`,
    `a week ago`, `Dec 1` / `1 Dec` (this year, or last year when that is still to come)."""
    ago = _AGO.match(value)
    if ago:
        amount, unit = ago.groups()
        count = int(amount) if amount.isdigit() else 1
        return today - relativedelta(**{f"{unit}s": count})  # type: ignore[arg-type]
    weekday = _WEEKDAY.match(value)
    if weekday:
        index = named(weekday.group(2), _WEEKDAYS)
        if index is not None:
            return last_weekday(index, today, before_today=bool(weekday.group(1)))
    month_day = _MONTH_DAY.match(value)
    if month_day:
        month_name = month_day.group(1) or month_day.group(4)
        month = named(month_name, _MONTHS)
        if month is not None:
            day = int(month_day.group(2) or month_day.group(3))
            try:
                return latest_past(month + 1, day, today)
            except ValueError:
                raise DateParseError(
                    _("cannot read date {text!r}: no such day").format(text=value)
                ) from None
    return None


def _in_range(day: date, text: str, today: date) -> date:
    """`day`, unless it is before 1900 or more than ten years after today (a typo)."""
    try:
        latest = today + relativedelta(years=LATEST_YEARS)
    except (ValueError, OverflowError):  # pragma: no cover - today near date.max
        latest = date.max
    if day < EARLIEST or day > latest:
        raise DateParseError(
            _("date {text!r} is out of range: from {first} to {last}").format(
                text=text, first=EARLIEST.isoformat(), last=latest.isoformat()
            )
        )
    return day


def parse_date(text: str, today: date) -> date:
    """Parse `today`, `yesterday`, `-3d`, `-2w`, `-1m`, `+1y`, `3 days ago`, `monday`, `last
    friday`, `Dec 1`, ISO dates, or an unambiguous written date; from 1900 to ten years ahead."""
    value = " ".join(text.strip().lower().split())
    if not value:
        raise DateParseError(_("empty date"))
    try:
        day = _parse(value, text, today)
    except (OverflowError, ValueError) as error:
        if isinstance(error, DateParseError):
            raise
        raise DateParseError(_("date {text!r} is out of range").format(text=text)) from None
    return _in_range(day, text, today)


def _parse(value: str, text: str, today: date) -> date:
    if reading_language() == "fr":
        try:
            french = parse_french(text, today)
        except ValueError:
            raise DateParseError(
                _("cannot read date {text!r}: no such day").format(text=text)
            ) from None
        if french is not None:
            return french
    if value in _WORDS:
        return today + timedelta(days=_WORDS[value])
    relative = _RELATIVE.match(value)
    if relative:
        sign, amount, unit = relative.groups()
        count = int(amount) * (1 if sign == "+" else -1)
        delta = {
            "d": relativedelta(days=count),
            "w": relativedelta(weeks=count),
            "m": relativedelta(months=count),
            "y": relativedelta(years=count),
        }[unit]
        return today + delta
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    spoken = _spoken(value, today)
    if spoken is not None:
        return spoken
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, dayfirst=False)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError):
        raise DateParseError(
            _(
                "cannot read date {text!r}; use YYYY-MM-DD, today, yesterday, -3d, -2w, "
                "3 days ago, monday or Dec 1"
            ).format(text=text)
        ) from None
    if first.date() != second.date():
        raise DateParseError(
            _("date {text!r} is ambiguous or incomplete; use YYYY-MM-DD").format(text=text)
        )
    return first.date()


def not_future(day: date, today: date, what: str = "date") -> date:
    """`day` itself, or a `DateParseError` naming it when it is after `today` (nothing done
    tomorrow can be logged, read or scored yet)."""
    if day > today:
        raise DateParseError(
            _("{what} {day} is in the future (today is {today})").format(
                what=_("date") if what == "date" else what,
                day=day.isoformat(),
                today=today.isoformat(),
            )
        )
    return day


def next_week_ends(today: date, weeks: int) -> list[date]:
    """The next `weeks` Sundays after `today` (on a Sunday: from the next one), the week ends
    of history (`Workspace.week_ends`), so that a projection's weeks line up with history's."""
    first = today + timedelta(days=(6 - today.weekday()) % 7 or 7)
    return [first + timedelta(weeks=index) for index in range(weeks)]
