"""Suggested plans: from this week's objectives that are behind and from the raised flags.

A suggestion disappears once its objective is met, its flag is no longer raised, or an active
plan already does the same thing (same kind, audience and company).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from ssi_tui.domain.catalog import Catalog
from ssi_tui.domain.flags import Flag
from ssi_tui.domain.objectives import ObjectiveProgress
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.recurrence import next_occurrence, rule_label
from ssi_tui.domain.text import fold
from ssi_tui.wording import _, day
from ssi_tui.wording.recurrence import planned

Target = tuple[str, str | None, str | None]

# How to spread N actions a week over the week.
_PER_WEEK_RULES = {
    1: "weekly",
    2: "FREQ=WEEKLY;BYDAY=TU,TH",
    3: "FREQ=WEEKLY;BYDAY=MO,WE,FR",
    4: "FREQ=WEEKLY;BYDAY=MO,TU,TH,FR",
    5: "weekdays",
    6: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA",
}


@dataclass(frozen=True, slots=True)
class PlanSuggestion:
    """A plan worth adopting, and why."""

    key: str
    source: Literal["objective", "flag"]
    reason: str
    kind: str
    rule: str
    audience: str | None = None
    company: str | None = None
    personalised: bool = False
    note: str = ""

    @property
    def id(self) -> str:
        """A short id that stays the same while the suggestion does (derived from what it
        suggests, not from its place in a list): what `plan adopt ID` takes."""
        return "s" + hashlib.blake2b(self.key.encode("utf-8"), digest_size=3).hexdigest()

    @property
    def target(self) -> Target:
        """What the plan does and for whom: kind, audience, folded company."""
        return (self.kind, self.audience, fold(self.company) if self.company else None)

    def plan_fields(self, start: date) -> dict[str, Any]:
        """The fields of the plan it describes, starting on `start` (for `Planner.build_plan`)."""
        return {
            "kind": self.kind,
            "rule": self.rule,
            "audience": self.audience,
            "company": self.company,
            "personalised": self.personalised,
            "note": self.note,
            "start": start,
        }

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "id": self.id,
            "key": self.key,
            "source": self.source,
            "reason": self.reason,
            "kind": self.kind,
            "rule": self.rule,
            "audience": self.audience,
            "company": self.company,
            "personalised": self.personalised,
            "note": self.note,
        }


def rule_for_per_week(per_week: int) -> str:
    """A rule spreading `per_week` actions over the week (daily from seven up)."""
    return _PER_WEEK_RULES.get(per_week, "daily")


def _plan_target(plan: Plan) -> Target:
    return (plan.kind, plan.audience, fold(plan.company) if plan.company else None)


def _active(plan: Plan, as_of: date) -> bool:
    return next_occurrence(plan.recurrence, plan.start, as_of - timedelta(days=1)) is not None


def from_objectives(
    progress: Sequence[ObjectiveProgress], catalog: Catalog
) -> list[PlanSuggestion]:
    """One suggestion per objective not met yet this week (its kind named in words)."""
    suggestions = []
    for item in progress:
        if item.met:
            continue
        objective = item.objective
        suggestions.append(
            PlanSuggestion(
                key=(
                    f"objective:{objective.kind}:{objective.audience or '-'}:"
                    f"{'p' if objective.personalised else 'g'}"
                ),
                source="objective",
                reason=_(
                    "Objective behind: {done} of {objective} done this week (since {day})."
                ).format(
                    done=item.done,
                    objective=item.describe(catalog.label(objective.kind)),
                    day=day(item.week_start),
                ),
                kind=objective.kind,
                rule=rule_for_per_week(objective.per_week),
                audience=objective.audience,
                personalised=objective.personalised,
                note=_("{count} a week (objective)").format(count=objective.per_week),
            )
        )
    return suggestions


def from_flags(flags: Sequence[Flag], catalog: Catalog) -> list[PlanSuggestion]:
    """One suggestion per raised flag that carries one (kinds the catalog knows only)."""
    suggestions = []
    for flag in flags:
        suggestion = flag.suggestion
        if suggestion is None or suggestion.kind not in catalog:
            continue
        suggestions.append(
            PlanSuggestion(
                key=(
                    f"flag:{flag.id}:{flag.pillar or '-'}:{suggestion.kind}:"
                    f"{suggestion.audience or '-'}:{fold(suggestion.company or '-')}"
                ),
                source="flag",
                reason=flag.message,
                kind=suggestion.kind,
                rule=suggestion.rule,
                audience=suggestion.audience,
                company=suggestion.company,
                personalised=catalog.kind(suggestion.kind).personalisable,
                note=suggestion.note or flag.action,
            )
        )
    return suggestions


def covers(plan_target: Target, wanted: Target) -> bool:
    """Whether a plan does what a suggestion asks: same kind, and the same audience and company
    where the suggestion names them (a plan aimed at one account covers its audience)."""
    kind, audience, company = wanted
    return (
        plan_target[0] == kind
        and (audience is None or plan_target[1] == audience)
        and (company is None or plan_target[2] == company)
    )


def suggest_plans(
    progress: Sequence[ObjectiveProgress],
    flags: Sequence[Flag],
    plans: Sequence[Plan],
    catalog: Catalog,
    as_of: date,
) -> list[PlanSuggestion]:
    """Objective suggestions first, then flag ones (most severe first), without duplicates or
    what an active plan already covers."""
    active = [_plan_target(plan) for plan in plans if _active(plan, as_of)]
    seen: set[Target] = set()
    result: list[PlanSuggestion] = []
    for suggestion in [*from_objectives(progress, catalog), *from_flags(flags, catalog)]:
        if suggestion.kind not in catalog or suggestion.target in seen:
            continue
        if any(covers(target, suggestion.target) for target in active):
            continue
        seen.add(suggestion.target)
        result.append(suggestion)
    return result


def suggestion_text(suggestion: PlanSuggestion) -> str:
    """E.g. 'weekly personalised follow_up · prospects · Initech [s1a2b3c]'."""
    rule = rule_label(suggestion.rule)
    parts = [
        planned(rule, suggestion.kind, suggestion.personalised),
        suggestion.audience,
        suggestion.company,
    ]
    return " · ".join(part for part in parts if part) + f" [{suggestion.id}]"
