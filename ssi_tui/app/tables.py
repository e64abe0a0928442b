"""Tables that say what to do when empty: a one-line hint naming the key that adds a row, and a
selection that never takes the hint for a record."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from ssi_tui.app.choices import Choices as Choices
from ssi_tui.app.choices import Moves
from ssi_tui.app.registry import with_keys
from ssi_tui.app.text import cell
from ssi_tui.wording import N_, _


class Table(Moves, DataTable[Any]):
    """A table of rows moved as users of good terminal apps expect: Home and End go to the first
    and last row, PageUp/PageDown by a page, `j`/`k` down and up."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", N_("First row"), show=False),
        Binding("end", "scroll_bottom", N_("Last row"), show=False),
        *Moves.BINDINGS,
    ]


HINT = "-hint"
"""The row key of an empty table's hint (no record has it: ids are hex)."""


def filled(table: DataTable[Any], app: App[Any], text: str, column: int = 0) -> None:
    """After a table is (re)filled: when it is empty, one italic row saying `text` (its
    `{command.id}` as keys) in `column` (the widest, so that the hint widens no narrow one).

    And the table is redrawn once it has measured its new rows. A DataTable sizes its columns
    when its own message queue next runs empty, and a cell drawn before that stays cached at
    the header's width (the cache does not key on widths): a table nobody touched showed its
    cells cut (`post`, `comm`). The call below gives the table a message (so it measures on
    the idle turn after it), then redraws its cells right after that turn."""
    table.call_later(table.call_next, _redraw, table)
    if text and table.row_count == 0 and table.columns:
        cells: list[Any] = [""] * len(table.columns)
        cells[column] = cell(with_keys(app, _(text)), style="italic")
        table.add_row(*cells, key=HINT)


def last_column_room(table_width: int, rows: list[list[str]], headers: tuple[str, ...]) -> int:
    """How many characters a table's last column (free text, clipped to it) has once the other
    columns (`headers`, each row's texts) are shown whole; a table not laid out yet: no limit."""
    if table_width <= 0:
        return 10_000
    widths = [
        max([len(header), *(len(row[index]) for row in rows)])
        for index, header in enumerate(headers)
    ]
    # A cell padding of 1 on each side of every column (the last one's too), and the border
    # and the scrollbar (4) less those 2.
    used = sum(width + 2 for width in widths) + 4
    return max(12, table_width - used)


def selected_key(table: DataTable[Any]) -> str | None:
    """The key of the row under the cursor: None when the table is empty or shows its hint."""
    if table.row_count == 0:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return None if key is None or key == HINT else str(key)


def _redraw(table: DataTable[Any]) -> None:
    """Draw the cells again at the measured widths (setting a cell to its own value is the
    public way to invalidate the table's cell cache)."""
    if table.row_count and table.columns:
        row_key = next(iter(table.rows))
        column_key = next(iter(table.columns))
        table.update_cell(row_key, column_key, table.get_cell(row_key, column_key))
