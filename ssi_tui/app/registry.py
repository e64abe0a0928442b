"""Every screen and every command of the app, declared once.

The screens and commands are data, in `commands.toml` next to this module; the screens'
bindings, the key bar, the command palette, the help screen's key table and the `ssi-tui keys`
listing are all generated from it. To add a command, add a `[[command]]` entry there and an
`action_<name>` method to its screen (to the app, for the `app` area).
A command's `id` is what a user's keymap (`config.toml`, `[keymap]`) rebinds.

Help prose may name a key as `{command.id}`: it is shown with the key currently bound to it.
This module imports nothing of the app's screens, so that start-up stays light; it reads
`commands.toml` through the parsed copy the build keeps beside it (`app/parsed.py`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.binding import Binding

from ssi_tui.app.parsed import read_toml
from ssi_tui.wording import N_, _

if TYPE_CHECKING:
    from textual.app import App

__all__ = [
    "AREAS",
    "COMMANDS",
    "SCREENS",
    "Command",
    "ScreenSpec",
    "bindings_for",
    "command",
    "key_references",
]


class Command(NamedTuple):
    """One thing a user can do: its keys, its footer label, its action, where it lives.

    `key` uses Textual key names (comma-separated for several); None: palette only. `action` is a
    Textual action run on the area's screen (on the app for the `app` area). `title` and `help`
    are the palette's wording (title defaults to the description). `runs`: for an app command
    that opens another screen's command (the palette's "Log activity…"), that command's id.
    """

    id: str
    key: str | None
    description: str
    action: str = ""
    help: str = ""
    title: str = ""
    show: bool = True
    palette: bool = True
    key_display: str | None = None
    priority: bool = False
    runs: str | None = None
    writes: bool = False
    screen: str = ""
    """For a go-to-screen command: the screen's title, named in its help and title."""

    @property
    def area(self) -> str:
        """The screen (or `app`, `form`…) the command belongs to: the id's first part."""
        return self.id.partition(".")[0]

    @property
    def label(self) -> str:
        """The footer label, in the user's language."""
        return _(self.description)

    @property
    def palette_title(self) -> str:
        """What the palette lists, in the user's language."""
        return self._worded(self.title or self.description)

    @property
    def palette_help(self) -> str:
        """The palette's and the keys listing's explanation, in the user's language."""
        return self._worded(self.help)

    def _worded(self, text: str) -> str:
        """`text` translated, a go-to command's screen named in the user's language."""
        worded = _(text) if text else ""
        return worded.format(screen=_(self.screen)) if self.screen else worded

    @property
    def run_action(self) -> str:
        """The action a key or the palette runs: a command that writes goes through the
        screen's (or the app's) `guard_write`, which says why a read-only store refuses it."""
        return f"guard_write({self.action!r})" if self.writes else self.action

    def binding(self) -> Binding:
        """The Textual binding, carrying the command's id (what a keymap rebinds)."""
        assert self.key is not None
        return Binding(
            self.key,
            self.run_action,
            self.description,
            show=self.show,
            key_display=self.key_display,
            priority=self.priority,
            id=self.id,
        )


class ScreenSpec(NamedTuple):
    """A main screen: its mode name, the key that opens it, its title and help, its class.

    (Named tuples, as `Command`: a frozen dataclass costs ~2 ms of every start to make.)"""

    id: str
    key: str
    title: str
    label: str
    module: str
    cls: str
    help: str = ""
    commands: tuple[Command, ...] = ()


def _go(screen: ScreenSpec) -> Command:
    return Command(
        f"app.go_{screen.id}",
        screen.key,
        screen.label,
        f"go('{screen.id}')",
        help=N_("Switch to the {screen} screen"),
        title=N_("Go to {screen}"),
        screen=screen.title,
    )


_REFERENCE = re.compile(r"\{([a-z_]+\.[a-z_0-9]+)\}")

DIALOGS = (
    "app",
    "screen",
    "form",
    "confirm",
    "help",
    "recovery",
    "detail",
    "when",
    "backups",
)
"""The areas that are not a main screen: `app` (everywhere), `screen` (every main screen), and
the dialogs."""


def _load() -> tuple[tuple[ScreenSpec, ...], dict[str, tuple[Command, ...]]]:
    """Read `commands.toml` (next to this module) into screens and commands by area."""
    document = read_toml(Path(__file__).parent / "commands.toml")
    by_area: dict[str, list[Command]] = {}
    for entry in document["command"]:
        declared = Command(**{"key": None, **entry})
        by_area.setdefault(declared.area, []).append(declared)
    screens = tuple(
        ScreenSpec(
            id=entry["id"],
            key=entry["key"],
            title=entry["title"],
            label=entry["label"],
            module=entry["module"],
            cls=entry["class"],
            help=" ".join(entry.get("help", "").split()),
            commands=tuple(by_area.pop(entry["id"], ())),
        )
        for entry in document["screen"]
    )
    unknown = set(by_area) - set(DIALOGS)
    if unknown:
        raise ValueError(f"commands.toml: commands of no screen: {sorted(unknown)}")
    areas: dict[str, tuple[Command, ...]] = {
        "app": (*(_go(screen) for screen in screens), *by_area.get("app", ())),
        "screen": tuple(by_area.get("screen", ())),
        **{screen.id: screen.commands for screen in screens},
        **{area: tuple(by_area.get(area, ())) for area in DIALOGS[2:]},
    }
    return screens, areas


SCREENS, AREAS = _load()
"""The main screens (in the order of their keys in the footer), and every command by area."""

COMMANDS: dict[str, Command] = {
    entry.id: entry for commands in AREAS.values() for entry in commands
}
"""Every command by id."""

SCREENS_BY_ID: dict[str, ScreenSpec] = {screen.id: screen for screen in SCREENS}


def unknown_references() -> list[str]:
    """`{id}` references in the screens' help that name no command with a key (should be none)."""
    return [
        f"{screen.id}: {{{reference}}}"
        for screen in SCREENS
        for reference in _REFERENCE.findall(screen.help)
        if reference not in COMMANDS or COMMANDS[reference].key is None
    ]


def command(command_id: str) -> Command:
    """The command with this id (KeyError names an unknown one)."""
    return COMMANDS[command_id]


def bindings_for(area: str) -> list[Binding]:
    """The Textual bindings of an area's commands that have a key."""
    return [entry.binding() for entry in AREAS[area] if entry.key is not None]


def key_references(text: str) -> list[str]:
    """The command ids a help text names as `{id}`."""
    return _REFERENCE.findall(text)


def fill_keys(text: str, display: dict[str, str]) -> str:
    """Help prose with each `{id}` replaced by the key bound to that command now."""
    return _REFERENCE.sub(lambda match: display.get(match.group(1), "?"), text)


def key_display(app: App[object], command_id: str) -> str:
    """How the first key of a command is shown (as in the footer), the user's keymap applied."""
    entry = COMMANDS[command_id]
    if entry.key is None:
        return "?"
    override: str | None = getattr(app, "user_keymap", {}).get(command_id)
    key = (override or entry.key).split(",")[0]
    # The key itself, not the footer's grouping (`1-4`, `[ ]`): text names one key.
    return app.get_key_display(replace(entry.binding(), key=key, key_display=None))


def with_keys(app: App[object], text: str) -> str:
    """Text naming keys as `{command.id}`, with the keys bound now."""
    return fill_keys(text, {ref: key_display(app, ref) for ref in key_references(text)})
