"""Help for the current screen: what it shows and every key it answers to."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GLOBAL_HELP = (
    "Keys work on every screen unless a text field has the focus (press Escape or Tab to leave it). "
    "Ctrl+P opens the command palette: log an activity, add a target account or a reading, switch "
    "the window, go to a screen, change the theme."
)


def describe_bindings(screen: Screen) -> list[tuple[str, str]]:
    """(key, description) for every binding active on a screen, app-wide ones included."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.description in seen:
            continue
        seen.add(binding.description)
        rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal listing what the screen underneath does and its keys."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-body { width: 76; max-height: 90%; border: thick $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        """Title, description, key table."""
        title = getattr(self.target, "TITLE_TEXT", "") or "ssi-tui"
        text = getattr(self.target, "HELP", "")
        keys = describe_bindings(self.target)
        width = max((len(key) for key, _ in keys), default=4) + 2
        lines = [
            Content.styled(f"{title} — help", "bold"),
            Content(text) if text else Content(""),
            Content(""),
            Content.styled("Keys", "bold"),
            *(
                Content.assemble((key.ljust(width), "bold $text-accent"), description)
                for key, description in keys
            ),
            Content(""),
            Content(GLOBAL_HELP),
            Content.styled("Escape closes this help.", "dim"),
        ]
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(Content("\n").join(lines))
