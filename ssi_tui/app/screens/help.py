"""Help for the current screen: what it shows and every key it answers to, from the registry."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ssi_tui.app.registry import COMMANDS, Command, bindings_for, with_keys
from ssi_tui.wording import N_, _

GLOBAL_HELP = N_(
    "Keys work on every screen unless a text field has the focus (press Escape or Tab to leave it). "
    "Ctrl+P opens the command palette: log an activity, add a target account or a reading, switch "
    "the window, go to a screen, change the theme or the language. Keys can be changed in "
    "config.toml "
    "(see `ssi-tui keys`)."
)


def current_keys(screen: Screen) -> dict[str, str]:
    """Command id → the key that runs it on this screen now (the user's keymap applied)."""
    keys: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id in COMMANDS and binding.id not in keys:
            keys[binding.id] = screen.app.get_key_display(binding)
    return keys


def key_table(screen: Screen) -> list[tuple[Command, str]]:
    """(command, key) for every registered command active on a screen: the screen's own first."""
    keys = current_keys(screen)
    area = getattr(screen, "SCREEN_ID", "")
    ordered = sorted(COMMANDS.values(), key=lambda entry: entry.area != area)
    return [(entry, keys[entry.id]) for entry in ordered if entry.id in keys]


def help_text(screen: Screen) -> str:
    """The screen's help prose with its `{command.id}` references shown as the current keys."""
    text = getattr(screen, "HELP", "")
    return with_keys(screen.app, _(text)) if text else ""


class HelpScreen(ModalScreen[None]):
    """A modal listing what the screen underneath does and its keys."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-body { width: 76; max-height: 90%; border: thick $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("help")

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        """Title, description, key table."""
        title = _(getattr(self.target, "TITLE_TEXT", "")) or "ssi-tui"
        text = help_text(self.target)
        rows = key_table(self.target)
        width = max((len(key) for _, key in rows), default=4) + 2
        lines = [
            Content.styled(_("{title} — help").format(title=title), "bold"),
            Content(text) if text else Content(""),
            Content(""),
            Content.styled(_("Keys"), "bold"),
            *(
                Content.assemble((key.ljust(width), "bold $text-accent"), entry.label)
                for entry, key in rows
            ),
            Content(""),
            Content(_(GLOBAL_HELP)),
            Content.styled(_("Escape closes this help."), "dim"),
        ]
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(Content("\n").join(lines))
