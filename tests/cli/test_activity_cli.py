"""`ssi-tui activities` (ids, filters, the audience the scores use and its source) and
`ssi-tui activity edit|delete ID` (id prefixes, undoable)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import run, store_with


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Goals, a contact with a role the goals know (her title), and three activities."""
    return store_with(
        tmp_path,
        ("log", "post", "--date", "-5d", "--audience", "prospects"),
        ("log", "comment", "--date", "-2d", "--contact", "Ada Lovelace", "--title",
         "Talent Partner"),
        ("log", "meeting", "--date", "-1d", "--note", "coffee"),
    )  # fmt: skip


def listed(data_dir: Path, *argv: str) -> list[dict[str, Any]]:
    status, out, err = run("activities", "--json", *argv, "--data-dir", str(data_dir))
    assert status == 0, err
    return json.loads(out)


def test_the_list_shows_ids_and_the_audience_the_scores_use(data_dir: Path) -> None:
    rows = listed(data_dir)
    assert [row["kind"] for row in rows] == ["post", "comment", "meeting"]
    post, comment, meeting = rows
    assert (post["audience"], post["audience_source"], post["audience_tag"]) == (
        "prospects",
        "tag",
        "prospects",
    )
    role_audience = "recruiters"  # her title says so
    assert (comment["audience"], comment["audience_source"], comment["audience_tag"]) == (
        role_audience,
        "role",
        None,
    )
    assert meeting["audience"] is None and meeting["audience_source"] is None
    assert all(len(row["short_id"]) == 8 and row["id"].startswith(row["short_id"]) for row in rows)
    status, out, _ = run("activities", "--data-dir", str(data_dir))
    assert status == 0 and out.splitlines()[0].split()[:5] == [
        "id", "date", "kind", "pillar", "audience"
    ]  # fmt: skip
    assert f"{role_audience} (role)" in out and "prospects (tag)" in out
    assert post["short_id"] in out and out.endswith("\n3 activities\n")


@pytest.mark.parametrize(
    ("argv", "kinds"),
    [
        (("--since", "-3d"), ["comment", "meeting"]),
        (("--until", "-2d"), ["post", "comment"]),
        (("--kind", "meeting"), ["meeting"]),
        (("--audience", "Prospects"), ["post"]),
        (("--contact", "ada"), ["comment"]),
        (("--source", "plan"), []),
    ],
)
def test_filters(data_dir: Path, argv: tuple[str, ...], kinds: list[str]) -> None:
    assert [row["kind"] for row in listed(data_dir, *argv)] == kinds


def test_edit_changes_what_is_given_and_undo_takes_it_back(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    post = listed(data_dir)[0]
    status, out, err = run(
        "activity", "edit", post["short_id"], "--date", "-4d", "--no-audience", "--note", "x", *d
    )
    assert status == 0, err
    assert out.startswith("Edited post of 2026-11-22: date, audience, note (`ssi-tui undo`")
    edited = listed(data_dir)[0]
    assert (edited["id"], edited["date"], edited["audience_tag"], edited["note"]) == (
        post["id"],
        "2026-11-22",
        None,
        "x",
    )
    assert run("undo", *d)[0] == 0
    assert listed(data_dir)[0] == post


def test_delete_then_undo(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    before = listed(data_dir)
    status, out, _ = run("activity", "delete", before[2]["id"][:5], *d)
    assert status == 0 and out.startswith("Deleted meeting of 2026-11-25 (`ssi-tui undo` brings")
    assert [row["kind"] for row in listed(data_dir)] == ["post", "comment"]
    run("undo", *d)
    assert listed(data_dir) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("activity", "delete", "ab"), "give at least 4 characters of the activity id, not 'ab'"),
        (("activity", "delete", "zzzz"), "no activity id starts with 'zzzz'"),
        (("activity", "edit", "zzzz"), "nothing to change: give at least one option"),
        (("activity", "edit", "zzzz", "--kind", "dance"), "no activity id starts with 'zzzz'"),
        (("activities", "--kind", "dance"), "unknown kind 'dance'"),
        (("activities", "--audience", ""), "--audience"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    data_dir: Path, argv: tuple[str, ...], message: str
) -> None:
    before = listed(data_dir)
    status, out, err = run(*argv, "--data-dir", str(data_dir))
    assert status == 2 and out == "" and message in err and len(err.splitlines()) == 1
    assert listed(data_dir) == before


def test_a_bad_edit_is_refused_whole(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    before = listed(data_dir)
    status, _, err = run("activity", "edit", before[0]["id"], "--audience", "aliens", *d)
    assert status == 2 and "aliens" in err
    status, _, err = run("activity", "edit", before[0]["id"], "--date", "+3d", *d)
    assert status == 2 and "future" in err
    assert listed(data_dir) == before
