"""`ssi-tui whatif`: the change logging would make, equal to the score after really logging."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run

NORTHWIND = ["--audience", "prospects", "--company", "Northwind Traders", "--personalised"]


def scores(data_dir: Path) -> dict:
    data = json.loads(run("score", "--data-dir", str(data_dir), "--json")[1])
    return {
        "pillars": {p: {k: v[k] for k in ("raw", "weighted")} for p, v in data["pillars"].items()},
        "total": {key: data["total"][key] for key in ("raw", "weighted")},
    }


@pytest.mark.parametrize(
    "argv",
    [
        ["message_sent", *NORTHWIND],
        ["talk", "--channel", "off"],
        ["comment", "--count", "5"],
        # a new contact: logging creates it (without an audience: a tag is no evidence), what-if too
        ["meeting", "--contact", "New Person", "--audience", "prospects", "--count", "5"],
        ["post", "--topic", "Pricing", "--topic", "analytics", "--audience", "prospects"],
        ["comment", "--note", "On co-selling with partners", "--count", "2"],
        ["message_sent", "--contact", "Nora Head", "--title", "Head of Sales"],
        ["comment", "--relevance", "5", "--audience", "partners"],
        ["message_sent", "--personalised", "--company", "Contoso", "--relevance", "1"],
        ["post", "--channel", "off", "--audience", "recruiters"],
    ],
)
def test_whatif_equals_the_score_after_logging(demo_dir: Path, argv: list[str]) -> None:
    status, out, err = run("whatif", *argv, "--data-dir", str(demo_dir), "--json")
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert result["before"] == scores(demo_dir)  # nothing was saved
    count = result["count"]
    options = list(argv)
    if "--count" in options:
        at = options.index("--count")
        del options[at : at + 2]
    for _ in range(count):
        assert run("log", *options, "--data-dir", str(demo_dir))[0] == 0
    assert result["after"] == scores(demo_dir)


def test_aimed_work_raises_weighted_and_off_linkedin_leaves_raw(demo_dir: Path) -> None:
    aimed = json.loads(
        run("whatif", "message_sent", *NORTHWIND, "--data-dir", str(demo_dir), "--json")[1]
    )
    assert aimed["total"]["weighted"] > 0
    off = json.loads(
        run("whatif", "talk", "--channel", "off", "--data-dir", str(demo_dir), "--json")[1]
    )
    assert off["total"]["raw"] == 0 and all(p["raw"] == 0 for p in off["pillars"].values())


def test_bad_whatif_input_is_one_line(demo_dir: Path) -> None:
    for argv, message in [
        (["nope"], "unknown activity kind 'nope'"),
        (["post", "--audience", "investors"], "unknown audience 'investors'"),
        (["post", "--count", "0"], "count must be 1-100"),
    ]:
        status, out, err = run("whatif", *argv, "--data-dir", str(demo_dir))
        assert status == 2 and out == "" and message in err and err.count("\n") == 1
