"""`ssi-tui reading add` and `readings`: validation (one line, exit 2, nothing saved) and the
comparison with our raw estimate, which also feeds the official_gap flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ssi_tui.domain.models import PILLARS
from ssi_tui.store import Store

from .conftest import run

VALID = ["--total", "62", "--brand", "15", "--find", "15", "--engage", "16", "--relate", "16"]


def stored_readings(data_dir: Path) -> int:
    if not (data_dir / "store.json").exists():
        return 0
    with Store.open(data_dir, read_only=True) as store:
        return len(store.readings.all())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--total", "62", "--brand", "26", "--find", "15", "--engage", "5", "--relate", "16"], "--brand must be 0-25"),
        (["--total", "62", "--brand", "15", "--find", "-1", "--engage", "32", "--relate", "16"], "--find must be 0-25"),
        ([*VALID, "--industry-rank", "101"], "--industry-rank must be 0-100"),
        ([*VALID, "--network-rank", "-3"], "--network-rank must be 0-100"),
        ([*VALID, "--industry-avg", "120"], "--industry-avg must be 0-100"),
        ([*VALID, "--network-avg", "nan"], "finite number"),
        ([*VALID[:-2], "--relate", "lots"], "expected a number"),
        ([*VALID[:-2]], "--relate"),  # missing
        ([*VALID, "--date", "tomorrow"], "in the future"),
        ([*VALID, "--date", "31/31/2026"], "--date"),
    ],
)  # fmt: skip
def test_bad_reading_is_one_line_exit_2_and_nothing_saved(
    data_dir: Path, args: list[str], message: str
) -> None:
    status, out, err = run("reading", "add", "--data-dir", str(data_dir), *args)
    assert status == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
    assert stored_readings(data_dir) == 0


def test_total_within_one_point_of_the_sum_is_accepted(data_dir: Path) -> None:
    status, out, err = run(
        "reading", "add", "--data-dir", str(data_dir), *VALID[:1], "62.9", *VALID[2:]
    )
    assert status == 0, err
    assert "Added the reading of 2026-11-26: 62.9" in out
    assert stored_readings(data_dir) == 1


@pytest.mark.parametrize(
    ("total", "refusal"),
    [
        ("70", "--total: the total 70 is not the pillars' sum 62.00"),
        ("60.9", "--total: the total 60.9 is not the pillars' sum 62.00"),
    ],
)
def test_total_off_the_sum_is_refused_with_both_numbers(
    data_dir: Path, total: str, refusal: str
) -> None:
    """The help says the total must equal the pillars' sum (±1): so does the code."""
    status, out, err = run(
        "reading", "add", "--data-dir", str(data_dir), "--total", total, *VALID[2:]
    )
    assert status == 2 and out == "" and err.startswith(f"ssi-tui: error: {refusal}")
    assert stored_readings(data_dir) == 0


def test_a_jump_from_the_previous_reading_is_kept_with_a_warning(data_dir: Path) -> None:
    status, _, err = run("reading", "add", "--data-dir", str(data_dir), "--date", "-9d", *VALID)
    assert (status, err) == (0, "")
    # Twelve points in a week is a plausible move: no warning.
    up = ["--total", "74", "--brand", "18", "--find", "18", "--engage", "19", "--relate", "19"]
    status, _, err = run("reading", "add", "--data-dir", str(data_dir), "--date", "-2d", *up)
    assert (status, err) == (0, "")
    status, _, err = run("reading", "add", "--data-dir", str(data_dir), "--date", "-1d", *VALID)
    assert status == 0
    assert err == (
        "ssi-tui: warning: the total moved -12.0 points in 1 day since the reading of "
        "2026-11-24: check what you typed\n"
    )
    assert stored_readings(data_dir) == 3


def test_reading_add_and_readings_json_with_the_comparison(demo_dir: Path) -> None:
    status, out, err = run(
        "reading", "add", "--data-dir", str(demo_dir), "--date", "-1d", *VALID,
        "--industry-rank", "7", "--network-rank", "4", "--industry-avg", "25", "--network-avg", "31",
    )  # fmt: skip
    assert status == 0, err
    assert "our raw estimate is" in out.lower()
    status, out, err = run("readings", "--data-dir", str(demo_dir), "--json")
    assert status == 0, err
    data = json.loads(out)
    latest = data["readings"][-1]
    assert latest["date"] == "2026-11-25" and latest["total"] == 62
    assert latest["industry_rank"] == 7 and latest["network_avg"] == 31
    comparison = data["latest_comparison"]
    assert comparison["reading"]["id"] == latest["id"]
    assert comparison["estimate_as_of"] == "2026-11-25"
    status, out, _ = run("score", "--data-dir", str(demo_dir), "--as-of", "2026-11-25", "--json")
    score = json.loads(out)
    for pillar in PILLARS:
        entry = comparison["pillars"][pillar]
        assert entry["raw"] == pytest.approx(score["pillars"][pillar]["raw"], abs=0.011)
        difference = entry["raw"] - entry["official"]
        assert entry["raw_minus_official"] == pytest.approx(difference, abs=0.011)
        if abs(difference) >= 0.5:
            side = "above" if difference > 0 else "below"
            assert f"{side} LinkedIn on {pillar}" in entry["sentence"]


def test_readings_text_lists_readings_and_compares_the_latest(demo_dir: Path) -> None:
    status, out, err = run("readings", "--data-dir", str(demo_dir))
    assert status == 0, err
    assert "Latest reading (2026-11-22) vs our estimate on that day:" in out
    assert out.count("our raw estimate is") == 4


def test_readings_empty_store(data_dir: Path) -> None:
    status, out, _ = run("readings", "--data-dir", str(data_dir))
    assert status == 0 and "No readings yet" in out
    status, out, _ = run("readings", "--data-dir", str(data_dir), "--json")
    assert json.loads(out) == {"readings": [], "latest_comparison": None}


def test_official_gap_flag_carries_the_per_pillar_comparison(demo_dir: Path) -> None:
    status, out, _ = run("score", "--data-dir", str(demo_dir), "--json")
    assert status == 0
    flags = [flag for flag in json.loads(out)["flags"] if flag["id"] == "official_gap"]
    assert len(flags) == 1
    evidence = flags[0]["evidence"]
    for pillar in PILLARS:
        assert f"LinkedIn on {pillar}" in evidence["comparison"]
    assert set(evidence["official_minus_raw"]) == set(PILLARS)


def test_one_reading_a_day_edit_and_remove(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    assert run("reading", "add", *d, *VALID, "--date", "2026-11-20")[0] == 0
    again = ["--total", "63", *VALID[2:-1], "17"]  # total 63, relate 17
    status, out, err = run("reading", "add", *d, *again, "--date", "2026-11-20")
    assert status == 2 and out == ""
    assert "2026-11-20 has a reading already (total 62)" in err and "--replace" in err
    status, out, _ = run("reading", "add", *d, *again, "--date", "2026-11-20", "--replace")
    assert status == 0 and stored_readings(data_dir) == 1
    status, out, err = run("reading", "add", *d, *VALID[:-2], "--relate", "30", "--total", "76")
    assert status == 2 and "--relate must be 0-25" in err
    status, out, err = run("reading", "add", "--total", "80", *VALID[2:], *d)
    assert status == 2 and "the total 80 is not the pillars' sum 62.00" in err
    status, out, _ = run("reading", "edit", "2026-11-20", "--total", "62.5", "--relate", "16.5", *d)
    assert status == 0 and out.startswith("Edited the reading of 2026-11-20: 62.5")
    status, out, err = run("reading", "edit", "2026-11-21", "--total", "60", *d)
    assert status == 2 and "no reading on 2026-11-21" in err
    status, out, err = run("reading", "edit", "2026-11-20", "--total", "90", *d)
    assert status == 2 and "not the pillars' sum" in err  # checked as a whole, as when added
    status, out, _ = run("reading", "remove", "2026-11-20", *d)
    assert status == 0 and out.startswith("Removed the reading of 2026-11-20: 62.5")
    assert stored_readings(data_dir) == 0
