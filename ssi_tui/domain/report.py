"""A full score report (pillars, totals, flags) and its JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from ssi_tui.domain.calibration import Calibration
from ssi_tui.domain.daily import (
    breakdown,
    completeness_on,
    day_points,
    fit_on,
    history,
    history_of,
)
from ssi_tui.domain.flags import Flag, compute_flags
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import PILLARS, SSIReading
from ssi_tui.domain.points import DayPoints
from ssi_tui.domain.scoring import (
    Breakdown,
    PillarScore,
    goal_shares,
    pillar_scores,
    window_start,
)
from ssi_tui.domain.totals import Calibrated


@dataclass(frozen=True, slots=True)
class Report(Calibrated):
    """Scores and flags as of a date."""

    breakdown: Breakdown
    flags: list[Flag]
    latest_reading: SSIReading | None = None
    calibration: Calibration | None = None  # fitted on the official readings, when on


def build_report(inputs: ScoringInput, as_of: date, window_days: int | None = None) -> Report:
    """Score the window ending on `as_of` and raise the flags (see `ScoringInput` for what the
    activities must cover)."""
    activities = inputs.activities
    if not isinstance(activities, list):
        inputs = replace(inputs, activities=list(activities))
    goals, catalog, rules, checklist = inputs.goals, inputs.catalog, inputs.rules, inputs.checklist
    scores = breakdown(inputs, as_of, window_days)
    first_activity = inputs.first_activity
    if first_activity is None and inputs.activities:
        first_activity = min(activity.date for activity in inputs.activities)

    def estimate_at(day: date) -> dict[str, PillarScore]:
        window = rules.scoring.window_days
        completeness = completeness_on(checklist, day, rules)
        fit = fit_on(checklist, day, goals, rules).value
        shares = goal_shares(goals)
        if day <= scores.as_of and window_start(day, window) >= window_start(
            scores.as_of, scores.window_days
        ):
            return pillar_scores(scores.points, day, window, rules, completeness, shares, fit)
        scored_from = window_start(scores.as_of, scores.window_days)
        if day <= scores.as_of and scores.window_days == window:
            # A reading a few days back: its window starts a few days before the score's.
            # Days are independent (caps are per day), so only those days are scored anew.
            start, end = window_start(day, window), scored_from - timedelta(days=1)
            if inputs.days is not None:
                earlier = inputs.days(start, end)
            else:
                earlier = day_points(
                    (activity for activity in inputs.activities if start <= activity.date <= end),
                    goals,
                    catalog,
                    rules,
                    inputs.cache,
                    inputs.contacts,
                )
            if earlier.audiences == scores.points.audiences or not earlier.days:
                merged = DayPoints({**earlier.days, **scores.points.days}, scores.points.audiences)
                return pillar_scores(merged, day, window, rules, completeness, shares, fit)
        if inputs.days is not None:
            points = inputs.days(window_start(day, window), day)
            (row,) = history_of(points, [day], window, goals, rules, checklist)
        else:
            (row,) = history(inputs, [day], window)
        return row.pillars

    readings = inputs.readings
    flags = compute_flags(
        scores, goals, catalog, rules, readings, first_activity, estimate_at, changes=inputs.changes
    )
    past = [reading for reading in readings if reading.date <= as_of]
    latest = max(past, key=lambda reading: (reading.date, reading.id)) if past else None
    return Report(breakdown=scores, flags=flags, latest_reading=latest)


def report_json(report: Report) -> dict[str, Any]:
    """The object printed by `ssi-tui score --json`."""
    scores = report.breakdown
    pillars = {
        pillar: {
            "raw": round(scores.pillars[pillar].raw, 2),
            "weighted": round(scores.pillars[pillar].weighted, 2),
            "weighted_by_evidence": round(scores.pillars[pillar].weighted_by_evidence, 2),
            "alignment": (
                None
                if scores.pillars[pillar].alignment is None
                else round(scores.pillars[pillar].alignment, 3)
            ),
            "points_raw": round(scores.pillars[pillar].raw_points, 3),
            "points_weighted": round(scores.pillars[pillar].weighted_points, 3),
            "calibrated": _rounded(report.calibrated(pillar)),
            "calibrated_weighted": _rounded(report.calibrated_weighted(pillar)),
            "estimate_error": (
                None
                if report.calibration is None
                else round(report.calibration.pillars[pillar].loo_error_after, 2)
            ),
        }
        for pillar in PILLARS
    }
    return {
        "as_of": scores.as_of.isoformat(),
        "window_days": scores.window_days,
        "pillars": pillars,
        "total": {
            "raw": round(scores.total_raw, 2),
            "weighted": round(scores.total_weighted, 2),
            "weighted_by_evidence": round(scores.total_weighted_by_evidence, 2),
        },
        "profile": {
            "completeness": round(scores.completeness, 3),
            "level": scores.level,
            "fit": round(scores.fit.value, 3),
        },
        "flags": [flag.as_dict() for flag in report.flags],
        "calibration": {
            "readings": report.calibration.readings if report.calibration else 0,
            "applied": report.calibration is not None,
            "total": _rounded(report.calibrated_total),
            "estimate_error": (
                None if report.calibration is None else round(report.calibration.loo_error_after, 2)
            ),
        },
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
