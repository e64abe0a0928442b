"""Pilot helpers: an app on a demo store in tmp_path, with a fixed today."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import Worker, WorkerCancelled

from ssi_tui.app.app import SSIApp

TODAY = date(2026, 11, 26)


def _busy(app: SSIApp) -> list[Worker[object]]:
    """The workers still computing or saving: not those holding a dialog open (a form's or a
    question's worker, group `…-form` or the form's save, once a dialog other than their own
    screen is on top), which wait for the user."""
    from textual.screen import ModalScreen

    top = app.screen
    dialog_up = isinstance(top, ModalScreen)

    def waiting(worker: Worker[object]) -> bool:
        group = worker.group or ""
        dialog_worker = group.endswith("-form") or group == "form-save"
        return dialog_up and dialog_worker and worker.node is not top

    return [worker for worker in app.workers if worker.is_running and not waiting(worker)]


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done (but a form's, which waits for the user) and the screen
    has caught up."""
    app = pilot.app
    # The store starts opening once the first frame is on screen (`SSIApp.on_ready`), which
    # may come after the pilot is handed over: wait for that first.
    for _ in range(200):
        if app.workspace is not None or app.load_error is not None or _busy(app):  # type: ignore[attr-defined]
            break
        await pilot.pause(0.01)
    for _ in range(50):
        busy = _busy(app)  # type: ignore[arg-type]
        try:
            if busy:  # (an empty list would mean every worker)
                await app.workers.wait_for_complete(busy)
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait again
            continue
        await pilot.pause()
        if not _busy(app):  # type: ignore[arg-type]
            await pilot.pause()
            if not _busy(app):  # type: ignore[arg-type]
                return


@pytest.fixture
def demo_app(tmp_path: Path) -> SSIApp:
    """An app on a fresh demo store (seeded on load) in a temp data dir."""
    return SSIApp(tmp_path / "data", TODAY, demo=True)


@pytest.fixture
def empty_app(tmp_path: Path) -> SSIApp:
    """An app on an empty store."""
    return SSIApp(tmp_path / "data", TODAY)
