"""Recurrence of planned actions: presets and RFC 5545 RRULEs, evaluated by day with dateutil.

Plans recur by calendar day, so rules are evaluated from a naive midnight at the start date:
occurrences are plain dates and a daylight-saving change can neither add nor drop a day.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

from ssi_tui.wording import _
from ssi_tui.wording.recurrence import describe_schedule, preset_label

PRESETS = ("daily", "weekdays", "weekly", "biweekly", "monthly")
PRESET_HELP = "daily, weekdays, weekly, biweekly, monthly"


def rule_hint() -> str:
    """What a rule can be (said after a rule that is not one)."""
    return _("use a preset ({presets}) or an RRULE such as FREQ=WEEKLY;BYDAY=TU,TH").format(
        presets=PRESET_HELP
    )


DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")
FIRST_WITHIN_YEARS = 5
# An impossible rule (FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30) makes dateutil scan to year 9999,
# several seconds; a rule whose first occurrence is this slow to find is refused instead.
SEARCH_SECONDS = 1.0


class RuleError(ValueError):
    """A recurrence that cannot be used: the message names the problem and how to fix it."""


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A rule body (FREQ=…, no DTSTART/UNTIL/COUNT) and its optional end."""

    rule: str
    until: date | None = None
    count: int | None = None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time())


def preset_rule(name: str, start: date) -> str:
    """The RRULE of a preset, anchored at `start` (weekly on its weekday, monthly on its day).

    `monthly` from the 29th-31st falls back to a shorter month's last day instead of skipping
    the month (RFC 5545 alone would skip it).
    """
    day = DAY_CODES[start.weekday()]
    if name == "daily":
        return "FREQ=DAILY"
    if name == "weekdays":
        return "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    if name == "weekly":
        return f"FREQ=WEEKLY;BYDAY={day}"
    if name == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={day}"
    if name == "monthly":
        if start.day > 28:
            return f"FREQ=MONTHLY;BYMONTHDAY={start.day},-1;BYSETPOS=1"
        return f"FREQ=MONTHLY;BYMONTHDAY={start.day}"
    raise RuleError(_("unknown preset {name!r}; {hint}").format(name=name, hint=rule_hint()))


def _until_date(value: str, text: str) -> date:
    digits = value[:8]
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise RuleError(
            _("invalid rule {text!r}: UNTIL={value} is not a YYYYMMDD date").format(
                text=text, value=value
            )
        ) from None


def _split(text: str) -> list[tuple[str, str]]:
    """KEY=VALUE parts of a rule body, upper-cased; a syntax problem is a RuleError."""
    body = text.strip()
    if "\n" in body or "\r" in body or body.upper().startswith(("DTSTART", "EXDATE", "RDATE")):
        raise RuleError(
            _(
                "invalid rule {text!r}: give one RRULE line; the start is set with --start / Start"
            ).format(text=text)
        )
    body = body.upper().removeprefix("RRULE:")
    parts: list[tuple[str, str]] = []
    seen: set[str] = set()
    for part in filter(None, (piece.strip() for piece in body.split(";"))):
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise RuleError(
                _("invalid rule {text!r}: {part!r} is not KEY=VALUE; {hint}").format(
                    text=text, part=part, hint=rule_hint()
                )
            )
        if key in seen:
            raise RuleError(
                _("invalid rule {text!r}: {key} appears twice").format(text=text, key=key)
            )
        seen.add(key)
        parts.append((key, value))
    return parts


def parse_rule(
    text: str, start: date, until: date | None = None, count: int | None = None
) -> Recurrence:
    """A preset or RRULE (with an optional end) as a checked `Recurrence` anchored at `start`.

    UNTIL and COUNT written inside the rule move to the recurrence's end fields; an end given
    both ways, or UNTIL and COUNT together, is refused.
    """
    name = " ".join(text.split()).lower()
    if not name:
        raise RuleError(_("empty rule; {hint}").format(hint=rule_hint()))
    if name in PRESETS:
        rule = preset_rule(name, start)
    elif "=" not in text:
        raise RuleError(
            _("unknown preset {value!r}; {hint}").format(value=text.strip(), hint=rule_hint())
        )
    else:
        parts = _split(text)
        keys = dict(parts)
        if "FREQ" not in keys:
            raise RuleError(
                _("invalid rule {text!r}: FREQ is missing; {hint}").format(
                    text=text, hint=rule_hint()
                )
            )
        if keys["FREQ"] in SUB_DAILY:
            raise RuleError(
                _(
                    "invalid rule {text!r}: plans recur by day at most; use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
                ).format(text=text)
            )
        interval = keys.get("INTERVAL", "1")
        if not interval.isdigit() or not 1 <= int(interval) <= 1000:
            raise RuleError(
                _("invalid rule {text!r}: INTERVAL must be a whole number 1-1000").format(text=text)
            )
        if any(key in keys for key in TIME_PARTS):
            raise RuleError(
                _("invalid rule {text!r}: plans are by day; drop BYHOUR/BYMINUTE/BYSECOND").format(
                    text=text
                )
            )
        if "UNTIL" in keys:
            if until is not None:
                raise RuleError(
                    _("invalid rule {text!r}: the end is given twice (UNTIL and until)").format(
                        text=text
                    )
                )
            until = _until_date(keys["UNTIL"], text)
        if "COUNT" in keys:
            if count is not None:
                raise RuleError(
                    _("invalid rule {text!r}: the count is given twice").format(text=text)
                )
            try:
                count = int(keys["COUNT"])
            except ValueError:
                raise RuleError(
                    _("invalid rule {text!r}: COUNT must be a whole number").format(text=text)
                ) from None
        ordered = [("FREQ", keys["FREQ"])] + [
            (key, value) for key, value in parts if key not in ("FREQ", "UNTIL", "COUNT")
        ]
        rule = ";".join(f"{key}={value}" for key, value in ordered)
    recurrence = Recurrence(rule, until, count)
    check_recurrence(recurrence, start, original=text)
    return recurrence


def check_recurrence(recurrence: Recurrence, start: date, original: str | None = None) -> None:
    """Refuse a rule dateutil cannot read, an end before the start, or UNTIL with COUNT."""
    shown = original if original is not None else recurrence.rule
    if recurrence.until is not None and recurrence.count is not None:
        raise RuleError(_("give an end date (until) or a count, not both"))
    if recurrence.until is not None and recurrence.until < start:
        raise RuleError(
            _("until {until} is before the start {start}").format(
                until=recurrence.until.isoformat(), start=start.isoformat()
            )
        )
    if recurrence.count is not None and not 1 <= recurrence.count <= 10_000:
        raise RuleError(_("count must be 1-10000, got {count}").format(count=recurrence.count))
    try:
        build_rule(recurrence, start)
    except RuleError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise RuleError(
            _("invalid rule {shown!r}: {error}; {hint}").format(
                shown=shown, error=error, hint=rule_hint()
            )
        ) from None


def build_rule(recurrence: Recurrence, start: date) -> rrule:
    """The dateutil rule for a recurrence anchored at midnight on `start`."""
    parsed = rrulestr(recurrence.rule, dtstart=_midnight(start))
    if not isinstance(parsed, rrule):  # pragma: no cover - one RRULE line always gives an rrule
        raise RuleError(_("invalid rule {rule!r}: not a single RRULE").format(rule=recurrence.rule))
    frequency = recurrence.rule.split(";", 1)[0].removeprefix("FREQ=")
    if frequency not in FREQUENCIES:
        raise RuleError(
            _("invalid rule {rule!r}: FREQ must be one of {frequencies}").format(
                rule=recurrence.rule, frequencies=FREQUENCIES
            )
        )
    if recurrence.until is not None:
        parsed = parsed.replace(until=_midnight(recurrence.until))
    elif recurrence.count is not None:
        parsed = parsed.replace(count=recurrence.count)
    return parsed


def _search_first(rule: rrule, start: date, found: list[datetime | None]) -> None:
    try:
        found.append(rule.after(_midnight(start), inc=True))
    except (ValueError, OverflowError):  # dateutil ran past year 9999: no occurrence
        found.append(None)


def first_occurrence(recurrence: Recurrence, start: date) -> date | None:
    """The first occurrence on or after `start`, if one comes within five years (else None)."""
    rule = build_rule(recurrence, start)
    found: list[datetime | None] = []
    worker = threading.Thread(target=_search_first, args=(rule, start, found), daemon=True)
    worker.start()
    worker.join(SEARCH_SECONDS)
    if not found or found[0] is None:
        return None
    first = found[0].date()
    return first if first <= start + relativedelta(years=FIRST_WITHIN_YEARS) else None


def require_occurrence(recurrence: Recurrence, start: date, original: str | None = None) -> date:
    """The first occurrence; a rule that never occurs (or not within five years) is refused."""
    first = first_occurrence(recurrence, start)
    if first is None:
        shown = original if original is not None else recurrence.rule
        if recurrence.until is not None:
            text = _(
                "rule {rule!r} has no occurrence before {until} within {years} years of {start}"
            )
        else:
            text = _("rule {rule!r} has no occurrence within {years} years of {start}")
        raise RuleError(
            text.format(
                rule=shown,
                until=recurrence.until.isoformat() if recurrence.until else "",
                years=FIRST_WITHIN_YEARS,
                start=start.isoformat(),
            )
        )
    return first


def occurrences(recurrence: Recurrence, start: date, first: date, last: date) -> list[date]:
    """Occurrence dates from `first` to `last` inclusive (never before `start`)."""
    low = max(first, start)
    if last < low:
        return []
    if recurrence.until is not None:
        last = min(last, recurrence.until)
        if last < low:
            return []
    rule = build_rule(recurrence, start)
    found = rule.between(_midnight(low), _midnight(last), inc=True)
    return sorted({moment.date() for moment in found})


def next_occurrence(recurrence: Recurrence, start: date, after: date) -> date | None:
    """The first occurrence strictly after `after` (None once the rule has ended)."""
    rule = build_rule(recurrence, start)
    if recurrence.until is not None and after >= recurrence.until:
        return None
    moment = rule.after(_midnight(max(after, start - timedelta(days=1))) + timedelta(hours=23))
    return moment.date() if moment is not None else None


@dataclass(frozen=True, slots=True)
class Schedule:
    """A recurrence in parts, for `ssi_tui.wording.recurrence` to describe."""

    frequency: str  # DAILY, WEEKLY, MONTHLY, YEARLY (as in the rule)
    interval: int
    days: tuple[tuple[int | None, str], ...] = ()  # (position, day code): (None, "TU"), (-1, "FR")
    weekdays: bool = False  # weekly on Monday to Friday
    month_days: tuple[int, ...] = ()  # BYMONTHDAY (-1: the last day)
    or_last: bool = False  # BYMONTHDAY=N,-1 with BYSETPOS=1: day N, or the month's last
    extras: tuple[str, ...] = ()  # any other part of the rule, as written
    until: date | None = None
    count: int | None = None


def _day(code: str) -> tuple[int | None, str]:
    """'TU' → (None, 'TU'), '-1FR' → (-1, 'FR'), '2MO' → (2, 'MO'); unknown codes as written."""
    day, position = code[-2:], code[:-2].lstrip("+")
    if day not in DAY_CODES:
        return None, code
    if not position:
        return None, day
    try:
        return int(position), day
    except ValueError:
        return None, code


def schedule(recurrence: Recurrence) -> Schedule:
    """The parts of a recurrence that its description names."""
    keys = dict(part.split("=", 1) for part in recurrence.rule.split(";") if "=" in part)
    frequency = keys.get("FREQ", "")
    interval = int(keys.get("INTERVAL", "1") or 1)
    codes = keys["BYDAY"].split(",") if keys.get("BYDAY") else []
    weekdays = frequency == "WEEKLY" and codes == list(DAY_CODES[:5])
    month_text = keys.get("BYMONTHDAY", "")
    or_last = keys.get("BYSETPOS") == "1" and month_text.endswith(",-1")
    try:
        month_days = tuple(int(value) for value in month_text.split(",")) if month_text else ()
    except ValueError:
        month_days = ()
    extras = tuple(
        f"{key}={value}"
        for key, value in keys.items()
        if key not in ("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY")
        and not (key == "BYSETPOS" and or_last)
    )
    return Schedule(
        frequency=frequency,
        interval=interval,
        days=() if weekdays else tuple(_day(code) for code in codes),
        weekdays=weekdays,
        month_days=month_days,
        or_last=or_last,
        extras=extras,
        until=recurrence.until,
        count=recurrence.count,
    )


def describe(recurrence: Recurrence) -> str:
    """A short human description, e.g. 'weekly on Tue, Thu' (`ssi_tui.wording.recurrence`)."""
    return describe_schedule(schedule(recurrence))


def rule_label(text: str) -> str:
    """A preset's name as is, an RRULE described ('weekly on Tue, Thu')."""
    name = text.strip().lower()
    if name in PRESETS:
        return preset_label(name)
    return describe(Recurrence(text.strip().upper().removeprefix("RRULE:")))
