"""The activity log in pages: the first page from the store as it is, the next by key, a sort
or a filter over every activity, and the page kept after a save."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import DataTable, Input

from ssi_tui.app.app import SSIApp
from ssi_tui.app.widgets.status import StatusBar
from ssi_tui.domain.models import Activity
from ssi_tui.services.activity_log import PAGE_SIZE
from ssi_tui.store import Store
from tests.app.conftest import TODAY, settle

COUNT = 2 * PAGE_SIZE + 70


def status(app: SSIApp) -> str:
    return str(app.screen.query_one(StatusBar).render())


def shown_ids(app: SSIApp) -> list[str]:
    table = app.screen.query_one("#activity-table", DataTable)
    return [str(key.value) for key in table.rows]


async def test_pages_sorts_and_filters_a_large_log(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        store.save_import(
            [
                Activity(
                    kind="comment" if number % 3 else "message_sent",
                    date=TODAY - timedelta(days=number % 500),
                    contact=f"Person {number:04d}",
                )
                for number in range(COUNT)
            ],
            [],
        )
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        first = shown_ids(app)
        assert len(first) == PAGE_SIZE
        assert "page 1/3" in status(app) and "1,070" in status(app)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        second = shown_ids(app)
        assert len(second) == PAGE_SIZE and not set(first) & set(second)
        assert "page 2/3" in status(app)
        await pilot.press("greater_than_sign", "greater_than_sign")  # (no fourth page)
        await settle(pilot)
        assert len(shown_ids(app)) == COUNT - 2 * PAGE_SIZE and "page 3/3" in status(app)
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(pilot)
        assert shown_ids(app) == first

        await pilot.press("s")  # sorted by kind: a view over every activity
        await settle(pilot)
        screen = app.screen
        kinds = [row.kind for row in screen.shown.rows]
        assert kinds == sorted(kinds) and "sorted by kind" in status(app)

        screen.query_one("#filter-text", Input).value = "person 000"
        await settle(pilot)
        assert {row.contact for row in screen.shown.rows} == {f"Person {n:04d}" for n in range(10)}
        assert "10 of 1,070" in status(app)

        # A save: the view is read again, the filter kept
        app.screen.query_one("#activity-table", DataTable).focus()
        await pilot.press("delete")
        await settle(pilot)
        assert len(screen.shown.rows) == 9 and "9 of 1,069" in status(app)
