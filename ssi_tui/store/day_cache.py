"""Cache files beside the store (`cache/`), and the day-rows one: each day's points row as
last computed.

`cache/day-rows.json` holds the rows a history reads (`domain/day_rows.py`), sealed with its
checksum like every file of the store, and stamped with what they were computed from: the
`stamp` of the activities and contacts (store.json's segment list, hot tables and tombstones)
and a `key` for everything else (goals, rules, catalog, the code; given by the services). It is
a cache, never trusted over the log: a file that is missing, damaged, of another format
version, or whose stamp or key differs from the store's now is ignored (and replaced at the
next save); nothing else ever reads it. Only the writer (the holder of the lock) writes it,
atomically; a crash at any point leaves the old file, a new one, or none.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from ssi_tui.store.errors import StoreWriteError
from ssi_tui.store.files import atomic_write, ensure_private_dir
from ssi_tui.store.integrity import ChecksumError, digest, sealed_parts, verify
from ssi_tui.store.layout import CACHE_DIR, STORE_FILE

if TYPE_CHECKING:
    from ssi_tui.store.hotfile import HotFile

DAY_ROWS_FILE = "day-rows.json"
FORMAT = "ssi-tui-day-rows"
VERSION = 1
MAX_DAYS = 200_000  # ~550 years of days: anything beyond is not a file this code wrote


@dataclass(frozen=True, slots=True)
class CachedRows:
    """Rows read back from a cache file that matches the store and the key."""

    audiences: tuple[str, ...]
    rows: dict[int, list[float]]
    known: set[int]


def stamp(store: HotFile) -> str:
    """A digest of everything activities and contacts are read from: the listed segments
    (their checksums stand for their content), the tombstones and the hot tables."""
    meta = store.table_data("meta").get("1", {})
    parts = [
        meta.get("segments", []),
        meta.get("checksums", {}),
        store.table_data("tombstones"),
        store.table_data("activities"),
        store.table_data("contacts"),
    ]
    return digest(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS))


def read_cached(data_dir: Path, name: str, file_format: str, version: int) -> dict[str, Any] | None:
    """A cache file's document if it is sound, sealed and of this format and version; None
    otherwise (missing, damaged, another version: the caller computes what it holds)."""
    try:
        raw = (data_dir / CACHE_DIR / name).read_bytes()
        if verify(raw) is None:
            return None
        document = orjson.loads(raw)
    except (OSError, ChecksumError, orjson.JSONDecodeError):
        return None
    if not isinstance(document, dict) or document.get("format") != file_format:
        return None
    if document.get("version") != version:
        return None
    return document


def write_cached(store: HotFile, name: str, document: dict[str, Any]) -> bool:
    """Save a cache file, sealed and atomically (the writer only); False when it could not be
    written (a cache is only an optimisation: nothing is lost)."""
    if store.read_only:
        return False
    directory = store.data_dir / CACHE_DIR
    with suppress(OSError, StoreWriteError):
        ensure_private_dir(directory)
        atomic_write(directory / name, sealed_parts(orjson.dumps(document))[0])
        return True
    return False


def store_checksum(data_dir: Path) -> str | None:
    """The checksum store.json is sealed with, checked against its bytes (None: no store, an
    unsealed or damaged one): it names everything the store holds."""
    try:
        return verify((data_dir / STORE_FILE).read_bytes())
    except (OSError, ChecksumError):
        return None


def read_rows(store: HotFile, key: str) -> CachedRows | None:
    """The cached rows, if the file is sound and was computed from the store as it is now and
    under `key`; None otherwise (the caller computes the rows)."""
    document = read_cached(store.data_dir, DAY_ROWS_FILE, FORMAT, VERSION)
    if document is None or document.get("key") != key:
        return None
    if document.get("stamp") != stamp(store):
        return None
    return _parse(document)


def _parse(document: dict[str, Any]) -> CachedRows | None:
    """The rows of a cache document, checked for shape (None: not what this code writes)."""
    audiences, spans, entries = (
        document.get("audiences"),
        document.get("known"),
        document.get("rows"),
    )
    if not isinstance(audiences, list) or not all(isinstance(name, str) for name in audiences):
        return None
    if not isinstance(spans, list) or not isinstance(entries, list):
        return None
    known: set[int] = set()
    for span in spans:
        if not (isinstance(span, list) and len(span) == 2 and all(_is_int(x) for x in span)):
            return None
        first, last = span
        if first < 1 or last < first or len(known) + last - first >= MAX_DAYS:
            return None
        known.update(range(first, last + 1))
    size = 24 + 8 * len(audiences)  # `points.row_size`
    rows: dict[int, list[float]] = {}
    for entry in entries:
        if not (isinstance(entry, list) and len(entry) == 2 and _is_int(entry[0])):
            return None
        ordinal, row = entry
        if ordinal not in known or not isinstance(row, list) or len(row) != size:
            return None
        if not all(isinstance(value, float) for value in row):
            return None
        rows[ordinal] = row
    return CachedRows(tuple(audiences), rows, known)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def write_rows(
    store: HotFile,
    key: str,
    audiences: tuple[str, ...],
    rows: dict[int, list[float]],
    known: set[int],
) -> bool:
    """Save the rows for the store as it is now (the writer only); False when the file could
    not be written (the cache is only an optimisation: nothing is lost)."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "stamp": stamp(store),
        "key": key,
        "audiences": list(audiences),
        "known": _spans(known),
        "rows": [[ordinal, rows[ordinal]] for ordinal in sorted(rows)],
    }
    return write_cached(store, DAY_ROWS_FILE, document)


def _spans(days: set[int]) -> list[list[int]]:
    """Days as runs of consecutive ordinals, `[first, last]` each."""
    spans: list[list[int]] = []
    for ordinal in sorted(days):
        if spans and spans[-1][1] == ordinal - 1:
            spans[-1][1] = ordinal
        else:
            spans.append([ordinal, ordinal])
    return spans
