"""Progress on period objectives (e.g. five personalised messages to prospects this week)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ssi_tui.domain.alignment import GoalIndex, effective_audience
from ssi_tui.domain.models import Activity, Goals, Objective
from ssi_tui.wording.goals import objective_times


@dataclass(frozen=True, slots=True)
class ObjectiveProgress:
    """How far an objective is this week."""

    objective: Objective
    done: int
    week_start: date

    @property
    def target(self) -> int:
        """How many the objective asks for."""
        return self.objective.per_week

    @property
    def met(self) -> bool:
        """Whether the week's target is reached."""
        return self.done >= self.objective.per_week

    def describe(self, kind_words: str) -> str:
        """E.g. '5 × personalised message sent to prospects' (`kind_words`: its kind in words,
        `Catalog.label`)."""
        goal = self.objective
        return objective_times(goal.per_week, kind_words, goal.audience, goal.personalised)


def week_start(day: date) -> date:
    """The Monday of the week holding `day`."""
    return day - timedelta(days=day.weekday())


def counts_for(objective: Objective, activity: Activity, index: GoalIndex) -> bool:
    """Whether an activity counts towards an objective."""
    if activity.kind != objective.kind:
        return False
    if objective.personalised and not activity.personalised:
        return False
    return objective.audience is None or effective_audience(activity, index) == objective.audience


def objective_progress(
    goals: Goals, activities: Iterable[Activity], as_of: date
) -> list[ObjectiveProgress]:
    """Progress of every objective in the week (Monday to `as_of`) holding `as_of`."""
    start = week_start(as_of)
    in_week = [activity for activity in activities if start <= activity.date <= as_of]
    index = GoalIndex(goals)
    return [
        ObjectiveProgress(
            objective,
            sum(1 for activity in in_week if counts_for(objective, activity, index)),
            start,
        )
        for objective in goals.objectives
    ]
