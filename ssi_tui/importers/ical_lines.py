"""An iCalendar file (RFC 5545) cut into its parts, cheaply and within bounds.

The file is read line by line: folded lines are joined back, each content line split into its
name, parameters and value, and the lines grouped into the calendar's own properties, its
VTIMEZONE blocks (kept as text, for icalendar) and its VEVENT blocks (with the line each starts
on, to report a bad one). Only what an import reads is kept: an event's DESCRIPTION is looked
through for a conferencing link and dropped; VALARM blocks are skipped. A whole file is refused
(`CalendarError`) when it is not iCalendar, too large, or holds too many events; one event with
a bad or over-long line is reported (`BadEvent`) and the others go on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ssi_tui.importers.decoding import BOMS
from ssi_tui.wording import _

MAX_FILE_BYTES = 30 * 1024 * 1024  # a three-year export with 5,000 events is ~5 MB
MAX_EVENTS = 50_000
MAX_LINE_CHARS = 256 * 1024  # a longer property (a pasted document, an image) is bad
# What an event's import reads; anything else (DTSTAMP, CREATED, X-… …) is dropped unread.
KEPT = frozenset(
    {
        "UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE",
        "RECURRENCE-ID", "SUMMARY", "LOCATION", "STATUS", "CLASS", "ORGANIZER", "ATTENDEE",
        "DESCRIPTION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "SEQUENCE",
        "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    }
)  # fmt: skip


class CalendarError(Exception):
    """The file cannot be imported as a calendar (nothing is stored)."""


@dataclass(slots=True)
class Line:
    """One content line: `DTSTART;TZID=Europe/Paris:20261102T090000`."""

    name: str
    params: dict[str, str]
    value: str
    raw: str  # the unfolded line, for icalendar when the event needs it


@dataclass(slots=True)
class Block:
    """One VEVENT: its lines (those kept) and the line of the file it starts on."""

    line: int
    lines: list[Line] = field(default_factory=list)
    problem: str | None = None

    def first(self, name: str) -> Line | None:
        """The first line with this name, if any."""
        return next((line for line in self.lines if line.name == name), None)

    def value(self, name: str) -> str:
        """The first such line's value ('' when there is none)."""
        found = self.first(name)
        return found.value if found is not None else ""

    def all(self, name: str) -> list[Line]:
        """Every line with this name."""
        return [line for line in self.lines if line.name == name]

    @property
    def uid(self) -> str:
        """The event's UID (its line number stands in for a missing one)."""
        return self.value("UID").strip() or f"line-{self.line}"

    def text(self) -> str:
        """The block as iCalendar text (only the lines kept)."""
        body = "\r\n".join(line.raw for line in self.lines)
        return f"BEGIN:VEVENT\r\n{body}\r\nEND:VEVENT"


@dataclass(slots=True)
class CalendarFile:
    """A calendar cut into parts."""

    properties: dict[str, str] = field(default_factory=dict)  # X-WR-TIMEZONE, X-WR-CALNAME…
    timezones: dict[str, str] = field(default_factory=dict)  # TZID → its VTIMEZONE block
    events: list[Block] = field(default_factory=list)


def read_calendar(path: Path) -> CalendarFile:
    """Read and cut a calendar file; `CalendarError` (one line) when it cannot be imported."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CalendarError(
                _(
                    "{name} is {value:.0f} MB: more than a calendar export holds (at most {value2} MB); export a shorter period"
                ).format(
                    name=path.name, value=size / 1024 / 1024, value2=MAX_FILE_BYTES // 1024 // 1024
                )
            )
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CalendarError(
            _("cannot read {path}: {reason}").format(path=path, reason=reason)
        ) from None
    return parse_calendar(decode(data, path.name), path.name)


def decode(data: bytes, name: str) -> str:
    """The file's text: UTF-8 (a BOM says otherwise), bytes that are not UTF-8 read as cp1252."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse_calendar(text: str, name: str | None = None) -> CalendarFile:
    """Cut a calendar's text into parts (see the module's docstring)."""
    name = name or _("the file")
    found = CalendarFile()
    lines = unfolded(text)
    first = next(lines, None)
    if first is None or first[1].strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarError(
            _("{name} is not an iCalendar file (it does not start with BEGIN:VCALENDAR)").format(
                name=name
            )
        )
    event: Block | None = None
    nested: list[str] = []  # components inside the current event (VALARM…), skipped
    zone: list[str] | None = None
    for number, raw in lines:
        upper = raw[:16].upper()
        if zone is not None:
            zone.append(raw)
            if upper.startswith("END:VTIMEZONE"):
                _add_zone(found, zone)
                zone = None
            continue
        if event is not None:
            if upper.startswith("BEGIN:"):
                nested.append(upper)
            elif upper.startswith("END:VEVENT") and not nested:
                found.events.append(event)
                event = None
            elif upper.startswith("END:"):
                if nested:
                    nested.pop()
            elif not nested:
                _add_line(event, raw, number)
            continue
        if upper.startswith("BEGIN:VEVENT"):
            if len(found.events) >= MAX_EVENTS:
                raise CalendarError(
                    _(
                        "{name} holds more than {MAX_EVENTS:,} events: export a shorter period"
                    ).format(name=name, MAX_EVENTS=MAX_EVENTS)
                )
            event = Block(number)
        elif upper.startswith("BEGIN:VTIMEZONE"):
            zone = [raw]
        elif ":" in raw and not upper.startswith(("BEGIN:", "END:")):
            key, _colon, value = raw.partition(":")
            found.properties.setdefault(key.split(";", 1)[0].upper(), value[:200])
    if event is not None:
        event.problem = event.problem or _("the event has no END:VEVENT (the file is cut short)")
        found.events.append(event)
    return found


def unfolded(text: str) -> Iterator[tuple[int, str]]:
    """Each logical line with the number of the file line it starts on (folded lines — a
    CRLF followed by a space or a tab — joined back; blank lines skipped)."""
    current: list[str] = []
    length = start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if line[:1] in (" ", "\t") and current:
            if length <= MAX_LINE_CHARS:  # beyond, the line is bad anyway: stop copying it
                current.append(line[1:])
                length += len(line) - 1
            continue
        if current:
            yield start, "".join(current)
        current = [line] if line.strip() else []
        length, start = len(line), number
    if current:
        yield start, "".join(current)


def _add_zone(found: CalendarFile, lines: list[str]) -> None:
    for line in lines:
        if line[:5].upper() == "TZID:" or line[:5].upper() == "TZID;":
            found.timezones[line.partition(":")[2].strip()] = "\r\n".join(lines)
            return


def _add_line(event: Block, raw: str, number: int) -> None:
    end = len(raw)
    for mark in (raw.find(";"), raw.find(":")):
        if 0 <= mark < end:
            end = mark
    name = raw[:end].strip().upper()
    if name not in KEPT:  # most lines: dropped before any more work
        return
    head, colon, value = _split_value(raw)
    param_text = head.partition(";")[2]
    if len(raw) > MAX_LINE_CHARS:
        if name != "DESCRIPTION":  # a long description is only read for a link: left out
            event.problem = event.problem or _("line {number}: {name} is over {value} KB").format(
                number=number, name=name, value=MAX_LINE_CHARS // 1024
            )
        return
    if not colon:
        event.problem = event.problem or _("line {number}: {name} has no value").format(
            number=number, name=name
        )
        return
    event.lines.append(Line(name, parameters(param_text), value, raw))


def _split_value(raw: str) -> tuple[str, str, str]:
    """`NAME;PARAM="a:b":value` → the part before the first colon outside quotes, the colon,
    the value."""
    head, colon, value = raw.partition(":")
    if '"' not in head:  # no quoted parameter: the first colon ends the name and parameters
        return head, colon, value
    quoted = False
    for index, char in enumerate(raw):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return raw[:index], ":", raw[index + 1 :]
    return raw, "", ""


def parameters(text: str) -> dict[str, str]:
    """`CN="Lee, Ann";PARTSTAT=ACCEPTED` → {"CN": "Lee, Ann", "PARTSTAT": "ACCEPTED"} (names
    upper-cased, quotes removed, RFC 6868's ^n ^' ^^ decoded)."""
    found: dict[str, str] = {}
    if not text:
        return found
    if '"' not in text and "^" not in text:  # the usual case: plain NAME=VALUE pairs
        for part in text.split(";"):
            key, equals, value = part.partition("=")
            if equals:
                found[key.strip().upper()] = value
        return found
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    for part in parts:
        key, equals, value = part.partition("=")
        if equals:
            value = value.replace('"', "")
            if "^" in value:
                value = value.replace("^n", " ").replace("^'", '"').replace("^^", "^")
            found[key.strip().upper()] = value
    return found
