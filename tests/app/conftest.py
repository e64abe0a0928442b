"""Pilot helpers: an app on a demo store in tmp_path, with a fixed today."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.css import stylesheet
from textual.pilot import Pilot
from textual.worker import Worker, WorkerCancelled

from ssi_tui.app import css_kept, css_once
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


def css_as_in_a_new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """No CSS parsed in memory yet, the kept file (`css_kept.py`) not read yet."""
    monkeypatch.setattr(css_once, "_parsed", OrderedDict())
    monkeypatch.setattr(css_once, "_parsed_here", set())
    monkeypatch.setattr(css_once, "_asked", {})
    monkeypatch.setattr(css_kept, "_loaded", False)


@pytest.fixture
def parsed_sources(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Where each CSS source Textual really parses (a miss of every cache) was read from, in a
    process that has parsed none yet."""
    seen: list[str] = []
    parse = stylesheet.parse

    def counting(scope: str, css: str, read_from: Any, **options: Any) -> Any:
        seen.append(str(read_from))
        return parse(scope, css, read_from, **options)

    monkeypatch.setattr(stylesheet, "parse", counting)
    css_as_in_a_new_process(monkeypatch)
    return seen
