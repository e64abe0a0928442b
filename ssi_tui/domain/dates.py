"""The one date parser used everywhere a date is typed (command line and app)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

MAX_WEEKS = 520
"""The longest history a command or export computes (ten years of weeks)."""

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmy])$")
_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
# Two far-apart defaults: if they give different results, the text left a part unsaid.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


class DateParseError(ValueError):
    """A typed date that cannot be read, or can be read two ways."""


def parse_date(text: str, today: date) -> date:
    """Parse `today`, `yesterday`, `-3d`, `-2w`, `-1m`, `+1y`, ISO dates, or an unambiguous date."""
    value = text.strip().lower()
    if not value:
        raise DateParseError("empty date")
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
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A, dayfirst=False)
        second = dateutil_parser.parse(text, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError):
        raise DateParseError(
            f"cannot read date {text!r}; use YYYY-MM-DD, today, yesterday, -3d or -2w"
        ) from None
    if first.date() != second.date():
        raise DateParseError(f"date {text!r} is ambiguous or incomplete; use YYYY-MM-DD")
    return first.date()


def not_future(day: date, today: date, what: str = "date") -> date:
    """`day` itself, or a `DateParseError` naming it when it is after `today` (nothing done
    tomorrow can be logged, read or scored yet)."""
    if day > today:
        raise DateParseError(
            f"{what} {day.isoformat()} is in the future (today is {today.isoformat()})"
        )
    return day


def next_week_ends(today: date, weeks: int) -> list[date]:
    """The next `weeks` Sundays after `today` (on a Sunday: from the next one), the week ends
    of history (`Workspace.week_ends`), so that a projection's weeks line up with history's."""
    first = today + timedelta(days=(6 - today.weekday()) % 7 or 7)
    return [first + timedelta(weeks=index) for index in range(weeks)]
