"""Weekly history: equal to `score --as-of` each Sunday, with the official reading of that week."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from ssi_tui.domain.models import PILLARS, SSIReading
from ssi_tui.domain.review import compare_reading, official_of_week, weekly_rows
from ssi_tui.domain.scoring import PillarScore, PillarTotals
from ssi_tui.services.workspace import Workspace, week_ends
from ssi_tui.store import Store

from .conftest import TODAY, run


def reading(day: date, total: float = 60.0, reading_id: str | None = None) -> SSIReading:
    quarter = total / 4
    fields = {"id": reading_id} if reading_id else {}
    return SSIReading(
        date=day, total=total, brand=quarter, find=quarter, engage=quarter, relate=quarter, **fields
    )


@pytest.mark.parametrize("weeks", [12, 26])
def test_history_equals_score_as_of_every_week_end(demo_dir: Path, weeks: int) -> None:
    status, out, err = run("history", "--data-dir", str(demo_dir), "--weeks", str(weeks), "--json")
    assert status == 0, err
    rows = json.loads(out)
    assert len(rows) == weeks
    assert [row["week_end"] for row in rows] == [d.isoformat() for d in week_ends(TODAY, weeks)]
    for row in rows:
        assert date.fromisoformat(row["week_end"]).weekday() == 6  # a Sunday
        status, out, err = run(
            "score", "--data-dir", str(demo_dir), "--as-of", row["week_end"], "--json"
        )
        assert status == 0, err
        score = json.loads(out)
        assert row["raw"] == pytest.approx(score["total"]["raw"], abs=0.011)
        assert row["weighted"] == pytest.approx(score["total"]["weighted"], abs=0.011)
        for pillar in PILLARS:
            for key in ("raw", "weighted"):
                assert row["pillars"][pillar][key] == pytest.approx(
                    score["pillars"][pillar][key], abs=0.011
                ), (row["week_end"], pillar, key)


def test_history_json_shape_oldest_first_with_official_readings(demo_dir: Path) -> None:
    status, out, _ = run("history", "--data-dir", str(demo_dir), "--weeks", "12", "--json")
    assert status == 0
    rows = json.loads(out)
    assert [set(row) for row in rows] == [
        {"week_end", "raw", "weighted", "pillars", "official"}
    ] * 12
    assert rows == sorted(rows, key=lambda row: row["week_end"])
    with Store.open(demo_dir, read_only=True) as store:
        readings = store.readings.all()
    with_official = [row for row in rows if row["official"] is not None]
    assert with_official, "the demo has readings within the last 12 weeks"
    for row in rows:
        end = date.fromisoformat(row["week_end"])
        expected = [r for r in readings if end - timedelta(days=6) <= r.date <= end]
        if expected:
            assert row["official"]["id"] == max(expected, key=lambda r: (r.date, r.id)).id
            assert set(row["official"]) >= {"date", "total", *PILLARS, "industry_rank"}
        else:
            assert row["official"] is None


def test_history_text_and_bad_weeks(demo_dir: Path) -> None:
    status, out, _ = run("history", "--data-dir", str(demo_dir), "--weeks", "4")
    assert status == 0
    assert out.count("\n") == 2 + 4
    for bad in ("0", "521", "x"):
        status, out, err = run("history", "--data-dir", str(demo_dir), "--weeks", bad)
        assert status == 2 and out == "" and "weeks" in err and err.count("\n") == 1


def test_workspace_history_equals_report_for_every_week(demo_dir: Path) -> None:
    with Store.open(demo_dir, read_only=True) as store:
        workspace = Workspace(store, TODAY)
        ends = week_ends(TODAY, 52)
        for totals in workspace.history(ends):
            report = workspace.report(totals.as_of).breakdown
            for pillar in PILLARS:
                assert totals.pillars[pillar].raw == pytest.approx(report.pillars[pillar].raw)
                assert totals.pillars[pillar].weighted == pytest.approx(
                    report.pillars[pillar].weighted
                )


def test_official_of_week_is_the_latest_reading_from_monday_to_sunday() -> None:
    sunday = date(2026, 11, 22)
    monday = sunday - timedelta(days=6)
    readings = [
        reading(monday - timedelta(days=1), reading_id="before"),  # previous Sunday
        reading(monday, reading_id="monday"),
        reading(sunday - timedelta(days=2), reading_id="friday"),
        reading(sunday + timedelta(days=1), reading_id="after"),  # next Monday
    ]
    assert official_of_week(readings, sunday).id == "friday"
    assert official_of_week(readings[:2], sunday).id == "monday"
    assert official_of_week([readings[0], readings[3]], sunday) is None
    same_day = [reading(sunday, reading_id="a"), reading(sunday, reading_id="b")]
    assert official_of_week(same_day, sunday).id == "b"


def _totals(day: date, raw: float, weighted: float) -> PillarTotals:
    return PillarTotals(
        as_of=day,
        pillars={
            pillar: PillarScore(pillar, raw, weighted, None, 0.0, 0.0, 0.0, 0.0)
            for pillar in PILLARS
        },
    )


def test_weekly_rows_sorted_with_their_readings() -> None:
    ends = [date(2026, 11, 22), date(2026, 11, 15)]
    rows = weekly_rows(
        [_totals(ends[0], 5, 4), _totals(ends[1], 4, 3)], [reading(date(2026, 11, 20))]
    )
    assert [row.week_end for row in rows] == sorted(ends)
    assert rows[0].official is None and rows[1].official is not None
    assert rows[1].raw == 20 and rows[1].weighted == 16
    assert rows[1].as_dict()["official"]["date"] == "2026-11-20"


def test_comparison_sentences() -> None:
    official = SSIReading(date=TODAY, total=60, brand=15, find=15, engage=15, relate=15)
    scores = {
        "brand": PillarScore("brand", 15.2, 10, None, 0, 0, 0, 0),
        "find": PillarScore("find", 16, 10, None, 0, 0, 0, 0),
        "engage": PillarScore("engage", 19, 10, None, 0, 0, 0, 0),
        "relate": PillarScore("relate", 12.4, 10, None, 0, 0, 0, 0),
    }
    comparison = compare_reading(official, scores, TODAY)
    assert comparison.sentences() == [
        "our raw estimate is level with LinkedIn on brand",
        "our raw estimate is 1 point above LinkedIn on find",
        "our raw estimate is 4 points above LinkedIn on engage",
        "our raw estimate is 3 points below LinkedIn on relate",
    ]
    assert comparison.summary().startswith("Our raw estimate is level")
    assert comparison.as_dict()["pillars"]["engage"]["raw_minus_official"] == 4.0
    assert comparison.raw_total == pytest.approx(62.6)
