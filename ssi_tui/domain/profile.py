"""Profile completeness from the checklist, and LinkedIn-style level names."""

from __future__ import annotations

from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import ProfileChecklist


def checklist_items(checklist: ProfileChecklist, rules: Rules) -> dict[str, bool]:
    """Each checklist item and whether it is done (counts compared with the rules' minimums)."""
    done: dict[str, bool] = {}
    for item in rules.checklist.weights:
        value = getattr(checklist, item, False)
        if item == "skills":
            done[item] = value >= rules.checklist.skills_min
        elif item == "recommendations":
            done[item] = value >= rules.checklist.recommendations_min
        else:
            done[item] = bool(value)
    return done


def profile_completeness(checklist: ProfileChecklist, rules: Rules) -> float:
    """Weighted share of checklist items done, in [0, 1]."""
    weights = rules.checklist.weights
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    done = checklist_items(checklist, rules)
    return sum(weight for item, weight in weights.items() if done[item]) / total


def profile_level(completeness: float, rules: Rules) -> str:
    """The level name (Beginner … All-Star) reached by a completeness."""
    reached = rules.checklist.levels[0].name
    for level in sorted(rules.checklist.levels, key=lambda level: level.min):
        if completeness + 1e-9 >= level.min:
            reached = level.name
    return reached
