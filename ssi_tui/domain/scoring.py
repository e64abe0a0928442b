"""Raw and goal-weighted pillar scores: the formula and what a score is made of.

The formula is spelled out in data/rules.toml: per day, points after the daily caps
(`DayPoints`, computed in `daily`), decayed and saturated for one as-of date and window
(`pillar_scores`); `contributions` explains a score activity by activity. `daily.breakdown` and
`daily.history` put it together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ssi_tui.domain.alignment import Alignment
from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import (
    Activity,
    ActivityKind,
    Goals,
)
from ssi_tui.domain.points import (
    ALL,
    AUDIENCE_BASE,
    EFFORT,
    OFF,
    PILLAR_INDEX,
    RAW,
    UNTARGETED,
    WEIGHTED,
    DayPoints,
    row_size,
)
from ssi_tui.domain.profile import ProfileFit
from ssi_tui.domain.totals import Totals

if TYPE_CHECKING:
    from ssi_tui.domain.tally import Tally

PILLAR_MAX = 25.0


@dataclass(slots=True)  # not frozen: frozen __init__ costs ~2 µs per object, and
# thousands are made per score (treat as read-only)
class Scored:
    """An activity with its catalog entry, alignment and what the daily caps let count."""

    activity: Activity
    kind: ActivityKind
    alignment: Alignment
    counts_raw: bool
    counts_weighted: bool

    @property
    def visible(self) -> bool:
        """Whether LinkedIn can see it: a visible kind done on LinkedIn."""
        return self.kind.visible and self.activity.channel == "linkedin"


@dataclass(slots=True)  # not frozen: frozen __init__ costs ~2 µs per object, and
# thousands are made per score (treat as read-only)
class Contribution:
    """What one activity adds to its pillar as of a date: the explanation of a score."""

    activity: Activity
    raw: float
    weighted: float
    effort: float
    decay: float
    alignment: Alignment


@dataclass(frozen=True, slots=True)
class PillarScore:
    """One pillar's raw and goal-weighted score out of 25, and the points behind them."""

    pillar: str
    raw: float
    weighted: float
    alignment: float | None
    raw_points: float
    weighted_points: float
    effort_points: float
    off_linkedin_points: float
    top: tuple[Contribution, ...] = ()
    parts: WeightedFill | None = None  # how the weighted score is made (see `weighted_fill`)
    profile_part: float = 0.0  # brand: what profile completeness adds to raw
    profile_weighted: float = 0.0  # brand: what it adds to weighted (completeness × fit)
    weighted_by_evidence: float = 0.0  # the weighted score less what bare tags alone add

    @property
    def on_tags(self) -> float:
        """The part of the weighted score that rests on bare tags alone."""
        return self.weighted - self.weighted_by_evidence


@dataclass(frozen=True, slots=True)
class PillarTotals(Totals):
    """Pillar scores and totals as of one date (what a history row holds)."""

    as_of: date
    pillars: dict[str, PillarScore]

    @property
    def raw(self) -> float:
        """Raw total out of 100."""
        return self.total_raw

    @property
    def weighted(self) -> float:
        """Goal-weighted total out of 100."""
        return self.total_weighted

    @property
    def weighted_by_evidence(self) -> float:
        """The part of the weighted total that rests on evidence, not on bare tags alone."""
        return self.total_weighted_by_evidence


@lru_cache(maxsize=64)
def decay_factors(half_life_days: float, edge_share: float, window_days: int) -> tuple[float, ...]:
    """The weight of an activity of each age 0 … window - 1 (see `decay`)."""
    edge = edge_share * window_days
    factors = []
    for age in range(window_days):
        factor = 0.5 ** (age / half_life_days)
        if edge > 0:
            position = min(1.0, (window_days - age) / edge)
            factor *= position * position * (3.0 - 2.0 * position)  # smoothstep to 0 at the end
        factors.append(factor)
    return tuple(factors)


def decay(age_days: int, rules: Rules, window_days: int | None = None) -> float:
    """Weight of an activity `age_days` old: 1 today, halving every half-life, and easing to 0
    over the last `edge_share` of the window (no cliff at its end); 0 outside the window."""
    scoring = rules.scoring
    window = window_days or scoring.window_days
    if not 0 <= age_days < window:
        return 0.0
    return decay_factors(scoring.half_life_days, scoring.edge_share, window)[age_days]


def fill(points: float, constant: float) -> float:
    """How full (0..1) a pillar is with these points: 1 - exp(-points / constant)."""
    return 1.0 - math.exp(-max(0.0, points) / constant) if constant > 0 else 0.0


def saturate(points: float, constant: float) -> float:
    """Map points to 0-25 with diminishing returns."""
    return PILLAR_MAX * fill(points, constant)


def window_start(as_of: date, window_days: int) -> date:
    """The first date that still counts in a window ending on `as_of`."""
    return as_of - timedelta(days=window_days - 1)


def goal_shares(goals: Goals) -> dict[str, float]:
    """Each goal audience's share of all weights (audiences weighing 0 left out)."""
    total = goals.total_weight
    if total <= 0:
        return {}
    return {item.name: item.weight / total for item in goals.audiences if item.weight > 0}


@dataclass(frozen=True, slots=True)
class WeightedFill:
    """One pillar's weighted fill (0..1) and its parts: per goal audience, its share of the
    goals, its work (aimed + tagged effort × quality) and what it adds; then all the work, the
    untargeted part of it, and what the part of all the work the audiences do not account for
    adds (at most the untargeted ceiling)."""

    total: float
    aimed: float
    audiences: tuple[tuple[str, float, float, float], ...]  # name, share, points, fill added
    all_points: float
    untargeted_points: float
    rest: float
    scale: float = 1.0  # < 1: past daily caps the audiences claimed more than all the work fills
    on_tags: tuple[float, ...] = ()  # per audience (as `audiences`): the fill that tags alone add

    @property
    def tags_only(self) -> float:
        """The fill that rests on bare tags alone: what each audience's part would lose if its
        tagged work had no tag."""
        return sum(self.on_tags)


def weighted_fill(
    sums: Sequence[float],
    pillar: int,
    audiences: Sequence[str],
    shares: Mapping[str, float],
    constant: float,
    rules: Rules,
) -> WeightedFill:
    """The weighted fill (0..1) of one pillar from its decayed sums: per audience, aimed work
    fills its share and tagged work at most `tagged_ceiling` of what is left, the audiences
    adding up by goal share (`aimed`, at most what all the work fills: past a daily cap each
    audience keeps its own best activities, and together they never count more than all the
    work kept); then all the work, aimed or not, fills the pillar as raw work would, and what
    that fill exceeds `aimed` by counts at `untargeted_ceiling`. So untargeted work — or work
    past an audience's share — fills at most `untargeted_ceiling` of the pillar, and an
    audience whose weight goes to 0 fades out smoothly: its work counts exactly as untargeted
    work at weight 0 (P14)."""
    scoring = rules.scoring
    ceiling = scoring.tagged_ceiling
    every = fill(sums[ALL + pillar], constant)
    claimed = 0.0
    parts: list[tuple[str, float, float, float]] = []
    tagged: list[float] = []
    for slot, name in enumerate(audiences):
        share = shares.get(name, 0.0)
        if share <= 0:
            continue
        base = AUDIENCE_BASE + 8 * slot + pillar
        aimed_work, work = sums[base], sums[base + 4]
        # aimed work fills the share; tagged work at most `ceiling` of what is left:
        # (1 - c) * fill(aimed) + c * fill(aimed + tagged) = own + c * tagged * (1 - own)
        evidenced = fill(aimed_work, constant * share)
        added = share * ((1.0 - ceiling) * evidenced + ceiling * fill(work, constant * share))
        claimed += added
        parts.append((name, share, work, added))
        tagged.append(added - share * evidenced)  # >= 0: fill(work) >= fill(aimed_work)
    aimed = min(claimed, every)
    scale = 1.0
    if claimed > aimed:  # the daily caps' bound: scale each audience's part alike
        scale = aimed / claimed
        parts = [(name, share, work, added * scale) for name, share, work, added in parts]
        tagged = [part * scale for part in tagged]
    rest = scoring.untargeted_ceiling * (every - aimed)
    return WeightedFill(
        aimed + rest,
        aimed,
        tuple(parts),
        sums[ALL + pillar],
        sums[UNTARGETED + pillar],
        rest,
        scale,
        tuple(tagged),
    )


def decayed_sums(days: DayPoints, as_of: date, window_days: int, rules: Rules) -> list[float]:
    """The rows of the window ending on `as_of`, decayed and added up."""
    factors = decay_factors(rules.scoring.half_life_days, rules.scoring.edge_share, window_days)
    end = as_of.toordinal()
    sums = [0.0] * row_size(len(days.audiences))
    rows = days.days
    for age in range(window_days):
        row = rows.get(end - age)
        if row is None:
            continue
        factor = factors[age]
        # One pass per row (3x a loop over indexes); the same additions in the same order, so
        # the same floats (a zero adds 0.0, which changes no sum).
        sums = [total + value * factor for total, value in zip(sums, row, strict=True)]
    return sums


def pillar_scores(
    days: DayPoints,
    as_of: date,
    window_days: int,
    rules: Rules,
    completeness: float,
    shares: Mapping[str, float],
    fit: float,
) -> dict[str, PillarScore]:
    """Decay and saturate the per-day points into the four pillar scores; the profile counts
    its `completeness` in raw brand, and `completeness × fit` (its fit with the goals) in
    weighted brand."""
    scoring = rules.scoring
    sums = decayed_sums(days, as_of, window_days, rules)
    scores: dict[str, PillarScore] = {}
    for pillar, index in PILLAR_INDEX.items():
        constant = scoring.saturation[pillar]
        raw_points = sums[RAW + index]
        effort = sums[EFFORT + index]
        raw_score = saturate(raw_points, constant)
        parts = weighted_fill(sums, index, days.audiences, shares, constant, rules)
        weighted_score = PILLAR_MAX * parts.total
        on_tags = PILLAR_MAX * parts.tags_only
        profile_part = profile_weighted = 0.0
        if pillar == "brand":
            profile_part = scoring.profile_share * PILLAR_MAX * completeness
            profile_weighted = profile_part * fit
            raw_score = profile_part + (1 - scoring.profile_share) * raw_score
            weighted_score = profile_weighted + (1 - scoring.profile_share) * weighted_score
            on_tags *= 1 - scoring.profile_share
        scores[pillar] = PillarScore(
            pillar=pillar,
            raw=raw_score,
            weighted=weighted_score,
            alignment=sums[WEIGHTED + index] / effort if effort > 0 else None,
            raw_points=raw_points,
            weighted_points=sums[WEIGHTED + index],
            effort_points=effort,
            off_linkedin_points=sums[OFF + index],
            parts=parts,
            profile_part=profile_part,
            profile_weighted=profile_weighted,
            weighted_by_evidence=max(0.0, weighted_score - on_tags),
        )
    return scores


def contributions(
    scored: Iterable[Scored], as_of: date, window_days: int, rules: Rules
) -> list[Contribution]:
    """What each activity in the window adds, after caps and decay."""
    result: list[Contribution] = []
    factors = decay_factors(rules.scoring.half_life_days, rules.scoring.edge_share, window_days)
    for item in scored:
        age = (as_of - item.activity.date).days
        if not 0 <= age < window_days:
            continue
        factor = factors[age]
        points = item.kind.points * factor
        result.append(
            Contribution(
                activity=item.activity,
                raw=points if item.counts_raw else 0.0,
                weighted=points * item.alignment.value if item.counts_weighted else 0.0,
                effort=points if item.counts_weighted else 0.0,
                decay=factor,
                alignment=item.alignment,
            )
        )
    return result


@dataclass(frozen=True, slots=True)
class Breakdown(Totals):
    """Everything computed for one as-of date: the scored window and the pillar scores.

    `scored` and `contributions` (one per scored activity, same order) are in (date, id) order."""

    as_of: date
    window_days: int
    pillars: dict[str, PillarScore]
    scored: list[Scored]
    contributions: list[Contribution]
    completeness: float
    level: str
    points: DayPoints = field(default_factory=DayPoints)
    fit: ProfileFit = ProfileFit(1.0, False)  # the profile's fit with the goals (brand)
    tally: Tally | None = None  # the flags' counts and sums, made day by day (`domain/tally`)


def contribution_rank(item: Contribution) -> tuple[float, float, date, str]:
    """How contributions are ranked for a pillar's top list: most weighted, then most raw,
    oldest, then by id."""
    return (-item.weighted, -item.raw, item.activity.date, item.activity.id)
