"""Tolerant CSV reading: header found by its columns (not a fixed skip), line numbers, bounded fields.

Always the csv module (fields hold newlines), the text decoded by `decoding` (UTF-8 with an
optional BOM, UTF-16, cp1252 bytes), `newline=''`; comma- or tab-separated, whichever splits
the header line into the file's columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import BinaryIO

from ssi_tui.importers.decoding import decode
from ssi_tui.importers.files import FileKind, squash
from ssi_tui.wording import _

# A generous fixed cap on one field (LinkedIn messages stop at 8,000 characters): an unmatched
# quote then costs at most this much of the file, never the whole of it.
FIELD_SIZE_LIMIT = 1_048_576
# The header is searched for among the first records (Connections has a preamble).
HEADER_SCAN = 50
# The start of a record in a file whose texts may run over unquoted lines: a date first.
_DATED = re.compile(r"\s*\d{4}[-/]\d{1,2}[-/]\d{1,2}")
# Old column names → today's (looked up squashed: case, spaces and punctuation ignored).
ALIASES = {"message": ("comment",), "sentat": ("datesent",)}


def header_has(names: list[str] | set[str], column: str) -> bool:
    """Whether a header's squashed names hold `column` or one of its old names."""
    return column in names or any(alias in names for alias in ALIASES.get(column, ()))


@dataclass(frozen=True, slots=True)
class RowError:
    """A row that could not be imported: its line in the file (1-based) and why."""

    line: int
    error: str


def text_stream(raw: BinaryIO) -> io.TextIOWrapper:
    """The file as text (`decoding.decode`: its BOM's encoding, else UTF-8 with cp1252 for the
    bytes that are not); never a decoding error."""
    return decode(raw).stream


def sniff_delimiter(lines: list[str], required: tuple[str, ...]) -> str:
    """Tab when a line split on tabs holds the file's header columns (the 2018 UTF-16 files,
    spreadsheet re-saves), else comma."""
    for line in lines:
        if "\t" in line:
            names = {squash(field) for field in next(csv.reader([line], delimiter="\t"), [])}
            if all(header_has(names, column) for column in required):
                return "\t"
    return ","


class CsvTable:
    """The records of one export CSV after its header line, each with the line it starts on.

    Records that cannot be read are not yielded: they are in `errors` and counted in `bad_rows`.
    """

    def __init__(self, stream: io.TextIOBase, kind: FileKind) -> None:
        csv.field_size_limit(FIELD_SIZE_LIMIT)
        options = {"escapechar": kind.escapechar} if kind.escapechar else {}
        self.kind = kind
        self.errors: list[RowError] = []
        self.columns: dict[str, int] = {}
        self.header_line = 0
        self.width = 0
        self.bad_rows = 0
        head = [line for line in (stream.readline() for _ in range(HEADER_SCAN)) if line]
        self.delimiter = sniff_delimiter(head, kind.required)
        self._reader = csv.reader(chain(head, stream), delimiter=self.delimiter, **options)  # type: ignore[arg-type]
        self._positions: dict[str, int | None] = {}
        self._many: dict[tuple[str, ...], tuple[int | None, ...]] = {}
        self._previous_line = 0

    def _records(self) -> Iterator[tuple[int, list[str]]]:
        """Every record with its first line; unreadable ones become errors."""
        reader = self._reader
        while True:
            start = self._previous_line + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self._previous_line = reader.line_num
                self.errors.append(RowError(start, f"unreadable CSV: {error}"))
                continue
            self._previous_line = reader.line_num
            yield start, fields

    def _find_header(self, records: Iterator[tuple[int, list[str]]]) -> bool:
        required = set(self.kind.required)
        for scanned, (line, fields) in enumerate(records):
            if scanned >= HEADER_SCAN:
                break
            names = [squash(field) for field in fields]
            if all(header_has(names, column) for column in required):
                self.columns = {}
                for index, name in enumerate(names):
                    self.columns.setdefault(name, index)
                self.header_line = line
                self.width = len(fields)
                return True
        wanted = ", ".join(self.kind.required)
        self.errors.append(
            RowError(
                1, _("no header line with the columns {wanted}: file skipped").format(wanted=wanted)
            )
        )
        return False

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        """Data records (blank and comma-only rows skipped), each with its first line number;
        in a file whose texts may run over unquoted lines, those lines joined to their record."""
        if not self.kind.continued:
            yield from self._data()
            return
        pending: tuple[int, list[str]] | None = None
        for line, fields in self._data(continued=True):
            if pending is not None and _continues(fields):
                pending[1][-1] += "\n" + self.delimiter.join(fields)
                continue
            if pending is not None:
                yield pending
            pending = (line, fields)
        if pending is not None:
            yield pending

    def _data(self, *, continued: bool = False) -> Iterator[tuple[int, list[str]]]:
        records = self._records()
        if not self._find_header(records):
            return
        width = self.width
        reader = self._reader
        errors = self.errors
        while True:
            start = self._previous_line + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self._previous_line = reader.line_num
                errors.append(RowError(start, f"unreadable CSV: {error}"))
                self.bad_rows += 1
                continue
            self._previous_line = reader.line_num
            if not any(fields) or (
                not fields[0].strip() and not any(field.strip() for field in fields)
            ):
                continue  # a blank line or a row of only commas
            if (
                len(fields) > width
                and any(field.strip() for field in fields[width:])
                and not (continued and _continues(fields))
            ):
                self.bad_rows += 1
                errors.append(
                    RowError(
                        start,
                        _(
                            "{count} fields where the header has {width} (a stray quote or comma?)"
                        ).format(count=len(fields), width=width),
                    )
                )
                continue
            yield start, fields

    def index(self, name: str) -> int | None:
        """The position of a column (squashed name or one of its old names), if present."""
        try:
            return self._positions[name]
        except KeyError:
            position = self._positions[name] = self._find_column(name)
            return position

    def _find_column(self, name: str) -> int | None:
        position = self.columns.get(name)
        if position is None:
            for alias in ALIASES.get(name, ()):
                position = self.columns.get(alias)
                if position is not None:
                    break
        return position

    def positions(self, names: tuple[str, ...]) -> tuple[int | None, ...]:
        """The positions of several columns at once (cached: for the hot loops)."""
        found = self._many.get(names)
        if found is None:
            found = self._many[names] = tuple(self.index(name) for name in names)
        return found

    def picker(self, names: tuple[str, ...]) -> Callable[[list[str]], list[str]]:
        """What gives a record's stripped fields at the named columns in one call, blank where
        a column is absent or the record short (as `Row.values`): for the hot loops, once the
        header is read."""
        positions = self.positions(names)
        # An absent column reads the blank put past the header's width; a short row is padded.
        width = max(self.width, *(position + 1 for position in positions if position is not None))
        get = itemgetter(*(width if position is None else position for position in positions))
        blank = [""] * (width + 1)

        def pick(fields: list[str]) -> list[str]:
            if len(fields) <= width:
                fields = fields + blank[len(fields) :]
            return [value.strip() for value in get(fields)]

        return pick

    def has(self, name: str) -> bool:
        """Whether the file has this column."""
        return self.index(name) is not None


def _continues(fields: list[str]) -> bool:
    """Whether a record is really the unquoted continuation of the text before it: no date
    first and no link second (a row with its date missing still has its link)."""
    first = fields[0]
    if not first.strip() or _DATED.match(first):
        return False
    return len(fields) < 2 or "linkedin.com" not in fields[1]


class Row:
    """One record, read by column name: `row["connectedon"]` (blank when absent)."""

    __slots__ = ("fields", "line", "table")

    def __init__(self, table: CsvTable, line: int, fields: list[str]) -> None:
        self.table = table
        self.line = line
        self.fields = fields

    def __getitem__(self, name: str) -> str:
        position = self.table.index(name)
        if position is None or position >= len(self.fields):
            return ""
        return self.fields[position].strip()

    def values(self, *names: str) -> list[str]:
        """Several stripped fields at once, blank when absent."""
        fields = self.fields
        size = len(fields)
        return [
            fields[position].strip() if position is not None and position < size else ""
            for position in self.table.positions(names)
        ]

    def raw(self, name: str) -> str:
        """The field as written (not stripped)."""
        position = self.table.index(name)
        if position is None or position >= len(self.fields):
            return ""
        return self.fields[position]
