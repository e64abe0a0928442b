"""An empty store: a guide instead of scores, a hint in every empty table, a log form that says
to set goals first."""

from __future__ import annotations

from textual.widgets import DataTable, Select

from ssi_tui.app.app import SSIApp
from ssi_tui.app.tables import HINT
from ssi_tui.app.widgets.guide import FirstRunGuide

from .conftest import settle


def hint_of(app: SSIApp, selector: str = "DataTable") -> str:
    table = app.screen.query_one(selector, DataTable)
    assert table.row_count == 1
    row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    assert row_key == HINT
    return "".join(str(value) for value in table.get_row_at(0))


async def test_empty_store_dashboard_shows_the_guide(empty_app: SSIApp) -> None:
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = empty_app.screen
        guide = screen.query_one(FirstRunGuide)
        assert guide.has_class("-shown") and guide.display
        text = str(guide.render())
        assert "Set your goals (g)" in text and "(i)" in text and "ssi-tui --demo" in text
        assert not screen.query_one("#pillars").display
        assert not screen.query_one("#flags-row").display


async def test_demo_dashboard_has_no_guide(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not demo_app.screen.query_one(FirstRunGuide).has_class("-shown")
        assert demo_app.screen.query_one("#pillars").display


async def test_every_empty_table_says_how_to_fill_it(empty_app: SSIApp) -> None:
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert hint_of(empty_app, "#audiences") == "None yet: n adds one"
        assert hint_of(empty_app, "#accounts") == "None yet: A adds one"
        assert hint_of(empty_app, "#objectives") == "None yet: o adds one"
        await pilot.press("e")  # edit on the hint: adds the first audience
        await pilot.pause()
        assert empty_app.screen.title_text == "Add an audience"
        await pilot.press("escape")
        await pilot.press("x")  # remove on the hint: nothing to remove, nothing breaks
        await settle(pilot)
        for key, expected in (
            ("a", "No activity yet: n logs one"),
            ("c", "No contacts yet"),
            ("r", "No readings yet: n records"),
        ):
            await pilot.press(key)
            await settle(pilot)
            empty_app.screen.set_focus(None)
            assert hint_of(empty_app).startswith(expected)
        await pilot.press("delete")  # on the readings hint: nothing happens
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert hint_of(empty_app, "#plan-table").startswith("No plans yet: n adds one")
        assert "n adds a plan" in hint_of(empty_app, "#agenda-table")


async def test_log_form_without_goals_says_set_goals_first(empty_app: SSIApp) -> None:
    async with empty_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        empty_app.screen.set_focus(None)
        await pilot.press("n")
        await pilot.pause()
        select = empty_app.screen.query_one("#field-audience", Select)
        assert select.prompt == "no audiences yet: set your goals (g)"
