"""`ssi-tui calibrate` and the calibrated estimate in `score`."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run

READING = ["--total", "60", "--brand", "15", "--find", "15", "--engage", "15", "--relate", "15"]


def test_calibrate_on_the_demo_has_the_documented_shape(demo_dir: Path) -> None:
    status, out, err = run("calibrate", "--data-dir", str(demo_dir), "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data["readings"] == 3 and data["enabled"] is True
    assert set(data["pillars"]) == {"brand", "find", "engage", "relate"}
    for fit in data["pillars"].values():
        assert set(fit) >= {"factor", "loo_error_before", "loo_error_after"}
    assert set(data["total"]) == {"loo_error_before", "loo_error_after"}
    improved = [
        p for p, fit in data["pillars"].items() if fit["loo_error_after"] < fit["loo_error_before"]
    ]
    assert len(improved) >= 3


def test_score_json_carries_the_calibration_and_can_leave_it_out(demo_dir: Path) -> None:
    data = json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])
    assert data["calibration"]["readings"] == 3 and data["calibration"]["applied"]
    for pillar in data["pillars"].values():
        assert 0 <= pillar["calibrated"] <= 25 and pillar["estimate_error"] >= 0
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
    assert "calibrated on 3 readings, ±" in text


def test_fewer_than_three_readings_say_how_many_more(data_dir: Path) -> None:
    assert run("reading", "add", *READING, "--data-dir", str(data_dir))[0] == 0
    status, out, _ = run("calibrate", "--data-dir", str(data_dir))
    assert status == 0 and "1 official reading: 2 more needed" in out
    data = json.loads(run("score", "--data-dir", str(data_dir), "--json")[1])
    assert data["calibration"]["applied"] is False


def test_a_new_reading_refits_and_off_turns_it_off(demo_dir: Path) -> None:
    before = json.loads(run("calibrate", "--data-dir", str(demo_dir), "--json")[1])
    assert run("reading", "add", *READING, "--date", "-1d", "--data-dir", str(demo_dir))[0] == 0
    after = json.loads(run("calibrate", "--data-dir", str(demo_dir), "--json")[1])
    assert after["readings"] == 4 and after["pillars"] != before["pillars"]
    assert run("calibrate", "--off", "--data-dir", str(demo_dir))[0] == 0
    data = json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])
    assert data["calibration"]["applied"] is False
    assert run("calibrate", "--on", "--data-dir", str(demo_dir))[0] == 0
    assert json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])["calibration"][
        "applied"
    ]
