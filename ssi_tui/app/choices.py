"""Lists moved as users of good terminal apps expect (`j`/`k` as well as the arrows), unless
the screen has a command on that letter. A module of its own: the dashboard's lists need no
DataTable (a tenth of a second of the first frame is imports)."""

from __future__ import annotations

from typing import ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import OptionList

from ssi_tui.wording import N_


def _screen_binds(widget: Widget, key: str) -> bool:
    """Whether a command of the widget's screen or of the app is on `key` (the user's keymap
    may put one on `j` or `k`): that command then wins over the list's own move."""
    # The binding chain is Textual's own (private) view of the keys with the keymap applied.
    for node, bindings in widget.screen._binding_chain:
        if node is not widget and key in bindings.key_to_bindings:
            return True
    return False


class Moves:
    """`j`/`k` down and up a row (a DataTable's or an OptionList's own cursor actions), unless
    the screen has a command on that letter. A widget using it lists `Moves.BINDINGS` in its
    own (Textual gathers the bindings of widget classes only)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move('j', 'down')", N_("Down"), show=False),
        Binding("k", "move('k', 'up')", N_("Up"), show=False),
    ]

    def action_move(self, key: str, direction: str) -> None:
        """Down or up, or let the screen's command on `key` run."""
        if _screen_binds(self, key):  # type: ignore[arg-type]
            raise SkipAction
        getattr(self, f"action_cursor_{direction}")()


class Choices(Moves, OptionList):
    """An option list with `j`/`k` as well as the arrows (Home, End and the page keys it has)."""

    BINDINGS: ClassVar[list[BindingType]] = [*Moves.BINDINGS]  # (Textual reads widgets' only)
