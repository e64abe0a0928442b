"""Pilot tests of each screen's main flow, on a demo store with a fixed today."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Input, Select

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.dashboard import DashboardScreen
from ssi_tui.app.screens.form import FormScreen
from ssi_tui.app.screens.help import HelpScreen
from ssi_tui.app.screens.recovery import RecoveryScreen
from ssi_tui.app.widgets.flags import FlagDetail
from ssi_tui.app.widgets.pillars import PillarPanel
from ssi_tui.domain.models import Activity, Contact
from ssi_tui.store import Store

from .conftest import TODAY, settle

HOSTILE = "[@click=app.quit]Evil[/] [bold]x"


def dashboard_report(app: SSIApp):
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    assert screen.report is not None
    return screen.report


async def test_dashboard_opens_first_with_scores(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        report = dashboard_report(demo_app)
        assert report.breakdown.as_of == TODAY
        assert len({flag.id for flag in report.flags}) >= 3
        panel = demo_app.screen.query_one(PillarPanel)
        rendered = str(panel.render())
        assert f"{report.breakdown.total_raw:5.1f}" in rendered
        assert "Official SSI 67" in rendered


async def test_every_screen_by_key_and_back(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key, mode in (
            ("g", "goals"),
            ("a", "activities"),
            ("c", "contacts"),
            ("r", "readings"),
            ("d", "dashboard"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert demo_app.current_mode == mode
        await pilot.press("question_mark")
        assert isinstance(demo_app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(demo_app.screen, DashboardScreen)


@pytest.mark.parametrize(
    ("command", "mode"),
    [
        ("Go to Goals", "goals"),
        ("Go to Activity log", "activities"),
        ("Go to Contacts", "contacts"),
        ("Go to Readings", "readings"),
    ],
)
async def test_screens_reachable_from_the_palette(
    demo_app: SSIApp, command: str, mode: str
) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.current_mode == mode


async def test_window_and_week_keys(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert dashboard_report(demo_app).breakdown.window_days == 365
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert dashboard_report(demo_app).breakdown.as_of == TODAY.replace(day=19)
        await pilot.press("T")
        await settle(pilot)
        assert dashboard_report(demo_app).breakdown.as_of == TODAY


async def test_add_activity_on_log_screen_changes_dashboard(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = dashboard_report(demo_app).breakdown.pillars["relate"]
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-kind", Input).value = "meeting"
        form.query_one("#field-date", Input).value = "yesterday"
        form.query_one("#field-contact", Input).value = "Alice Moreau"
        form.query_one("#field-company", Input).value = "Northwind Traders"
        form.query_one("#field-audience", Select).value = "prospects"
        form.query_one("#field-relevance", Select).value = 5
        await pilot.click("#submit")
        await settle(pilot)
        assert not isinstance(demo_app.screen, FormScreen)
        table = demo_app.screen.query_one(DataTable)
        assert table.row_count > 0
        await pilot.press("d")
        await settle(pilot)
        after = dashboard_report(demo_app).breakdown.pillars["relate"]
        assert after.weighted > before.weighted
        assert after.raw == before.raw  # a meeting is off LinkedIn: raw cannot move
    with Store.open(demo_app.data_dir, read_only=True) as store:
        logged = [
            a
            for a in store.activities.all()
            if a.kind == "meeting" and a.date == TODAY.replace(day=25)
        ]
        assert any(
            a.source == "manual" and a.relevance == 5 and a.audience == "prospects" for a in logged
        )


async def test_invalid_form_shows_inline_errors_and_saves_nothing(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        count = demo_app.workspace.store.activities.count()
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = demo_app.screen
        form.query_one("#field-kind", Input).value = "tweet"
        form.query_one("#field-date", Input).value = "next blursday"
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(demo_app.screen, FormScreen)
        assert "unknown kind 'tweet'" in str(form.query_one("#error-kind").render())
        assert "next blursday" in str(form.query_one("#error-date").render())
        await pilot.press("escape")
        await settle(pilot)
        assert demo_app.workspace.store.activities.count() == count


async def test_delete_and_undo(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        store = demo_app.workspace.store
        count = store.activities.count()
        await pilot.press("delete")
        await settle(pilot)
        assert store.activities.count() == count - 1
        await pilot.press("u")
        await settle(pilot)
        assert store.activities.count() == count


async def test_filter_activity_log(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        screen = demo_app.screen
        screen.query_one("#filter-text", Input).value = "alice moreau"
        await settle(pilot)
        rows = screen.shown.rows
        assert rows and all(row.contact == "Alice Moreau" for row in rows)
        screen.query_one("#filter-text", Input).value = ""
        screen.query_one("#filter-pillar", Select).value = "brand"
        await settle(pilot)
        assert screen.shown.rows and all(row.pillar == "brand" for row in screen.shown.rows)


async def test_edit_weights_changes_weighted_not_raw(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = dashboard_report(demo_app).breakdown
        await pilot.press("g")
        await settle(pilot)
        table = demo_app.screen.query_one("#audiences", DataTable)
        table.focus()
        # Move to "recruiters" (the lowest weight) and make it the top audience.
        keys = [str(key.value) for key in table.rows]
        table.move_cursor(row=keys.index("recruiters"))
        await pilot.press("e")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-weight", Input).value = "500"
        await pilot.click("#submit")
        await settle(pilot)
        assert demo_app.workspace.store.goals.get().weight("recruiters") == 500
        await pilot.press("d")
        await settle(pilot)
        after = dashboard_report(demo_app).breakdown
        assert after.total_raw == pytest.approx(before.total_raw)
        assert after.total_weighted != pytest.approx(before.total_weighted)


async def test_add_reading(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = demo_app.screen
        values = {"total": "70", "brand": "20", "find": "15", "engage": "17", "relate": "30"}
        for name, value in values.items():
            form.query_one(f"#field-{name}", Input).value = value
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(demo_app.screen, FormScreen)  # relate 30 > 25
        assert "0-25" in str(form.query_one("#error-relate").render())
        form.query_one("#field-relate", Input).value = "18"
        await settle(pilot)
        await pilot.press("ctrl+s")  # not a click: the error line going away moves the button
        await settle(pilot)
        readings = demo_app.workspace.store.readings.all()
        assert readings[-1].date == TODAY and readings[-1].total == 70
        table = demo_app.screen.query_one(DataTable)
        assert table.row_count == 7
        # The same day again: one reading a day, so it asks to replace the first.
        await pilot.press("n")
        await settle(pilot)
        form = demo_app.screen
        again = {**values, "total": "71", "relate": "19"}
        for name, value in again.items():
            form.query_one(f"#field-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(demo_app.screen, ConfirmScreen)
        assert "has a reading already: replace 70 with 71?" in str(
            demo_app.screen.query_one("#confirm-question").render()
        )
        await pilot.press("y")
        await settle(pilot)
        readings = demo_app.workspace.store.readings.all()
        assert len(readings) == 7 and readings[-1].total == 71
        # Enter edits the selected reading (the newest, on top), its values filled in.
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await settle(pilot)
        form = demo_app.screen
        assert form.query_one("#field-total", Input).value == "71"
        form.query_one("#field-network_rank", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.workspace.store.readings.all()[-1].network_rank == 4
        # Delete asks first; undo brings it back.
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(demo_app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert len(demo_app.workspace.store.readings.all()) == 6
        await pilot.press("u")
        await settle(pilot)
        assert demo_app.workspace.store.readings.all()[-1].network_rank == 4


async def test_hostile_names_render_literally(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.contacts.add(Contact(name=HOSTILE, company=HOSTILE, title="Head of [red]Ops[/]"))
        store.activities.add(
            Activity(
                kind="comment",
                date=TODAY,
                contact=HOSTILE,
                company=HOSTILE,
                note="[/] oops \x1b[31m",
            )
        )
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        cells = [table.get_cell_at((0, column)) for column in range(4)]
        assert all(isinstance(value, Text) for value in cells)
        assert cells[0].plain == HOSTILE and cells[3].plain == HOSTILE  # name, company
        await pilot.click(DataTable, offset=(3, 1))
        await pilot.pause()
        assert app.is_running  # clicking the name did not run app.quit
        if isinstance(app.screen, FormScreen):  # selecting a contact opens its audience form
            assert HOSTILE in str(app.screen.query_one("#form-title").render())
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[6].plain == HOSTILE  # the contact column
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-contact", Input).value == HOSTILE
        assert form.query_one("#field-note", Input).value == "[/] oops [31m"  # escape char stripped
        await pilot.press("escape")
        await pilot.press("delete")
        await settle(pilot)
        notes = [str(notification.message) for notification in app._notifications]
        assert any(HOSTILE in note for note in notes)
        assert app.is_running


async def test_hostile_account_in_flag_detail(tmp_path: Path) -> None:
    from ssi_tui.domain.models import Goals

    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.goals.set(
            Goals.model_validate(
                {
                    "audiences": {"prospects": 1},
                    "accounts": [{"name": HOSTILE, "audience": "prospects"}],
                }
            )
        )
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        report = dashboard_report(app)
        index = next(i for i, flag in enumerate(report.flags) if flag.id == "neglected_account")
        app.screen.query_one("#flags").highlighted = index
        await pilot.pause()
        detail = app.screen.query_one(FlagDetail).text
        assert HOSTILE in detail


async def test_second_instance_opens_read_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    holder = Store.open(data_dir)
    try:
        app = SSIApp(data_dir, TODAY)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.workspace is not None and app.workspace.store.read_only
            assert app.read_only_reason and "in use by process" in app.read_only_reason
            bar = app.screen.query_one("#status")
            status = str(bar.render())
            # The banner has its own line: its reason whole at 100 columns, the title above.
            assert "READ-ONLY" in status.splitlines()[1] and bar.size.height >= 2
            assert status.splitlines()[1].rstrip().endswith("close it or try again")
            assert app.workspace.readings.all() is not None  # reads still work
    finally:
        holder.close()


async def test_corrupt_store_offers_restore(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.activities.add(Activity(kind="post", date=TODAY))
        store.backup("manual")
    (data_dir / "store.json").write_text("{ truncated", encoding="utf-8")
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.click("#restore")
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.store.activities.count() == 1
    assert list(data_dir.glob("store.json.corrupt-*"))


async def test_a_damaged_segment_offers_a_repair_that_keeps_later_saves(tmp_path: Path) -> None:
    from ssi_tui.store.repository import BULK_THRESHOLD

    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.activities.add_many(
            Activity(kind="post", date=TODAY, note=f"n{index}") for index in range(BULK_THRESHOLD)
        )
        store.backup("manual")
        store.activities.add(Activity(kind="comment", date=TODAY))  # after the backup
    (path,) = (data_dir / "history").glob("seg-*.json")
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b'"note":"n7"', b'"note":"m7"'))
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RecoveryScreen)
        await pilot.click("#repair")
        await settle(pilot)
        assert app.workspace is not None
        assert app.workspace.store.activities.count() == BULK_THRESHOLD + 1
    assert path.read_bytes() == raw


async def test_a_store_that_cannot_open_promises_no_scores(tmp_path: Path) -> None:
    data_dir = tmp_path / "not-a-dir"
    data_dir.write_text("a file where the data dir should be", encoding="utf-8")
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.load_error
        panel = str(app.screen.query_one(PillarPanel).render())
        assert panel.startswith("No scores: the store could not be opened")
        assert app.load_error in str(app.screen.query_one("#status").render())
        await pilot.press("a")  # other screens open and say the same, no crash
        await settle(pilot)
        assert app.is_running


async def test_theme_is_remembered(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_a_refused_save_keeps_the_form_open_with_its_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One save path: the form checks its values once, then saves the model in a worker; a
    refusal (here: the disk is full) shows in the form, which keeps what was typed, instead of
    closing it and saying "Not saved" over the screen behind."""
    from ssi_tui.services.errors import StoreWriteError
    from ssi_tui.services.readings import ReadingService

    def full(*_args: object, **_kwargs: object) -> None:
        raise StoreWriteError("cannot write store.json: the disk is full")

    monkeypatch.setattr(ReadingService, "add_undoably", full)
    app = SSIApp(tmp_path / "data", TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        values = {"total": "70", "brand": "20", "find": "15", "engage": "17", "relate": "18"}
        for name, value in values.items():
            form.query_one(f"#field-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open…
        message = str(form.query_one("#form-message").render())
        assert message == "Not saved: cannot write store.json: the disk is full"
        assert form.query_one("#field-total", Input).value == "70"  # …with what was typed
        assert not form.query_one("#submit").disabled  # and it can be tried again


async def test_a_second_app_says_read_only_then_takes_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second app on a store another holds: a command that writes says why before any
    form opens (the holder's PID); once the other one closes, ctrl+o makes this one the
    writer."""
    import os

    from ssi_tui.app import take_over

    monkeypatch.setattr(take_over, "LOCK_POLL_SECONDS", 0.1)  # (not left for other tests)
    data_dir = tmp_path / "data"
    holder = Store.open(data_dir)
    app = SSIApp(data_dir, TODAY)
    try:
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert not isinstance(app.screen, FormScreen)  # no form to fill and lose
            (note,) = [n for n in app._notifications if n.title == "Read-only"]
            assert f"in use by process {os.getpid()}" in note.message
            assert "Take over" not in str(app.screen.query_one("KeyBar").render())
            holder.close()
            for _ in range(50):  # (a notification is a message: it lands a moment later)
                await pilot.pause(0.05)
                if app.writer_free and any(n.title == "Store free" for n in app._notifications):
                    break
            assert app.writer_free
            assert any(n.title == "Store free" for n in app._notifications)
            await pilot.press("ctrl+o")
            await settle(pilot)
            assert app.read_only_reason is None and not app.workspace.read_only
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, FormScreen)  # now it can be changed
    finally:
        holder.close()
