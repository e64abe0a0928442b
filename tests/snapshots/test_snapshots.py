"""SVG snapshots of every screen on the demo data at a fixed date (140x45 and 80x24)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ssi_tui.app.app import SSIApp

from ..app.conftest import TODAY, settle

SIZES = [(140, 45), (80, 24)]


def make_app(tmp_path: Path) -> SSIApp:
    app = SSIApp(tmp_path / "data", TODAY, demo=True)
    return app


def pressing(key: str) -> Callable[[Pilot], Awaitable[None]]:
    """A `run_before` that waits for the store, presses `key`, waits again and unfocuses (no
    cursor in the picture)."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        await shown(pilot)
        pilot.app.screen.set_focus(None)
        await pilot.pause()
        await pilot.pause(0.2)  # margin for the tables' idle-time measuring (app/tables.py)

    return run_before


async def shown(pilot: Pilot) -> None:
    """Wait until what the screen loads is on it (the Trends heatmap gets its days with the
    chart's history: a snapshot taken in between is half loaded)."""
    from ssi_tui.app.widgets.heatmap import ActivityHeatmap

    for _ in range(100):
        pending = [
            widget for widget in pilot.app.screen.query(ActivityHeatmap) if widget.end is None
        ]
        if not pending:
            break
        await pilot.pause(0.05)
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize(
    "key",
    ["d", "g", "a", "c", "r", "p", "t", "i"],
    ids=["dashboard", "goals", "activities", "contacts", "readings", "planner", "trends", "import"],
)
def test_screen_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int], key: str) -> None:
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=pressing(key))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_dashboard_explains_a_pillar(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    # 2: explain the find pillar
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=pressing("2"))


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("zoom", [False, True], ids=["panel", "full-screen"])
def test_dashboard_with_a_flag_selected(
    snap_compare, tmp_path: Path, size: tuple[int, int], zoom: bool
) -> None:
    """The fourth flag selected: its detail in the panel, then on the whole screen (Enter)."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("down", "down", "down")
        if zoom:
            await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_log_form(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    """The form that logs an activity (n on the Activity log), its own keys in the footer."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.pause(0.2)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("key", ["d", "g"], ids=["dashboard", "goals"])
def test_first_run_snapshot(snap_compare, size: tuple[int, int], key: str) -> None:
    """An empty store: the dashboard's guide, the Goals screen's hints."""
    # The status bar shows the store's path: one fixed path, emptied first, keeps it the same.
    data_dir = Path(tempfile.gettempdir()) / "ssi-tui-snapshot-empty-store"
    shutil.rmtree(data_dir, ignore_errors=True)
    app = SSIApp(data_dir, TODAY)
    assert snap_compare(app, terminal_size=size, run_before=pressing(key))
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("key", ["d", "g"], ids=["dashboard", "goals"])
def test_french_snapshot(snap_compare, tmp_path: Path, size: tuple[int, int], key: str) -> None:
    """The main path in French: its longer words neither cut nor overlapping."""
    from ssi_tui.wording import set_language

    set_language("fr")  # (the suite's conftest puts English back after the test)
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=pressing(key))
