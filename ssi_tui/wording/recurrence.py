"""A plan's schedule in words, from the parts `ssi_tui.domain.recurrence.schedule` gives."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from ssi_tui.wording import N_, WEEKDAYS_SHORT, _, day, language, plural

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_NAMES = WEEKDAYS_SHORT
EVERY = {
    "DAILY": N_("daily"), "WEEKLY": N_("weekly"), "MONTHLY": N_("monthly"), "YEARLY": N_("yearly"),
}  # fmt: skip
# The presets' names (as typed: `--every weekly`) and how they read.
PRESET_LABELS = {
    "daily": N_("daily"), "weekdays": N_("on weekdays"), "weekly": N_("weekly"),
    "biweekly": N_("biweekly"), "monthly": N_("monthly"),
}  # fmt: skip


def preset_label(name: str) -> str:
    """A preset's name in the user's language ("weekly"; "chaque semaine")."""
    return _(PRESET_LABELS[name]) if name in PRESET_LABELS else name


def planned(rule: str, kind: str, personalised: bool = False) -> str:
    """A plan in a few words: "weekly comment", "weekly personalised message"."""
    if personalised:
        return _("{rule} personalised {kind}").format(rule=rule, kind=kind)
    return _("{rule} {kind}").format(rule=rule, kind=kind)


def every_n(frequency: str, n: int) -> str:
    """'every 2 weeks' (None for a frequency without words)."""
    if frequency == "DAILY":
        return plural(n, "every {n} day", "every {n} days").format(n=n)
    if frequency == "WEEKLY":
        return plural(n, "every {n} week", "every {n} weeks").format(n=n)
    if frequency == "MONTHLY":
        return plural(n, "every {n} month", "every {n} months").format(n=n)
    if frequency == "YEARLY":
        return plural(n, "every {n} year", "every {n} years").format(n=n)
    return f"every {n} {frequency.lower()}s"


class Parts(Protocol):
    """What a schedule gives (`ssi_tui.domain.recurrence.Schedule`)."""

    frequency: str
    interval: int
    days: tuple[tuple[int | None, str], ...]
    weekdays: bool
    month_days: tuple[int, ...]
    or_last: bool
    extras: tuple[str, ...]
    until: date | None
    count: int | None


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st… (in French: 1er, 2e, 3e…)"""
    if language() == "fr":
        return "1er" if number == 1 else f"{number}e"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number if number < 20 else number % 10, "th")
    return f"{number}{suffix}"


def day_name(position: int | None, code: str) -> str:
    """(None, 'TU') → 'Tue', (-1, 'FR') → 'last Fri', (2, 'MO') → '2nd Mon'."""
    if code not in DAY_CODES:
        return code
    name = _(DAY_NAMES[DAY_CODES.index(code)])
    if position is None:
        return name
    if position == -1:
        return _("last {day}").format(day=name)
    if position > 0:
        return _("{nth} {day}").format(nth=ordinal(position), day=name)
    return f"{position}{name}"


def describe_schedule(parts: Parts) -> str:
    """E.g. 'weekly on Tue, Thu', 'every 2 weeks on weekdays', 'monthly on day 15, until …'."""
    frequency = parts.frequency
    if parts.interval == 1:
        text = _(EVERY[frequency]) if frequency in EVERY else frequency.lower()
    else:
        text = every_n(frequency, parts.interval)
    if parts.weekdays:
        text = _("weekdays") if parts.interval == 1 else _("{every} on weekdays").format(every=text)
    elif parts.days:
        days = ", ".join(day_name(position, code) for position, code in parts.days)
        text = _("{every} on {days}").format(every=text, days=days)
    if parts.or_last:
        text = _("{every} on day {day} (or the month's last)").format(
            every=text, day=parts.month_days[0]
        )
    elif parts.month_days == (-1,):
        text = _("{every} on the last day").format(every=text)
    elif parts.month_days:
        days = ",".join(str(day) for day in parts.month_days)
        text = _("{every} on day {days}").format(every=text, days=days)
    if parts.extras:
        text += " (" + ";".join(parts.extras) + ")"
    if parts.until is not None:
        text = _("{schedule}, until {until}").format(schedule=text, until=day(parts.until))
    if parts.count is not None:
        text = plural(parts.count, "{schedule}, {n} time", "{schedule}, {n} times").format(
            schedule=text, n=parts.count
        )
    return text
