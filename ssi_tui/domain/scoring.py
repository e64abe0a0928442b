"""Raw and goal-weighted pillar scores: the formula and what a score is made of.

The formula is spelled out in data/rules.toml: per day, points after the daily caps
(`DayPoints`, computed in `daily`), decayed and saturated for one as-of date and window
(`pillar_scores`); `contributions` explains a score activity by activity. `daily.breakdown` and
`daily.history` put it together.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ssi_tui.domain.alignment import Alignment
from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import (
    PILLARS,
    Activity,
    ActivityKind,
)

PILLAR_MAX = 25.0
PILLAR_INDEX = {pillar: index for index, pillar in enumerate(PILLARS)}


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


@dataclass(frozen=True, slots=True)
class PillarTotals:
    """Pillar scores and totals as of one date (what a history row holds)."""

    as_of: date
    pillars: dict[str, PillarScore]

    @property
    def raw(self) -> float:
        """Raw total out of 100."""
        return sum(score.raw for score in self.pillars.values())

    @property
    def weighted(self) -> float:
        """Goal-weighted total out of 100."""
        return sum(score.weighted for score in self.pillars.values())


@dataclass(slots=True)
class DayPoints:
    """Undecayed points per day after daily caps: for each day 16 numbers, the four pillars'
    raw points, then weighted, then effort (unweighted, all channels), then off-LinkedIn weighted."""

    days: dict[int, list[float]] = field(default_factory=dict)

    @classmethod
    def from_scored(cls, scored: Iterable[Scored]) -> DayPoints:
        """Sum scored activities per day and pillar."""
        days: dict[int, list[float]] = {}
        pillar_index = PILLAR_INDEX
        for item in scored:
            activity, kind = item.activity, item.kind
            day = activity.date.toordinal()
            row = days.get(day)
            if row is None:
                row = days[day] = [0.0] * 16
            index = pillar_index[kind.pillar]
            points = kind.points
            if item.counts_raw:
                row[index] += points
            if item.counts_weighted:
                weighted = points * item.alignment.value
                row[4 + index] += weighted
                row[8 + index] += points
                if not (kind.visible and activity.channel == "linkedin"):
                    row[12 + index] += weighted
        return cls(days)


def decay(age_days: int, rules: Rules) -> float:
    """Weight of an activity `age_days` old (1 today, halving every half-life)."""
    return 0.5 ** (age_days / rules.scoring.half_life_days)


def saturate(points: float, constant: float) -> float:
    """Map points to 0-25 with diminishing returns."""
    return PILLAR_MAX * (1.0 - math.exp(-max(0.0, points) / constant))


def in_window(day: date, as_of: date, window_days: int) -> bool:
    """Whether a date counts as of `as_of` with a window of `window_days` days (as-of included)."""
    return 0 <= (as_of - day).days < window_days


def window_start(as_of: date, window_days: int) -> date:
    """The first date that still counts in a window ending on `as_of`."""
    return as_of - timedelta(days=window_days - 1)


def pillar_scores(
    days: DayPoints,
    as_of: date,
    window_days: int,
    rules: Rules,
    completeness: float,
) -> dict[str, PillarScore]:
    """Decay and saturate the per-day points into the four pillar scores."""
    scoring = rules.scoring
    end = as_of.toordinal()
    sums = [0.0] * 16
    rows = days.days
    for age in range(window_days):
        row = rows.get(end - age)
        if row is None:
            continue
        factor = decay(age, rules)
        for index, value in enumerate(row):
            if value:
                sums[index] += value * factor
    raw, weighted, effort, off = sums[0:4], sums[4:8], sums[8:12], sums[12:16]
    scores: dict[str, PillarScore] = {}
    for pillar, index in PILLAR_INDEX.items():
        constant = scoring.saturation[pillar]
        raw_score = saturate(raw[index], constant)
        weighted_score = saturate(weighted[index], constant)
        if pillar == "brand":
            profile_part = scoring.profile_share * PILLAR_MAX * completeness
            raw_score = profile_part + (1 - scoring.profile_share) * raw_score
            weighted_score = profile_part + (1 - scoring.profile_share) * weighted_score
        scores[pillar] = PillarScore(
            pillar=pillar,
            raw=raw_score,
            weighted=weighted_score,
            alignment=weighted[index] / effort[index] if effort[index] > 0 else None,
            raw_points=raw[index],
            weighted_points=weighted[index],
            effort_points=effort[index],
            off_linkedin_points=off[index],
        )
    return scores


def contributions(
    scored: Iterable[Scored], as_of: date, window_days: int, rules: Rules
) -> list[Contribution]:
    """What each activity in the window adds, after caps and decay."""
    result: list[Contribution] = []
    for item in scored:
        age = (as_of - item.activity.date).days
        if not 0 <= age < window_days:
            continue
        factor = decay(age, rules)
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
class Breakdown:
    """Everything computed for one as-of date: the scored window and the pillar scores.

    `scored` and `contributions` (one per scored activity, same order) are in (date, id) order."""

    as_of: date
    window_days: int
    pillars: dict[str, PillarScore]
    scored: list[Scored]
    contributions: list[Contribution]
    completeness: float
    level: str

    @property
    def total_raw(self) -> float:
        """Raw total out of 100."""
        return sum(score.raw for score in self.pillars.values())

    @property
    def total_weighted(self) -> float:
        """Goal-weighted total out of 100."""
        return sum(score.weighted for score in self.pillars.values())


def contribution_rank(item: Contribution) -> tuple[float, float, date, str]:
    """How contributions are ranked for a pillar's top list: most weighted, then most raw,
    oldest, then by id."""
    return (-item.weighted, -item.raw, item.activity.date, item.activity.id)
