"""`ssi-tui calibrate` and the calibrated estimate in `score`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run

READING = ["--total", "60", "--brand", "15", "--find", "15", "--engage", "15", "--relate", "15"]


def test_calibrate_on_the_demo_has_the_documented_shape(demo_dir: Path) -> None:
    status, out, err = run("calibrate", "--data-dir", str(demo_dir), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["readings"] == 6 and data["enabled"] is True
    assert set(data["pillars"]) == {"brand", "find", "engage", "relate"}
    for fit in data["pillars"].values():
        assert set(fit) >= {"factor", "loo_error_before", "loo_error_after"}
    assert set(data["total"]) == {"loo_error_before", "loo_error_after"}
    improved = [
        p for p, fit in data["pillars"].items() if fit["loo_error_after"] < fit["loo_error_before"]
    ]
    assert len(improved) >= 3
    assert data["total"]["loo_error_after"] < data["total"]["loo_error_before"]
    assert data["skipped"] == []  # the demo's history covers every reading's window


def test_score_json_carries_the_calibration_and_can_leave_it_out(demo_dir: Path) -> None:
    data = json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])
    assert data["calibration"]["readings"] == 6 and data["calibration"]["applied"]
    for name, pillar in data["pillars"].items():
        assert 0 <= pillar["calibrated"] <= 25 and pillar["estimate_error"] >= 0
        # Weighted goes through the same calibration as raw: the two stay comparable.
        factor = json.loads(run("calibrate", "--data-dir", str(demo_dir), "--json")[1])["pillars"][
            name
        ]["factor"]
        expected = min(25.0, factor * pillar["weighted"])  # a pillar never passes 25
        assert pillar["calibrated_weighted"] == pytest.approx(expected, abs=0.02)
    plain = json.loads(run("score", "--data-dir", str(demo_dir), "--json", "--no-calibration")[1])
    assert all(p["calibrated"] is None for p in plain["pillars"].values())
    assert plain["calibration"] == {
        "readings": 0,
        "applied": False,
        "total": None,
        "estimate_error": None,
    }
    assert {k: v["raw"] for k, v in plain["pillars"].items()} == {
        k: v["raw"] for k, v in data["pillars"].items()
    }  # raw and weighted keep their meaning
    text = run("score", "--data-dir", str(demo_dir))[1]
    assert "calibrated on 6 readings, ±" in text


def test_fewer_than_three_readings_say_how_many_more(data_dir: Path) -> None:
    assert run("log", "post", "--date", "-100d", "--data-dir", str(data_dir))[0] == 0
    assert run("reading", "add", *READING, "--data-dir", str(data_dir))[0] == 0
    status, out, _ = run("calibrate", "--data-dir", str(data_dir))
    assert status == 0 and out.startswith("1 usable official reading: 2 more needed")
    assert "Left out" not in out
    data = json.loads(run("score", "--data-dir", str(data_dir), "--json")[1])
    assert data["calibration"]["applied"] is False


def test_a_new_reading_refits_and_off_turns_it_off(demo_dir: Path) -> None:
    before = json.loads(run("calibrate", "--data-dir", str(demo_dir), "--json")[1])
    assert run("reading", "add", *READING, "--date", "-1d", "--data-dir", str(demo_dir))[0] == 0
    after = json.loads(run("calibrate", "--data-dir", str(demo_dir), "--json")[1])
    assert after["readings"] == 7 and after["pillars"] != before["pillars"]
    assert run("calibrate", "--off", "--data-dir", str(demo_dir))[0] == 0
    data = json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])
    assert data["calibration"]["applied"] is False
    assert run("calibrate", "--on", "--data-dir", str(demo_dir))[0] == 0
    assert json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])["calibration"][
        "applied"
    ]


def test_a_reading_older_than_the_history_is_left_out_and_said(data_dir: Path) -> None:
    """A user who starts logging today and types last month's readings: their windows lie
    mostly before the history, so they are not calibrated on, and the user is told why."""
    assert run("log", "post", "--date", "-10d", "--data-dir", str(data_dir))[0] == 0
    for day in ("-40d", "-5d", "-3d", "-1d"):
        assert run("reading", "add", *READING, "--date", day, "--data-dir", str(data_dir))[0] == 0
    status, out, _ = run("calibrate", "--data-dir", str(data_dir))
    assert status == 0
    assert out.startswith("0 usable official readings: 3 more needed")
    assert "Left out the reading of 2026-10-17: your history covers 0% of its 90-day window" in out
    assert out.count("Left out") == 4
    data = json.loads(run("calibrate", "--data-dir", str(data_dir), "--json")[1])
    assert data["readings"] == 0 and data["needed"] == 3
    assert [item["date"] for item in data["skipped"]][:1] == ["2026-10-17"]
    assert all(0 <= item["coverage"] < 0.8 for item in data["skipped"])


def test_calibrate_prints_the_same_the_second_time(demo_dir: Path) -> None:
    """Regression: the first run printed the fresh fit (1.13), later ones the kept, rounded
    one (1.14): the same data must print the same, and score the same."""
    first = run("calibrate", "--data-dir", str(demo_dir))
    first_json = run("calibrate", "--data-dir", str(demo_dir), "--json")
    again = run("calibrate", "--data-dir", str(demo_dir))
    assert first[0] == 0 and first == again
    assert (
        json.loads(first_json[1])["pillars"]
        == json.loads(run("calibrate", "--data-dir", str(demo_dir), "--json")[1])["pillars"]
    )


def test_a_fresh_fit_is_the_fit_kept(tmp_path: Path) -> None:
    from ssi_tui.services.opening import open_workspace

    from .conftest import TODAY

    fresh = open_workspace(tmp_path / "demo", TODAY, demo=True).workspace
    fitted = fresh.calibration.current()
    fresh.close()
    reopened = open_workspace(tmp_path / "demo", TODAY).workspace
    assert fitted is not None and reopened.calibration.current() == fitted
    reopened.close()
