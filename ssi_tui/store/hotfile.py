"""store.json in memory: raw table access and the one way to write it.

Every write goes through `HotFile._writing()`: read-only check, the daily backup, one atomic
durable save of the whole file, and on a failed save a reload of what is on disk. `Store`
(store/repository.py) builds on this with the repositories, the indexes and the segments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from ssi_tui.store import schema
from ssi_tui.store.backups import Backup, list_backups, take_backup
from ssi_tui.store.datadir import (
    BACKUP_DIR,
    HISTORY_DIR,
    LOCK_FILE,
    STORE_FILE,
    read_store_file,
    segments_on_disk,
)
from ssi_tui.store.errors import ReadOnlyStoreError, StoreWriteError
from ssi_tui.store.journal import SINGLETONS, Recorder
from ssi_tui.store.lock import WriterLock
from ssi_tui.store.storage import DurableStorage
from ssi_tui.wording import _

Clock = Callable[[], datetime]


class HotFile:
    """The data dir's store.json, held in memory behind TinyDB and saved on every write."""

    _storage: DurableStorage
    _db: TinyDB

    def __init__(self, data_dir: Path, *, read_only: bool, clock: Clock | None = None) -> None:
        self.data_dir = data_dir
        self.read_only = read_only
        self.clock: Clock = clock or datetime.now
        self.path = data_dir / STORE_FILE
        self.history_dir = data_dir / HISTORY_DIR
        self.backup_dir = data_dir / BACKUP_DIR
        self.lock = WriterLock(data_dir / LOCK_FILE)
        self.migrated_from: int | None = None
        self._backup_day: str | None = None
        self.recorder: Recorder | None = None  # while an undoable change runs (`recording`)

    def _attach(self, data: dict[str, Any]) -> None:
        """Hold `data` (checked, at the current schema) as the in-memory store.json."""
        self._storage = DurableStorage(self.path, data, read_only=self.read_only)
        self._db = TinyDB(storage=lambda: self._storage)  # type: ignore[arg-type]

    def _rebuild(self, segment_docs: Any = None, lazy: Any = None) -> None:
        """Rebuild what is derived from the data after it was reloaded or a large write (see
        `Store`: the segments already read, or a history opened lazily)."""

    def _read_store_file(self) -> dict[str, Any] | None:
        found = read_store_file(self.path)
        if found is None:
            return None
        if found.migrated_from is not None:
            self.migrated_from = found.migrated_from
        return found.data

    @property
    def saves(self) -> int:
        """A count that moves on with every save (and reload) of store.json: while it stays the
        same, so does everything the store holds."""
        return self._storage.saves

    # -- low-level table access (used by the repositories) -------------------------------
    def table_data(self, table: str) -> dict[str, dict[str, Any]]:
        """The raw documents of a hot table (do not mutate)."""
        return self._storage.read().get(table, {})

    def next_doc_id(self, table: str) -> int:
        """A free TinyDB document id in a hot table."""
        data = self.table_data(table)
        return max((int(doc_id) for doc_id in data), default=0) + 1

    def _segments(self) -> list[str]:
        return list(self.table_data("meta")["1"].get("segments", []))

    def _checksums(self) -> dict[str, str]:
        return dict(self.table_data("meta")["1"].get("checksums", {}))

    def _tombstones(self) -> dict[str, list[str]]:
        document = self.table_data("tombstones").get("1")
        value = document["value"] if document else {}
        return {
            "activities": list(value.get("activities", [])),
            "contacts": list(value.get("contacts", [])),
            # Stable import keys of imported activities deleted by hand: a re-import skips them.
            "imports": list(value.get("imports", [])),
        }

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes to several tables into one atomic save of the store file (all or
        nothing); writes inside may nest."""
        with self._writing():
            yield

    @contextmanager
    def recording(self) -> Iterator[Recorder]:
        """Note every record written inside, as it was before (the undo journal's images;
        store/journal.py). Nested, the outer recording goes on."""
        if self.recorder is not None:
            yield self.recorder
            return
        self.recorder = Recorder()
        try:
            yield self.recorder
        finally:
            self.recorder = None

    def _note(self, table: str, doc_id: int, doc: dict[str, Any] | None = None) -> None:
        """Before a write of document `doc_id` of a store.json table: note it (recording)."""
        if self.recorder is None:
            return
        before = self.table_data(table).get(str(doc_id))
        key = "1" if table in SINGLETONS else (before or doc or {}).get("id")
        if isinstance(key, str):
            self.recorder.note(table, key, doc_id, before)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Every write goes through here: read-only check, daily backup, one atomic save, rollback.

        A block that fails after writing (a refused check halfway through a transaction)
        leaves nothing in memory either: what is on disk is reloaded."""
        if self.read_only:
            raise ReadOnlyStoreError(
                _("the store is open read-only (another ssi-tui holds it); nothing was saved")
            )
        self._daily_backup()
        try:
            with self._storage.batch():
                yield
        except BaseException as error:
            if isinstance(error, StoreWriteError) or self._storage.take_discarded():
                self._reload_hot()
            raise
        finally:
            self._db.clear_cache()

    def _reload_hot(self) -> None:
        """After a failed save, go back to what is on disk."""
        data = self._read_store_file() or schema.empty_store(
            self.clock().isoformat(timespec="seconds")
        )
        for name in schema.TABLES:
            data.setdefault(name, {})
        self._storage.replace_data(data)
        self._db.clear_cache()
        self._rebuild()

    def _put_many(self, table: str, docs: list[dict[str, Any]], hot_ids: dict[str, int]) -> None:
        """Replace the documents already hot one by one; insert the new ones in one TinyDB call."""
        new: list[Document] = []
        next_id = self.next_doc_id(table)
        for doc in docs:
            doc_id = hot_ids.get(doc["id"])
            if doc_id is None:
                new.append(Document(dict(doc), doc_id=next_id))
                next_id += 1
            else:
                self._put(table, doc_id, dict(doc))
        if new:
            self._db.table(table).insert_multiple(new)

    def _put(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        tinydb_table = self._db.table(table)
        if str(doc_id) in self.table_data(table):

            def replace(document: dict[str, Any]) -> None:
                document.clear()
                document.update(doc)

            tinydb_table.update(replace, doc_ids=[doc_id])
        else:
            tinydb_table.insert(Document(doc, doc_id=doc_id))

    def put_document(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Insert or replace one document of a hot table, durably."""
        self._note(table, doc_id, doc)
        with self._writing():
            self._put(table, doc_id, doc)

    def remove_document(self, table: str, doc_id: int) -> None:
        """Remove one document of a hot table, durably."""
        self._note(table, doc_id)
        with self._writing():
            self._db.table(table).remove(doc_ids=[doc_id])

    def _set_tombstones(self, tombstones: dict[str, list[str]]) -> None:
        self._put("tombstones", 1, {"value": tombstones})

    def _set_hot(self) -> None:
        self.indexes.set_hot(self.table_data("activities"), self.table_data("contacts"))

    # -- backups --------------------------------------------------------------------------
    def backups(self) -> list[Backup]:
        """Backups of this store, newest first."""
        return list_backups(self.backup_dir)

    def backup(self, reason: str = "manual") -> Backup | None:
        """Back up the store as it is on disk now."""
        backup = take_backup(
            self.path,
            self.history_dir,
            segments_on_disk(self.path),
            self.backup_dir,
            self.clock(),
            reason,
        )
        if backup is not None:
            self._backup_day = self.clock().strftime("%Y%m%d")
        return backup

    def _daily_backup(self) -> None:
        today = self.clock().strftime("%Y%m%d")
        if self._backup_day == today:
            return
        if not any(backup.name.startswith(today) for backup in self.backups()):
            self.backup("daily")
        self._backup_day = today
