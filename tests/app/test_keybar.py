"""The footer key bar: the screen's keys, fitted to the width, clickable."""

from __future__ import annotations

import pytest

from ssi_tui.app.app import SSIApp
from ssi_tui.app.widgets.keybar import KeyBar

from .conftest import settle


def bar_text(app: SSIApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_shows_screen_keys_then_app_keys_help_and_palette(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        text = bar_text(demo_app)
        assert text.startswith(" w Window  [ ] Week  u Undo  d Dash  g Goals  a Log ")
        assert "? Help" in text
        assert text.rstrip().endswith("^p palette")
        assert len(text) == 200
        # Each action once, even when two keys share it (`?` and F1).
        assert text.count("Help") == 1
        assert "f1" not in text.lower()


async def test_follows_the_screen(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = bar_text(demo_app)
        assert text.startswith(" n New  e Edit ")
        assert "Window" not in text


@pytest.mark.parametrize("width", [60, 80, 100])
async def test_narrow_folds_the_screen_keys_into_one_group(demo_app: SSIApp, width: int) -> None:
    async with demo_app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        text = bar_text(demo_app)
        assert len(text) <= width
        # Undo (dimmed: nothing to undo yet) goes first when room is short.
        assert text.replace("u Undo  ", "").startswith(
            " w Window  [ ] Week  screens d g a c r p t i  ? Help"
        )
        assert ("u Undo" in text) == (width >= 80)
        await pilot.click(KeyBar, offset=(text.index(" t ", text.index("screens")) + 1, 0))
        await settle(pilot)
        assert demo_app.current_mode == "trends"


@pytest.mark.parametrize(("width", "screen_key"), [(40, "d"), (80, "a"), (60, "a")])
async def test_then_whole_keys_give_way_from_the_right_and_help_stays(
    demo_app: SSIApp, width: int, screen_key: str
) -> None:
    async with demo_app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.press(screen_key)
        await settle(pilot)
        text = bar_text(demo_app)
        assert len(text) <= width
        assert text.rstrip().removesuffix("^p palette").rstrip().endswith("? Help")
        assert "screens" not in text
        # What is shown is whole keys: every label is followed by its description.
        for chunk in text.strip().split("  "):
            if chunk.strip() and chunk.strip() != "^p palette":
                assert len(chunk.strip().split(" ", 1)) == 2, chunk


async def test_clicking_a_key_presses_it(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        text = bar_text(demo_app)
        column = text.index(" g Goals") + 2
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert demo_app.current_mode == "goals"
        # A click between keys does nothing.
        text = bar_text(demo_app)
        blank = len(text.rstrip().rsplit("^p", 1)[0].rstrip()) + 2
        await pilot.click(KeyBar, offset=(blank, 0))
        await settle(pilot)
        assert demo_app.current_mode == "goals"


async def test_hover_highlights_one_key(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        bar = demo_app.screen.query_one(KeyBar)
        column = bar_text(demo_app).index(" d Dash") + 1
        await pilot.hover(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert bar._hover is not None
        assert bar._spans[bar._hover].key == "d"
