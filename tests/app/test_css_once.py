"""Each CSS source is parsed once per set of CSS variables (`app/css_once.py`), and a theme
change still parses it again with the new ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css import stylesheet

from ssi_tui.app import css_once
from ssi_tui.app.app import SSIApp

from .conftest import TODAY, settle


async def test_the_apps_css_is_parsed_once_before_the_first_frame(
    tmp_path: Path, parsed_sources: list[str]
) -> None:
    app = SSIApp(tmp_path / "data", TODAY, demo=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # (Textual alone parsed each three times before the first frame: two re-parses)
        for name in ("ssi.tcss", "App.DEFAULT_CSS", "Screen.DEFAULT_CSS", "KeyBar.DEFAULT_CSS"):
            assert len([source for source in parsed_sources if name in source]) == 1, name
        background = app.screen.styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        assert len([source for source in parsed_sources if "ssi.tcss" in source]) == 2
        assert app.screen.styles.background != background  # the new theme's colours


def test_another_textuals_method_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse_rules(self: object, css: str, read_from: object) -> list[object]:
        return []

    monkeypatch.setattr(stylesheet.Stylesheet, "_parse_rules", parse_rules)
    assert css_once.install() is False
    assert stylesheet.Stylesheet._parse_rules is parse_rules
