"""Raw and goal-weighted pillar scores: pure functions of goals, activities, rules and a date.

The formula is spelled out in data/rules.toml. The work is split in two so that a score and a
52-week history share one code path: `prepare` aligns each activity and applies daily caps (it
does not depend on the as-of date), `DayPoints` sums the points per day and pillar, and
`pillar_scores` decays and saturates those sums for one as-of date and window.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ssi_tui.domain.alignment import Alignment, AlignmentCache, GoalIndex, alignment
from ssi_tui.domain.catalog import Catalog, Rules
from ssi_tui.domain.models import (
    PILLARS,
    Activity,
    ActivityKind,
    Goals,
    ProfileChecklist,
)
from ssi_tui.domain.profile import profile_completeness, profile_level

PILLAR_MAX = 25.0
_PILLAR_INDEX = {pillar: index for index, pillar in enumerate(PILLARS)}
# An aligned activity after the daily caps: (activity, kind, alignment, counts raw, counts weighted).
Capped = tuple[Activity, ActivityKind, Alignment, bool, bool]


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
        """Sum prepared activities per day and pillar."""
        return cls.from_capped(
            (item.activity, item.kind, item.alignment, item.counts_raw, item.counts_weighted)
            for item in scored
        )

    @classmethod
    def from_capped(cls, capped: Iterable[Capped]) -> DayPoints:
        """Sum (activity, kind, alignment, counts raw, counts weighted) tuples per day and pillar."""
        days: dict[int, list[float]] = {}
        pillar_index = _PILLAR_INDEX
        for activity, kind, aligned, counts_raw, counts_weighted in capped:
            day = activity.date.toordinal()
            row = days.get(day)
            if row is None:
                row = days[day] = [0.0] * 16
            index = pillar_index[kind.pillar]
            points = kind.points
            if counts_raw:
                row[index] += points
            if counts_weighted:
                weighted = points * aligned.value
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


def prepare(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    cache: AlignmentCache | None = None,
) -> list[Scored]:
    """Align every activity whose kind is known and apply the daily caps (as-of independent)."""
    prepared = [Scored(*item) for item in capped(activities, goals, catalog, rules, cache)]
    prepared.sort(key=lambda item: (item.activity.date, item.activity.id))
    return prepared


def _aligned_groups(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    cache: AlignmentCache | None,
) -> dict[tuple[int, str], list[tuple[Activity, ActivityKind, Alignment]]]:
    """Known activities with their alignment, grouped by (day, kind) for the daily caps."""
    groups: dict[tuple[int, str], list[tuple[Activity, ActivityKind, Alignment]]] = defaultdict(
        list
    )
    index = GoalIndex(goals)
    memo = cache.entries(goals, rules) if cache is not None else {}
    kinds = catalog.kinds
    for activity in activities:
        kind = kinds.get(activity.kind)
        if kind is None:
            continue
        hit = memo.get(activity.id)
        if hit is not None and hit[0] is activity:
            aligned = hit[1]
        else:
            aligned = alignment(activity, kind, index, rules)
            memo[activity.id] = (activity, aligned)
        groups[(activity.date.toordinal(), kind.id)].append((activity, kind, aligned))
    return groups


def _over_cap(
    items: list[tuple[Activity, ActivityKind, Alignment]], cap: int
) -> tuple[set[str], set[str]]:
    """Ids that count (raw, weighted) in a group over its daily cap: the best-aligned count for
    weighted; any `cap` visible ones (by id, for determinism) for raw."""
    best = sorted(items, key=lambda item: (-item[2].value, item[0].id))[:cap]
    visible_items = sorted(
        (item for item in items if item[1].visible and item[0].channel == "linkedin"),
        key=lambda item: item[0].id,
    )
    return {item[0].id for item in visible_items[:cap]}, {item[0].id for item in best}


def capped(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    cache: AlignmentCache | None = None,
) -> Iterator[Capped]:
    """What `prepare` computes, as plain tuples in no particular order."""
    for items in _aligned_groups(activities, goals, catalog, rules, cache).values():
        cap = items[0][1].daily_cap
        if cap is None or len(items) <= cap:
            for activity, kind, aligned in items:
                yield activity, kind, aligned, kind.visible and activity.channel == "linkedin", True
            continue
        raw_ids, weighted_ids = _over_cap(items, cap)
        for activity, kind, aligned in items:
            yield activity, kind, aligned, activity.id in raw_ids, activity.id in weighted_ids


def day_points(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    cache: AlignmentCache | None = None,
) -> DayPoints:
    """`DayPoints.from_capped(capped(...))` in one pass, without a tuple per activity (history's
    hot path: tens of thousands of activities)."""
    days: dict[int, list[float]] = {}
    for (day, _), items in _aligned_groups(activities, goals, catalog, rules, cache).items():
        row = days.get(day)
        if row is None:
            row = days[day] = [0.0] * 16
        kind = items[0][1]
        index = _PILLAR_INDEX[kind.pillar]
        points = kind.points
        cap = kind.daily_cap
        if cap is not None and len(items) > cap:
            raw_ids, weighted_ids = _over_cap(items, cap)
        else:
            raw_ids = weighted_ids = None
        for activity, _, aligned in items:
            visible = kind.visible and activity.channel == "linkedin"
            if visible and (raw_ids is None or activity.id in raw_ids):
                row[index] += points
            if weighted_ids is None or activity.id in weighted_ids:
                weighted = points * aligned.value
                row[4 + index] += weighted
                row[8 + index] += points
                if not visible:
                    row[12 + index] += weighted
    return DayPoints(days)


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
    for pillar, index in _PILLAR_INDEX.items():
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
    """Everything computed for one as-of date: the scored window and the pillar scores."""

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


def breakdown(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    as_of: date,
    window_days: int | None = None,
    checklist: ProfileChecklist | None = None,
    top: int = 5,
    cache: AlignmentCache | None = None,
) -> Breakdown:
    """Score the activities in the window ending on `as_of` (later and older ones are ignored)."""
    window = window_days or rules.scoring.window_days
    in_range = [activity for activity in activities if in_window(activity.date, as_of, window)]
    scored = prepare(in_range, goals, catalog, rules, cache)
    completeness = profile_completeness(checklist or ProfileChecklist(), rules)
    pillars = pillar_scores(DayPoints.from_scored(scored), as_of, window, rules, completeness)
    items = contributions(scored, as_of, window, rules)
    by_pillar: dict[str, list[Contribution]] = {pillar: [] for pillar in pillars}
    for item, entry in zip(items, scored, strict=True):
        if item.weighted > 0 or item.raw > 0:
            by_pillar[entry.kind.pillar].append(item)
    with_top = {
        pillar: _with_top(score, tuple(heapq.nsmallest(top, by_pillar[pillar], key=_rank)))
        for pillar, score in pillars.items()
    }
    return Breakdown(
        as_of=as_of,
        window_days=window,
        pillars=with_top,
        scored=scored,
        contributions=items,
        completeness=completeness,
        level=profile_level(completeness, rules),
    )


def _rank(item: Contribution) -> tuple[float, float, date, str]:
    return (-item.weighted, -item.raw, item.activity.date, item.activity.id)


def _with_top(score: PillarScore, top: tuple[Contribution, ...]) -> PillarScore:
    return PillarScore(
        pillar=score.pillar,
        raw=score.raw,
        weighted=score.weighted,
        alignment=score.alignment,
        raw_points=score.raw_points,
        weighted_points=score.weighted_points,
        effort_points=score.effort_points,
        off_linkedin_points=score.off_linkedin_points,
        top=top,
    )


def history(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    dates: Sequence[date],
    window_days: int | None = None,
    checklist: ProfileChecklist | None = None,
    cache: AlignmentCache | None = None,
) -> list[PillarTotals]:
    """Pillar scores as of each date, sharing one alignment pass (same numbers as `breakdown`)."""
    if not dates:
        return []
    window = window_days or rules.scoring.window_days
    first = window_start(min(dates), window)
    last = max(dates)
    in_range = [activity for activity in activities if first <= activity.date <= last]
    days = day_points(in_range, goals, catalog, rules, cache)
    completeness = profile_completeness(checklist or ProfileChecklist(), rules)
    return [
        PillarTotals(as_of=day, pillars=pillar_scores(days, day, window, rules, completeness))
        for day in dates
    ]
