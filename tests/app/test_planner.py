"""Pilot tests of the planner screen, the dashboard's agenda panel and the losing-touch view."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.dashboard import DashboardScreen
from ssi_tui.app.screens.done_when import DoneWhenScreen
from ssi_tui.app.screens.form import FormScreen
from ssi_tui.app.screens.planner import PlannerScreen
from ssi_tui.app.widgets.agenda import AgendaPanel
from ssi_tui.app.widgets.losing_touch import LosingTouchTable
from ssi_tui.domain.models import Activity, Contact, Goals
from ssi_tui.services.planner import Planner
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from .conftest import TODAY, settle

HOSTILE = "[@click=app.quit]Evil[/] [bold]x"


def planner_screen(app: SSIApp) -> PlannerScreen:
    screen = app.screen
    assert isinstance(screen, PlannerScreen)
    assert screen.data is not None
    return screen


def select_agenda_row(screen: PlannerScreen, predicate) -> int:
    table = screen.query_one("#agenda-table", DataTable)
    keys = [str(row.value) for row in table.rows]
    index = next(i for i, key in enumerate(keys) if predicate(screen.items[key]))
    table.move_cursor(row=index)
    return index


async def test_done_on_the_agenda_changes_the_dashboard_scores(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard = demo_app.screen
        assert isinstance(dashboard, DashboardScreen) and dashboard.report is not None
        before = dashboard.report.breakdown
        panel = dashboard.query_one(AgendaPanel)
        assert panel.agenda is not None and len(panel.agenda.open_today) == 3
        assert "3 to do" in str(panel.render())
        await pilot.press("p")
        await settle(pilot)
        screen = planner_screen(demo_app)
        select_agenda_row(screen, lambda item: item.status == "open" and item.plan.kind == "post")
        await pilot.press("x")
        await settle(pilot)
        item = next(i for i in screen.data.agenda.today if i.plan.kind == "post")
        assert item.status == "done" and item.activity_id
        await pilot.press("d")
        await settle(pilot)
        after = dashboard.report.breakdown
        assert after.pillars["brand"].raw > before.pillars["brand"].raw
        assert after.total_weighted > before.total_weighted
        assert len(panel.agenda.open_today) == 2 and "2 to do" in str(panel.render())
    with Store.open(demo_app.data_dir, read_only=True) as store:
        (logged,) = [a for a in store.activities.all() if a.source == "plan" and a.date == TODAY]
        assert logged.kind == "post" and logged.occurrence == TODAY and logged.plan_id


async def test_skip_undo_and_overdue_done(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = planner_screen(demo_app)
        store = demo_app.workspace.store
        count = store.activities.count()
        select_agenda_row(screen, lambda item: item.date == TODAY and item.plan.kind == "comment")
        await pilot.press("s")
        await settle(pilot)
        assert [i.status for i in screen.data.agenda.today if i.plan.kind == "comment"] == [
            "skipped"
        ]
        assert "2 to do today" in screen.status_detail()
        await pilot.press("u")
        await settle(pilot)
        assert [i.status for i in screen.data.agenda.today if i.plan.kind == "comment"] == ["open"]
        assert store.activities.count() == count
        overdue = len(screen.data.agenda.overdue)
        assert overdue >= 1
        streak = screen.data.overall.current
        (late_item,) = screen.data.agenda.overdue
        select_agenda_row(screen, lambda item: item in screen.data.agenda.overdue)
        await pilot.press("enter")  # an overdue one: done today, or on its day?
        await settle(pilot)
        assert isinstance(demo_app.screen, DoneWhenScreen)
        await pilot.press("t")  # today: late, the streak as it was (it jumped 6 -> 10)
        await settle(pilot)
        assert len(screen.data.agenda.overdue) == overdue - 1
        assert store.activities.count() == count + 1
        assert screen.data.overall.current == streak
        (done,) = [
            a
            for a in store.activities.all()
            if (a.plan_id, a.occurrence) == (late_item.plan.id, late_item.date)
        ]
        assert done.date == TODAY
        assert [i.late for i in screen.data.agenda.handled if i.key == late_item.key] == [True]
        await pilot.press("u")  # undo right after: the last action, wherever the cursor is
        await settle(pilot)
        assert len(screen.data.agenda.overdue) == overdue and store.activities.count() == count
        select_agenda_row(screen, lambda item: item in screen.data.agenda.overdue)
        await pilot.press("x", "o")  # on its day: the tick was forgotten, on time
        await settle(pilot)
        (done,) = [
            a
            for a in store.activities.all()
            if (a.plan_id, a.occurrence) == (late_item.plan.id, late_item.date)
        ]
        assert done.date == late_item.date
        assert screen.data.overall.current > streak  # on its day: on time, the run mended
        assert store.activities.count() == count + 1
        # Done again on a done item: refused with a notification, nothing logged.
        select_agenda_row(screen, lambda item: item.status == "done")
        await pilot.press("x")
        await settle(pilot)
        assert store.activities.count() == count + 1
        notes = [str(notification.message) for notification in demo_app._notifications]
        assert any("already done" in note for note in notes)


async def test_adopt_a_suggestion(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = planner_screen(demo_app)
        ranked = screen.data.suggestions
        gains = [gain.weighted for _, gain in ranked]
        assert len(ranked) > 1 and gains == sorted(gains, reverse=True)
        suggestions = [item for item, _ in ranked]
        plans = len(screen.data.plans)
        options = screen.query_one("#suggestions", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("o")
        await settle(pilot)
        assert len(screen.data.plans) == plans + 1
        assert suggestions[0].key not in [s.key for s, _ in screen.data.suggestions]
        adopted = [row.plan for row in screen.data.plans if row.plan.kind == suggestions[0].kind]
        assert adopted and adopted[0].start == TODAY


async def test_add_plan_form_checks_inline_and_remove_plan(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = planner_screen(demo_app)
        store = demo_app.workspace.store
        plans = len(store.plans.all())
        await pilot.press("n")
        await pilot.pause()
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-kind", Input).value = "follow_up"
        form.query_one("#field-rule", Input).value = "FREQ=WEEKLY;BYDAY=XX"
        form.query_one("#field-until", Input).value = "-1w"
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(demo_app.screen, FormScreen)
        assert "until 2026-11-19 is before the start" in str(
            form.query_one("#error-until").render()
        )
        form.query_one("#field-until", Input).value = ""
        await settle(pilot)  # the error lines change the layout: click once it has settled
        await pilot.click("#submit")
        await pilot.pause()
        assert "invalid rule" in str(form.query_one("#error-rule").render())
        assert len(store.plans.all()) == plans
        form.query_one("#field-rule", Input).value = "FREQ=WEEKLY;BYDAY=TU,TH"
        form.query_one("#field-contact", Input).value = HOSTILE
        await settle(pilot)
        await pilot.click("#submit")
        await settle(pilot)
        assert not isinstance(demo_app.screen, FormScreen)
        added = [p for p in store.plans.all() if p.contact == HOSTILE]
        assert len(added) == 1 and added[0].rule == "FREQ=WEEKLY;BYDAY=TU,TH"
        table = screen.query_one("#plan-table", DataTable)
        table.focus()
        table.move_cursor(row=[str(key.value) for key in table.rows].index(added[0].id))
        await pilot.press("delete")
        await settle(pilot)
        confirm = demo_app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert HOSTILE in str(confirm.query_one("#confirm-question").render())
        await pilot.press("y")
        await settle(pilot)
        assert len(store.plans.all()) == plans
        assert demo_app.is_running


async def test_palette_add_plan_opens_the_form(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Add plan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.current_mode == "planner"
        assert isinstance(demo_app.screen, FormScreen)


async def test_losing_touch_view_on_contacts(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = demo_app.screen
        await pilot.press("l")
        await settle(pilot)
        table = screen.query_one(LosingTouchTable)
        assert table.display and not screen.query_one("#contact-table").display
        ratios = [status.ratio for status in table.statuses]
        assert len(ratios) >= 2 and ratios == sorted(ratios, reverse=True)
        assert table.get_cell_at((0, 0)).plain == table.statuses[0].contact.name
        assert "losing touch" in screen.status_detail()
        assert "days overdue ÷ cadence" in screen.status_detail()  # the ranking, explained
        status = table.statuses[0]
        assert [cell.plain for cell in table.get_row_at(0)[1:4]] == [
            f"{status.ratio:.1f}×",
            f"{status.overdue_days} d",
            f"{status.cadence} d",
        ]
        screen.query_one("#contact-filter", Input).value = "initech"
        await settle(pilot)
        assert table.row_count == 1
        await pilot.press("l")
        await settle(pilot)
        assert screen.query_one("#contact-table").display and not table.display


async def test_empty_store_planner_and_hostile_text(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.goals.set(Goals.model_validate({"audiences": {"prospects": 1}}))
        store.contacts.add(
            Contact(name=HOSTILE, audience="prospects", connected_on=TODAY.replace(month=1))
        )
        store.activities.add(Activity(kind="comment", date=TODAY.replace(month=2), contact=HOSTILE))
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(AgendaPanel)
        assert "Nothing planned" in str(panel.render())
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert app.is_running
        with app.workspace.lock:
            Planner(app.workspace).add_plan(
                {"kind": "comment", "rule": "daily", "contact": HOSTILE, "note": HOSTILE}
            )
        app.data_changed()
        await settle(pilot)
        table = app.screen.query_one("#agenda-table", DataTable)
        assert table.get_cell_at((0, 4)).plain == HOSTILE  # who
        assert table.get_cell_at((0, 5)).plain.rstrip("…") in HOSTILE  # the note, clipped
        await pilot.press("c", "l")
        await settle(pilot)
        losing = app.screen.query_one(LosingTouchTable)
        assert losing.get_cell_at((0, 0)).plain == HOSTILE
        assert app.is_running


async def test_a_hand_broken_plan_is_a_notification_and_the_rest_works(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.put_document(
            "plans",
            1,
            {"id": "bad0beef", "kind": "post", "rule": "FREQ=NEVER", "start": "2026-11-01"},
        )
        Planner(Workspace(store, TODAY)).add_plan({"kind": "comment", "rule": "daily"})
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = [str(notification.message) for notification in app._notifications]
        assert any(
            note.startswith("Stored plan bad0beef is invalid") and "plan remove bad0beef" in note
            for note in notes
        )
        await pilot.press("p")
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one("#plan-table", DataTable).row_count == 1
