"""`ssi-tui undo`: the last change made through any interface, kept in the store; each command
that changes data can be taken back exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.store import Store, registry

from .conftest import run, store_with


def snapshot(data_dir: Path) -> dict[str, Any]:
    with Store.open(data_dir, read_only=True) as store:
        return {spec.name: store.repository(spec.name).export() for spec in registry.EXPORTED}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A store with goals, an activity, a daily plan and a reading."""
    return store_with(
        tmp_path,
        ("log", "post", "--date", "-1d"),
        ("plan", "add", "comment", "--rule", "daily", "--start", "-3d"),
        ("reading", "add", "--date", "-2d", "--total", "62", "--brand", "15", "--find", "15",
         "--engage", "16", "--relate", "16"),
    )  # fmt: skip


def plan_id(data_dir: Path) -> str:
    with Store.open(data_dir, read_only=True) as store:
        return store.plans.all()[0].id


@pytest.mark.parametrize(
    "argv",
    [
        ("log", "meeting", "--contact", "Grace Hopper", "--audience", "prospects"),
        ("done", "{plan}"),
        ("done", "{plan}", "--occurrence", "-2d"),
        ("skip", "{plan}"),
        ("plan", "add", "post", "--rule", "weekly"),
        ("plan", "remove", "{plan}"),
        ("plan", "adopt", "1"),
        (
            "reading",
            "add",
            "--total",
            "64",
            "--brand",
            "16",
            "--find",
            "16",
            "--engage",
            "16",
            "--relate",
            "16",
        ),
        ("reading", "edit", "-2d", "--total", "63", "--relate", "17"),
        ("reading", "remove", "-2d"),
        ("goals", "profile", "--headline", "Supply chain advisor"),
    ],  # fmt: skip
    ids=lambda argv: " ".join(argv[:3]),
)
def test_undo_takes_back_each_command_exactly(data_dir: Path, argv: tuple[str, ...]) -> None:
    d = ("--data-dir", str(data_dir))
    before = snapshot(data_dir)
    args = [arg.replace("{plan}", plan_id(data_dir)) for arg in argv]
    status, _, err = run(*args, *d)
    assert status == 0, err
    assert snapshot(data_dir) != before
    status, out, err = run("undo", *d)
    assert status == 0, err
    assert out.startswith("Undone: ") and "(made from the command line on " in out
    assert snapshot(data_dir) == before


def test_undo_goes_back_step_by_step_then_says_nothing_is_left(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    status, out, _ = run("undo", "--list", "--json", *d)
    listed = json.loads(out)
    assert status == 0 and [item["what"].split(" ")[0] for item in listed] == [
        "reading",
        "plan",
        "logged",
        "goals",
    ]
    assert set(listed[0]) >= {"what", "at", "via", "records"} and listed[0]["via"] == "cli"
    status, out, _ = run("undo", "--json", *d)
    undone = json.loads(out)
    assert undone["undone"]["what"].startswith("reading of") and undone["left"] == 3
    for _ in range(3):
        assert run("undo", *d)[0] == 0
    assert snapshot(data_dir)["activities"] == [] and snapshot(data_dir)["goals"]["audiences"] == []
    status, out, err = run("undo", *d)
    assert (status, out, err) == (1, "", "ssi-tui: error: nothing to undo\n")
    status, out, _ = run("undo", "--list", *d)
    assert (status, out) == (0, "Nothing to undo.\n")


def test_undo_from_the_demo_and_a_read_only_store_change_nothing(data_dir: Path) -> None:
    status, _, err = run("undo", "--demo")
    assert status == 1 and "nothing to undo" in err
