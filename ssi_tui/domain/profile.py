"""Profile completeness from the checklist, LinkedIn-style level names, and the profile's fit
with the goals (whether its headline and summary speak to the audiences aimed at)."""

from __future__ import annotations

from dataclasses import dataclass

from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import Goals, ProfileChecklist
from ssi_tui.domain.text import held_keywords


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


@dataclass(frozen=True, slots=True)
class AudienceFit:
    """How the profile's text speaks to one goal audience: the role keywords and topics of it
    that the headline or summary names (`words`), out of those looked for (`sought`)."""

    audience: str
    share: float  # of the goals' weights
    sought: tuple[str, ...]
    words: tuple[str, ...]
    value: float  # 1 when named, 0 when not, the rules' unknown_fit with nothing to look for


@dataclass(frozen=True, slots=True)
class ProfileFit:
    """The profile's fit with the goals, 0..1: the goal audiences' shares, each counted by how
    the headline and summary speak to it (`unknown_fit` of the rules when nothing can be
    judged: no text, no goals)."""

    value: float
    has_text: bool
    audiences: tuple[AudienceFit, ...] = ()

    def rows(self) -> list[tuple[str, float, tuple[str, ...], tuple[str, ...], float]]:
        """Each audience as (name, share, words looked for, words named, value counted): what
        `wording.profile.fit_lines` words."""
        return [(a.audience, a.share, a.sought, a.words, a.value) for a in self.audiences]


def profile_fit(checklist: ProfileChecklist | None, goals: Goals, rules: Rules) -> ProfileFit:
    """How well the profile's headline and summary name the goal audiences' role keywords or
    topics (whole words, case- and accent-insensitive, as titles and notes are matched)."""
    unknown = rules.scoring.unknown_fit
    text = (
        "\n".join(part for part in (checklist.headline_text, checklist.summary_text) if part)
        if checklist is not None
        else ""
    )
    total = goals.total_weight
    if not text or total <= 0:
        return ProfileFit(unknown, bool(text))
    audiences = []
    for audience in sorted(goals.audiences, key=lambda item: (-item.weight, item.name)):
        if audience.weight <= 0:
            continue
        sought = tuple(
            dict.fromkeys(
                [*goals.roles.get(audience.name, []), *goals.topics.get(audience.name, [])]
            )
        )
        words = tuple(held_keywords(text, list(sought)))
        value = (1.0 if words else 0.0) if sought else unknown
        audiences.append(AudienceFit(audience.name, audience.weight / total, sought, words, value))
    value = sum(item.share * item.value for item in audiences)
    return ProfileFit(min(1.0, max(0.0, value)), True, tuple(audiences))
