"""While the store opens, the dashboard shows the last scores the app showed: as they are when
nothing changed since (the same numbers), said to be of their day otherwise; the fresh report
replaces them; a store that cannot be opened leaves no scores on screen."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ssi_tui.app.app import SSIApp
from ssi_tui.app.widgets.pillars import PillarPanel
from ssi_tui.services import opening

from .conftest import TODAY, settle


async def quit_after_scores(app: SSIApp) -> None:
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.screen.report is not None  # type: ignore[attr-defined]
    # (leaving `run_test` closes the app: the workspace keeps its last scores)


def hold_the_open(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make opening the store wait until the returned event is set."""
    release = threading.Event()
    original = opening.open_workspace

    def slow(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(opening, "open_workspace", slow)
    return release


async def scores_shown(pilot: Pilot[None]) -> None:
    """Wait (up to 2 s) until the dashboard shows scores, whatever the workers are doing."""
    for _ in range(100):
        await pilot.pause(0.02)
        if pilot.app.screen.report is not None:  # type: ignore[attr-defined]
            return


def title(app: SSIApp) -> str:
    return str(app.screen.query_one(PillarPanel).border_title)


@pytest.mark.parametrize("later", [False, True])
async def test_the_last_scores_show_while_the_store_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: bool
) -> None:
    data_dir = tmp_path / "data"
    first = SSIApp(data_dir, TODAY, demo=True)
    await quit_after_scores(first)
    fresh_before = first.screen_stack[0].report if first.screen_stack else None
    release = hold_the_open(monkeypatch)
    today = TODAY + timedelta(days=1) if later else TODAY
    app = SSIApp(data_dir, today, demo=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await scores_shown(pilot)
        shown = app.screen.report  # type: ignore[attr-defined]
        assert shown is not None and app.workspace is None  # the store is still opening
        assert shown.breakdown.as_of == TODAY
        if later:
            assert title(app) == "Scores of 2026-11-26, updating… (0-25 per pillar)"
        else:
            assert title(app) == "Scores (0-25 per pillar)"
        if fresh_before is not None:
            assert shown.breakdown.total_weighted == fresh_before.breakdown.total_weighted
        release.set()
        await settle(pilot)
        assert app.workspace is not None
        fresh = app.screen.report  # type: ignore[attr-defined]
        assert fresh is not shown and fresh.breakdown.as_of == today and fresh.breakdown.scored
        assert title(app) == "Scores (0-25 per pillar)"
        if not later:
            assert fresh.breakdown.total_weighted == shown.breakdown.total_weighted


async def test_the_first_frame_comes_first_then_the_last_scores_then_the_fresh_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last scores are read once the first frame is on screen (read earlier, while
    Textual imported, they slowed that frame by ~90 ms), and shown before the store opens."""
    data_dir = tmp_path / "data"
    await quit_after_scores(SSIApp(data_dir, TODAY, demo=True))
    release = hold_the_open(monkeypatch)
    first_frame: list[tuple[object, bool]] = []
    original = SSIApp.on_ready

    def ready(self: SSIApp) -> None:  # (Textual's Ready: the first frame is on screen)
        first_frame.append((self.screen.report, self.last_scores.done.is_set()))  # type: ignore[attr-defined]
        original(self)

    monkeypatch.setattr(SSIApp, "on_ready", ready)
    app = SSIApp(data_dir, TODAY, demo=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await scores_shown(pilot)
        assert first_frame == [(None, False)]  # nothing read before the first frame
        assert app.screen.report is not None and app.workspace is None  # type: ignore[attr-defined]
        assert app.last_scores.take() is None  # shown once
        release.set()
        await settle(pilot)
        assert app.workspace is not None


async def test_a_store_that_cannot_open_leaves_no_last_scores_on_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui.services.errors import StoreError

    data_dir = tmp_path / "data"
    await quit_after_scores(SSIApp(data_dir, TODAY, demo=True))
    release = threading.Event()

    def failing(*args: object, **kwargs: object) -> object:
        release.wait(10)
        raise StoreError("the disk went away")

    monkeypatch.setattr(opening, "open_workspace", failing)
    app = SSIApp(data_dir, TODAY, demo=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await scores_shown(pilot)
        assert app.screen.report is not None  # type: ignore[attr-defined]
        release.set()
        await settle(pilot)
        assert app.workspace is None and app.load_error
        assert app.screen.report is None  # type: ignore[attr-defined]
        assert "could not be opened" in str(app.screen.query_one(PillarPanel).render())


def test_a_flag_s_plan_is_named_without_dateutil_unless_it_is_an_rrule() -> None:
    """The last scores' flags show on the first frames: a preset plan ('weekly comment') is
    named without importing dateutil (~80 ms); an RRULE is named as the planner names it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ssi_tui.app.widgets.flags import flag_detail\n"
        "from ssi_tui.domain.flag_model import Flag, Suggestion\n"
        "params = dict(pillar='find', target='prospects', alignment=0.24, raw=18.44, weighted=6.1,"
        " untargeted=0.85, tagged=0.1, variant='untargeted')\n"
        "flag = Flag('aimless_activity', 'warn', 'find', params,"
        " suggestion=Suggestion('comment', 'weekly'))\n"
        "text = flag_detail(flag).plain\n"
        "print('dateutil' in sys.modules, 'weekly comment' in text)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr[-2000:]
    from ssi_tui.app.widgets.flags import plan_rule
    from ssi_tui.domain.recurrence import PRESETS, rule_label

    for rule in (*PRESETS, " Weekly ", "FREQ=WEEKLY;BYDAY=TU,TH", "RRULE:FREQ=MONTHLY"):
        assert plan_rule(rule) == rule_label(rule)
