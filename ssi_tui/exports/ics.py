"""Plans as an iCalendar file (RFC 5545, written with `icalendar`): one recurring event per plan,
for any calendar app.

Each plan is a VEVENT with its RRULE from the plan's start (at the time of day of
`data/calendar.toml`, in the system's time zone, VTIMEZONE included), a duration by kind, what
to do and for whom, a reminder, and its done and skipped occurrences as EXDATE. The UID comes
from the plan id and SEQUENCE counts the occurrences decided since the plan was made, so that
importing the file again into Google Calendar, Outlook or Apple Calendar updates the events
instead of duplicating them. icalendar folds lines at 75 octets, ends them with CRLF and escapes
text.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, vRecur

from ssi_tui.domain.calendar_config import FILE, CalendarConfig, load_calendar_config
from ssi_tui.domain.catalog import Catalog
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.recurrence import occurrences
from ssi_tui.paths import package_data_dir, user_config_dir
from ssi_tui.wording import _

PRODID = "-//ssi-tui//planned actions//EN"


@dataclass(frozen=True, slots=True)
class CalendarSettings:
    """How plans look in a calendar: the time of day, the reminder, each kind's duration."""

    start: time = time(9, 0)
    alarm_minutes: int = 10
    minutes: Mapping[str, int] = field(default_factory=lambda: {"default": 15})
    zone: str = "UTC"

    def duration(self, kind: str) -> timedelta:
        """How long an action of this kind takes."""
        return timedelta(minutes=self.minutes.get(kind, self.minutes.get("default", 15)))


def read_settings(zone: str | None = None) -> CalendarSettings:
    """The shipped `calendar.toml` with the user's over it, in the system's time zone unless
    `zone` names one (`DataFileError` for a bad file)."""
    config = calendar_config()
    hours, minutes = (int(part) for part in config.start.split(":"))
    return CalendarSettings(
        start=time(hours, minutes),
        alarm_minutes=config.alarm_minutes,
        minutes=dict(config.minutes),
        zone=zone or system_zone(),
    )


def calendar_config() -> CalendarConfig:
    """The calendar settings: shipped, with the user's `calendar.toml` over them."""
    return load_calendar_config(package_data_dir() / FILE, user_config_dir() / FILE)


def system_zone() -> str:
    """The system's IANA time zone name (TZ, else /etc/localtime's target), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and valid_zone(name):
            return name
    return "UTC"


def valid_zone(name: str) -> bool:
    """Whether `name` is a time zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def plans_calendar(
    plans: Iterable[Plan],
    decided: Mapping[str, Iterable[date]],
    catalog: Catalog,
    settings: CalendarSettings,
    stamp: datetime,
    agenda: tuple[date, date] | None = None,
) -> bytes:
    """The iCalendar file of `plans`; `decided` gives each plan's done and skipped occurrences
    (left out of its series as EXDATE); `stamp` is DTSTAMP (now, in UTC). With `agenda` (first,
    last day), each open occurrence in that span is an event of its own instead of a series
    (for calendars that mishandle RRULE)."""
    zone = ZoneInfo(settings.zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("ssi-tui plans"))
    for plan in plans:
        days = sorted(set(decided.get(plan.id, ())))
        if agenda is None:
            calendar.add_component(_event(plan, days, catalog, settings, zone, stamp))
            continue
        for day in occurrences(plan.recurrence, plan.start, *agenda):
            if day not in days:
                calendar.add_component(_single(plan, day, catalog, settings, zone, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(
    plan: Plan,
    decided: list[date],
    catalog: Catalog,
    settings: CalendarSettings,
    zone: ZoneInfo,
    stamp: datetime,
) -> Event:
    """The plan as one recurring event, its decided occurrences left out."""
    event = _planned(f"{plan.id}@ssi-tui", plan, plan.start, catalog, settings, zone, stamp)
    changed = max([plan.start, *decided])
    event.add("last-modified", datetime.combine(changed, time(0, 0), tzinfo=UTC))
    event.add("sequence", len(decided))
    rule = vRecur.from_ical(plan.rule)
    if plan.until is not None:  # the last day in full, in UTC as RFC 5545 wants with a TZID
        rule["UNTIL"] = datetime.combine(plan.until, time(23, 59, 59), tzinfo=zone).astimezone(UTC)
    if plan.count is not None:
        rule["COUNT"] = plan.count
    event.add("rrule", rule)
    if decided:
        at = settings.start
        event.add("exdate", [datetime.combine(day, at, tzinfo=zone) for day in decided])
    return event


def _single(
    plan: Plan,
    day: date,
    catalog: Catalog,
    settings: CalendarSettings,
    zone: ZoneInfo,
    stamp: datetime,
) -> Event:
    """One occurrence as an event of its own (its UID: the plan's and the day)."""
    uid = f"{plan.id}-{day.isoformat()}@ssi-tui"
    return _planned(uid, plan, day, catalog, settings, zone, stamp)


def _planned(
    uid: str,
    plan: Plan,
    day: date,
    catalog: Catalog,
    settings: CalendarSettings,
    zone: ZoneInfo,
    stamp: datetime,
) -> Event:
    """What every event of a plan has: when, how long, what to do for whom, the reminder."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", datetime.combine(day, settings.start, tzinfo=zone))
    event.add("duration", settings.duration(plan.kind))
    summary = summary_of(plan, catalog)
    event.add("summary", summary)
    event.add("description", description_of(plan, catalog))
    event.add("categories", ["ssi-tui"])
    if settings.alarm_minutes > 0:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(minutes=-settings.alarm_minutes))
        alarm.add("description", summary)
        event.add_component(alarm)
    return event


def summary_of(plan: Plan, catalog: Catalog) -> str:
    """E.g. 'Comment — Ada Example (Contoso)', 'Message sent — prospects'."""
    whom = plan.who or plan.audience
    label = catalog.label(plan.kind)
    label = label[:1].upper() + label[1:]
    return f"{label} — {whom}" if whom else label


def description_of(plan: Plan, catalog: Catalog) -> str:
    """What to do, for whom, and how to say it is done."""
    kind = catalog.kinds.get(plan.kind)
    lines = [
        _("What: {value}").format(value=catalog.label(plan.kind))
        + (_(" ({pillar})").format(pillar=kind.pillar) if kind else "")
    ]
    if plan.audience:
        lines.append(_("For: {audience}").format(audience=plan.audience))
    if plan.who:
        lines.append(_("With: {who}").format(who=plan.who))
    if plan.personalised:
        lines.append(_("Personalised: a line about them, not a template"))
    if plan.note:
        lines.append(_("Note: {note}").format(note=plan.note))
    lines.append(
        _(
            "Planned in ssi-tui (plan {short_id}): `ssi-tui done {short_id}` once done, or x on the Planner screen."
        ).format(short_id=plan.short_id)
    )
    return "\n".join(lines)
