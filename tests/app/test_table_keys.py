"""Every table and list moves by the keys users of good terminal apps expect."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from ssi_tui.app.app import SSIApp
from ssi_tui.wording import counted

from .conftest import settle


@pytest.mark.parametrize(
    ("screen_key", "selector"),
    [
        ("a", "#activity-table"),
        ("p", "#agenda-table"),
        ("p", "#plan-table"),
        ("g", "#audiences"),
        ("g", "#accounts"),
        ("c", "#contact-table"),
        ("r", "#reading-table"),
    ],
)
async def test_j_k_home_end_and_pages_in_every_table(
    demo_app: SSIApp, screen_key: str, selector: str
) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press(screen_key)
        await settle(pilot)
        table = demo_app.screen.query_one(selector, DataTable)
        table.focus()
        await pilot.pause()
        assert table.row_count >= 3
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row > 0 or table.row_count == 1
        assert demo_app.current_mode == {"a": "activities", "p": "planner", "g": "goals"}.get(
            screen_key, demo_app.current_mode
        )  # no letter left the screen


async def test_j_k_in_the_flag_list_and_the_suggestions(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        flags = demo_app.screen.query_one("#flags")
        await pilot.press("j", "j", "k")
        assert flags.highlighted == 1
        await pilot.press("end")
        assert flags.highlighted == flags.option_count - 1
        await pilot.press("p")
        await settle(pilot)
        suggestions = demo_app.screen.query_one("#suggestions")
        suggestions.focus()
        await pilot.press("home", "j")
        assert suggestions.highlighted == 1


async def test_a_screen_command_on_the_letter_wins(demo_app: SSIApp) -> None:
    """A user's keymap may put a command on `k`: the table then leaves the letter to it."""
    demo_app.user_keymap["activities.new"] = "k"
    async with demo_app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        demo_app.set_keymap({"activities.new": "k"})
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert "Log an activity" in str(demo_app.screen.query_one("#form-title").render())


def test_counts_agree_with_their_nouns() -> None:
    assert counted(1, "contact") == "1 contact"
    assert counted(2, "contact") == "2 contacts"
    assert counted(1200, "activity", "activities") == "1,200 activities"
    assert counted(1, "activity", "activities") == "1 activity"
