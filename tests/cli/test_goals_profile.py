"""`ssi-tui goals profile`: the headline and summary, set and shown with their fit."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run


def test_profile_shows_sets_and_refuses_in_one_line(demo_dir: Path) -> None:
    status, out, err = run("goals", "profile", "--data-dir", str(demo_dir))
    assert (status, err) == (0, "")
    assert "Headline: Pricing & analytics consultant for data products teams" in out
    assert "profile fit 60%" in out
    assert "partners (25%): names none of partner manager, alliances, co-selling, alliance" in out

    status, out, err = run(
        "goals", "profile", "--data-dir", str(demo_dir), "--summary", "Co-selling with partners"
    )
    assert (status, err) == (0, "")
    assert out.startswith("Saved.\nHeadline: Pricing & analytics")  # the headline is kept
    assert "profile fit 85%" in out

    status, out, err = run("goals", "profile", "--data-dir", str(demo_dir), "--json")
    data = json.loads(out)
    assert data["summary"] == "Co-selling with partners" and data["fit"]["value"] == 0.85
    assert [item["words"] for item in data["fit"]["audiences"]][1] == ["co-selling"]
    score = json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1])
    assert score["profile"]["fit"] == 0.85

    status, out, err = run("goals", "profile", "--data-dir", str(demo_dir), "--headline", "x" * 221)
    assert (status, out) == (2, "")
    assert err == "ssi-tui: error: --headline: at most 220 characters, as on LinkedIn (221 now)\n"
    after = json.loads(run("goals", "profile", "--data-dir", str(demo_dir), "--json")[1])
    assert after == data  # nothing changed
