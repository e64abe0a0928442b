"""Every activity's log row, held as columns for the log's filtered and sorted views.

A million rows as `LogRow` tuples held ~270 MB: a tuple of fifteen and an id string each, and
the memory those small objects pinned (made among the segments' documents read for the pass,
they kept the allocator's pages of those documents from being given back). As columns they are
a few large arrays: the names, kinds and audiences as codes into one list of the distinct
values (a few thousand: the same company on a hundred thousand rows is one string), the
numbers as floats, the notes as text in one buffer, and each row's position in the store's
(date, id) order, which gives its date and id (the store holds them already) and the log's
newest-first order without a sort. A view is an array of row numbers (4 bytes a row); a page
makes its 500 `LogRow`s from the columns.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssi_tui.services.activity_log import LogRow

# `LogRow`'s fields by kind of column (their positions in a row)
CODED = ("kind", "pillar", "audience", "audience_source", "contact", "company", "title", "channel")
NUMBERS = ("raw", "weighted", "counted_raw", "counted_weighted")
_CODED_AT = (2, 3, 4, 5, 8, 9, 10, 11)
_NUMBERS_AT = (6, 7, 13, 14)

Positions = Callable[[list[tuple[date, str]]], list[int]]
"""Where activities (their date and id) stand in the store's (date, id) order."""
At = Callable[[int], tuple[date, str]]
"""The date and id of the activity at a position of that order."""


class LogColumns:
    """The rows of every activity, added a chunk at a time in any order (`extend`), then put
    newest first (`finish`: `order` lists the row numbers newest first, ties the larger id
    first). Valid while the store saves nothing (positions move with a save)."""

    def __init__(self, positions: Positions, at: At) -> None:
        self._positions = positions
        self._at = at
        self.positions = array("I")  # each row's place in the store's (date, id) order
        self.notes = TextColumn()
        self.codes: dict[str, array[int]] = {name: array("I") for name in CODED}
        self.numbers: dict[str, array[float]] = {name: array("d") for name in NUMBERS}
        self.values: list[Any] = [None]  # what each code stands for (0: None)
        self._code_of: dict[Any, int] = {None: 0}
        self.order = array("I")

    def __len__(self) -> int:
        return len(self.positions)

    def extend(self, rows: list[LogRow]) -> None:
        """Add rows (in any order: `finish` puts them newest first). Column by column, in
        C loops (`map`, `array.extend`): row by row took a tenth of the pass."""
        self.positions.extend(self._positions([(row[1], row[0]) for row in rows]))
        code_of, values = self._code_of, self.values
        for name, at in zip(CODED, _CODED_AT, strict=True):
            column = list(map(itemgetter(at), rows))
            for value in set(column).difference(code_of):
                code_of[value] = len(values)
                values.append(value)
            self.codes[name].extend(map(code_of.__getitem__, column))
        for name, at in zip(NUMBERS, _NUMBERS_AT, strict=True):
            self.numbers[name].extend(map(itemgetter(at), rows))
        add_note = self.notes.add
        for row in rows:
            add_note(row[12])

    def finish(self) -> None:
        """Put the rows newest first (ties: the larger id first): the reverse of the store's
        (date, id) order, read from their positions (no sort)."""
        positions = self.positions
        row_at = array("i", [-1]) * (max(positions) + 1 if positions else 0)
        for row, place in enumerate(positions):
            row_at[place] = row
        self.order = array("I", (row for row in reversed(row_at) if row >= 0))

    def row(self, index: int) -> LogRow:
        """Row `index` as a `LogRow`."""
        from ssi_tui.services.activity_log import LogRow

        values, codes, numbers = self.values, self.codes, self.numbers
        day, activity_id = self._at(self.positions[index])
        return LogRow(
            activity_id,
            day,
            values[codes["kind"][index]],
            values[codes["pillar"][index]],
            values[codes["audience"][index]],
            values[codes["audience_source"][index]],
            numbers["raw"][index],
            numbers["weighted"][index],
            values[codes["contact"][index]],
            values[codes["company"][index]],
            values[codes["title"][index]],
            values[codes["channel"][index]],
            self.notes[index],
            numbers["counted_raw"][index],
            numbers["counted_weighted"][index],
        )

    def codes_where(self, holds: Callable[[str], bool]) -> set[int]:
        """The codes of the distinct values (not None) for which `holds` is true."""
        values = self.values
        return {code for code in range(1, len(values)) if holds(values[code])}

    def code(self, value: str) -> int | None:
        """The code of a value (None: no row has it)."""
        return self._code_of.get(value)

    def sort_key(self, column: str, text_key: Callable[[Any], Any]) -> Callable[[int], Any]:
        """A row number's sort key in `column`: numbers as they are, the date by the store's
        order, a coded column by the rank of its value's `text_key` among the distinct values,
        ids and notes by their `text_key`."""
        if column == "date":
            return self.positions.__getitem__
        if column in NUMBERS:
            return self.numbers[column].__getitem__
        if column in CODED:
            keys = [text_key(value) for value in self.values]
            rank = [0] * len(keys)
            place, previous = 0, None
            for code in sorted(range(len(keys)), key=keys.__getitem__):
                if keys[code] != previous:  # (equal keys share a rank: ties keep the row order)
                    place, previous = place + 1, keys[code]
                rank[code] = place
            column_codes = self.codes[column]
            return lambda index: rank[column_codes[index]]
        if column == "id":
            at, positions = self._at, self.positions
            return lambda index: text_key(at(positions[index])[1])
        notes = self.notes
        return lambda index: text_key(notes[index])


class TextColumn:
    """Texts held in one buffer (UTF-8) with where each ends: a million notes make no million
    small strings to keep."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("Q")

    def __len__(self) -> int:
        return len(self._ends)

    def add(self, text: str) -> None:
        """Add a text at the end."""
        if text:
            self._text += text.encode("utf-8")
        self._ends.append(len(self._text))

    def __getitem__(self, index: int) -> str:
        ends = self._ends
        start = ends[index - 1] if index else 0
        return self._text[start : ends[index]].decode("utf-8")
