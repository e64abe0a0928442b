"""What a report's scores add up to, shared by the full report and the one the first frame
rebuilds from the last scores (`services/last_scores.py`): a module light enough for both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssi_tui.domain.calibration import Calibration


class Totals:
    """Totals out of 100 of the `pillars` (each with `raw`, `weighted`, `weighted_by_evidence`)."""

    __slots__ = ()
    pillars: Mapping[str, Any]

    @property
    def total_raw(self) -> float:
        """Raw total out of 100."""
        return sum(score.raw for score in self.pillars.values())

    @property
    def total_weighted(self) -> float:
        """Goal-weighted total out of 100."""
        return sum(score.weighted for score in self.pillars.values())

    @property
    def total_weighted_by_evidence(self) -> float:
        """The part of the weighted total that rests on evidence, not on bare tags alone."""
        return sum(score.weighted_by_evidence for score in self.pillars.values())


class Calibrated:
    """The scores of a `breakdown` under a `calibration` fitted on the official readings."""

    __slots__ = ()
    breakdown: Totals
    calibration: Calibration | None

    def calibrated(self, pillar: str) -> float | None:
        """The calibrated raw estimate of a pillar (None without calibration)."""
        if self.calibration is None:
            return None
        return self.calibration.pillars[pillar].apply(self.breakdown.pillars[pillar].raw)

    def calibrated_weighted(self, pillar: str) -> float | None:
        """The weighted score under the same calibration as raw (the same factor and stock),
        so that calibrated raw and calibrated weighted compare as raw and weighted do: the
        calibration moves the scale, never what "weighted by your goals" means."""
        if self.calibration is None:
            return None
        return self.calibration.pillars[pillar].apply(self.breakdown.pillars[pillar].weighted)

    @property
    def calibrated_total(self) -> float | None:
        """The calibrated raw total (None without calibration)."""
        if self.calibration is None:
            return None
        return sum(self.calibrated(pillar) or 0.0 for pillar in self.breakdown.pillars)
