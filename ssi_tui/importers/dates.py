"""The export's date formats (at least ten): a fast parser per known form, then a tolerant one.

Every parser returns a naive datetime (UTC where the export says so, else as written).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from dateutil import parser as dateutil_parser

from ssi_tui.wording import _

MONTHS = {
    name: index
    for index, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
FIRST_YEAR = 1990
LAST_YEAR = 2100

# 2024-03-04 10:00:00 UTC · 2024/03/04 10:00:00 UTC · 2024-03-04
_ISO = re.compile(
    r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:UTC|GMT|Z)?\s*$",
    re.IGNORECASE,
)
# 9/27/25, 8:41 AM · 03/14/21, 01:52 AM
_US = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP])\.?M\.?\s*$",
    re.IGNORECASE,
)
# 04 Mar 2024 · 4-Mar-2024
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})\s*$")
# Wed Oct 01 16:02:32 UTC 2025
_UNIX = re.compile(
    r"^\s*[A-Za-z]{3}\s+([A-Za-z]{3,9})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+[A-Za-z]{1,5}\s+(\d{4})\s*$"
)
# Jul 08, 2025 01:00 PM (Events) · "… on March 2, 2024 at 12:29 PM (GMT)" (Rich media prose)
_MONTH_FIRST = re.compile(
    r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})\s*([AP])\.?M\.?)?",
    re.IGNORECASE,
)
# Two far-apart defaults: if dateutil gives different results, the text left a part unsaid.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


class ExportDateError(ValueError):
    """A date the export holds that none of the known forms (nor a tolerant parse) can read."""


def _month(name: str) -> int:
    month = MONTHS.get(name[:3].casefold())
    if month is None:
        raise ValueError(_("unknown month {name!r}").format(name=name))
    return month


def _hour(hour: str, half: str | None) -> int:
    value = int(hour)
    if half is None:
        return value
    if not 1 <= value <= 12:
        raise ValueError(f"hour {value} with AM/PM")
    return value % 12 + (12 if half.upper() == "P" else 0)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def iso(text: str) -> datetime | None:
    """`%Y-%m-%d %H:%M:%S[ UTC]`, `%Y/%m/%d %H:%M:%S UTC`, or a bare date."""
    if len(text) in (19, 23) and text[4] == "-" and text[10] == " " and text[19:] in ("", " UTC"):
        try:
            return datetime.fromisoformat(text[:19])  # the common case, fast
        except ValueError:
            pass
    match = _ISO.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    return datetime(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
    )


def us_short(text: str) -> datetime | None:
    """`9/27/25, 8:41 AM` (Invitations) and `03/14/21, 01:52 AM` (Recommendations)."""
    match = _US.match(text)
    if match is None:
        return None
    month, day, year, hour, minute, second, half = match.groups()
    return datetime(
        _year(year), int(month), int(day), _hour(hour, half), int(minute), int(second or 0)
    )


def day_month_year(text: str) -> datetime | None:
    """`04 Mar 2024` (Connections), English month names."""
    match = _DAY_MONTH_YEAR.match(text)
    if match is None:
        return None
    day, month, year = match.groups()
    if _month_or_none(month) is None:
        return None
    return datetime(int(year), _month(month), int(day))


def unix(text: str) -> datetime | None:
    """`Wed Oct 01 16:02:32 UTC 2025` (Company Follows)."""
    match = _UNIX.match(text)
    if match is None:
        return None
    month, day, hour, minute, second, year = match.groups()
    if _month_or_none(month) is None:
        return None
    return datetime(int(year), _month(month), int(day), int(hour), int(minute), int(second))


def month_first(text: str) -> datetime | None:
    """`Jul 08, 2025 01:00 PM - …` (Events) and the Rich media prose `… on March 2, 2024 at 12:29 PM`."""
    match = _MONTH_FIRST.search(text)
    if match is None:
        return None
    month, day, year, hour, minute, half = match.groups()
    if _month_or_none(month) is None:
        return None
    return datetime(
        int(year),
        _month(month),
        int(day),
        _hour(hour, half) if hour else 0,
        int(minute or 0),
    )


def _month_or_none(name: str) -> int | None:
    return MONTHS.get(name[:3].casefold())


Parser = Callable[[str], datetime | None]
PARSERS: dict[str, Parser] = {
    "iso": iso,
    "us_short": us_short,
    "day_month_year": day_month_year,
    "unix": unix,
    "month_first": month_first,
}


def tolerant(text: str) -> datetime:
    """A last resort for forms we have not seen: dateutil, refusing incomplete dates."""
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError, IndexError):
        raise ExportDateError(_("unreadable date {text!r}").format(text=text)) from None
    if first.date() != second.date():
        raise ExportDateError(_("incomplete date {text!r}").format(text=text))
    return first.replace(tzinfo=None)


def parse_iso(text: str) -> datetime:
    """`parse_when(text, "iso")`, with messages.csv's own form (`2024-03-04 10:00:00 UTC`)
    read first and at once (100,000 rows in a large export)."""
    if len(text) == 23 and text[19:] == " UTC" and text[4] == "-" and text[10] == " ":
        try:
            result = datetime.fromisoformat(text[:19])
        except ValueError:
            pass
        else:
            if result.tzinfo is None and FIRST_YEAR <= result.year <= LAST_YEAR:
                return result
    return parse_when(text, "iso")


def parse_when(text: str, preferred: str) -> datetime:
    """Parse an export date: the file's known form first, then the others, then `tolerant`."""
    value = text.strip()
    if not value:
        raise ExportDateError(_("no date"))
    if len(value) > 200:
        raise ExportDateError(_("unreadable date (too long)"))
    try:
        result = PARSERS[preferred](value)
        if result is None:
            for name, parser in PARSERS.items():
                if name != preferred:
                    result = parser(value)
                    if result is not None:
                        break
    except ValueError as error:
        raise ExportDateError(
            _("impossible date {value!r} ({error})").format(value=value, error=error)
        ) from None
    if result is None:
        result = tolerant(value)
    if not FIRST_YEAR <= result.year <= LAST_YEAR:
        raise ExportDateError(
            _("date {value!r} is out of range ({FIRST_YEAR}-{LAST_YEAR})").format(
                value=value, FIRST_YEAR=FIRST_YEAR, LAST_YEAR=LAST_YEAR
            )
        )
    return result
