"""Calibration recovers a hidden scale (and stock) from noisy readings, and cannot overfit three."""

from __future__ import annotations

import random

import pytest

from ssi_tui.domain.calibration import (
    MIN_READINGS,
    PILLARS,
    Calibration,
    Sample,
    calibrate,
    fit_pillar,
    readings_needed,
)

HIDDEN = {"brand": 0.8, "find": 1.25, "engage": 0.9, "relate": 1.6}


def samples(count: int, stock: float = 0.0, noise: float = 0.5, seed: int = 7) -> list[Sample]:
    rng = random.Random(seed)
    result = []
    for _ in range(count):
        raw = {pillar: rng.uniform(4.0, 14.0) for pillar in PILLARS}
        official = {
            pillar: min(25.0, max(0.0, HIDDEN[pillar] * raw[pillar] + stock + rng.gauss(0, noise)))
            for pillar in PILLARS
        }
        result.append(Sample(official, raw))
    return result


def test_recovers_the_hidden_factors_from_noisy_readings() -> None:
    calibration = calibrate(samples(30))
    assert calibration is not None and calibration.readings == 30
    for pillar in PILLARS:
        fit = calibration.pillars[pillar]
        assert fit.factor == pytest.approx(HIDDEN[pillar], abs=0.08)
        assert abs(fit.stock) < 1.0
        assert fit.loo_error_after < fit.loo_error_before
    assert calibration.loo_error_after < calibration.loo_error_before


def test_recovers_a_stock_only_with_enough_spread_readings() -> None:
    calibration = calibrate(samples(30, stock=3.0))
    assert calibration is not None
    for pillar in PILLARS:
        assert calibration.pillars[pillar].stock == pytest.approx(3.0, abs=1.0)
    few = calibrate(samples(5, stock=3.0))
    assert few is not None and all(fit.stock == 0.0 for fit in few.pillars.values())


def test_three_readings_are_shrunk_towards_the_shipped_rules() -> None:
    raw, official = [10.0, 11.0, 12.0], [20.0, 22.0, 24.0]  # a ratio of 2
    factor, stock = fit_pillar(raw, official)
    assert 1.0 < factor < 2.0 and stock == 0.0  # pulled towards 1
    assert fit_pillar(raw * 10, official * 10)[0] > factor  # more readings, less pull


def test_too_few_readings_give_no_calibration() -> None:
    assert calibrate(samples(MIN_READINGS - 1)) is None
    assert readings_needed(1) == 2 and readings_needed(5) == 0


def test_the_calibrated_estimate_stays_within_a_pillar() -> None:
    calibration = calibrate(samples(10))
    assert calibration is not None
    applied = calibration.apply(dict.fromkeys(PILLARS, 24.0))
    assert all(0.0 <= value <= 25.0 for value in applied.values())
    assert Calibration.from_dict(calibration.as_dict()).as_dict() == calibration.as_dict()
