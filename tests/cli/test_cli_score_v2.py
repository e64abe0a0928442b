"""The command line and score model v2: future dates refused, the user's rules override, the
dated checklist, `score --json` keeping its shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run, stored_activities


@pytest.mark.parametrize("when", ["tomorrow", "+2d", "2031-01-01", "2026-11-27"])
def test_log_refuses_a_future_date_with_one_line(data_dir: Path, when: str) -> None:
    status, out, err = run("log", "post", "--date", when, "--data-dir", str(data_dir))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "in the future" in err and "--date" in err
    assert "today is 2026-11-26" in err
    assert stored_activities(data_dir) == 0


def test_log_today_still_works(data_dir: Path) -> None:
    assert run("log", "post", "--date", "today", "--data-dir", str(data_dir))[0] == 0
    assert stored_activities(data_dir) == 1


@pytest.mark.parametrize("command", [["score"], ["history"], ["export", "--format", "md"]])
def test_as_of_in_the_future_is_refused(command: list[str]) -> None:
    status, out, err = run(*command, "--demo", "--as-of", "+1w")
    assert status == 2 and "--as-of" in err and "in the future" in err


def test_reading_in_the_future_is_refused(data_dir: Path) -> None:
    status, _, err = run(
        "reading",
        "add",
        "--total",
        "60",
        "--brand",
        "15",
        "--find",
        "15",
        "--engage",
        "15",
        "--relate",
        "15",
        "--date",
        "tomorrow",
        "--data-dir",
        str(data_dir),
    )
    assert status == 2 and "in the future" in err


def test_score_json_keeps_its_shape_and_adds_nothing_breaking() -> None:
    status, out, _ = run("score", "--demo", "--json")
    assert status == 0
    data = json.loads(out)
    assert {"as_of", "window_days", "pillars", "total", "profile", "flags"} <= set(data)
    for pillar in ("brand", "find", "engage", "relate"):
        assert {"raw", "weighted", "alignment"} <= set(data["pillars"][pillar])
    for flag in data["flags"]:
        assert {"id", "severity", "pillar", "message", "evidence", "action", "suggestion"} <= set(
            flag
        )


def test_demo_tells_its_story() -> None:
    data = json.loads(run("score", "--demo", "--json")[1])
    assert data["total"]["raw"] > data["total"]["weighted"] + 10
    assert len({flag["id"] for flag in data["flags"]}) >= 3


def test_score_long_ago_uses_no_checklist(data_dir: Path) -> None:
    data = json.loads(run("score", "--demo", "--json", "--as-of", "1999-01-01")[1])
    assert data["profile"]["completeness"] == 0.0
    earlier = json.loads(run("score", "--demo", "--json", "--as-of", "-100d")[1])
    now = json.loads(run("score", "--demo", "--json")[1])
    assert 0 < earlier["profile"]["completeness"] < now["profile"]["completeness"]


def test_user_rules_override_is_merged_over_the_shipped_rules(data_dir: Path) -> None:
    assert run("log", "post", "--data-dir", str(data_dir))[0] == 0
    before = json.loads(run("score", "--json", "--data-dir", str(data_dir))[1])
    (data_dir / "rules.toml").write_text("[scoring.saturation]\nbrand = 5\n", encoding="utf-8")
    after = json.loads(run("score", "--json", "--data-dir", str(data_dir))[1])
    assert after["pillars"]["brand"]["raw"] > before["pillars"]["brand"]["raw"]
    assert after["window_days"] == before["window_days"] == 90


@pytest.mark.parametrize(
    "text, named",
    [
        ("[scoring]\nwindow_dayz = 7\n", "window_dayz"),
        ("[scoring]\nhalf_life_days = -3\n", "half_life_days"),
        ("version = 1\n", "version"),
        ("[scoring\n", "not valid TOML"),
    ],
)
def test_a_bad_user_rules_file_is_named_in_one_line(data_dir: Path, text: str, named: str) -> None:
    assert run("log", "post", "--data-dir", str(data_dir))[0] == 0
    (data_dir / "rules.toml").write_text(text, encoding="utf-8")
    status, out, err = run("score", "--data-dir", str(data_dir))
    assert status == 2 and out == ""
    assert err.count("\n") == 1
    assert "rules.toml" in err and named in err


def test_score_on_an_empty_store_says_where_to_start(data_dir: Path) -> None:
    status, out, err = run("score", "--data-dir", str(data_dir))
    assert (status, err) == (0, "")
    assert out.count("\n") == 1 and out.startswith("No activity yet, so nothing to score")
    assert "ssi-tui --demo" in out and "matches your goals" not in out
    status, out, _ = run("score", "--json", "--data-dir", str(data_dir))
    assert status == 0 and json.loads(out)["total"]["raw"] == 0  # JSON unchanged
