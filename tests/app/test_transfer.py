"""Data in and out from the app: export to a file (dashboard `e`, palette), load a JSON export
(Import screen, palette), restore a backup (Import screen `ctrl+r`, palette)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from textual.widgets import DataTable, Input

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.backups import BackupsScreen
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.form import FormScreen
from ssi_tui.services.opening import open_workspace
from ssi_tui.services.transfer import export_text

from .conftest import TODAY, settle


def notes(app: SSIApp) -> list[str]:
    return [str(note.message) for note in app._notifications]


def demo_export(tmp_path: Path) -> Path:
    """A JSON export of the demo data, written by the services."""
    workspace = open_workspace(tmp_path / "demo-source", TODAY, demo=True).workspace
    try:
        path = tmp_path / "demo.json"
        path.write_text(export_text(workspace, "json"), encoding="utf-8")
        return path
    finally:
        workspace.close()


async def test_export_from_the_dashboard_to_a_file(demo_app: SSIApp, tmp_path: Path) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        path_field = form.query_one("#field-path", Input)
        assert path_field.value.startswith("~/ssi-tui-review-2026-11-26")
        assert path_field.value.endswith(".md")
        path_field.value = str(tmp_path)  # a folder: refused under the field
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form
        assert "is a folder" in str(form.query_one("#error-path").render())
        target = tmp_path / "review.md"
        path_field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(demo_app.screen, FormScreen)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("#") and "Weighted" in text
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert any(note.startswith(f"Exported to {target}") for note in notes(demo_app))


async def test_export_json_from_the_palette_replaces_a_file_once_confirmed(
    demo_app: SSIApp, tmp_path: Path
) -> None:
    target = tmp_path / "everything.json"
    target.write_text("old", encoding="utf-8")
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")  # from another screen: the palette's command
        await settle(pilot)
        demo_app.run_command("app.export")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-format").value = "json"
        await settle(pilot)
        path_field = form.query_one("#field-path", Input)
        assert path_field.value.endswith(".json")  # the extension follows the format
        path_field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, ConfirmScreen)
        await pilot.press("n")  # not replaced: the form says so, the file is untouched
        await settle(pilot)
        assert demo_app.screen is form
        assert "not replaced" in str(form.query_one("#error-path").render())
        assert target.read_text(encoding="utf-8") == "old"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(demo_app.screen, FormScreen | ConfirmScreen)
        document = json.loads(target.read_text(encoding="utf-8"))
        assert document["format"] and len(document["activities"]) > 100


async def test_load_a_json_export_into_an_empty_store(empty_app: SSIApp, tmp_path: Path) -> None:
    source = demo_export(tmp_path)
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        empty_app.run_command("app.load")
        await settle(pilot)
        assert empty_app.current_mode == "import"
        state = str(empty_app.screen.query_one("#import-state").render())
        assert "ssi-tui JSON export" in state
        path_field = empty_app.screen.query_one("#import-path", Input)
        assert path_field.has_focus
        path_field.value = str(source)
        await pilot.press("enter")
        await settle(pilot)
        question = empty_app.screen
        assert isinstance(question, ConfirmScreen)
        assert "1598 activities" in question.detail or "activities" in question.detail
        assert "The store is empty" in question.detail
        await pilot.press("y")
        await settle(pilot)
        store = empty_app.workspace.store
        assert store.activities.count() > 100
        assert store.goals.get().audiences
        state = str(empty_app.screen.query_one("#import-state").render())
        assert state.startswith("Loaded demo.json:")


async def test_load_merges_into_a_store_that_holds_data(demo_app: SSIApp, tmp_path: Path) -> None:
    source = demo_export(tmp_path)
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = demo_app.workspace.store.activities.count()
        await pilot.press("i")
        await settle(pilot)
        demo_app.screen.query_one("#import-path", Input).value = str(source)
        await pilot.press("ctrl+t")  # dry run: what would happen, nothing loaded
        await pilot.press("enter")
        await settle(pilot)
        state = str(demo_app.screen.query_one("#import-state").render())
        assert state.startswith("Dry run: demo.json holds") and "kept as it is" in state
        await pilot.press("ctrl+t")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo_app.screen, ConfirmScreen)
        assert "what it holds is kept" in demo_app.screen.detail
        await pilot.press("y")
        await settle(pilot)
        assert demo_app.workspace.store.activities.count() >= before


async def test_a_bad_json_file_is_one_line_and_changes_nothing(
    empty_app: SSIApp, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        empty_app.screen.query_one("#import-path", Input).value = str(bad)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(empty_app.screen, ConfirmScreen)
        state = str(empty_app.screen.query_one("#import-state").render())
        assert state.startswith("Cannot load:") and "not valid JSON" in state
        assert empty_app.workspace.store.activities.count() == 0


async def test_restore_a_backup_after_confirming(tmp_path: Path) -> None:
    data = tmp_path / "data"
    workspace = open_workspace(data, TODAY, demo=True).workspace
    store = workspace.store
    backed = store.activities.count()
    store.backup("daily")
    store.delete_activity(store.activities.all()[0].id)
    workspace.close()
    app = SSIApp(data, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.workspace.store.activities.count() == backed - 1
        app.run_command("app.restore")
        await settle(pilot)
        listing = app.screen
        assert isinstance(listing, BackupsScreen)
        table = listing.query_one(DataTable)
        assert table.row_count == 1
        row = [str(value) for value in table.get_row_at(0)]
        assert row[1] == "daily" and row[3] == f"{backed:,}" and row[5] == "ok"
        assert "KiB" in row[2] or "MiB" in row[2]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.store.activities.count() == backed
        restored = [note for note in notes(app) if note.startswith("Restored backup")]
        assert restored and "restore it to go back" in restored[0]
        # the store as it was before is now a backup too
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 2
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, BackupsScreen)


async def test_export_plans_to_a_calendar_from_the_planner(
    demo_app: SSIApp, tmp_path: Path
) -> None:
    from icalendar import Calendar

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-format").value == "ics"
        path_field = form.query_one("#field-path", Input)
        assert path_field.value.startswith(
            "~/ssi-tui-plans-2026-11-26"
        ) and path_field.value.endswith(".ics")
        target = tmp_path / "plans.ics"
        path_field.value = str(target)
        await pilot.press("ctrl+s")
        await settle(pilot)
        calendar = Calendar.from_ical(target.read_bytes())
        plans = demo_app.workspace.store.plans.all()
        assert {str(e["uid"]) for e in calendar.walk("VEVENT")} == {
            f"{plan.id}@ssi-tui" for plan in plans
        }
