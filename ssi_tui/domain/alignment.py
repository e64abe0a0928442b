"""Whom one activity reached, on what evidence, and how well it serves the goals (its alignment).

The formula is written out in data/rules.toml. In short: an activity takes its audience from
evidence — for work done with someone, a target account, a target role, a contact the user gave
an audience; for a broadcast (a post, a talk, a comment naming no one), its subject: one of an
audience's topics or roles in its note or topics — and a bare audience tag, with no evidence for it,
counts as "tagged" (worth at most `tagged_ceiling`), on a broadcast too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import Activity, ActivityKind, Goals, TargetAccount
from ssi_tui.domain.text import fold

Target = Literal["account", "role", "contact", "topic"]
Tier = Literal["aimed", "tagged", "none"]
TIERS: tuple[Tier, ...] = ("aimed", "tagged", "none")


# How an activity's credit is shared: (goal audience, or None for untargeted; tier; part), the
# parts adding up to 1 (see `GoalIndex.split`).
Split = tuple[tuple[str | None, Tier, float], ...]


class ContactFacts(NamedTuple):
    """What the store knows of a contact that can serve as evidence for an activity with them."""

    audience: str | None
    company: str | None
    title: str | None


# Contacts by folded name (`text.fold`), as `Store.contacts.facts()` hands them out.
ContactIndex = Mapping[str, ContactFacts]


@dataclass(slots=True)  # not frozen: frozen __init__ costs ~2 µs per object, and
# thousands are made per score (treat as read-only)
class Alignment:
    """An activity's alignment and the parts it is made of, so it can be explained.

    `audience` is the goal audience it counts for (None: none of the goals), `tier` how sure
    that is (`aimed`: broadcast tag or evidence; `tagged`: a bare tag; `none`), `target` the
    evidence found (account, role or contact), `quality` the relevance and personalisation
    factor; `split` shares the credit among the goal audiences the evidence points to (see
    `GoalIndex.split`); `audience` and `tier` are its largest part's; `value` = quality × the
    tiers' factors, weighed by their parts."""

    value: float
    audience: str | None
    tier: Tier
    target: Target | None
    quality: float
    account: str | None = None  # the target account it touched (its company's, or its contact's)
    split: Split = ()


def audience_source(audience: str | None, tier: str, target: str | None) -> str | None:
    """Where an activity's audience comes from, for the lists: "tag" for a bare tag, "set"
    for its contact's own audience, else the evidence ("account", "role", "topic")."""
    if audience is None:
        return None
    if tier == "tagged" or target is None:
        return "tag"
    return "set" if target == "contact" else target


class GoalIndex:
    """Goals (and contacts' facts) prepared for fast lookups when aligning thousands of
    activities (memoised)."""

    def __init__(self, goals: Goals, contacts: ContactIndex | None = None) -> None:
        self.goals = goals
        self.contacts: ContactIndex = contacts if contacts is not None else {}
        self.alignments: dict[tuple[object, ...], Alignment] = {}
        self.qualities: dict[tuple[object, ...], float] = {}
        self.weighted = frozenset(item.name for item in goals.audiences if item.weight > 0)
        total = goals.total_weight
        self.shares = {
            item.name: item.weight / total for item in goals.audiences if item.weight > 0
        }
        self._companies: dict[str | None, TargetAccount | None] = {None: None}
        self._titles: dict[str | None, tuple[str, ...]] = {None: ()}
        self._subjects: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
        self._splits: dict[tuple[object, ...], tuple[tuple[str, float], ...]] = {}

    def account(self, company: str | None) -> TargetAccount | None:
        """The target account of a company name, if any."""
        try:
            return self._companies[company]
        except KeyError:
            found = self._companies[company] = self.goals.account_for(company)
            return found

    def role(self, title: str | None) -> str | None:
        """The heaviest audience whose role keywords a title holds, if any."""
        found = self.roles(title)
        return found[0] if found else None

    def roles(self, title: str | None) -> tuple[str, ...]:
        """The audiences whose role keywords a title holds, heaviest first."""
        try:
            return self._titles[title]
        except KeyError:
            found = self._titles[title] = self.goals.role_audiences(title)
            return found

    def subject(self, note: str, topics: tuple[str, ...]) -> tuple[str, ...]:
        """The goal audiences (weight > 0) whose topics, then roles, an activity's note or
        topics hold, heaviest first: a broadcast's evidence (a post about one of their
        topics, a search for one of their roles)."""
        if not (self.goals.topics or self.goals.roles) or (not note and not topics):
            return ()
        key = (note, topics)
        found = self._subjects.get(key)
        if found is None:
            text = "\n".join((note, *topics))
            matched = self.goals.topic_audiences(text) + self.goals.role_audiences(text)
            found = tuple(dict.fromkeys(name for name in matched if name in self.weighted))
            self._subjects[key] = found
        return found

    def split(self, audiences: tuple[str, ...], tag: str | None, minor_share: float) -> Split:
        """How an activity's credit is shared, as (audience or None: untargeted, tier, part)
        adding up to 1, when its evidence points to `audiences` (goal audiences, strongest
        first, each once): all of it to the tagged one when the tag is among them, else among
        them in proportion to their weights. So that nothing jumps when a weight moves (50/50
        goals are common, and so is a weight going to 0), every claim fades in smoothly with
        its share, from nothing at weight 0 to all of it at `minor_share` of the goals: the
        tag's claim to a shared activity, and the evidence's claim over the tag; what a fading
        claim leaves goes where it would go at weight 0 (the tag, or untargeted)."""
        key = (audiences, tag, minor_share)
        found = self._splits.get(key)
        if found is not None:
            return found
        parts: list[tuple[str | None, Tier, float]] = []
        if tag is not None and tag in audiences:
            lead = smoothstep(self.shares[tag] / minor_share) if len(audiences) > 1 else 1.0
            parts.append((tag, "aimed", lead))
            others = tuple(name for name in audiences if name != tag)
            fallback: tuple[str | None, Tier] = (tag, "aimed")
        else:
            lead, others = 0.0, audiences
            fallback = (tag, "tagged") if tag is not None else (None, "none")
        rest = 1.0 - lead
        total = sum(self.shares[name] for name in others)
        claim = smoothstep(total / minor_share) if total > 0 else 0.0
        if rest > 0 and claim > 0:
            parts.extend(
                (name, "aimed", rest * claim * self.shares[name] / total) for name in others
            )
        if rest * (1.0 - claim) > 0:
            parts.append((*fallback, rest * (1.0 - claim)))
        merged: dict[tuple[str | None, Tier], float] = {}
        for name, tier, part in parts:
            if part > 0:
                merged[name, tier] = merged.get((name, tier), 0.0) + part
        found = self._splits[key] = tuple(
            (name, tier, part) for (name, tier), part in merged.items()
        )
        return found

    def contact(self, name: str | None) -> ContactFacts | None:
        """What is known of the contact an activity names, if any."""
        return self.contacts.get(fold(name)) if name else None

    def evidence(
        self, contact: str | None, company: str | None, title: str | None
    ) -> tuple[list[tuple[str, Target]], TargetAccount | None]:
        """The goal audiences the evidence points to, strongest first: the company's target
        account, the contact's own audience, the title's roles (the contact's company and title
        stand in for missing ones); and the target account touched, if any."""
        facts = self.contact(contact)
        if facts is not None:
            company = company or facts.company
            title = title or facts.title
        found: list[tuple[str, Target]] = []
        account = self.account(company)
        if account is not None:
            found.append((account.audience, "account"))
        if facts is not None and facts.audience:
            found.append((facts.audience, "contact"))
        found.extend((role, "role") for role in self.roles(title))
        weighted: list[tuple[str, Target]] = []
        seen: set[str] = set()
        for audience, target in found:
            if audience in self.weighted and audience not in seen:
                seen.add(audience)
                weighted.append((audience, target))
        return weighted, account


def effective_audience(activity: Activity, goals: Goals | GoalIndex) -> str | None:
    """The goal audience an activity counts for (as `alignment` decides it), if any."""
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    return _reach(activity, None, index)[0]


def derived_audience(
    company: str | None, title: str | None, goals: Goals | GoalIndex
) -> str | None:
    """The goal audience a company and a title point to (a target account first, then a
    role), as scoring decides it for a contact without an audience of their own."""
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    evidence, _ = index.evidence(None, company, title)
    return evidence[0][0] if evidence else None


def quality_factor(activity: Activity, kind: ActivityKind, rules: Rules) -> float:
    """Relevance factor, reduced for a personalisable kind that was not personalised."""
    factor = rules.relevance_factor(activity.relevance)
    if kind.personalisable and not activity.personalised:
        factor *= rules.quality.unpersonalised
    return factor


def tier_factor(tier: Tier, rules: Rules) -> float:
    """What a tier is worth at most: 1 when aimed, the ceilings otherwise."""
    if tier == "aimed":
        return 1.0
    scoring = rules.scoring
    return scoring.tagged_ceiling if tier == "tagged" else scoring.untargeted_ceiling


def smoothstep(x: float) -> float:
    """0 at x <= 0, 1 at x >= 1, and a smooth S in between (no step, no kink)."""
    x = min(1.0, max(0.0, x))
    return x * x * (3.0 - 2.0 * x)


def _reach(
    activity: Any, kind: ActivityKind | None, index: GoalIndex, minor_share: float = 0.1
) -> tuple[str | None, Tier, Target | None, str | None, Split]:
    """The goal audience, tier, evidence, target account touched and split of an activity's
    credit (see the module docstring and `GoalIndex.split`); the audience and tier are those
    of its largest part."""
    tag = activity.audience if activity.audience in index.weighted else None
    broadcast = kind is not None and kind.broadcast_for(activity.contact, activity.company)
    if broadcast or (activity.contact is None and activity.company is None and not activity.title):
        subject = index.subject(activity.note, activity.topics) if broadcast else ()
        if not subject:
            return (tag, "tagged", None, None, ((tag, "tagged", 1.0),)) if tag else _UNTARGETED
        evidence: list[tuple[str, Target]] = [(name, "topic") for name in subject]
        touched = None
    else:
        evidence, account = index.evidence(activity.contact, activity.company, activity.title)
        touched = account.name if account is not None else None
    if evidence:
        split = index.split(tuple(name for name, _ in evidence), tag, minor_share)
        audience, tier, _ = max(split, key=lambda part: part[2])  # the first of equal parts
        target = next((target for name, target in evidence if name == audience), None)
        return audience, tier, target if tier == "aimed" else None, touched, split
    if tag:
        return tag, "tagged", None, touched, ((tag, "tagged", 1.0),)
    return None, "none", None, touched, ((None, "none", 1.0),)


_UNTARGETED: tuple[None, Tier, None, None, Split] = (
    None,
    "none",
    None,
    None,
    ((None, "none", 1.0),),
)


def alignment(
    activity: Activity, kind: ActivityKind, goals: Goals | GoalIndex, rules: Rules
) -> Alignment:
    """Alignment of one activity with the goals (see the formula in data/rules.toml).

    With a `GoalIndex`, the parts are memoised: equal inputs give the same (read-only) object.
    """
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    audience, tier, target, account, split = _reach(
        activity, kind, index, rules.scoring.minor_share
    )
    unpersonalised = kind.personalisable and not activity.personalised
    quality_key = (activity.relevance, unpersonalised, id(rules))
    quality = index.qualities.get(quality_key)
    if quality is None:
        quality = index.qualities[quality_key] = quality_factor(activity, kind, rules)
    key = (split, tier, target, quality, account, id(rules))
    found = index.alignments.get(key)
    if found is not None:
        return found
    value = quality * sum(part * tier_factor(part_tier, rules) for _, part_tier, part in split)
    found = index.alignments[key] = Alignment(
        value, audience, tier, target, quality, account, split
    )
    return found


class AlignmentCache:
    """What scoring keeps between calls while the goals, contacts, rules and catalog are
    unchanged (goals edited in place included): the memoised `GoalIndex`, and
    `daily.breakdown`'s per-day results, so a report after one save re-scores only the day
    that changed."""

    def __init__(self) -> None:
        self._goals: dict[str, object] | None = None
        self._rules: Rules | None = None
        self._contacts: ContactIndex | None = None
        self._catalog: object | None = None
        self._index: GoalIndex | None = None
        self._days: dict[Any, Any] = {}

    def _check(self, goals: Goals, rules: Rules, contacts: ContactIndex | None) -> None:
        snapshot = goals.model_dump()
        if rules is not self._rules or contacts is not self._contacts or snapshot != self._goals:
            self._goals, self._rules, self._index, self._days = snapshot, rules, None, {}
            self._contacts = contacts

    def index(self, goals: Goals, rules: Rules, contacts: ContactIndex | None = None) -> GoalIndex:
        """The goal index for these goals, contacts and rules (a new one when any changed;
        contacts are compared by identity: the store hands out a new mapping when they change)."""
        self._check(goals, rules, contacts)
        if self._index is None:
            self._index = GoalIndex(goals, contacts)
        return self._index

    def days(
        self, goals: Goals, rules: Rules, catalog: object, contacts: ContactIndex | None = None
    ) -> tuple[GoalIndex, dict[Any, Any]]:
        """The goal index, and the per-day results for these goals, contacts, rules and catalog
        (emptied when any changed)."""
        index = self.index(goals, rules, contacts)
        if catalog is not self._catalog:
            self._catalog, self._days = catalog, {}
        return index, self._days
