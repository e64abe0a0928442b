"""A day's points: what each day's activities add to each sum a score reads, daily caps applied.

A row holds, per pillar, the raw points, the weighted points, the effort, the off-LinkedIn
points and the work (effort × quality) per part of the goals; `scoring.pillar_scores` decays
and saturates the rows of a window. Past a daily cap each sum keeps its own largest terms
(`add_group`), so adding an activity never lowers a sum (P3) and no sum depends on ids or order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ssi_tui.domain.alignment import Alignment
from ssi_tui.domain.models import PILLARS, Activity, ActivityKind

PILLAR_INDEX = {pillar: index for index, pillar in enumerate(PILLARS)}

# A day's points row: four numbers per part, in pillar order (see `DayPoints`).
RAW, WEIGHTED, EFFORT, OFF, UNTARGETED, ALL = 0, 4, 8, 12, 16, 20
AUDIENCE_BASE = 24  # then, per goal audience (in `DayPoints.audiences` order): aimed, all


def row_size(audiences: int) -> int:
    """The length of a points row for this many goal audiences."""
    return AUDIENCE_BASE + 8 * audiences


@dataclass(slots=True)
class DayPoints:
    """Undecayed points per day after daily caps. Each day's row holds, four numbers per part
    in pillar order: raw points; weighted points (effort × alignment); effort (unweighted, all
    channels); off-LinkedIn weighted points; untargeted effort × quality; all the effort ×
    quality; then for each goal audience in `audiences` order, its aimed effort × quality and
    all its effort × quality (aimed and tagged). Past a daily cap each of these sums keeps its
    own `daily_cap` largest terms (see `add_group`)."""

    days: dict[int, list[float]] = field(default_factory=dict)
    audiences: tuple[str, ...] = ()


def _masses(
    kind: ActivityKind, aligned: Alignment, slots: Mapping[str, int]
) -> list[tuple[int, float]]:
    """What one activity puts in each column that counts work × quality (see `DayPoints`)."""
    pillar = PILLAR_INDEX[kind.pillar]
    work = kind.points * aligned.quality
    masses = [(ALL + pillar, work)]
    for audience, tier, part in aligned.split:
        if audience is None:
            masses.append((UNTARGETED + pillar, work * part))
        else:
            base = AUDIENCE_BASE + 8 * slots[audience] + pillar
            if tier == "aimed":
                masses.append((base, work * part))
            masses.append((base + 4, work * part))
    return masses


def add_group(
    row: list[float],
    kind: ActivityKind,
    items: Sequence[tuple[Activity, Alignment]],
    slots: Mapping[str, int],
) -> tuple[set[str], set[str]] | None:
    """Add one day's activities of one kind to the day's row, daily cap applied; return the
    ids that count (raw, weighted) when the group is over its cap (None: all of them count).

    `items` come in content order (`daily.content_key`). Under the cap every activity adds all
    its points. Past it, raw counts `daily_cap` visible ones (all worth the same), and each sum
    the weighted score reads — all the work, each audience's aimed work, each audience's work —
    keeps its own `daily_cap` largest terms, ties by content: adding an activity can only raise
    each of these sums, so it never lowers a score (P3), and no sum depends on ids or input
    order (P8). The weighted score never lets the audiences together fill more than all the
    work kept (`weighted_fill`), so the cap still bounds what a day of one kind is worth."""
    cap = kind.daily_cap
    if cap is None or len(items) <= cap:
        for activity, aligned in items:
            add_points(row, kind, activity.channel, aligned, slots, True, True)
        return None
    pillar = PILLAR_INDEX[kind.pillar]
    points = kind.points
    visible = [
        activity.id for activity, _ in items if kind.visible and activity.channel == "linkedin"
    ]
    raw_ids = set(visible[:cap])
    row[RAW + pillar] += points * len(raw_ids)
    columns: dict[int, list[tuple[float, int]]] = {}
    for position, (_, aligned) in enumerate(items):
        for column, mass in _masses(kind, aligned, slots):
            if mass > 0:
                columns.setdefault(column, []).append((mass, position))
    counted: set[int] = set()
    for column, entries in columns.items():
        kept = sorted(entries, key=lambda entry: -entry[0])[:cap]  # stable: ties by content
        for mass, position in kept:
            row[column] += mass
            counted.add(position)
    weighted_ids: set[str] = set()
    for position in sorted(counted):
        activity, aligned = items[position]
        weighted_ids.add(activity.id)
        value = points * aligned.value
        row[WEIGHTED + pillar] += value
        row[EFFORT + pillar] += points
        if not (kind.visible and activity.channel == "linkedin"):
            row[OFF + pillar] += value
    return raw_ids, weighted_ids


def add_points(
    row: list[float],
    kind: ActivityKind,
    channel: str,
    aligned: Alignment,
    slots: Mapping[str, int],
    counts_raw: bool,
    counts_weighted: bool,
) -> None:
    """Add one activity's points to its day's row."""
    pillar = PILLAR_INDEX[kind.pillar]
    points = kind.points
    visible = kind.visible and channel == "linkedin"
    if counts_raw and visible:
        row[RAW + pillar] += points
    if not counts_weighted:
        return
    row[WEIGHTED + pillar] += points * aligned.value
    row[EFFORT + pillar] += points
    if not visible:
        row[OFF + pillar] += points * aligned.value
    work = points * aligned.quality
    row[ALL + pillar] += work
    for audience, tier, part in aligned.split:  # as `_masses`, without a list (the hot path)
        if audience is None:
            row[UNTARGETED + pillar] += work * part
        else:
            base = AUDIENCE_BASE + 8 * slots[audience] + pillar
            if tier == "aimed":
                row[base] += work * part
            row[base + 4] += work * part
