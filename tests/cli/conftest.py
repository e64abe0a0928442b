"""Helpers for the review tests: run the command line in-process with a fixed today."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.cli.main import main
from ssi_tui.services.opening import seed_demo
from ssi_tui.store import Store

TODAY = date(2026, 11, 26)


def run(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), today=TODAY, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data dir."""
    return tmp_path / "data"


def stored_activities(data_dir: Path) -> int:
    """How many activities the store in `data_dir` holds (0 when there is none)."""
    if not (data_dir / "store.json").exists():
        return 0
    with Store.open(data_dir, read_only=True) as store:
        return store.activities.count()


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A data dir holding the demo dataset (a real store, unlike --demo's throw-away copy)."""
    directory = tmp_path / "demo"
    with Store.open(directory) as store:
        seed_demo(store, TODAY)
    return directory


def store_with(tmp_path: Path, *commands: tuple[str, ...]) -> Path:
    """A data dir holding the test goals (`goals load`), then what `commands` do (each must
    succeed)."""
    import json

    from tests.goals import GOALS

    directory = tmp_path / "data"
    goals = tmp_path / "goals.json"
    goals.write_text(json.dumps(GOALS.to_file()), encoding="utf-8")
    for argv in (("goals", "load", str(goals)), *commands):
        status, _, err = run(*argv, "--data-dir", str(directory))
        assert status == 0, f"{argv}: {err}"
    return directory
