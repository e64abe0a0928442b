"""The agenda (overdue, today, this week) and streaks, from plans, plan activities and skips.

An occurrence is done when an activity links to it (`plan_id` + `occurrence`), skipped when a
skip event names it, open otherwise. Done on time means done on or before the occurrence's day;
done after it is late: the activity counts in the scores on the day it was done, and the
streak stays as it was (the occurrence, missed on its day, is still a break: doing it late
neither extends the streak nor mends it).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from ssi_tui.domain.models import Activity
from ssi_tui.domain.plans import Plan, PlanEvent
from ssi_tui.domain.recurrence import occurrences

Status = Literal["open", "done", "skipped"]
OVERDUE_DAYS = 14
WEEK_DAYS = 7
# A plan's occurrence may be done up to this many days early (the agenda shows a week ahead).
EARLY_DAYS = 7


@dataclass(frozen=True, slots=True)
class Ledger:
    """Done and skipped occurrences, by (plan id, occurrence date)."""

    done: dict[tuple[str, date], Activity] = field(default_factory=dict)
    skipped: dict[tuple[str, date], PlanEvent] = field(default_factory=dict)

    @classmethod
    def build(cls, activities: Iterable[Activity], events: Iterable[PlanEvent]) -> Ledger:
        """Index plan activities and skip events (the earliest activity wins a duplicate)."""
        done: dict[tuple[str, date], Activity] = {}
        for activity in activities:
            if activity.plan_id and activity.occurrence is not None:
                key = (activity.plan_id, activity.occurrence)
                if key not in done or (activity.date, activity.id) < (done[key].date, done[key].id):
                    done[key] = activity
        skipped = {(event.plan_id, event.occurrence): event for event in events}
        return cls(done, skipped)

    def status(self, plan_id: str, day: date) -> Status:
        """What happened to one occurrence."""
        if (plan_id, day) in self.done:
            return "done"
        if (plan_id, day) in self.skipped:
            return "skipped"
        return "open"

    def on_time(self, plan_id: str, day: date) -> bool:
        """Whether the occurrence was done on or before its day."""
        activity = self.done.get((plan_id, day))
        return activity is not None and activity.date <= day

    def late(self, plan_id: str, day: date) -> bool:
        """Whether the occurrence was done, after its day."""
        activity = self.done.get((plan_id, day))
        return activity is not None and activity.date > day


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One occurrence of a plan on the agenda."""

    plan: Plan
    date: date
    status: Status
    activity_id: str | None = None
    event_id: str | None = None
    late: bool = False  # done, after its day

    @property
    def key(self) -> str:
        """Stable id of the occurrence: plan id and date."""
        return f"{self.plan.id}@{self.date.isoformat()}"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui agenda --json` items."""
        return {
            "plan_id": self.plan.id,
            "date": self.date.isoformat(),
            "kind": self.plan.kind,
            "audience": self.plan.audience,
            "contact": self.plan.contact,
            "company": self.plan.company,
            "personalised": self.plan.personalised,
            "note": self.plan.note,
            "status": self.status,
            "late": self.late,
        }


@dataclass(frozen=True, slots=True)
class Agenda:
    """What is due as of a date: open past items, today's, the rest of the week, recent history."""

    as_of: date
    overdue: list[AgendaItem]
    today: list[AgendaItem]
    week: list[AgendaItem]
    handled: list[AgendaItem]

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        """`{"overdue": [...], "today": [...], "week": [...]}`."""
        return {
            "overdue": [item.as_dict() for item in self.overdue],
            "today": [item.as_dict() for item in self.today],
            "week": [item.as_dict() for item in self.week],
        }

    @property
    def open_today(self) -> list[AgendaItem]:
        """Today's items still to do."""
        return [item for item in self.today if item.status == "open"]


def _item(plan: Plan, day: date, ledger: Ledger) -> AgendaItem:
    key = (plan.id, day)
    activity = ledger.done.get(key)
    event = ledger.skipped.get(key)
    return AgendaItem(
        plan,
        day,
        ledger.status(plan.id, day),
        activity.id if activity else None,
        event.id if event else None,
        ledger.late(plan.id, day),
    )


def _order(item: AgendaItem) -> tuple[date, str, str, str]:
    return (item.date, item.plan.kind, item.plan.who, item.plan.id)


def build_agenda(plans: Sequence[Plan], ledger: Ledger, as_of: date) -> Agenda:
    """Overdue: open occurrences of the last 14 days; today; week: the next 6 days after today.

    `handled` lists the last 14 days' done or skipped occurrences (so they can be undone).
    """
    first = as_of - timedelta(days=OVERDUE_DAYS)
    last = as_of + timedelta(days=WEEK_DAYS - 1)
    overdue: list[AgendaItem] = []
    today: list[AgendaItem] = []
    week: list[AgendaItem] = []
    handled: list[AgendaItem] = []
    for plan in plans:
        for day in occurrences(plan.recurrence, plan.start, first, last):
            item = _item(plan, day, ledger)
            if day == as_of:
                today.append(item)
            elif day > as_of:
                week.append(item)
            elif item.status == "open":
                overdue.append(item)
            else:
                handled.append(item)
    for items in (overdue, today, week, handled):
        items.sort(key=_order)
    handled.reverse()  # most recent first
    return Agenda(as_of, overdue, today, week, handled)


def open_occurrences(plan: Plan, ledger: Ledger, as_of: date) -> list[date]:
    """A plan's open occurrences from 14 days back to `as_of`, earliest first."""
    first = as_of - timedelta(days=OVERDUE_DAYS)
    return [
        day
        for day in occurrences(plan.recurrence, plan.start, first, as_of)
        if ledger.status(plan.id, day) == "open"
    ]


@dataclass(frozen=True, slots=True)
class Streak:
    """Consecutive occurrences done on time: the current run and the best one."""

    current: int = 0
    best: int = 0
    since: date | None = None


def _runs(outcomes: Iterable[tuple[date, bool | None]]) -> Streak:
    """Runs of True in date order; None (skipped, or today still open) neither counts nor breaks."""
    current = best = 0
    since: date | None = None
    for day, on_time in outcomes:
        if on_time is None:
            continue
        if on_time:
            current += 1
            if current == 1:
                since = day
            best = max(best, current)
        else:
            current = 0
            since = None
    return Streak(current, best, since)


def _outcome(plan: Plan, day: date, ledger: Ledger, as_of: date) -> bool | None:
    status = ledger.status(plan.id, day)
    if status == "skipped" or (status == "open" and day == as_of):
        return None
    return ledger.on_time(plan.id, day)


def plan_streak(plan: Plan, ledger: Ledger, as_of: date) -> Streak:
    """The plan's streak as of a date.

    Each past occurrence done on time extends it; one missed breaks it, and stays a break when
    it is done late (late work counts in the scores, not in the streak). A skipped occurrence
    is passed over (skipping is a decision, missing is not), and so is today's while it is
    still open.
    """
    days = occurrences(plan.recurrence, plan.start, plan.start, as_of)
    return _runs((day, _outcome(plan, day, ledger, as_of)) for day in days)


def overall_streak(plans: Sequence[Plan], ledger: Ledger, as_of: date) -> Streak:
    """Consecutive days on which every planned action was done on time (counted in days).

    Days with nothing planned, or only skipped items, are passed over; today's open items are not
    missed yet, so today counts as soon as one of its items is done.
    """
    by_day: dict[date, list[bool | None]] = {}
    for plan in plans:
        for day in occurrences(plan.recurrence, plan.start, plan.start, as_of):
            by_day.setdefault(day, []).append(_outcome(plan, day, ledger, as_of))

    def day_outcome(values: list[bool | None]) -> bool | None:
        decided = [value for value in values if value is not None]
        return all(decided) if decided else None

    return _runs((day, day_outcome(by_day[day])) for day in sorted(by_day))
