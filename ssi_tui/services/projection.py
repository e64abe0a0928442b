"""What would move the scores: an activity logged N times today, scored without being saved."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.models import Activity, new_id
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.report import Report, build_report
from ssi_tui.domain.scoring import window_start
from ssi_tui.gcpause import paused_gc
from ssi_tui.services.errors import InputError

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

MAX_COUNT = 100


def _scores(report: Report) -> dict[str, Any]:
    scores = report.breakdown
    return {
        "pillars": {
            pillar: {
                "raw": round(scores.pillars[pillar].raw, 2),
                "weighted": round(scores.pillars[pillar].weighted, 2),
            }
            for pillar in PILLARS
        },
        "total": {"raw": round(scores.total_raw, 2), "weighted": round(scores.total_weighted, 2)},
    }


@dataclass(frozen=True, slots=True)
class WhatIf:
    """The scores today, and what they would be with `count` more of `activity`."""

    activity: Activity
    count: int
    before: Report
    after: Report

    def delta(self, pillar: str) -> tuple[float, float]:
        """(raw, weighted) change of a pillar."""
        old, new = self.before.breakdown.pillars[pillar], self.after.breakdown.pillars[pillar]
        return new.raw - old.raw, new.weighted - old.weighted

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui whatif --json`."""
        old, new = self.before.breakdown, self.after.breakdown
        return {
            "kind": self.activity.kind,
            "count": self.count,
            "pillars": {
                pillar: {
                    "raw": round(self.delta(pillar)[0], 2),
                    "weighted": round(self.delta(pillar)[1], 2),
                }
                for pillar in PILLARS
            },
            "total": {
                "raw": round(new.total_raw - old.total_raw, 2),
                "weighted": round(new.total_weighted - old.total_weighted, 2),
            },
            "before": _scores(self.before),
            "after": _scores(self.after),
        }


class ProjectionService:
    """Score hypothetical activity against the real store, saving nothing."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def whatif(self, fields: Mapping[str, Any], count: int = 1) -> WhatIf:
        """The scores today with `count` activities of `fields` added today (validated like a
        logged activity: known kind and audience)."""
        if not 1 <= count <= MAX_COUNT:
            raise InputError(f"count must be 1-{MAX_COUNT}, got {count}", "count")
        workspace = self.workspace
        today = workspace.today
        activity = workspace.activities.build({**fields, "date": today, "source": "manual"})
        window = workspace.rules.scoring.window_days
        start = window_start(today, window)
        recent = [reading.date for reading in workspace.readings.all() if reading.date <= today]
        if recent:
            start = min(start, window_start(max(recent), window))
        inputs = replace(workspace.scoring_input(start, today), cache=None)
        extra = [activity.model_copy(update={"id": new_id()}) for _ in range(count)]
        with paused_gc():
            before = build_report(inputs, today, window)
            after = build_report(
                replace(inputs, activities=[*inputs.activities, *extra]), today, window
            )
        return WhatIf(activity, count, before, after)
