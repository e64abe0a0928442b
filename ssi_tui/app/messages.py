"""Messages the app posts to its screens."""

from __future__ import annotations

from collections.abc import Callable
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


class ResultReady(Message):
    """A worker's result, shown on the UI thread by `show(*args)` (if the screen still exists)."""

    def __init__(self, show: Callable[..., object], *args: object) -> None:
        super().__init__()
        self.show = show
        self.args = args


class LoadFailed(Message):
    """A worker could not load what a screen shows (`what`): the store said `error`."""

    def __init__(self, what: str, error: str) -> None:
        super().__init__()
        self.what = what
        self.error = error
