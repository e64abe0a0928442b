"""`ssi-tui contacts` (short ids, the audience the scores use and its source) and
`ssi-tui contact edit NAME|ID` (a rename carries activities and plans along; undoable)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import run, store_with


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """Goals; Ada (her title points to prospects) with a comment and a plan; Grace."""
    return store_with(
        tmp_path,
        ("log", "comment", "--date", "-2d", "--contact", "Ada Lovelace", "--title", "Director"),
        ("log", "call", "--date", "-1d", "--contact", "Grace Hopper"),
        ("plan", "add", "follow_up", "--rule", "weekly", "--contact", "ada lovelace"),
    )


def contacts(data_dir: Path) -> list[dict[str, Any]]:
    status, out, err = run("contacts", "--json", "--data-dir", str(data_dir))
    assert status == 0, err
    return json.loads(out)


def test_the_list_shows_ids_and_where_the_audience_comes_from(data_dir: Path) -> None:
    ada, grace = contacts(data_dir)
    assert (ada["name"], ada["audience"], ada["audience_source"], ada["audience_set"]) == (
        "Ada Lovelace",
        "prospects",
        "role",
        None,
    )
    assert grace["audience"] is None and grace["last_interaction"] == "2026-11-25"
    assert len(ada["short_id"]) == 8 and ada["id"].startswith(ada["short_id"])
    status, out, _ = run("contacts", "--data-dir", str(data_dir))
    assert "prospects (role)" in out and ada["short_id"] in out and out.endswith("2 contacts\n")


def test_a_rename_carries_activities_and_plans_and_undo_takes_it_all_back(
    data_dir: Path,
) -> None:
    d = ("--data-dir", str(data_dir))
    before = (contacts(data_dir), run("activities", "--json", *d)[1], run("plan", "list", *d)[1])
    status, out, err = run(
        "contact", "edit", "ADA LOVELACE", "--name", "Ada King", "--audience", "partners",
        "--cadence", "20", *d
    )  # fmt: skip
    assert status == 0, err
    assert out.startswith(
        "Contact Ada Lovelace edited: name, audience, cadence (1 activity follows the new name)"
    )
    ada = contacts(data_dir)[0]
    assert (ada["name"], ada["audience"], ada["audience_source"], ada["cadence_days"]) == (
        "Ada King",
        "partners",
        "set",
        20,
    )
    activities = json.loads(run("activities", "--json", "--contact", "ada king", *d)[1])
    assert [row["kind"] for row in activities] == ["comment"]
    assert "Ada King" in run("plan", "list", *d)[1]
    assert run("undo", *d)[0] == 0
    after = (contacts(data_dir), run("activities", "--json", *d)[1], run("plan", "list", *d)[1])
    assert after == before


def test_edit_by_id_prefix_and_clearing(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    ada = contacts(data_dir)[0]
    assert run("contact", "edit", ada["id"][:6], "--audience", "partners", *d)[0] == 0
    status, out, _ = run("contact", "edit", ada["id"][:6], "--no-audience", *d)
    assert status == 0 and "edited: audience" in out
    assert contacts(data_dir)[0]["audience_source"] == "role"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("Nobody",), "nothing to change"),
        (("Nobody", "--title", "CEO"), "no contact named 'Nobody'"),
        (("Ada Lovelace", "--name", "grace hopper"), "Grace Hopper is already a contact"),
        (("Ada Lovelace", "--audience", "aliens"), "unknown audience 'aliens'"),
        (("Ada Lovelace", "--cadence", "0"), "cadence must be 1-3650 days"),
        (("Ada Lovelace", "--name", ""), "--name"),
    ],
)
def test_bad_edits_are_one_line_and_change_nothing(
    data_dir: Path, argv: tuple[str, ...], message: str
) -> None:
    before = contacts(data_dir)
    status, out, err = run("contact", "edit", *argv, "--data-dir", str(data_dir))
    assert status == 2 and out == "" and message in err and len(err.splitlines()) == 1
    assert contacts(data_dir) == before


def test_no_audience_before_goals_exist(tmp_path: Path) -> None:
    d = ("--data-dir", str(tmp_path / "data"))
    status, _, err = run("log", "message_sent", "--audience", "nobody", "--contact", "Ada", *d)
    assert status == 2 and "set your goals first" in err
    status, out, _ = run("activities", "--json", *d)
    assert json.loads(out) == [] and json.loads(run("contacts", "--json", *d)[1]) == []


def test_emails_are_set_replaced_and_forgotten(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    status, out, err = run(
        "contact", "edit", "Grace Hopper", "--email", "Grace@Navy.mil", "--email", "g@h.org",
        "--json", *d,
    )  # fmt: skip
    assert status == 0, err
    assert json.loads(out)["contact"]["emails"] == ["grace@navy.mil", "g@h.org"]
    status, _, err = run("contact", "edit", "Grace Hopper", "--email", "grace at navy", *d)
    assert status == 2 and "not an e-mail address: 'grace at navy'" in err
    status, out, err = run("contact", "edit", "Grace Hopper", "--no-email", "--json", *d)
    assert status == 0 and json.loads(out)["contact"]["emails"] == []
