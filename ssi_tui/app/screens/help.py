"""Help for the current screen: what it shows and every key it answers to, from the registry."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ssi_tui.app.registry import COMMANDS, Command, bindings_for, fill_keys, key_references

GLOBAL_HELP = (
    "Keys work on every screen unless a text field has the focus (press Escape or Tab to leave it). "
    "Ctrl+P opens the command palette: log an activity, add a target account or a reading, switch "
    "the window, go to a screen, change the theme. Keys can be changed in config.toml "
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
    """(command, key) for every registered command active on a screen, in the registry's order."""
    keys = current_keys(screen)
    return [(entry, keys[entry.id]) for entry in COMMANDS.values() if entry.id in keys]


def help_text(screen: Screen) -> str:
    """The screen's help prose with its `{command.id}` references shown as the current keys."""
    text = getattr(screen, "HELP", "")
    keys = current_keys(screen)
    overrides: dict[str, str] = getattr(screen.app, "user_keymap", {})
    for entry_id in key_references(text):
        entry = COMMANDS[entry_id]
        if entry_id not in keys and entry.key is not None:
            # Not active right now (a text field has the focus): the key it is bound to.
            binding = entry.binding()
            if entry_id in overrides:
                binding = replace(binding, key=overrides[entry_id].split(",")[0], key_display=None)
            keys[entry_id] = screen.app.get_key_display(binding)
    return fill_keys(text, keys)


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
        title = getattr(self.target, "TITLE_TEXT", "") or "ssi-tui"
        text = help_text(self.target)
        rows = key_table(self.target)
        width = max((len(key) for _, key in rows), default=4) + 2
        lines = [
            Content.styled(f"{title} — help", "bold"),
            Content(text) if text else Content(""),
            Content(""),
            Content.styled("Keys", "bold"),
            *(
                Content.assemble((key.ljust(width), "bold $text-accent"), entry.description)
                for entry, key in rows
            ),
            Content(""),
            Content(GLOBAL_HELP),
            Content.styled("Escape closes this help.", "dim"),
        ]
        with VerticalScroll(id="help-body", classes="dialog"):
            yield Static(Content("\n").join(lines))
