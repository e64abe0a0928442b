"""The dashboard explains a pillar's score in the detail panel (keys 1-4)."""

from __future__ import annotations

from ssi_tui.app.app import SSIApp
from ssi_tui.app.widgets.flags import FlagDetail

from .conftest import settle


def detail_text(app: SSIApp) -> str:
    return app.screen.query_one(FlagDetail).text


async def test_keys_1_to_4_explain_a_pillar_and_toggle_back(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        flag_text = detail_text(demo_app)
        await pilot.press("4")
        await settle(pilot)
        detail = demo_app.screen.query_one(FlagDetail)
        text = detail_text(demo_app)
        assert "Build relationships" in text and "untargeted" in text
        assert "Top activities" in text and detail.border_title.startswith("Why Relationships is ")
        report = demo_app.screen.report  # type: ignore[attr-defined]
        relate = report.breakdown.pillars["relate"]
        assert f"raw {relate.raw:.1f}" in text
        assert f"{relate.weighted:4.1f} weighted" in text  # the parts' sum line
        await pilot.press("1")
        await settle(pilot)
        brand = detail_text(demo_app)
        assert "Professional brand" in brand
        # The profile is a step of both scores, with what it adds out of its 10 points.
        assert brand.count("profile") >= 2 and "of 10.0" in brand
        assert "more: ssi-tui score --explain" not in brand  # every row: the panel scrolls
        detail.focus()
        await pilot.press("end")
        await settle(pilot)
        assert detail.scroll_y > 0  # the panel scrolls by keyboard
        await pilot.press("1")  # the same pillar again: back to the flag
        await settle(pilot)
        assert detail_text(demo_app) == flag_text and detail.border_title.startswith(
            "Detail (1-4: why"
        )


async def test_moving_on_the_flags_shows_the_flag_again(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert "Engage with insights" in detail_text(demo_app)
        demo_app.screen.query_one("#flags").focus()
        await pilot.press("down")
        await settle(pilot)
        assert "Kind · audience" not in detail_text(demo_app)


async def test_at_80x24_the_keys_reach_the_whole_detail(demo_app: SSIApp) -> None:
    """A pillar key moves the focus to the explanation, whose arrow keys scroll it to the end;
    Enter shows it, or a flag, on the whole screen with every line; Escape comes back."""
    from ssi_tui.app.screens.detail import DetailScreen

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        detail = demo_app.screen.query_one(FlagDetail)
        await pilot.press("2")
        await settle(pilot)
        assert demo_app.focused is detail and detail.max_scroll_y > 5
        for _ in range(detail.max_scroll_y):
            await pilot.press("down")
        await pilot.pause()
        assert detail.scroll_y == detail.max_scroll_y  # line by line to the last one
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(demo_app.screen, DetailScreen)
        shown = str(demo_app.screen.query_one("#detail-text").render())
        assert "Find the right people" in shown and "Top activities" in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f")  # back to the flags: Enter shows the flag in full
        assert demo_app.focused is demo_app.screen.query_one("#flags")
        await pilot.press("2")  # the same key again: the flag, and the list has the focus
        await settle(pilot)
        assert demo_app.focused is demo_app.screen.query_one("#flags")
        await pilot.press("enter")
        await settle(pilot)
        shown = str(demo_app.screen.query_one("#detail-text").render())
        assert "Suggested action:" in shown and "Plan:" in shown and "Evidence" in shown
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab")  # Tab reaches the detail panel too
        assert demo_app.focused is detail
        await pilot.press("v")
        assert demo_app.focused is detail
