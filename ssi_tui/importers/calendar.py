"""The meetings of a calendar file: each past event with someone else, as the day it was on,
its kind, the people met, and a stable key.

An event that does not repeat is read from its lines (`ical_lines`): most of a calendar's
events are such, and reading them this way is ten times faster than a full parse. A repeating
event — an RRULE or RDATE, or occurrences moved one by one (RECURRENCE-ID) — is handed to
`icalendar` and expanded with `recurring-ical-events` (X-WR-TIMEZONE, EXDATE, overrides), from
`years_back` years ago up to today, at most `max_occurrences` times.

The key of a single event is its UID (moving it keeps the key); an occurrence of a repeating
one adds the occurrence's original start (its RECURRENCE-ID), so a moved occurrence keeps its
key too. What is left out is counted by reason: declined, cancelled, private, alone (no one
else there), in the future. A bad event is reported with its UID and line; the rest goes on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import Any

from ssi_tui.domain.calendar_config import FILE, MeetingRules, load_calendar_config
from ssi_tui.domain.text import clean_optional, email_address, held_keywords
from ssi_tui.importers.ical_lines import Block, CalendarError, CalendarFile, read_calendar
from ssi_tui.importers.ical_series import (
    SeriesError,
    Source,
    expand_series,
    occurrence_source,
    resolve_zone,
)
from ssi_tui.paths import package_data_dir, user_config_dir
from ssi_tui.wording import _

__all__ = ["CalendarError", "CalendarRead", "MeetingRules", "Meeting", "read_meetings"]

REPEATING = ("RRULE", "RDATE", "RECURRENCE-ID")
TOO_OFTEN = ("SECONDLY", "MINUTELY", "HOURLY")
ROOMS = ("ROOM", "RESOURCE")
NOT_PEOPLE = ("@resource.calendar.google.com", "@group.calendar.google.com")
LINK_FIELDS = ("LOCATION", "DESCRIPTION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE",
               "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone else at a meeting: their address and the name the calendar gives them."""

    email: str | None
    name: str | None


@dataclass(slots=True)
class Meeting:
    """One past event with other people: what an activity is made from."""

    key: str
    uid: str
    day: date
    kind: str
    attendees: list[Attendee]
    title: str | None
    line: int


@dataclass(slots=True)
class CalendarRead:
    """What a calendar file holds for an import."""

    events: int = 0  # VEVENT blocks in the file
    meetings: list[Meeting] = field(default_factory=list)
    cancelled: set[str] = field(default_factory=set)  # keys of past events cancelled
    series: dict[str, set[str]] = field(default_factory=dict)  # repeating UID → its past keys
    window_start: date | None = None  # how far back the series were expanded
    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[str] = field(default_factory=list)
    own: tuple[str, ...] = ()


def read_meetings(
    path: Path,
    today: date,
    zone: tzinfo,
    own: Iterable[str] = (),
    rules: MeetingRules | None = None,
    now: datetime | None = None,
) -> CalendarRead:
    """The meetings of the calendar file at `path` up to `today` (days in `zone`, the user's),
    and, given `now`, only those already started (a meeting later today is still to come).
    `own` are the user's addresses (else the calendar's name when it is an address, else the
    most common organizer). `CalendarError` when the file cannot be imported at all."""
    if rules is None:
        rules = load_calendar_config(package_data_dir() / FILE, user_config_dir() / FILE).meetings
    reader = _Reader(read_calendar(path), today, zone, own, rules)
    reader.now = now
    return reader.read()


class _Reader:
    def __init__(
        self,
        calendar: CalendarFile,
        today: date,
        zone: tzinfo,
        own: Iterable[str],
        rules: MeetingRules,
    ) -> None:
        self.calendar, self.today, self.zone, self.rules = calendar, today, zone, rules
        self.result = CalendarRead(events=len(calendar.events))
        self.own = {found for found in map(email_address, own) if found} or self._guess_own()
        self.result.own = tuple(sorted(self.own))
        self._zones: dict[str, tzinfo | None] = {}
        self.now: datetime | None = None

    def _guess_own(self) -> set[str]:
        name = email_address(self.calendar.properties.get("X-WR-CALNAME", ""))
        if name:
            return {name}
        counts = Counter(
            address
            for block in self.calendar.events
            if (address := email_address(block.value("ORGANIZER")))
        )
        return {counts.most_common(1)[0][0]} if counts else set()

    @cached_property
    def floating_zone(self) -> tzinfo:
        """The zone of times written without one: the calendar's (X-WR-TIMEZONE), else the user's."""
        return self._zone(self.calendar.properties.get("X-WR-TIMEZONE", "")) or self.zone

    def read(self) -> CalendarRead:
        groups: dict[str, list[Block]] = defaultdict(list)
        for block in self.calendar.events:
            if block.problem:
                self._bad(block.uid, block.line, block.problem)
            else:
                groups[block.uid].append(block)
        for uid, blocks in groups.items():
            if len(blocks) == 1 and not any(blocks[0].first(name) for name in REPEATING):
                self._single(blocks[0])
            else:
                self._series(uid, blocks)
        return self.result

    # -- single events ---------------------------------------------------------------------
    def _single(self, block: Block) -> None:
        start = block.first("DTSTART")
        if start is None:
            self._bad(block.uid, block.line, _("no DTSTART (no date)"))
            return
        try:
            when = self._when(start.value, start.params)
        except ValueError:
            self._bad(
                block.uid,
                block.line,
                _("DTSTART {value!r} is not a date").format(value=start.value[:40]),
            )
            return
        organizer = block.first("ORGANIZER")
        self._take(
            Source(
                uid=block.uid,
                line=block.line,
                start=when,
                get=block.value,
                people=[(line.value, line.params) for line in block.all("ATTENDEE")],
                organizer=(organizer.value, organizer.params) if organizer else None,
            )
        )

    def _when(self, value: str, params: Mapping[str, str]) -> date | datetime:
        text = value.strip()
        if params.get("VALUE", "").upper() == "DATE" or len(text) == 8:
            return datetime.strptime(text[:8], "%Y%m%d").date()
        moment = datetime.strptime(text[:15], "%Y%m%dT%H%M%S")
        if text.endswith(("Z", "z")):
            return moment.replace(tzinfo=UTC)
        tzid = params.get("TZID")
        zone = self._zone(tzid) if tzid else None
        return moment.replace(tzinfo=zone or self.floating_zone)

    def _zone(self, tzid: str) -> tzinfo | None:
        """A TZID as a zone: an IANA name, a Windows name, or the file's own VTIMEZONE."""
        tzid = tzid.strip()
        if not tzid:
            return None
        if tzid not in self._zones:
            self._zones[tzid] = resolve_zone(tzid, self.calendar.timezones.get(tzid))
        return self._zones[tzid]

    # -- repeating events ------------------------------------------------------------------
    def _series(self, uid: str, blocks: list[Block]) -> None:
        start = self.today.replace(year=self.today.year - self.rules.years_back)
        self.result.window_start = start
        try:
            found = expand_series(
                self.calendar, blocks, start, self.today, self.rules.max_occurrences
            )
        except SeriesError as error:
            self._bad(uid, blocks[0].line, str(error))
            return
        self.result.series[uid] = keys = set()
        for occurrence in found:
            source = occurrence_source(uid, blocks[0].line, occurrence)
            if source is not None:
                keys.add(_key(uid, source.recurrence))
                self._take(source)

    # -- both ------------------------------------------------------------------------------
    def _take(self, source: Source) -> None:
        start = source.start
        if isinstance(start, datetime):
            day = start.astimezone(self.zone).date() if start.tzinfo else start.date()
        else:
            day = start
        key = _key(source.uid, source.recurrence)
        skipped = self.result.skipped
        if day > self.today or (
            self.now is not None
            and isinstance(start, datetime)
            and start.tzinfo
            and start > self.now
        ):
            skipped["future"] += 1
            return
        get = source.get
        if get("STATUS").strip().upper() == "CANCELLED":
            skipped["cancelled"] += 1
            self.result.cancelled.add(key)
            return
        if self.rules.skip_private and get("CLASS").strip().upper() in ("PRIVATE", "CONFIDENTIAL"):
            skipped["private"] += 1
            return
        others, declined = self._others(source)
        if declined:
            skipped["declined"] += 1
            self.result.cancelled.add(key)
            return
        if not others:
            skipped["alone"] += 1
            return
        title = clean_optional(get("SUMMARY")[:300])
        self.result.meetings.append(
            Meeting(
                key,
                source.uid,
                day,
                self._kind(start, others, title, get),
                others,
                title,
                source.line,
            )
        )

    def _others(self, source: Source) -> tuple[list[Attendee], bool]:
        """The other people there (rooms, and those who declined, left out) and whether the
        user declined."""
        people: list[Attendee] = []
        seen: set[str] = set()
        declined = False
        everyone = list(source.people)
        if source.organizer is not None:
            everyone.append(source.organizer)
        for value, params in everyone:
            if params.get("CUTYPE", "").upper() in ROOMS:
                continue
            address = email_address(value) or email_address(params.get("EMAIL", ""))
            status = params.get("PARTSTAT", "").upper()
            if address in self.own:
                declined = declined or status == "DECLINED"
                continue
            if status == "DECLINED" or (address and address.endswith(NOT_PEOPLE)):
                continue
            name = clean_optional(params.get("CN", "")[:200])
            if name and email_address(name) == address:
                name = None
            identity = address or (name or "").casefold()
            if identity and identity not in seen:
                seen.add(identity)
                people.append(Attendee(address, name))
        return people, declined

    def _kind(
        self, start: date | datetime, others: list[Attendee], title: str | None, get: Any
    ) -> str:
        if not isinstance(start, datetime) or len(others) >= self.rules.event_attendees:
            return "event"
        if held_keywords(title, self.rules.call_words):
            return "call"
        links = self.rules.call_links
        if links:
            text = " ".join(get(name) for name in LINK_FIELDS).casefold()
            if any(link in text for link in links):
                return "call"
        return "meeting"

    def _bad(self, uid: str, line: int, reason: str) -> None:
        self.result.bad.append(f"event {uid[:80]} (line {line}): {reason}")


def _key(uid: str, recurrence: str | None) -> str:
    return f"ics:{uid}" if recurrence is None else f"ics:{uid}/{recurrence}"
