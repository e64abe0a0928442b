"""The planner over a workspace: plans, agenda, done/skip/undo, streaks, suggestions, nurturing.

Glue between the store and the domain (plans, recurrence, agenda, suggestions, nurture); the
command line and the app both call this, never the tables directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ssi_tui.domain.agenda import (
    EARLY_DAYS,
    OVERDUE_DAYS,
    WEEK_DAYS,
    Agenda,
    AgendaItem,
    Ledger,
    Streak,
    build_agenda,
    open_occurrences,
    overall_streak,
    plan_streak,
)
from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.models import Activity, Goals
from ssi_tui.domain.nurture import TouchStatus, losing_touch
from ssi_tui.domain.objectives import objective_progress, week_start
from ssi_tui.domain.plans import Plan, PlanEvent
from ssi_tui.domain.recurrence import (
    RuleError,
    describe,
    next_occurrence,
    occurrences,
    parse_rule,
    require_occurrence,
)
from ssi_tui.domain.suggestions import PlanSuggestion, suggest_plans, suggestion_text
from ssi_tui.services.errors import InputError
from ssi_tui.services.journal import undoable
from ssi_tui.services.plan_checks import matching_ids, prefix_problem
from ssi_tui.services.undo import Change
from ssi_tui.wording import plans as plan_words

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class PlanRow:
    """A plan with what the plan list shows: schedule, next occurrence, streak."""

    plan: Plan
    schedule: str
    next: date | None
    streak: Streak

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui plan list --json` entries."""
        return {
            **self.plan.model_dump(mode="json"),
            "schedule": self.schedule,
            "next": self.next.isoformat() if self.next else None,
            "streak": self.streak.current,
            "best_streak": self.streak.best,
        }


class Planner:
    """Plans and their occurrences for one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.store = workspace.store
        self.plans = self.store.plans
        self.events = self.store.plan_events

    # -- plans --------------------------------------------------------------------------------
    def check_plan(self, values: Mapping[str, Any], goals: Goals) -> Plan:
        """A form's values (text) → the plan, checked once (`services.plan_checks`)."""
        from ssi_tui.services.plan_checks import check_plan

        return check_plan(self, values, goals)

    def build_plan(self, fields: Mapping[str, Any], goals: Goals | None = None) -> Plan:
        """Validate form or command-line fields into a plan (preset or RRULE, known kind and
        audience, in `goals` when given, else the stored ones; an end after the start, at
        least one occurrence)."""
        kind = fields.get("kind") or ""
        if kind not in self.workspace.catalog:
            raise InputError(plan_words.unknown_kind(kind, sorted(self.workspace.catalog.kinds)))
        start = fields.get("start") or self.workspace.today
        rule_text = fields.get("rule") or ""
        try:
            recurrence = parse_rule(rule_text, start, fields.get("until"), fields.get("count"))
            require_occurrence(recurrence, start, rule_text)
        except RuleError as error:
            raise InputError(str(error)) from None
        values = {
            "kind": kind,
            "audience": self.workspace.goals.check_audience(fields.get("audience"), goals),
            "contact": fields.get("contact"),
            "company": fields.get("company"),
            "personalised": bool(fields.get("personalised")),
            "rule": recurrence.rule,
            "start": start,
            "until": recurrence.until,
            "count": recurrence.count,
            "note": fields.get("note") or "",
        }
        if fields.get("id"):
            values["id"] = fields["id"]
        try:
            return Plan.model_validate(values)
        except ValidationError as error:
            raise InputError(describe_validation_error(error, values)) from None

    def add_plan(self, fields: Mapping[str, Any]) -> Plan:
        """Validate and store a new plan."""
        return self.plans.add(self.build_plan(fields))

    def all_plans(self) -> list[Plan]:
        """Every valid plan, by start date (a hand-edited, invalid one is left out: see
        `Store.problems`)."""
        return self.plans.all()

    def find_plan(self, plan_id: str) -> Plan:
        """A plan by id or by a unique prefix of at least four characters."""
        text = plan_id.strip()
        plans = {plan.id: plan for plan in self.all_plans()}
        matches = matching_ids(text, plans)
        if len(matches) == 1:
            return plans[matches[0]]
        broken = None if matches else self._find_invalid_plan(text)
        if broken is not None:
            raise InputError(self.plans.invalid()[broken])
        raise InputError(prefix_problem(plan_id, matches, "plan", "`ssi-tui plan list`"))

    def remove_plan(self, plan_id: str) -> Plan | str:
        """Delete a plan and its skip events (activities done from it stay in the log); an
        invalid stored plan (edited by hand) can be removed by its id too (its id is returned)."""
        try:
            plan = self.find_plan(plan_id)
        except InputError:
            broken = self._find_invalid_plan(plan_id)
            if broken is None:
                raise
            self.plans.remove(broken)
            self._remove_events(broken)
            return broken
        self.plans.delete(plan.id)
        self._remove_events(plan.id)
        return plan

    @undoable
    def add_plan_undoably(self, fields: Mapping[str, Any] | Plan, what: str = "") -> Change[Plan]:
        """`add_plan` (or add a plan already checked), undoably."""
        plan = self.plans.add(fields) if isinstance(fields, Plan) else self.add_plan(fields)
        return Change(plan, what or plan_words.plan_added(plan.kind, describe(plan.recurrence)))

    @undoable
    def remove_plan_undoably(self, plan_id: str) -> Change[Plan | str]:
        """`remove_plan`, undoably (an undo brings back the plan and its skips)."""
        removed = self.remove_plan(plan_id)
        if isinstance(removed, str):
            return Change(removed, plan_words.invalid_plan_removed(removed[:8]))
        return Change(removed, plan_words.plan_removed(removed.kind))

    def _find_invalid_plan(self, plan_id: str) -> str | None:
        matches = matching_ids(plan_id.strip(), self.plans.invalid())
        return matches[0] if len(matches) == 1 else None

    def _remove_events(self, plan_id: str) -> None:
        for event in self.events.all():
            if event.plan_id == plan_id:
                self.events.delete(event.id)

    def plan_rows(self, as_of: date | None = None) -> list[PlanRow]:
        """Every plan with its schedule, next occurrence (from `as_of` on) and streak."""
        as_of = as_of or self.workspace.today
        plans = self.all_plans()
        ledger = self.ledger(plans)
        return [
            PlanRow(
                plan,
                describe(plan.recurrence),
                next_occurrence(plan.recurrence, plan.start, as_of - timedelta(days=1)),
                plan_streak(plan, ledger, as_of),
            )
            for plan in plans
        ]

    # -- occurrences ----------------------------------------------------------------------------
    def ledger(self, plans: Sequence[Plan], since: date | None = None) -> Ledger:
        """Done and skipped occurrences of these plans (plan activities dated from `since`)."""
        if not plans:
            return Ledger()
        ids = {plan.id for plan in plans}
        earliest = min(plan.start for plan in plans)
        # A done occurrence is dated at most EARLY_DAYS before the occurrence (see mark_done).
        low = max(since or earliest, earliest) - timedelta(days=EARLY_DAYS)
        activities = [
            activity
            for activity in self.store.activities.between(low, None)
            if activity.plan_id in ids
        ]
        events = [event for event in self.events.all() if event.plan_id in ids]
        return Ledger.build(activities, events)

    def agenda(self, as_of: date | None = None) -> Agenda:
        """Overdue, today's and this week's occurrences as of a date (default today)."""
        as_of = as_of or self.workspace.today
        plans = self.all_plans()
        ledger = self.ledger(plans, since=as_of - timedelta(days=OVERDUE_DAYS))
        return build_agenda(plans, ledger, as_of)

    def overall_streak(self, as_of: date | None = None) -> Streak:
        """Consecutive days with every planned action done on time."""
        as_of = as_of or self.workspace.today
        plans = self.all_plans()
        return overall_streak(plans, self.ledger(plans), as_of)

    def _occurrence(self, plan: Plan, day: date) -> None:
        """Refuse a date that is not an occurrence of the plan."""
        if day not in occurrences(plan.recurrence, plan.start, day, day):
            raise InputError(
                plan_words.not_an_occurrence(
                    day, plan.short_id, describe(plan.recurrence), plan.start
                )
            )

    def mark_done(self, plan_id: str, occurrence: date, done_on: date | None = None) -> Activity:
        """Log the plan's activity for one occurrence, dated the day it was done: today unless
        said (an overdue one done today is late: it counts in the scores today, and the streak
        stays as it was). It may not be after today, nor more than a week before the
        occurrence."""
        plan = self.find_plan(plan_id)
        today = self.workspace.today
        self._occurrence(plan, occurrence)
        ledger = self.ledger([plan], since=occurrence - timedelta(days=EARLY_DAYS))
        status = ledger.status(plan.id, occurrence)
        if status != "open":
            raise InputError(plan_words.already(plan.kind, occurrence, status))
        if occurrence > today + timedelta(days=WEEK_DAYS):
            raise InputError(plan_words.too_far_ahead(occurrence))
        day = done_on or today
        if day > today:
            raise InputError(plan_words.after_today(day, today))
        if day < occurrence - timedelta(days=EARLY_DAYS):
            raise InputError(plan_words.too_early(day, EARLY_DAYS, occurrence))
        activity, _ = self.workspace.activities.log(
            {
                "kind": plan.kind,
                "date": day,
                "audience": plan.audience,
                "contact": plan.contact,
                "company": plan.company,
                "personalised": plan.personalised,
                "note": plan.note,
                "source": "plan",
                "plan_id": plan.id,
                "occurrence": occurrence,
            }
        )
        return activity

    def done_next(
        self, plan_id: str, done_on: date | None = None, occurrence: date | None = None
    ) -> Activity:
        """Mark done, on `done_on` (default today): the `occurrence` given, else the one of
        that day when it is open, else the earliest open one (overdue: done late)."""
        plan = self.find_plan(plan_id)
        day = done_on or self.workspace.today
        return self.mark_done(plan.id, occurrence or self._open_occurrence(plan, day), day)

    def skip_next(self, plan_id: str, occurrence: date | None = None) -> PlanEvent:
        """Skip the `occurrence` given, else today's when it is open, else the earliest open."""
        plan = self.find_plan(plan_id)
        return self.skip(plan.id, occurrence or self._open_occurrence(plan, self.workspace.today))

    def _open_occurrence(self, plan: Plan, day: date) -> date:
        """The plan's occurrence of `day` when it is open, else its earliest open one (last 14
        days to today)."""
        today = self.workspace.today
        ledger = self.ledger([plan], since=today - timedelta(days=OVERDUE_DAYS))
        open_days = open_occurrences(plan, ledger, today)
        if day in open_days:
            return day
        if not open_days:
            upcoming = next_occurrence(plan.recurrence, plan.start, today)
            raise InputError(
                plan_words.nothing_open(plan.short_id, plan.kind, OVERDUE_DAYS, upcoming)
            )
        return open_days[0]

    def skip(self, plan_id: str, occurrence: date) -> PlanEvent:
        """Skip one occurrence (it leaves the agenda and does not break the streak)."""
        plan = self.find_plan(plan_id)
        self._occurrence(plan, occurrence)
        status = self.ledger([plan], since=occurrence - timedelta(days=EARLY_DAYS)).status(
            plan.id, occurrence
        )
        if status != "open":
            raise InputError(plan_words.already(plan.kind, occurrence, status))
        return self.events.add(PlanEvent(plan_id=plan.id, occurrence=occurrence))

    def undo(self, plan_id: str, occurrence: date) -> str:
        """Reopen an occurrence: delete its done activity or its skip. Returns what was undone."""
        plan = self.find_plan(plan_id)
        ledger = self.ledger([plan], since=occurrence - timedelta(days=EARLY_DAYS))
        key = (plan.id, occurrence)
        if key in ledger.done:
            self.store.activities.delete(ledger.done[key].id)
            return "done"
        if key in ledger.skipped:
            self.events.delete(ledger.skipped[key].id)
            return "skipped"
        raise InputError(plan_words.nothing_to_undo(plan.kind, occurrence))

    @undoable
    def act(self, item: AgendaItem, action: str, done_on: date | None = None) -> Change[str]:
        """Done (on `done_on`, default today) or skip on an agenda item, undoably (an undo
        reopens it)."""
        result = self.apply(item, action, done_on)
        what = result.split(" — ")[0]  # what was done, without the note on lateness
        return Change(result, what[:1].lower() + what[1:])

    def apply(self, item: AgendaItem, action: str, done_on: date | None = None) -> str:
        """Done (on `done_on`, default today) / skip / undo on an agenda item; returns a
        one-line result."""
        what = plan_words.occurrence(self.workspace.catalog.label(item.plan.kind), item.date)
        if action == "done":
            activity = self.mark_done(item.plan.id, item.date, done_on)
            return plan_words.done(what, activity.date, late=activity.date > item.date)
        if action == "skip":
            self.skip(item.plan.id, item.date)
            return plan_words.skipped(what)
        return plan_words.reopened(self.undo(item.plan.id, item.date), what)

    # -- suggestions and nurturing ----------------------------------------------------------------
    def suggestions(self, as_of: date | None = None) -> list[PlanSuggestion]:
        """Plans worth adopting: objectives behind this week, then the raised flags."""
        as_of = as_of or self.workspace.today
        goals = self.store.goals.get()
        week = self.store.activities.between(week_start(as_of), as_of)
        progress = objective_progress(goals, week, as_of)
        flags = self.workspace.report(as_of).flags
        return suggest_plans(progress, flags, self.all_plans(), self.workspace.catalog, as_of)

    def adopt(self, suggestion: PlanSuggestion, start: date | None = None) -> Change[Plan]:
        """Store the plan a suggestion describes, starting today (or `start`), undoably."""
        fields = suggestion.plan_fields(start or self.workspace.today)
        return self.add_plan_undoably(fields, plan_words.adopted(suggestion_text(suggestion)))

    def losing_touch(self, as_of: date | None = None) -> list[TouchStatus]:
        """Contacts past their stay-in-touch cadence, most overdue first."""
        as_of = as_of or self.workspace.today
        return losing_touch(
            self.store.contacts.all(),
            self.store.activities.between(None, as_of),
            self.store.goals.get(),
            as_of,
        )
