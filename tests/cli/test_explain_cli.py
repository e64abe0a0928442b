"""`score --explain`: every point accounted for, the score recomputed from the rules."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from pathlib import Path

import pytest

from ssi_tui.domain.catalog import default_rules
from ssi_tui.domain.models import Activity, Goals
from ssi_tui.store import Store

from .conftest import TODAY, run


def test_explain_accounts_for_every_point(demo_dir: Path) -> None:
    status, out, err = run("score", "--data-dir", str(demo_dir), "--explain", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    rules = default_rules()
    for pillar, item in data["explain"].items():
        score = data["pillars"][pillar]
        rows = item["by_kind_audience"]
        assert sum(row["raw_points"] for row in rows) == pytest.approx(item["points_raw"], abs=0.01)
        assert sum(row["weighted_points"] for row in rows) == pytest.approx(
            item["points_weighted"], abs=0.01
        )
        assert item["points_raw"] == pytest.approx(score["points_raw"], abs=0.001)
        activity = 25 * (1 - math.exp(-item["points_raw"] / item["saturation"]))
        assert item["activity_raw"] == pytest.approx(activity, abs=0.01)
        share = rules.scoring.profile_share if pillar == "brand" else 0.0
        assert item["profile_part"] + (1 - share) * activity == pytest.approx(
            score["raw"], abs=0.02
        )
        assert len(item["top"]) <= 10
        assert [t["weighted"] for t in item["top"]] == sorted(
            (t["weighted"] for t in item["top"]), reverse=True
        )


def test_explain_text_and_one_pillar(demo_dir: Path) -> None:
    status, out, _ = run("score", "--data-dir", str(demo_dir), "--explain", "--pillar", "relate")
    assert status == 0 and out.startswith("Build relationships: raw ")
    assert "Find the right people" not in out and "top activities" in out
    status, _, err = run("score", "--data-dir", str(demo_dir), "--pillar", "relate")
    assert status == 2 and "--pillar goes with --explain" in err


def test_explain_json_parts_add_up_to_raw_and_weighted(demo_dir: Path) -> None:
    status, out, err = run("score", "--data-dir", str(demo_dir), "--explain", "--json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    for pillar, item in data["explain"].items():
        score = data["pillars"][pillar]
        for key, total in (("raw_parts", score["raw"]), ("weighted_parts", score["weighted"])):
            parts = item[key]
            assert all(set(part) >= {"label", "points", "share", "score"} for part in parts)
            assert all(0 <= part["on_evidence"] <= part["score"] + 1e-4 for part in parts)
            assert sum(part["score"] for part in parts) == pytest.approx(total, abs=0.01)
        on_evidence = sum(part["on_evidence"] for part in item["weighted_parts"])
        assert on_evidence == pytest.approx(score["weighted_by_evidence"], abs=0.01)
        labels = [part["label"] for part in item["weighted_parts"]]
        assert "untargeted" in labels and ("profile" in labels) == (pillar == "brand")
    status, out, _ = run("score", "--data-dir", str(demo_dir), "--explain", "--pillar", "brand")
    assert "untargeted" in out and "profile" in out and "weighted, part by part" in out


def test_explain_says_when_the_daily_caps_bound_the_audiences(data_dir: Path) -> None:
    """Twenty comments on one day (cap 10), ten at each of two audiences' accounts: each
    audience keeps its ten, all the work keeps ten, and the audiences are scaled to fit."""
    goals = Goals.model_validate(
        {
            "audiences": {"prospects": 50, "partners": 50},
            "accounts": [
                {"name": "Contoso", "audience": "prospects"},
                {"name": "Fabrikam", "audience": "partners"},
            ],
        }
    )
    day = TODAY - timedelta(days=3)
    with Store.open(data_dir) as store:
        store.goals.set(goals)
        store.activities.add_many(
            Activity(kind="comment", date=day, company=company, relevance=5, personalised=True)
            for company in ("Contoso", "Fabrikam")
            for _ in range(10)
        )
    status, out, err = run("score", "--data-dir", str(data_dir), "--explain", "--json")
    assert (status, err) == (0, "")
    engage = json.loads(out)["explain"]["engage"]
    assert 0 < engage["audience_scale"] < 1
    parts = engage["weighted_parts"]
    assert sum(part["score"] for part in parts) == pytest.approx(engage["weighted"], abs=0.01)
    status, out, _ = run("score", "--data-dir", str(data_dir), "--explain", "--pillar", "engage")
    assert status == 0
    assert "past daily caps the audiences together count at most" in out
