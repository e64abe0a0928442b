"""The cyclic collector is off while the app starts (`run_app`) and back on once the first
frame is shown and the last scores read; whatever happens, it is never left off."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from ssi_tui import gcpause
from ssi_tui.app import launch
from ssi_tui.app.app import SSIApp
from ssi_tui.gcpause import pause_for_startup, resume_after_startup

from .conftest import TODAY, settle


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    gc.enable()
    gcpause._paused_for_startup = False


def test_pause_then_resume_once() -> None:
    pause_for_startup()
    assert not gc.isenabled()
    resume_after_startup()
    assert gc.isenabled()
    gc.disable()  # (someone else's pause: not ours to end)
    resume_after_startup()
    assert not gc.isenabled()


def test_a_collector_already_off_is_left_off() -> None:
    gc.disable()
    pause_for_startup()
    resume_after_startup(freeze=True)
    assert not gc.isenabled()


async def test_the_app_turns_it_back_on_after_its_first_frame(tmp_path: Path) -> None:
    pause_for_startup()
    app = SSIApp(tmp_path / "data", TODAY, demo=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.workspace is not None
        assert gc.isenabled()


def test_an_app_that_never_shows_a_frame_leaves_it_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(self: SSIApp, *args: object, **kwargs: object) -> None:
        assert not gc.isenabled()  # (started paused)

    monkeypatch.setattr(SSIApp, "run", run)
    assert launch.run_app(tmp_path / "data", TODAY, demo=True) == 0
    assert gc.isenabled()
