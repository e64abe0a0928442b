"""A TinyDB storage that keeps the data in memory and saves every write atomically and durably."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from ssi_tui.store.errors import ReadOnlyStoreError
from ssi_tui.store.files import atomic_write
from ssi_tui.store.integrity import sealed_parts
from ssi_tui.wording import _


def dumps(data: Any) -> bytes:
    """Serialise store data (orjson: fast, UTF-8, no NaN)."""
    return orjson.dumps(data)


class DurableStorage(Storage):
    """Write-through storage: `write` returns only once the data is fsynced on disk, sealed
    with its checksum (store/integrity.py).

    Reads come from memory (the store validated the file before handing it over). Inside
    `batch()` several table updates become one atomic file write.
    """

    def __init__(self, path: Path, data: dict[str, Any], read_only: bool = False) -> None:
        self.path = path
        self._data = data
        self._read_only = read_only
        self._batch_depth = 0
        self._dirty = False
        self._discarded = False  # writes dropped by a failed batch, still in memory
        self.saves = 0  # moves on with every save and reload: the data is the same while it stays

    def read(self) -> dict[str, Any]:
        """The current data (the same dict TinyDB updates)."""
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Save everything, atomically, unless inside a batch."""
        if self._read_only:
            raise ReadOnlyStoreError(_("the store is open read-only; nothing was saved"))
        self._data = data
        if self._batch_depth:
            self._dirty = True
        else:
            self.flush()

    def flush(self) -> None:
        """Write the in-memory data to disk now."""
        self.saves += 1
        atomic_write(self.path, sealed_parts(dumps(self._data))[0])
        self._dirty = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: one atomic save at the end (none if the block raises)."""
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            self._discarded = self._discarded or self._dirty
            self._dirty = False
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._dirty:
            self.flush()

    def take_discarded(self) -> bool:
        """Whether a failed batch dropped writes since the last call (memory is then ahead of
        the file: the store reloads it)."""
        discarded, self._discarded = self._discarded, False
        return discarded

    def replace_data(self, data: dict[str, Any]) -> None:
        """Swap in data re-read from disk (after a failed save)."""
        self._data = data
        self._dirty = False
        self.saves += 1
