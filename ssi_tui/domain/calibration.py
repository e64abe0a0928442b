"""Calibration of the raw estimate on the user's official SSI readings.

Per pillar, LinkedIn's score o is modelled from our raw estimate r on the reading's day as
o ≈ factor · r (+ stock), clamped to 0-25:

- `factor` is fitted by least squares, shrunk towards 1 (the shipped rules) by `PRIOR`
  pseudo-readings: f = (Σ o·r + k·m) / (Σ r² + k·m), m the mean of r², k = PRIOR. With 3
  readings the prior weighs as much as 2 of them, so 3 readings cannot overfit.
- `stock` (what LinkedIn counts that no activity shows: network size, history before the
  store) is fitted too only with `STOCK_MIN_READINGS` readings spread over different activity
  levels (the raw estimates' spread at least `STOCK_MIN_SPREAD` points).

Each fit is judged by its leave-one-out error: each reading predicted by the fit of the
others (`loo_error_after`), against the raw estimate itself (`loo_error_before`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ssi_tui.domain.pillars import PILLARS

MIN_READINGS = 3
STOCK_MIN_READINGS = 8
STOCK_MIN_SPREAD = 2.0  # points: the raw estimates' standard deviation needed to fit a stock
PRIOR = 2.0  # pseudo-readings pulling the factor towards 1 (the shipped rules)
PILLAR_MAX = 25.0


@dataclass(frozen=True, slots=True)
class Sample:
    """One official reading beside our raw estimate on its day, per pillar; `coverage` is the
    share of the reading's window the activity history covers (see `window_coverage`)."""

    official: Mapping[str, float]
    raw: Mapping[str, float]
    day: date | None = None
    coverage: float = 1.0


def usable(samples: Sequence[Sample], min_coverage: float) -> tuple[list[Sample], list[Sample]]:
    """(used, skipped): a reading whose window the history covers less than `min_coverage`
    is compared with an estimate that misses activity, so it is not calibrated on."""
    used = [sample for sample in samples if sample.coverage >= min_coverage]
    skipped = [sample for sample in samples if sample.coverage < min_coverage]
    return used, skipped


@dataclass(frozen=True, slots=True)
class PillarFit:
    """One pillar's fitted parameters and how well they predict unseen readings."""

    factor: float
    stock: float
    loo_error_before: float
    loo_error_after: float

    def apply(self, raw: float) -> float:
        """The calibrated raw estimate of a pillar."""
        return min(PILLAR_MAX, max(0.0, self.factor * raw + self.stock))


@dataclass(frozen=True, slots=True)
class Calibration:
    """The fit on `readings` readings; `None` pillars when there were too few."""

    readings: int
    pillars: Mapping[str, PillarFit]
    loo_error_before: float
    loo_error_after: float
    skipped: tuple[tuple[date, float], ...] = ()  # readings left out: (day, coverage)

    def apply(self, raw: Mapping[str, float]) -> dict[str, float]:
        """Calibrated raw estimates per pillar."""
        return {pillar: self.pillars[pillar].apply(raw[pillar]) for pillar in PILLARS}

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui calibrate --json`."""
        return {
            "readings": self.readings,
            "pillars": {
                pillar: {
                    "factor": round(fit.factor, 4),
                    "stock": round(fit.stock, 3),
                    "loo_error_before": round(fit.loo_error_before, 3),
                    "loo_error_after": round(fit.loo_error_after, 3),
                }
                for pillar, fit in self.pillars.items()
            },
            "total": {
                "loo_error_before": round(self.loo_error_before, 3),
                "loo_error_after": round(self.loo_error_after, 3),
            },
            "skipped": skipped_json(self.skipped),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Calibration:
        """Back from `as_dict` (as kept in the store's settings)."""
        return cls(
            readings=int(data["readings"]),
            pillars={
                pillar: PillarFit(
                    float(item["factor"]),
                    float(item.get("stock", 0.0)),
                    float(item["loo_error_before"]),
                    float(item["loo_error_after"]),
                )
                for pillar, item in data["pillars"].items()
            },
            loo_error_before=float(data["total"]["loo_error_before"]),
            loo_error_after=float(data["total"]["loo_error_after"]),
            skipped=tuple(
                (date.fromisoformat(item["date"]), float(item["coverage"]))
                for item in data.get("skipped", ())
            ),
        )


def skipped_json(skipped: Sequence[tuple[date, float]]) -> list[dict[str, Any]]:
    """The readings left out, as JSON: `[{"date", "coverage"}]`."""
    return [{"date": day.isoformat(), "coverage": round(share, 3)} for day, share in skipped]


def _spread(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((value - mean) ** 2 for value in values) / len(values))


def fit_pillar(
    raw: Sequence[float], official: Sequence[float], prior: float = PRIOR
) -> tuple[float, float]:
    """(factor, stock) for one pillar: the shrunk least-squares fit described above."""
    count = len(raw)
    if count == 0:
        return 1.0, 0.0
    squares = sum(r * r for r in raw)
    mean_square = squares / count
    weight = prior * max(mean_square, 1e-9)
    if count < STOCK_MIN_READINGS or _spread(raw) < STOCK_MIN_SPREAD:
        factor = (sum(o * r for o, r in zip(official, raw, strict=True)) + weight) / (
            squares + weight
        )
        return factor, 0.0
    # With a stock: the factor from the spread of r around its mean (shrunk towards 1 by
    # `prior` readings' worth of variance), the stock what is left at the mean.
    mean_r, mean_o = sum(raw) / count, sum(official) / count
    covariance = sum((r - mean_r) * (o - mean_o) for r, o in zip(raw, official, strict=True))
    variance = sum((r - mean_r) ** 2 for r in raw)
    factor_weight = prior * variance / count
    factor = (covariance + factor_weight) / (variance + factor_weight)
    return factor, mean_o - factor * mean_r


def _predict(raw: float, factor: float, stock: float) -> float:
    return min(PILLAR_MAX, max(0.0, factor * raw + stock))


def calibrate(
    samples: Sequence[Sample], skipped: Sequence[tuple[date, float]] = ()
) -> Calibration | None:
    """The calibration fitted on the samples; None with fewer than `MIN_READINGS`. `skipped`
    (readings left out) is kept in the result to be shown."""
    count = len(samples)
    if count < MIN_READINGS:
        return None
    fits: dict[str, PillarFit] = {}
    loo_totals = [0.0] * count
    for pillar in PILLARS:
        raw = [sample.raw[pillar] for sample in samples]
        official = [sample.official[pillar] for sample in samples]
        before: list[float] = []
        after: list[float] = []
        for index in range(count):
            others = [i for i in range(count) if i != index]
            factor, stock = fit_pillar([raw[i] for i in others], [official[i] for i in others])
            predicted = _predict(raw[index], factor, stock)
            loo_totals[index] += predicted
            before.append(abs(official[index] - raw[index]))
            after.append(abs(official[index] - predicted))
        factor, stock = fit_pillar(raw, official)
        fits[pillar] = PillarFit(factor, stock, sum(before) / count, sum(after) / count)
    totals_official = [sum(sample.official[p] for p in PILLARS) for sample in samples]
    totals_raw = [sum(sample.raw[p] for p in PILLARS) for sample in samples]
    total_before = sum(abs(o - r) for o, r in zip(totals_official, totals_raw, strict=True))
    total_after = sum(abs(o - p) for o, p in zip(totals_official, loo_totals, strict=True))
    return Calibration(
        count, fits, total_before / count, total_after / count, skipped=tuple(skipped)
    )


def readings_needed(count: int) -> int:
    """How many more readings a calibration needs."""
    return max(0, MIN_READINGS - count)
