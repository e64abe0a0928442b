"""Activity kinds are shown in words, in the user's language (the catalog's labels): the log's
Kind column and its kind filter, today's agenda, the planner; the ids stay what forms take."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from ssi_tui.app.app import SSIApp
from ssi_tui.app.widgets.agenda import AgendaPanel
from ssi_tui.wording import set_language

from .conftest import settle


async def the_log(pilot: Pilot) -> DataTable:
    """The activity log's table, once on screen and filled."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    return pilot.app.screen.query_one(DataTable)


def words(app: SSIApp, kind: str) -> str:
    assert app.workspace is not None
    return app.workspace.catalog.label(kind)


async def test_the_log_names_each_kind_in_words_and_filters_by_id(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(140, 45)) as pilot:
        table = await the_log(pilot)
        shown = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert "profile view" in shown and "profile_view" not in shown
        kind_filter = demo_app.screen.query_one("#filter-kind", Select)
        options = dict(kind_filter._options)  # (label, value) pairs
        assert options.get("message sent") == "message_sent"
        kind_filter.value = "message_sent"
        await settle(pilot)
        shown = {str(table.get_row_at(row)[1]) for row in range(table.row_count)}
        assert shown == {"message sent"}


async def test_the_agenda_and_the_planner_name_kinds_in_the_users_language(
    demo_app: SSIApp,
) -> None:
    set_language("fr")
    async with demo_app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        agenda = demo_app.screen.query_one(AgendaPanel)
        assert "appel" in str(agenda.render()) and "call" not in str(agenda.render())
        await pilot.press("p")
        await settle(pilot)
        kinds = {
            str(table.get_row_at(row)[2])
            for table in demo_app.screen.query(DataTable)
            if table.id == "agenda-table"
            for row in range(table.row_count)
        }
        assert words(demo_app, "call") in kinds and "call" not in kinds


async def test_a_form_shows_and_suggests_kinds_in_words_and_takes_them(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(140, 45)) as pilot:
        table = await the_log(pilot)
        table.focus()
        first = str(table.get_row_at(0)[1])
        await pilot.press("e")
        await settle(pilot)
        kind = demo_app.screen.query_one("#field-kind", Input)
        assert kind.value == first and "_" not in first  # its words, not its id
        assert kind.suggester is not None
        assert await kind.suggester.get_suggestion("message s") == "message sent"
        kind.value = "Message sent"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.pause()
        assert str(table.get_row_at(0)[1]) == "message sent"
