"""Pilot tests of the import screen: key `i`, the palette, a worker with progress, a summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, ProgressBar, Static

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.importer import ImportScreen

from ..unit.importers.builders import standard_export
from .conftest import settle


async def start_import(pilot, path: Path | str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("i")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)
    screen = pilot.app.screen
    assert screen.focused is screen.query_one("#import-path", Input)
    screen.query_one("#import-path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)


async def test_import_from_the_screen(empty_app: SSIApp, tmp_path: Path) -> None:
    archive = standard_export().zip(tmp_path / "export.zip", top="Basic_LinkedInDataExport")
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await start_import(pilot, archive)
        screen = empty_app.screen
        table = screen.query_one("#import-summary", DataTable)
        assert table.row_count == 19
        first = [str(value) for value in table.get_row_at(0)]
        assert first == ["Connections.csv", "3", "3", "0", "0"]
        bars = list(screen.query(ProgressBar))
        assert len(bars) == 19 and all(bar.percentage == 1 for bar in bars)
        state = str(screen.query_one("#import-state", Static).render())
        assert "Added 25 activities and 4 contacts" in state and "Olivia Owner" in state
        assert "line 4: no date" in str(screen.query_one("#import-detail", Static).render())
        assert not screen.running
        workspace = empty_app.workspace
        assert workspace is not None
        assert workspace.store.activities.count() == 25
        assert workspace.store.contacts.count() == 4
        # Importing again: nothing new.
        screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "Added 0 activities and 0 contacts" in str(
            screen.query_one("#import-state", Static).render()
        )
        assert workspace.store.activities.count() == 25


async def test_a_bad_path_is_an_error_and_saves_nothing(empty_app: SSIApp, tmp_path: Path) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await start_import(pilot, tmp_path / "missing.zip")
        screen = empty_app.screen
        assert "no such file or folder" in str(screen.query_one("#import-state", Static).render())
        assert screen.query_one("#import-summary", DataTable).row_count == 0
        assert any("no such file" in str(n.message) for n in empty_app._notifications)
        assert empty_app.workspace is not None
        assert empty_app.workspace.store.activities.count() == 0


async def test_dry_run_from_the_screen(empty_app: SSIApp, tmp_path: Path) -> None:
    archive = standard_export().folder(tmp_path / "unpacked")
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("ctrl+t")
        assert empty_app.screen.query_one("#import-dry-run", Checkbox).value
        empty_app.screen.query_one("#import-path", Input).value = str(archive)
        await pilot.press("enter")
        await settle(pilot)
        state = str(empty_app.screen.query_one("#import-state", Static).render())
        assert "Dry run: would add 25 activities" in state
        assert empty_app.workspace is not None
        assert empty_app.workspace.store.activities.count() == 0


async def test_the_palette_opens_the_import_screen(empty_app: SSIApp) -> None:
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Import LinkedIn export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert empty_app.current_mode == "import"
        assert isinstance(empty_app.screen, ImportScreen)


async def test_hostile_file_names_are_shown_literally(empty_app: SSIApp, tmp_path: Path) -> None:
    builder = standard_export()
    builder.add("[@click=app.quit]Evil[/] \x1b[31m.csv", "x")
    archive = builder.folder(tmp_path / "hostile")
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await start_import(pilot, archive)
        detail = str(empty_app.screen.query_one("#import-detail", Static).render())
        assert "[@click=app.quit]Evil[/]" in detail and "\x1b" not in detail
        assert empty_app.is_running


async def test_after_an_import_letters_go_on_in_the_path_field(
    empty_app: SSIApp, tmp_path: Path
) -> None:
    """A stray path typed after an import switched screens and ran commands: the focus had
    gone to the table. Now it stays in the path field, the cursor after the path; coming back
    with `i` does not select the path (the first letter would wipe it)."""
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await start_import(pilot, tmp_path / "missing.zip")
        screen = empty_app.screen
        field = screen.query_one("#import-path", Input)
        assert screen.focused is field and field.cursor_position == len(field.value)
        for key in "gdap":  # screen keys (Goals, Dashboard, Log, Planner) as typed text
            await pilot.press(key)
        await settle(pilot)
        assert empty_app.screen is screen
        assert field.value == f"{tmp_path / 'missing.zip'}gdap"
        assert "last run: cannot import" in str(screen.query_one("#status").render())
        await pilot.press("escape", "d")  # Escape leaves the field: keys work again
        await settle(pilot)
        assert empty_app.screen is not screen
        await pilot.press("i")
        await settle(pilot)
        assert empty_app.screen.focused is field
        assert field.selected_text == "" and field.cursor_position == len(field.value)
        await pilot.press("x")
        assert field.value.endswith("gdapx")


async def test_a_calendar_from_the_screen(
    empty_app: SSIApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ..cli import calendars

    monkeypatch.setenv("TZ", "Europe/Paris")
    path = calendars.google(tmp_path / "google.ics")
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await start_import(pilot, path)
        screen = empty_app.screen
        table = screen.query_one("#import-summary", DataTable)
        assert [str(value) for value in table.get_row_at(0)] == ["google.ics", "9", "5", "0", "0"]
        state = str(screen.query_one("#import-state", Static).render())
        assert "google.ics: Added 5 activities (1 call, 1 event, 3 meetings)" in state
        detail = str(screen.query_one("#import-detail", Static).render())
        assert "Left out: 1 with no one else, 1 cancelled, 1 declined" in detail
        workspace = empty_app.workspace
        assert workspace is not None
        assert workspace.store.activities.count() == 5
        await pilot.press("enter")  # again: nothing new
        await settle(pilot)
        assert [str(value) for value in table.get_row_at(0)] == ["google.ics", "9", "0", "5", "0"]
        assert workspace.store.activities.count() == 5


async def test_a_large_save_says_how_far_it_is(empty_app: SSIApp) -> None:
    from ssi_tui.app.messages import ImportProgressed
    from ssi_tui.importers.summary import ImportProgress

    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        screen = empty_app.screen
        state = screen.query_one("#import-state", Static)
        screen.post_message(ImportProgressed(ImportProgress("", 0, 130_000)))
        await settle(pilot)
        assert str(state.render()) == "Saving 130,000 new activities…"
        screen.post_message(ImportProgressed(ImportProgress("", 40_960, 130_000)))
        await settle(pilot)
        assert str(state.render()) == "Saving new activities: 40,960 of 130,000…"
