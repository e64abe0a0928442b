"""`ssi-tui plan project`: the plans done on schedule, week by week, against doing nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from ssi_tui.domain.report import build_report
from ssi_tui.domain.scoring import window_start
from ssi_tui.services.opening import open_workspace
from ssi_tui.services.projection import planned_activities
from ssi_tui.services.workspace import week_ends

from .conftest import TODAY, run


def test_project_json_week_by_week_against_doing_nothing(demo_dir: Path) -> None:
    status, out, err = run("plan", "project", "--data-dir", str(demo_dir), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["plans"] == 4
    weeks = data["weeks"]
    # The weeks end on Sundays, as history's do (TODAY is a Thursday: the first week is short).
    ends = [date.fromisoformat(week["week_end"]) for week in weeks]
    assert ends == week_ends(ends[-1], 4) and ends[0] == TODAY + timedelta(days=3)
    assert all(end.weekday() == 6 for end in ends)
    for week in weeks:
        assert set(week) >= {"week_end", "occurrences", "plan", "nothing"}
        assert week["occurrences"] > 0
        assert week["plan"]["weighted"] > week["nothing"]["weighted"]
        assert week["plan"]["raw"] >= week["nothing"]["raw"]
    # Doing nothing, the scores only decay.
    idle = [week["nothing"]["raw"] for week in weeks]
    assert idle == sorted(idle, reverse=True) and idle[0] > idle[-1]
    text = run("plan", "project", "--data-dir", str(demo_dir), "--weeks", "2")[1]
    assert "4 plans done on schedule" in text and text.count("2026-11-29") == 1


def test_the_first_week_is_the_score_with_that_weeks_occurrences(tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "demo", TODAY, demo=True).workspace
    first = workspace.projection.project(1)[0]
    week_end = TODAY + timedelta(days=3)  # the Sunday that ends this week
    plans = workspace.planner.all_plans()
    extra = planned_activities(workspace, plans, week_end)
    assert len(extra) == first.occurrences
    window = workspace.rules.scoring.window_days
    inputs = workspace.scoring_input(window_start(TODAY, window), TODAY)
    expected = build_report(
        replace(inputs, activities=[*inputs.activities, *extra], cache=None), week_end, window
    ).breakdown
    assert first.planned.raw == pytest.approx(expected.total_raw, abs=1e-9)
    assert first.planned.weighted == pytest.approx(expected.total_weighted, abs=1e-9)
    # A plan's occurrence already done is not counted twice.
    plan = next(plan for plan in plans if plan.kind == "comment")
    workspace.planner.done_next(plan.id)
    again = planned_activities(workspace, plans, week_end)
    assert len(again) == len(extra) - 1
    workspace.close()


def test_no_plans_is_doing_nothing(data_dir: Path) -> None:
    assert run("log", "post", "--date", "-3d", "--data-dir", str(data_dir))[0] == 0
    status, out, _ = run("plan", "project", "--data-dir", str(data_dir), "--json")
    assert status == 0
    data = json.loads(out)
    assert data["plans"] == 0
    assert all(week["plan"] == week["nothing"] for week in data["weeks"])
    assert "No plans yet" in run("plan", "project", "--data-dir", str(data_dir))[1]


@pytest.mark.parametrize("weeks", ["0", "27", "two"])
def test_bad_weeks_is_one_line_exit_2(data_dir: Path, weeks: str) -> None:
    status, out, err = run("plan", "project", "--weeks", weeks, "--data-dir", str(data_dir))
    assert status == 2 and out == "" and err.count("\n") == 1 and "weeks" in err


def test_suggestions_carry_their_projected_gain(demo_dir: Path) -> None:
    status, out, err = run("plan", "suggest", "--data-dir", str(demo_dir), "--json")
    assert (status, err) == (0, "")
    suggestions = json.loads(out)
    assert suggestions
    for item in suggestions:
        gain = item["projected_gain"]
        assert gain["weeks"] == 4 and gain["weighted"] > 0 and gain["raw"] >= 0
    text = run("plan", "suggest", "--data-dir", str(demo_dir))[1]
    assert text.count("by Sun 20 Dec: weighted +") == len(suggestions)  # the 4th Sunday
    past = json.loads(
        run("plan", "suggest", "--data-dir", str(demo_dir), "--json", "--as-of", "-7d")[1]
    )
    assert all(item["projected_gain"] is None for item in past)


@pytest.mark.parametrize("offset", range(7))
def test_next_week_ends_are_the_sundays_history_uses(offset: int) -> None:
    from ssi_tui.domain.dates import next_week_ends

    today = TODAY + timedelta(days=offset)
    ends = next_week_ends(today, 3)
    assert all(end.weekday() == 6 for end in ends) and today < ends[0] <= today + timedelta(7)
    assert week_ends(ends[-1], 3) == ends
