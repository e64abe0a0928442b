"""Repeating events, with the libraries of the field: `icalendar` parses a series (its master
event and the occurrences moved one by one), `recurring-ical-events` expands it (RRULE, RDATE,
EXDATE, RECURRENCE-ID, X-WR-TIMEZONE) over a bounded span. Time zones a TZID names are found
as IANA names, Windows names, or the file's own VTIMEZONE.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from ssi_tui.importers.ical_lines import Block, CalendarFile
from ssi_tui.wording import _

TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")


class SeriesError(Exception):
    """A repeating event that cannot be imported (the message says why, in a user's words)."""


@dataclass(slots=True)
class Source:
    """One event or occurrence, as either reader gives it."""

    uid: str
    line: int
    start: date | datetime
    get: Any  # name → the first value ('' if none)
    people: list[tuple[str, Mapping[str, str]]]  # ATTENDEE values and parameters
    organizer: tuple[str, Mapping[str, str]] | None
    recurrence: str | None = None  # the occurrence's id, for a repeating event


def expand_series(
    calendar: CalendarFile, blocks: list[Block], start: date, today: date, limit: int
) -> list[Any]:
    """The occurrences of one repeating event from `start` to `today`, at most `limit`."""
    import icalendar
    import recurring_ical_events

    rule = next((block.value("RRULE") for block in blocks if block.first("RRULE")), "")
    if any(f"FREQ={often}" in rule.upper().replace(" ", "") for often in TOO_OFTEN):
        raise SeriesError(_("repeats every hour or more often: not a meeting"))
    try:
        parsed = icalendar.Calendar.from_ical(series_text(calendar, blocks))
        query = recurring_ical_events.of(parsed)
        found = list(islice(query.between(start, today + timedelta(days=1)), limit + 1))
    except Exception as error:  # noqa: BLE001 - any library error: this event is bad
        raise SeriesError(_library_problem(error)) from None
    if len(found) > limit:
        years = today.year - start.year
        raise SeriesError(
            _("more than {limit:,} occurrences in {years} years: left out").format(
                limit=limit, years=years
            )
        )
    return found


def series_text(calendar: CalendarFile, blocks: list[Block]) -> str:
    """One series as a calendar of its own: its events, the zones they name, the calendar's
    X-WR-TIMEZONE."""
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    zone = calendar.properties.get("X-WR-TIMEZONE")
    if zone:
        parts.append(f"X-WR-TIMEZONE:{zone}")
    body = [block.text() for block in blocks]
    joined = "\n".join(body)
    parts.extend(text for tzid, text in calendar.timezones.items() if tzid in joined)
    parts.extend(body)
    parts.append("END:VCALENDAR")
    return "\r\n".join(parts) + "\r\n"


def occurrence_source(uid: str, line: int, event: Any) -> Source | None:
    """An occurrence from recurring-ical-events as a `Source`."""
    start = event.get("DTSTART")
    if start is None:
        return None
    recurrence = event.get("RECURRENCE-ID")
    rid = recurrence.dt if recurrence is not None else start.dt

    def get(name: str) -> str:
        value = event.get(name)
        if isinstance(value, list):
            value = value[0] if value else ""
        return "" if value is None else str(value)

    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    organizer = event.get("ORGANIZER")
    return Source(
        uid=uid,
        line=line,
        start=start.dt,
        get=get,
        people=[(str(person), _params(person)) for person in attendees],
        organizer=(str(organizer), _params(organizer)) if organizer is not None else None,
        recurrence=_recurrence_id(rid),
    )


def _params(value: Any) -> dict[str, str]:
    params = getattr(value, "params", {}) or {}
    return {str(name).upper(): str(found) for name, found in params.items()}


def _recurrence_id(moment: date | datetime) -> str:
    """An occurrence's original start as text: a day, a UTC time, or a floating time."""
    if not isinstance(moment, datetime):
        return moment.strftime("%Y%m%d")
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return moment.strftime("%Y%m%dT%H%M%S")


def resolve_zone(tzid: str, definition: str | None) -> tzinfo | None:
    try:
        return ZoneInfo(tzid)
    except (ValueError, KeyError, OSError):
        pass
    from icalendar import Timezone
    from icalendar.timezone import tzp

    try:
        found = tzp.timezone(tzid)
        if found is None and definition:
            found = Timezone.from_ical(definition).to_tz()
        return found
    except Exception:  # noqa: BLE001 - a zone the libraries cannot read: treated as floating
        return None


def _library_problem(error: Exception) -> str:
    """A library's error in the user's words (its own text names its internals)."""
    if "RRULE" in str(error).upper() or "rule" in type(error).__name__.lower():
        return _("its repeat rule (RRULE) cannot be read")
    return _("its dates or repeat rule cannot be read")
