"""Pilot helpers: an app on a demo store in tmp_path, with a fixed today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from ssi_tui.app.app import SSIApp

TODAY = date(2026, 11, 26)


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the screen has caught up."""
    app = pilot.app
    for _ in range(50):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait again
            continue
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in app.workers):
                return


@pytest.fixture
def demo_app(tmp_path: Path) -> SSIApp:
    """An app on a fresh demo store (seeded on load) in a temp data dir."""
    return SSIApp(tmp_path / "data", TODAY, demo=True)


@pytest.fixture
def empty_app(tmp_path: Path) -> SSIApp:
    """An app on an empty store."""
    return SSIApp(tmp_path / "data", TODAY)
