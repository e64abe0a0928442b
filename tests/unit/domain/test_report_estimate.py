"""The official comparison's estimate on a reading's day reuses the score's day rows: it must
equal a full history score of that day, whatever the gap between the two windows."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

import ssi_tui.domain.report as report_module
from ssi_tui.domain.daily import history
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.scoring import window_start
from ssi_tui.services.opening import open_workspace
from tests.goals import TODAY


def test_estimate_at_a_past_day_equals_its_history_score(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = open_workspace(tmp_path / "demo", TODAY, demo=True).workspace
    captured = {}
    real = report_module.compute_flags

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        captured["estimate_at"] = args[-1] if len(args) >= 7 else kwargs["estimate_at"]
        return real(*args, **kwargs)

    monkeypatch.setattr(report_module, "compute_flags", spy)
    window = workspace.rules.scoring.window_days
    inputs = workspace.scoring_input(window_start(TODAY - timedelta(days=120), window), TODAY)
    report_module.build_report(inputs, TODAY, window)
    estimate_at = captured["estimate_at"]
    for back in (0, 1, 3, 10, 45, 89, 90, 120):
        day = TODAY - timedelta(days=back)
        (expected,) = history(inputs, [day], window)
        got = estimate_at(day)
        for pillar in PILLARS:
            assert got[pillar].raw == pytest.approx(expected.pillars[pillar].raw, abs=1e-9)
            assert got[pillar].weighted == pytest.approx(
                expected.pillars[pillar].weighted, abs=1e-9
            )
    workspace.close()
