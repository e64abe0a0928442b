"""How well one activity serves the user's goals: its alignment, in [untargeted floor, 1]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import Activity, ActivityKind, Goals

Target = Literal["account", "role"]


@dataclass(frozen=True, slots=True)
class Alignment:
    """An activity's alignment and the parts it is made of, so it can be explained."""

    value: float
    audience: str | None
    audience_factor: float
    target: Target | None
    quality: float

    def explain(self) -> str:
        """One line that says where the alignment comes from."""
        who = self.audience or "no goal audience"
        parts = [f"audience {who} ({self.audience_factor:.0%} of top)"]
        if self.target == "account":
            parts.append("target account")
        elif self.target == "role":
            parts.append("target role")
        parts.append(f"quality ×{self.quality:.2f}")
        return f"alignment {self.value:.2f}: " + ", ".join(parts)


def effective_audience(activity: Activity, goals: Goals) -> str | None:
    """The activity's audience: as logged, else its company's target account's, else its title's role."""
    if activity.audience:
        return activity.audience
    account = goals.account_for(activity.company)
    if account is not None:
        return account.audience
    return goals.role_audience(activity.title)


def quality_factor(activity: Activity, kind: ActivityKind, rules: Rules) -> float:
    """Relevance factor, reduced for a personalisable kind that was not personalised."""
    factor = rules.relevance_factor(activity.relevance)
    if kind.personalisable and not activity.personalised:
        factor *= rules.quality.unpersonalised
    return factor


def alignment(activity: Activity, kind: ActivityKind, goals: Goals, rules: Rules) -> Alignment:
    """Alignment of one activity with the goals (see the formula in data/rules.toml)."""
    scoring = rules.scoring
    audience = effective_audience(activity, goals)
    audience_factor = goals.relative_weight(audience)
    target: Target | None = None
    target_factor = 0.0
    if goals.account_for(activity.company) is not None:
        target, target_factor = "account", scoring.account_match
    elif goals.role_audience(activity.title) is not None:
        target, target_factor = "role", scoring.role_match
    quality = quality_factor(activity, kind, rules)
    share = scoring.targeting_share
    value = quality * ((1 - share) * audience_factor + share * target_factor)
    value = min(1.0, max(scoring.untargeted_floor, value))
    return Alignment(value, audience, audience_factor, target, quality)
