"""Scores computed day by day: a window's breakdown and a weekly history, on one code path.

Per day, the activities are aligned with the goals and the daily caps applied (`_score_day`, or
`_day_row` without an object per activity; neither depends on the as-of date), which gives the
day's points per pillar; `scoring.pillar_scores` then decays and saturates those sums for one
as-of date and window. A breakdown keeps each day's result in the cache and recomputes only the
days whose activities changed; a history sums each day alike, so both give the same numbers.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ssi_tui.domain.alignment import (
    AlignmentCache,
    ContactIndex,
    GoalIndex,
    alignment,
)
from ssi_tui.domain.catalog import Catalog, Rules
from ssi_tui.domain.inputs import Checklist, ScoringInput
from ssi_tui.domain.models import (
    PILLARS,
    Activity,
    Goals,
    ProfileChecklist,
    ProfileHistory,
)
from ssi_tui.domain.points import DayPoints, add_group, add_points, row_size
from ssi_tui.domain.profile import ProfileFit, profile_completeness, profile_fit, profile_level
from ssi_tui.domain.records import DayLists
from ssi_tui.domain.scoring import (
    Breakdown,
    Contribution,
    PillarTotals,
    Scored,
    contribution_rank,
    contributions,
    goal_shares,
    pillar_scores,
    window_start,
)
from ssi_tui.domain.tally import Tally, counts_of, day_tally


def checklist_on(checklist: Checklist, day: date) -> ProfileChecklist | None:
    """The checklist in force on a day: a plain one applies every day; a history gives the one
    recorded last on or before the day (None before the first one)."""
    if isinstance(checklist, ProfileHistory):
        return checklist.at(day)
    return checklist or ProfileChecklist()


def completeness_on(checklist: Checklist, day: date, rules: Rules) -> float:
    """Profile completeness on a day (0 before the first checklist of a history)."""
    found = checklist_on(checklist, day)
    return profile_completeness(found, rules) if found is not None else 0.0


def fit_on(checklist: Checklist, day: date, goals: Goals, rules: Rules) -> ProfileFit:
    """The profile's fit with the goals on a day (see `profile_fit`)."""
    return profile_fit(checklist_on(checklist, day), goals, rules)


def goal_audiences(index: GoalIndex) -> tuple[str, ...]:
    """The goal audiences a points row has slots for (weight > 0), in name order."""
    return tuple(sorted(index.weighted))


def _by_day(
    activities: Iterable[Activity], first: date | None = None, last: date | None = None
) -> dict[date, list[Activity]]:
    """Activities grouped by date (those between `first` and `last` when given), input order kept
    (already grouped, `DayLists` are only filtered)."""
    if isinstance(activities, DayLists):
        return {
            day: found
            for day, found in activities.days.items()
            if (first is None or day >= first) and (last is None or day <= last)
        }
    days: dict[date, list[Activity]] = {}
    for activity in activities:
        day = activity.date
        if (first is not None and day < first) or (last is not None and day > last):
            continue
        found = days.get(day)
        if found is None:
            days[day] = [activity]
        else:
            found.append(activity)
    return days


def content_key(activity: Activity) -> tuple[object, ...]:
    """An order of activities by what they are, never by their (random) ids: kind, channel,
    whom and what, quality, note, then where they came from. The id comes last only to make
    the order total: two activities equal up to it score alike, so which comes first changes
    no number."""
    return (
        activity.kind,
        activity.channel,
        activity.audience or "",
        activity.contact or "",
        activity.company or "",
        activity.title or "",
        -activity.relevance,
        not activity.personalised,
        activity.note,
        activity.source,
        activity.occurrence or activity.date,
        activity.external_id or "",
        activity.id,
    )


def _by_kind(activities: list[Activity], catalog: Catalog) -> dict[str, list[Activity]]:
    """One day's activities of known kinds, by kind (the daily caps apply per day and kind), in
    content order (`content_key`): the points are summed and the caps choose in that order, so
    no number depends on the order the activities came in nor on their ids."""
    kinds = catalog.kinds
    groups: dict[str, list[Activity]] = {}
    for activity in sorted(activities, key=content_key):
        if activity.kind not in kinds:
            continue
        found = groups.get(activity.kind)
        if found is None:
            groups[activity.kind] = [activity]
        else:
            found.append(activity)
    return groups


def _score_day(
    activities: list[Activity],
    index: GoalIndex,
    catalog: Catalog,
    rules: Rules,
    before: list[Scored] | None = None,
) -> tuple[list[Scored], list[float] | None]:
    """One day's activities aligned and capped, in id order, and the day's points row (None: no
    known kind). The row is summed exactly as `_day_row` sums it, so both give equal floats.

    `before`: the day as last scored (same goals, contacts and rules): the activities that are
    the same objects keep their alignment (after one save, only the new one is aligned)."""
    known = {id(item.activity): item.alignment for item in before} if before else {}
    scored: list[Scored] = []
    row: list[float] | None = None
    audiences = goal_audiences(index)
    slots = {name: slot for slot, name in enumerate(audiences)}
    for kind_id, items in _by_kind(activities, catalog).items():
        if row is None:
            row = [0.0] * row_size(len(audiences))
        kind = catalog.kinds[kind_id]
        aligned = [
            (activity, known.get(id(activity)) or alignment(activity, kind, index, rules))
            for activity in items
        ]
        counted = add_group(row, kind, aligned, slots)
        for activity, value in aligned:
            if counted is None:
                visible = kind.visible and activity.channel == "linkedin"
                scored.append(Scored(activity, kind, value, visible, True))
            else:
                raw_ids, weighted_ids = counted
                scored.append(
                    Scored(
                        activity, kind, value, activity.id in raw_ids, activity.id in weighted_ids
                    )
                )
    scored.sort(key=lambda item: item.activity.id)
    return scored, row


def _day_row(
    activities: list[Activity], index: GoalIndex, catalog: Catalog, rules: Rules
) -> list[float] | None:
    """`_score_day`'s points row without building a `Scored` per activity (history's hot path:
    tens of thousands of activities)."""
    row: list[float] | None = None
    audiences = goal_audiences(index)
    slots = {name: slot for slot, name in enumerate(audiences)}
    for kind_id, items in _by_kind(activities, catalog).items():
        if row is None:
            row = [0.0] * row_size(len(audiences))
        kind = catalog.kinds[kind_id]
        cap = kind.daily_cap
        if cap is None or len(items) <= cap:
            for activity in items:  # as `add_group` does, without a list (the hot path)
                value = alignment(activity, kind, index, rules)
                add_points(row, kind, activity.channel, value, slots, True, True)
            continue
        aligned = [(activity, alignment(activity, kind, index, rules)) for activity in items]
        add_group(row, kind, aligned, slots)
    return row


def day_points(
    activities: Iterable[Activity],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    cache: AlignmentCache | None = None,
    contacts: ContactIndex | None = None,
) -> DayPoints:
    """Points per day and pillar after the daily caps (the rows a score computes, summed alike)."""
    index = cache.index(goals, rules, contacts) if cache is not None else GoalIndex(goals, contacts)
    days: dict[int, list[float]] = {}
    for day, day_activities in _by_day(activities).items():
        row = _day_row(day_activities, index, catalog, rules)
        if row is not None:
            days[day.toordinal()] = row
    return DayPoints(days, goal_audiences(index))


@dataclass(slots=True)
class _Day:
    """One day's activities scored after the daily caps, kept while they are the same objects;
    with what they contribute as of the last date asked (and their top candidates per pillar)."""

    activities: list[Activity]
    scored: list[Scored]
    row: list[float] | None
    as_of: date | None = None
    window_days: int = 0
    contributions: list[Contribution] = field(default_factory=list)
    top: dict[str, list[Contribution]] = field(default_factory=dict)
    top_count: int = 0
    counts: Tally | None = None  # the flags' counts (as of no date)
    tally: Tally | None = None  # and their sums, as of `as_of`
    known: frozenset[str] = frozenset()  # the goal audiences `tally` sums for

    def holds(self, activities: list[Activity]) -> bool:
        """Whether it was computed from exactly these activity objects, in this order."""
        mine = self.activities
        if mine is activities:  # the store's list of the day, unchanged
            return True
        return len(mine) == len(activities) and all(
            old is new for old, new in zip(mine, activities, strict=True)
        )

    def at(
        self, as_of: date, window_days: int, rules: Rules, top: int, known: frozenset[str]
    ) -> None:
        """Compute the contributions as of `as_of`, the top `top` per pillar and the flags'
        tally (unless known)."""
        if (
            self.as_of == as_of
            and self.window_days == window_days
            and self.top_count == top
            and self.known == known
        ):
            return
        items = contributions(self.scored, as_of, window_days, rules)
        by_pillar: dict[str, list[Contribution]] = defaultdict(list)
        for item, entry in zip(items, self.scored, strict=True):
            if item.weighted > 0 or item.raw > 0:
                by_pillar[entry.kind.pillar].append(item)
        self.contributions = items
        self.top = {
            pillar: heapq.nsmallest(top, candidates, key=contribution_rank)
            for pillar, candidates in by_pillar.items()
        }
        if self.counts is None:
            self.counts = counts_of(self.scored)
        self.tally = day_tally(self.counts, self.scored, items, known)
        self.as_of, self.window_days, self.top_count, self.known = as_of, window_days, top, known


def _score_days(
    by_day: dict[date, list[Activity]],
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    cache: AlignmentCache | None,
    contacts: ContactIndex | None,
) -> tuple[GoalIndex, dict[date, _Day]]:
    """Each day's `_Day`: reused from the cache when its activities are the same objects (the
    store hands out a new object when an activity changes), the others computed."""
    memo: dict[date, _Day]
    if cache is not None:
        index, memo = cache.days(goals, rules, catalog, contacts)
    else:
        index, memo = GoalIndex(goals, contacts), {}
    result: dict[date, _Day] = {}
    for day, activities in by_day.items():
        entry = memo.get(day)
        if entry is None or not entry.holds(activities):
            before = entry.scored if entry is not None else None
            entry = _Day(activities, *_score_day(activities, index, catalog, rules, before))
        result[day] = entry
    if cache is not None:
        memo.clear()  # keep only the days of this window: memory stays bounded
        memo.update(result)
    return index, result


def breakdown(
    inputs: ScoringInput, as_of: date, window_days: int | None = None, top: int = 5
) -> Breakdown:
    """Score the activities in the window ending on `as_of` (later and older ones are ignored).

    Per day, the activities are aligned and capped, summed, and given their decayed
    contributions; with a cache, a day whose activities are the same objects as last time is
    not recomputed (after one save, only that day is)."""
    goals, catalog, rules, checklist = inputs.goals, inputs.catalog, inputs.rules, inputs.checklist
    window = window_days or rules.scoring.window_days
    by_day = _by_day(inputs.activities, window_start(as_of, window), as_of)
    index, days = _score_days(by_day, goals, catalog, rules, inputs.cache, inputs.contacts)
    scored: list[Scored] = []
    items: list[Contribution] = []
    rows: dict[int, list[float]] = {}
    candidates: dict[str, list[Contribution]] = {pillar: [] for pillar in PILLARS}
    known = frozenset(audience.name for audience in goals.audiences)
    tally = Tally()
    for day in sorted(days):
        entry = days[day]
        entry.at(as_of, window, rules, top, known)
        assert entry.tally is not None
        tally.add(entry.tally)
        scored.extend(entry.scored)
        items.extend(entry.contributions)
        if entry.row is not None:
            rows[day.toordinal()] = entry.row
        for pillar, best in entry.top.items():
            candidates[pillar].extend(best)
    completeness = completeness_on(checklist, as_of, rules)
    fit = fit_on(checklist, as_of, goals, rules)
    points = DayPoints(rows, goal_audiences(index))
    pillars = pillar_scores(
        points, as_of, window, rules, completeness, goal_shares(goals), fit.value
    )
    with_top = {
        pillar: replace(
            score, top=tuple(heapq.nsmallest(top, candidates[pillar], key=contribution_rank))
        )
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
        points=points,
        fit=fit,
        tally=tally,
    )


def history(
    inputs: ScoringInput, dates: Sequence[date], window_days: int | None = None
) -> list[PillarTotals]:
    """Pillar scores as of each date, sharing one alignment pass (same numbers as `breakdown`)."""
    if not dates:
        return []
    goals, rules = inputs.goals, inputs.rules
    window = window_days or rules.scoring.window_days
    first = window_start(min(dates), window)
    last = max(dates)
    in_range = (activity for activity in inputs.activities if first <= activity.date <= last)
    days = day_points(in_range, goals, inputs.catalog, rules, inputs.cache, inputs.contacts)
    return history_of(days, dates, window, goals, rules, inputs.checklist)


def history_of(
    days: DayPoints,
    dates: Sequence[date],
    window: int,
    goals: Goals,
    rules: Rules,
    checklist: Checklist,
) -> list[PillarTotals]:
    """Pillar scores as of each date from the days' points (which must cover each date's
    window): the profile's fit and completeness on each date added."""
    shares = goal_shares(goals)
    fits: dict[int, float] = {}  # by checklist: a history has a few, each judged once
    rows = []
    for day in dates:
        found = checklist_on(checklist, day)
        fit = fits.get(id(found))
        if fit is None:
            fit = fits[id(found)] = profile_fit(found, goals, rules).value
        completeness = profile_completeness(found, rules) if found is not None else 0.0
        rows.append(
            PillarTotals(
                as_of=day,
                pillars=pillar_scores(days, day, window, rules, completeness, shares, fit),
            )
        )
    return rows
