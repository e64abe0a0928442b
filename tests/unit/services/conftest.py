"""A planner over a fresh store in tmp_path, with goals and a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ssi_tui.services.planner import Planner
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store
from tests.goals import GOALS, TODAY


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An open, empty store holding the test goals."""
    with Store.open(tmp_path / "data") as opened:
        opened.goals.set(GOALS)
        yield opened


@pytest.fixture
def workspace(store: Store) -> Workspace:
    """A workspace with today fixed."""
    return Workspace(store, TODAY)


@pytest.fixture
def planner(workspace: Workspace) -> Planner:
    """The planner under test."""
    return Planner(workspace)
