"""Checks on official SSI readings: what makes one doubtful (kept, with a warning), and how
much of a reading's window the activity history covers (a reading whose window starts before
the history is not compared with the raw estimate)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import SSIReading
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.scoring import decay_factors

TOTAL_TOLERANCE = 1.0  # points: LinkedIn rounds the total of its four two-decimal pillars
DAILY_JUMP = 5.0  # points per day: more than this between two readings is doubtful
MIN_COVERAGE = 0.8  # a reading's window must be this much within the history to calibrate on


@dataclass(frozen=True, slots=True)
class ReadingWarning:
    """Why a reading looks doubtful: `kind` is "total" (the total is not the sum of the
    pillars) or "jump" (it moved too fast since `previous`); `difference` in points."""

    kind: str
    difference: float
    pillar_sum: float = 0.0
    previous: date | None = None
    days: int = 0


def total_problem(reading: SSIReading) -> float | None:
    """The pillars' sum when the total is more than 1 point off it (a reading LinkedIn would
    not show: refused), else None."""
    pillar_sum = sum(reading.pillar(pillar) for pillar in PILLARS)
    return pillar_sum if abs(pillar_sum - reading.total) > TOTAL_TOLERANCE else None


def check_reading(reading: SSIReading, others: Sequence[SSIReading] = ()) -> list[ReadingWarning]:
    """The warnings a reading deserves, beside the other readings already recorded."""
    warnings: list[ReadingWarning] = []
    pillar_sum = sum(reading.pillar(pillar) for pillar in PILLARS)
    if abs(pillar_sum - reading.total) > TOTAL_TOLERANCE:
        warnings.append(ReadingWarning("total", reading.total - pillar_sum, pillar_sum=pillar_sum))
    earlier = [other for other in others if other.date < reading.date]  # another day's
    if earlier:
        previous = max(earlier, key=lambda other: other.date)
        days = max(1, (reading.date - previous.date).days)
        moved = reading.total - previous.total
        if abs(moved) > DAILY_JUMP * days:
            warnings.append(ReadingWarning("jump", moved, previous=previous.date, days=days))
    return warnings


def window_coverage(as_of: date, first_day: date | None, rules: Rules) -> float:
    """The share (0-1) of a score's window as of `as_of` that the history starting on
    `first_day` covers, each day weighed by its decay (1.0 when it all lies within)."""
    scoring = rules.scoring
    factors = decay_factors(scoring.half_life_days, scoring.edge_share, scoring.window_days)
    if first_day is None:
        return 0.0
    covered_days = (as_of - first_day).days + 1
    if covered_days >= len(factors):
        return 1.0
    if covered_days <= 0:
        return 0.0
    return sum(factors[:covered_days]) / sum(factors)
