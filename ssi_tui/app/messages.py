"""Messages the app posts to its screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ssi_tui.app.keymap import Keymap


class DataChanged(Message):
    """The store changed (an activity, goals, a reading…): screens showing data refresh."""


class KeymapRead(Message):
    """The user's `config.toml` keymap has been read (in a worker): the app applies it."""

    def __init__(self, keymap: Keymap) -> None:
        super().__init__()
        self.keymap = keymap
