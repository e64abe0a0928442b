"""How well one activity serves the user's goals: its alignment, in [untargeted floor, 1]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import Activity, ActivityKind, Goals, TargetAccount
from ssi_tui.domain.text import fold

Target = Literal["account", "role"]


@dataclass(slots=True)  # not frozen: frozen __init__ costs ~2 µs per object, and
# thousands are made per score (treat as read-only)
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


class GoalIndex:
    """Goals prepared for fast lookups when aligning thousands of activities (memoised)."""

    def __init__(self, goals: Goals) -> None:
        self.goals = goals
        self.alignments: dict[tuple[object, ...], Alignment] = {}
        self.qualities: dict[tuple[object, ...], float] = {}
        self.relative = {item.name: goals.relative_weight(item.name) for item in goals.audiences}
        self._accounts = {fold(account.name): account for account in goals.accounts}
        self._companies: dict[str | None, TargetAccount | None] = {None: None}
        self._titles: dict[str | None, str | None] = {None: None}

    def account(self, company: str | None) -> TargetAccount | None:
        """The target account of a company name, if any."""
        try:
            return self._companies[company]
        except KeyError:
            found = self._companies[company] = (
                self._accounts.get(fold(company)) if company else None
            )
            return found

    def role(self, title: str | None) -> str | None:
        """The audience whose role keywords a title holds, if any."""
        try:
            return self._titles[title]
        except KeyError:
            found = self._titles[title] = self.goals.role_audience(title)
            return found


def effective_audience(activity: Activity, goals: Goals | GoalIndex) -> str | None:
    """The activity's audience: as logged, else its company's target account's, else its title's role."""
    if activity.audience:
        return activity.audience
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    account = index.account(activity.company)
    if account is not None:
        return account.audience
    return index.role(activity.title)


def quality_factor(activity: Activity, kind: ActivityKind, rules: Rules) -> float:
    """Relevance factor, reduced for a personalisable kind that was not personalised."""
    factor = rules.relevance_factor(activity.relevance)
    if kind.personalisable and not activity.personalised:
        factor *= rules.quality.unpersonalised
    return factor


def alignment(
    activity: Activity, kind: ActivityKind, goals: Goals | GoalIndex, rules: Rules
) -> Alignment:
    """Alignment of one activity with the goals (see the formula in data/rules.toml).

    With a `GoalIndex`, the parts are memoised: equal inputs give the same (read-only) object.
    """
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    account = index.account(activity.company)
    role = index.role(activity.title) if account is None else None
    audience = activity.audience or (account.audience if account is not None else role)
    target: Target | None = "account" if account is not None else ("role" if role else None)
    unpersonalised = kind.personalisable and not activity.personalised
    quality_key = (activity.relevance, unpersonalised, id(rules))
    quality = index.qualities.get(quality_key)
    if quality is None:
        quality = index.qualities[quality_key] = quality_factor(activity, kind, rules)
    key = (audience, target, quality, id(rules))
    found = index.alignments.get(key)
    if found is not None:
        return found
    scoring = rules.scoring
    audience_factor = index.relative.get(audience, 0.0) if audience else 0.0
    target_factor = (
        scoring.account_match if target == "account" else scoring.role_match if target else 0.0
    )
    share = scoring.targeting_share
    value = quality * ((1 - share) * audience_factor + share * target_factor)
    value = min(1.0, max(scoring.untargeted_floor, value))
    found = index.alignments[key] = Alignment(value, audience, audience_factor, target, quality)
    return found


class AlignmentCache:
    """What scoring keeps between calls while the goals, rules and catalog are unchanged (goals
    edited in place included): the memoised `GoalIndex`, and `scoring.breakdown`'s per-day
    results, so a report after one save re-scores only the day that changed."""

    def __init__(self) -> None:
        self._goals: dict[str, object] | None = None
        self._rules: Rules | None = None
        self._catalog: object | None = None
        self._index: GoalIndex | None = None
        self._days: dict[Any, Any] = {}

    def _check(self, goals: Goals, rules: Rules) -> None:
        snapshot = goals.model_dump()
        if rules is not self._rules or snapshot != self._goals:
            self._goals, self._rules, self._index, self._days = snapshot, rules, None, {}

    def index(self, goals: Goals, rules: Rules) -> GoalIndex:
        """The goal index for these goals and rules (a new one when either changed)."""
        self._check(goals, rules)
        if self._index is None:
            self._index = GoalIndex(goals)
        return self._index

    def days(self, goals: Goals, rules: Rules, catalog: object) -> tuple[GoalIndex, dict[Any, Any]]:
        """The goal index, and the per-day results for these goals, rules and catalog (emptied
        when any changed)."""
        index = self.index(goals, rules)
        if catalog is not self._catalog:
            self._catalog, self._days = catalog, {}
        return index, self._days
