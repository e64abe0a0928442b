"""A yes/no question before a destructive action: `y` or Enter confirms, `n` or Escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ssi_tui.app.registry import bindings_for, with_keys
from ssi_tui.wording import N_, _


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question` (user text shown literally, with `detail` below); dismisses True to go
    ahead, False to leave everything as it is."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm { width: 64; max-width: 100%; height: auto; max-height: 100%; border: thick $error; }
    #confirm-question { text-style: bold; }
    #confirm-detail { color: $text-muted; margin-top: 1; }
    #confirm-keys { color: $text-muted; margin-top: 1; }
    #confirm-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    #confirm-buttons Button { margin-left: 1; min-width: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("confirm")
    AUTO_FOCUS = "#confirm-yes"

    def __init__(self, question: str, detail: str = "", yes: str = N_("Remove")) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = _(yes)

    def compose(self) -> ComposeResult:
        """The question, what goes with it, the keys, and the two buttons."""
        with Vertical(id="confirm", classes="dialog"):
            yield Static(Content(self.question), id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail")
            yield Static(
                Content(
                    with_keys(self.app, _("{confirm.yes} or Enter: yes · {confirm.no} or Esc: no"))
                ),
                id="confirm-keys",
            )
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes_label, id="confirm-yes", variant="error")
                yield Button(_("Cancel"), id="confirm-no")

    @on(Button.Pressed, "#confirm-yes")
    def action_yes(self) -> None:
        """Go ahead."""
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def action_no(self) -> None:
        """Leave everything as it is."""
        self.dismiss(False)
