"""A panel's text on the whole screen: a flag in full, a pillar's explanation, scrollable."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ssi_tui.app.registry import bindings_for, with_keys
from ssi_tui.wording import _


class DetailScreen(ModalScreen[None]):
    """What a panel shows, given the whole terminal (Enter on a flag, or on the detail panel)."""

    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    #detail-body { width: 100%; height: 100%; border: thick $accent; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("detail")
    AUTO_FOCUS = "#detail-body"

    def __init__(self, title: str, body: Content) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        """The text in a scrolling frame titled with what it is."""
        with VerticalScroll(id="detail-body") as frame:
            frame.border_title = self.title_text
            frame.border_subtitle = with_keys(
                self.app, _("{detail.close} closes · ↑ ↓ PgUp PgDn Home End scroll")
            )
            yield Static(self.body, id="detail-text")
