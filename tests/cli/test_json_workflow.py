"""A whole workflow scripted with `--json` only: every command prints one JSON document on
stdout (what it did, with the ids a script needs next), errors included."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ssi_tui.cli.parser import NO_JSON, build_parser

from .conftest import run

GOALS = """
[audiences]
prospects = 3
recruiters = 1

[roles]
prospects = ["head of procurement"]
"""


def call(data: Path, *argv: str) -> dict | list:
    status, out, err = run(*argv, "--data-dir", str(data), "--json")
    assert status == 0, (argv, out, err)
    return json.loads(out)  # exactly one document


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not nested:
        yield path, parser
    for action in nested:
        for name, child in action.choices.items():
            yield from leaves(child, (*path, name))


def test_every_command_takes_json_but_the_documents() -> None:
    missing = [
        " ".join(path)
        for path, parser in leaves(build_parser())
        if path and path[0] not in NO_JSON and "--json" not in parser._option_string_actions
    ]
    assert missing == []


def test_a_workflow_with_json_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    goals_file = tmp_path / "goals.toml"
    goals_file.write_text(GOALS, encoding="utf-8")

    loaded = call(data, "goals", "load", str(goals_file))
    assert loaded["goals"]["audiences"] == {"prospects": 3.0, "recruiters": 1.0}

    logged = call(
        data, "log", "meeting", "--contact", "Ada Byron", "--title", "Head of Procurement",
        "--date", "2026-11-20", "--channel", "off",
    )  # fmt: skip
    activity = logged["activity"]
    assert activity["kind"] == "meeting" and logged["contact_created"]["name"] == "Ada Byron"

    listed = call(data, "activities")
    assert [row["id"] for row in listed] == [activity["id"]]
    assert listed[0]["audience"] == "prospects" and listed[0]["audience_source"] == "role"

    edited = call(data, "activity", "edit", activity["id"][:8], "--note", "follow-up")
    assert edited["changed"] == ["note"] and edited["activity"]["note"] == "follow-up"

    contact = call(data, "contact", "edit", "Ada Byron", "--company", "Northwind")
    assert contact["contact"]["company"] == "Northwind"

    plan = call(data, "plan", "add", "message_sent", "--rule", "weekly", "--start", "2026-11-23")
    plan_id = plan["plan"]["id"]
    assert plan["next"] == "2026-11-30"

    done = call(data, "done", plan_id[:8], "--occurrence", "2026-11-23", "--date", "2026-11-24")
    assert done["plan"] == plan_id and done["occurrence"] == "2026-11-23" and done["late"]
    skipped = call(data, "skip", plan_id[:8], "--occurrence", "2026-11-30")
    assert skipped["occurrence"] == "2026-11-30"

    reading = call(
        data, "reading", "add", "--date", "2026-11-25", "--total", "40", "--brand", "10",
        "--find", "10", "--engage", "10", "--relate", "10",
    )  # fmt: skip
    assert reading["reading"]["total"] == 40
    changed = call(data, "reading", "edit", "2026-11-25", "--brand", "11", "--relate", "9")
    assert changed["reading"]["brand"] == 11

    score = call(data, "score")
    assert "pillars" in score or "weighted" in json.dumps(score)

    undone = call(data, "undo")
    assert "reading" in json.dumps(undone)
    removed = call(data, "reading", "remove", "2026-11-25")
    assert removed["reading"]["date"] == "2026-11-25"
    gone = call(data, "activity", "delete", activity["id"][:8])
    assert gone["activity"]["id"] == activity["id"]
    call(data, "plan", "remove", plan_id[:8])
    assert all(row["id"] != activity["id"] for row in call(data, "activities"))

    backups = call(data, "restore", "--list")
    assert backups and backups[0]["state"] == "ok"
    restored = call(data, "restore", backups[-1]["name"])
    assert restored["restored"] == backups[-1]["name"] and restored["kept"]


def test_errors_are_json_too(tmp_path: Path) -> None:
    status, out, _err = run("log", "post", "--audience", "", "--data-dir", str(tmp_path), "--json")
    assert status == 2
    assert json.loads(out)["code"] == 2
    status, out, _err = run("done", "66d", "--data-dir", str(tmp_path), "--json")
    assert status != 0 and "at least 4 characters" in json.loads(out)["error"]
