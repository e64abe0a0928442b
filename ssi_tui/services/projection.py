"""What would move the scores: an activity logged N times today, scored without being saved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.alignment import ContactFacts
from ssi_tui.domain.daily import history
from ssi_tui.domain.dates import next_week_ends
from ssi_tui.domain.models import Activity, new_id
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.recurrence import occurrences
from ssi_tui.domain.report import Report, build_report
from ssi_tui.domain.scoring import PillarTotals, window_start
from ssi_tui.domain.suggestions import PlanSuggestion
from ssi_tui.domain.text import fold
from ssi_tui.gcpause import paused_gc
from ssi_tui.services.errors import InputError
from ssi_tui.wording import _, month_short, signed, weekday_short

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

MAX_COUNT = 100
MAX_WEEKS = 26


def _scores(report: Report) -> dict[str, Any]:
    scores = report.breakdown
    return {
        "pillars": {
            pillar: {
                "raw": round(scores.pillars[pillar].raw, 2),
                "weighted": round(scores.pillars[pillar].weighted, 2),
            }
            for pillar in PILLARS
        },
        "total": {"raw": round(scores.total_raw, 2), "weighted": round(scores.total_weighted, 2)},
    }


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The scores today, and what they would be with `count` more of `activity`."""

    activity: Activity
    count: int
    before: Report
    after: Report

    def delta(self, pillar: str) -> tuple[float, float]:
        """(raw, weighted) change of a pillar."""
        old, new = self.before.breakdown.pillars[pillar], self.after.breakdown.pillars[pillar]
        return new.raw - old.raw, new.weighted - old.weighted

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui whatif --json`."""
        old, new = self.before.breakdown, self.after.breakdown
        return {
            "kind": self.activity.kind,
            "count": self.count,
            "pillars": {
                pillar: {
                    "raw": round(self.delta(pillar)[0], 2),
                    "weighted": round(self.delta(pillar)[1], 2),
                }
                for pillar in PILLARS
            },
            "total": {
                "raw": round(new.total_raw - old.total_raw, 2),
                "weighted": round(new.total_weighted - old.total_weighted, 2),
            },
            "before": _scores(self.before),
            "after": _scores(self.after),
        }


class ProjectionService:
    """Score hypothetical activity against the real store, saving nothing."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def whatif(self, fields: Mapping[str, Any], count: int = 1) -> WhatIf:
        """The scores today with `count` activities of `fields` added today (validated like a
        logged activity: known kind and audience)."""
        if not 1 <= count <= MAX_COUNT:
            raise InputError(
                _("count must be 1-{most}, got {count}").format(most=MAX_COUNT, count=count),
                "count",
            )
        workspace = self.workspace
        today = workspace.today
        activity = workspace.activities.build({**fields, "date": today, "source": "manual"})
        window = workspace.rules.scoring.window_days
        start = window_start(today, window)
        recent = [reading.date for reading in workspace.readings.all() if reading.date <= today]
        if recent:
            start = min(start, window_start(max(recent), window))
        inputs = replace(workspace.scoring_input(start, today), cache=None)
        extra = [activity.model_copy(update={"id": new_id()}) for _ in range(count)]
        # Logging the first one would create its contact (the rest find it): the same here.
        contacts = inputs.contacts
        created = workspace.activities.contact_made_by(activity)
        if created is not None and (created.audience or created.company or created.title):
            facts = ContactFacts(created.audience, created.company, created.title)
            contacts = {**contacts, fold(created.name): facts}
        with paused_gc():
            before = build_report(inputs, today, window)
            after = build_report(
                replace(inputs, activities=[*inputs.activities, *extra], contacts=contacts),
                today,
                window,
            )
        return WhatIf(activity, count, before, after)

    def project(self, weeks: int = 4, plan_ids: Sequence[str] | None = None) -> list[ProjectedWeek]:
        """Week by week, the scores if every plan (or those of `plan_ids`) were done on
        schedule, against doing nothing (decay only)."""
        plans = self.workspace.planner.all_plans()
        if plan_ids is not None:
            plans = [plan for plan in plans if plan.id in set(plan_ids)]
        return project(self.workspace, plans, weeks)

    def plan_gains(self, plans: Sequence[Plan], weeks: int = 4) -> list[Gain]:
        """For each plan alone, what doing it on schedule adds in `weeks` weeks."""
        return gains(self.workspace, plans, weeks)

    def ranked_suggestions(self, weeks: int = 4) -> list[tuple[PlanSuggestion, Gain]]:
        """Today's suggestions with what each would add in `weeks` weeks if adopted today and
        done on schedule, the largest weighted gain first (ties keep the planner's order).
        `plan adopt N` and the Planner screen number them in this order."""
        suggestions = self.workspace.planner.suggestions()
        planner = self.workspace.planner
        plans = [planner.build_plan(item.plan_fields(self.workspace.today)) for item in suggestions]
        paired = list(zip(suggestions, gains(self.workspace, plans, weeks), strict=True))
        return sorted(paired, key=lambda pair: -round(pair[1].weighted, 6))


@dataclass(frozen=True, slots=True)
class Gain:
    """The totals at the end of the `weeks`th week ahead (a Sunday) with one plan done on
    schedule, and with nothing done."""

    weeks: int
    planned: PillarTotals
    nothing: PillarTotals

    @property
    def raw(self) -> float:
        """Raw total gained against doing nothing."""
        return self.planned.raw - self.nothing.raw

    @property
    def weighted(self) -> float:
        """Weighted total gained against doing nothing."""
        return self.planned.weighted - self.nothing.weighted

    def as_dict(self) -> dict[str, Any]:
        """`projected_gain` in `plan suggest --json`."""
        return {
            "weeks": self.weeks,
            "until": self.planned.as_of.isoformat(),
            "raw": round(self.raw, 2),
            "weighted": round(self.weighted, 2),
        }

    def label(self) -> str:
        """E.g. 'by Sun 20 Dec: weighted +2.1, raw +3.0' (the end of the last week)."""
        end = self.planned.as_of
        until = f"{weekday_short(end)} {end.day:02d} {month_short(end.month)}"
        return _("by {day}: weighted {weighted}, raw {raw}").format(
            day=until, weighted=signed(self.weighted), raw=signed(self.raw)
        )


def gains(workspace: Workspace, plans: Sequence[Plan], weeks: int) -> list[Gain]:
    """For each plan alone, the totals `weeks` weeks ahead with its open occurrences done on
    their days, against doing nothing (the idle history is scored once)."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(
            _("weeks must be 1-{most}, got {weeks}").format(most=MAX_WEEKS, weeks=weeks), "weeks"
        )
    today = workspace.today
    last = next_week_ends(today, weeks)[-1]  # the end of `project`'s last week
    window = workspace.rules.scoring.window_days
    inputs = replace(workspace.scoring_input(window_start(today, window), today), cache=None)
    result = []
    with paused_gc():
        (nothing,) = history(inputs, [last], window)
        for plan in plans:
            extra = planned_activities(workspace, [plan], last)
            (planned,) = history(
                replace(inputs, activities=[*inputs.activities, *extra]), [last], window
            )
            result.append(Gain(weeks, planned, nothing))
    return result


@dataclass(frozen=True, slots=True)
class ProjectedWeek:
    """Scores at the end of one week ahead: with every open plan occurrence done on its day
    (`planned`), and with nothing more done (`nothing`: the decay alone)."""

    week_end: date
    occurrences: int  # plan occurrences done in this week
    planned: PillarTotals
    nothing: PillarTotals

    def as_dict(self) -> dict[str, Any]:
        """One week of `ssi-tui plan project --json`."""
        return {
            "week_end": self.week_end.isoformat(),
            "occurrences": self.occurrences,
            "plan": {
                "raw": round(self.planned.raw, 2),
                "weighted": round(self.planned.weighted, 2),
            },
            "nothing": {
                "raw": round(self.nothing.raw, 2),
                "weighted": round(self.nothing.weighted, 2),
            },
        }


def planned_activities(workspace: Workspace, plans: Sequence[Plan], last: date) -> list[Activity]:
    """The activity each open occurrence of `plans` from today to `last` would log, dated on
    its day (as `done` would log it); done and skipped occurrences are left out."""
    today = workspace.today
    planner = workspace.planner
    ledger = planner.ledger(list(plans), since=today)
    result = []
    for plan in plans:
        for day in occurrences(plan.recurrence, plan.start, today, last):
            if ledger.status(plan.id, day) != "open":
                continue
            activity = workspace.activities.build(
                {
                    "kind": plan.kind,
                    "date": today,  # built as of today (dates ahead are refused), moved below
                    "audience": plan.audience,
                    "contact": plan.contact,
                    "company": plan.company,
                    "personalised": plan.personalised,
                    "source": "plan",
                    "plan_id": plan.id,
                }
            )
            result.append(activity.model_copy(update={"id": new_id(), "date": day}))
    return result


def project(workspace: Workspace, plans: Sequence[Plan], weeks: int) -> list[ProjectedWeek]:
    """Week by week, the scores if `plans` were done on schedule, against doing nothing."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(
            _("weeks must be 1-{most}, got {weeks}").format(most=MAX_WEEKS, weeks=weeks), "weeks"
        )
    today = workspace.today
    week_ends = next_week_ends(today, weeks)  # Sundays, as history's weeks
    window = workspace.rules.scoring.window_days
    inputs = replace(workspace.scoring_input(window_start(today, window), today), cache=None)
    extra = planned_activities(workspace, plans, week_ends[-1])
    with paused_gc():
        nothing = history(inputs, week_ends, window)
        planned = history(
            replace(inputs, activities=[*inputs.activities, *extra]), week_ends, window
        )
    result = []
    previous = today - timedelta(days=1)
    for week_end, idle, done in zip(week_ends, nothing, planned, strict=True):
        count = sum(1 for activity in extra if previous < activity.date <= week_end)
        result.append(ProjectedWeek(week_end, count, done, idle))
        previous = week_end
    return result
