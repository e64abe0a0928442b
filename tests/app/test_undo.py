"""`app.undo` (u, ctrl+z): the last change, whichever screen made it, several steps back; never
while a text field has the focus."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input

from ssi_tui.app.app import SSIApp

from .conftest import TODAY, settle
from .test_planner import planner_screen, select_agenda_row


async def test_undo_takes_back_the_last_change_not_the_cursor_row(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = planner_screen(demo_app)
        store = demo_app.workspace.store
        count = store.activities.count()
        select_agenda_row(screen, lambda item: item.date == TODAY and item.plan.kind == "post")
        await pilot.press("x")
        await settle(pilot)
        assert store.activities.count() == count + 1
        notes = [str(n.message) for n in demo_app._notifications]
        assert any(note.endswith("— u to undo") for note in notes)
        select_agenda_row(screen, lambda item: item.status == "open")  # the cursor moves on
        await pilot.press("a")  # another screen
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert store.activities.count() == count
        await pilot.press("p")
        await settle(pilot)
        assert [i.status for i in screen.data.agenda.today if i.plan.kind == "post"] == ["open"]


async def test_several_steps_back_and_not_in_a_text_field(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        store = demo_app.workspace.store
        count = store.activities.count()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert store.activities.count() == count - 2
        await pilot.press("slash")  # the filter box has the focus: u is a letter there
        await pilot.press("u")
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.activities.count() == count - 2
        assert demo_app.screen.query_one("#filter-text", Input).value == "u"
        await pilot.press("escape")
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert store.activities.count() == count


async def test_undo_takes_back_a_change_made_from_the_command_line(tmp_path: Path) -> None:
    from tests.cli.conftest import run

    data = tmp_path / "data"
    status, _, err = run("log", "post", "--note", "from the shell", "--data-dir", str(data))
    assert status == 0, err
    app = SSIApp(data, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.undo_left == 1
        await pilot.press("u")
        await settle(pilot)
        assert app.workspace.store.activities.count() == 0
        notes = [str(n.message) for n in app._notifications]
        assert any(
            note.startswith("Undone: logged post of 2026-11-26 (made from the command line on ")
            for note in notes
        )
        assert app.undo_left == 0
        shown = len(app._notifications)
        await pilot.press("u")  # dimmed: nothing left
        await settle(pilot)
        assert len(app._notifications) == shown


async def test_the_command_line_undoes_a_change_made_in_the_app(demo_app: SSIApp) -> None:
    from tests.cli.conftest import run

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        store = demo_app.workspace.store
        count = store.activities.count()
        await pilot.press("delete")
        await settle(pilot)
        assert store.activities.count() == count - 1
    status, out, err = run("undo", "--data-dir", str(demo_app.data_dir))
    assert status == 0, err
    assert out.startswith("Undone: deleted ") and "(made in the app on " in out
    status, out, _ = run("activities", "--json", "--data-dir", str(demo_app.data_dir))
    assert len(json.loads(out)) == count
