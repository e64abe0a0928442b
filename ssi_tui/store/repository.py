"""The store: one data dir, one writer, atomic saves, history segments, backups and migrations.

Layout of a data dir:
  store.json         the hot TinyDB file: small tables and recent activities/contacts (the commit point)
  history/seg-*.json immutable segments of bulk history (imports, compacted activity), listed in
                     store.json's meta table; a segment not listed there is an unfinished write
  backups/<name>/    rotating backups (store.json copy + hard links to its segments)
  store.lock         the single-writer lock, holding the writer's PID
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from ssi_tui.domain.models import (
    Activity,
    Contact,
    Goals,
    ProfileChecklist,
    ProfileHistory,
    SSIReading,
)
from ssi_tui.store import schema
from ssi_tui.store.backups import (
    Backup,
    clean_partial_backups,
    list_backups,
    set_aside,
    stage_segments,
    take_backup,
)
from ssi_tui.store.errors import (
    ReadOnlyStoreError,
    StoreCorruptError,
    StoreVersionError,
    StoreWriteError,
)
from ssi_tui.store.files import (
    atomic_write,
    ensure_private_dir,
    make_private,
    remove_leftover_temps,
)
from ssi_tui.store.lock import DEFAULT_TIMEOUT, WriterLock
from ssi_tui.store.storage import DurableStorage, dumps
from ssi_tui.store.tables import (
    Activities,
    Checklist,
    Contacts,
    Readings,
    Records,
    Settings,
    Singleton,
)

STORE_FILE = "store.json"
HISTORY_DIR = "history"
BACKUP_DIR = "backups"
LOCK_FILE = "store.lock"
HOT_LIMIT = 2000  # hot activities + contacts before they move to a history segment
BULK_THRESHOLD = 500  # a batch this large goes straight to a segment
SEGMENT_FORMAT = "ssi-tui-segment"

Clock = Callable[[], datetime]


def restore_hint() -> str:
    """The commands that get a user out of a corrupt store."""
    return "see backups with `ssi-tui restore --list`, then `ssi-tui restore NAME` (or `ssi-tui restore --fresh`)"


class Store:
    """The user's data, behind repositories: `store.activities.add(...)`, `store.goals.get()`…

    Open with `Store.open(data_dir)`; a writer holds the lock until `close()`.
    """

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
        self.activities = Activities(self)
        self.contacts = Contacts(self)
        self.readings = Readings(self, "readings", SSIReading)
        self.goals: Singleton[Goals] = Singleton(self, "goals", Goals)
        self.checklist = Checklist(self)
        self.settings = Settings(self)
        self._extra_tables: dict[str, Records[Any]] = {}

    # -- opening and closing -------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        read_only: bool = False,
        lock_timeout: float = DEFAULT_TIMEOUT,
        clock: Clock | None = None,
    ) -> Store:
        """Open the store in `data_dir` (created if needed); a writer takes the lock first."""
        store = cls(Path(data_dir), read_only=read_only, clock=clock)
        if read_only:
            store._load()
            return store
        ensure_private_dir(store.data_dir)
        store.lock.acquire(lock_timeout)
        try:
            store._prepare_dir()
            store._load()
        except BaseException:
            store.lock.release()
            raise
        return store

    def close(self) -> None:
        """Release the writer lock (every write is already on disk)."""
        self.lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare_dir(self) -> None:
        remove_leftover_temps(self.data_dir)
        remove_leftover_temps(self.history_dir)
        clean_partial_backups(self.backup_dir)
        for name in (STORE_FILE, LOCK_FILE):
            make_private(self.data_dir / name)

    def _read_store_file(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreCorruptError(
                f"cannot read {self.path}: {error.strerror}", str(self.path)
            ) from None
        try:
            data = orjson.loads(raw)
            version = schema.detect_version(data)
        except (orjson.JSONDecodeError, schema.StructureError) as error:
            reason = (
                "it is not valid JSON (truncated?)"
                if isinstance(error, orjson.JSONDecodeError)
                else str(error)
            )
            raise StoreCorruptError(
                f"the store {self.path} is unreadable: {reason}. It has not been changed; {restore_hint()}",
                str(self.path),
            ) from None
        if version > schema.SCHEMA_VERSION:
            raise StoreVersionError(
                f"the store {self.path} was written by a newer ssi-tui (schema {version}; this version "
                f"knows up to {schema.SCHEMA_VERSION}). It has not been changed: upgrade ssi-tui to open it."
            )
        if version < schema.SCHEMA_VERSION:
            self.migrated_from = version
            data = schema.migrate(data, version)
        try:
            schema.check_documents(data)
            self._check_models(data)
        except schema.StructureError as error:
            raise StoreCorruptError(
                f"the store {self.path} is damaged: {error}. It has not been changed; {restore_hint()}",
                str(self.path),
            ) from None
        return data

    @staticmethod
    def _check_models(data: dict[str, Any]) -> None:
        """The goals and the checklist must be valid models (a hand edit could break them; no
        default could stand in for them). A broken reading or plan is only left out, with a
        warning naming it (see `problems`)."""
        from pydantic import ValidationError

        from ssi_tui.domain.catalog import describe_validation_error

        documents: list[tuple[str, type[Any], Any]] = [
            (table, model, data[table]["1"]["value"])
            for table, model in (("goals", Goals), ("checklist", ProfileChecklist))
            if "1" in data.get(table, {})
        ]
        history = data.get("checklist", {}).get("1", {}).get("history")
        if history is not None:
            documents.append(("checklist history", ProfileHistory, {"entries": history}))
        for table, model, value in documents:
            try:
                model.model_validate(value)
            except ValidationError as error:
                raise schema.StructureError(
                    f"invalid {table}: {describe_validation_error(error)}"
                ) from None

    def _load(self) -> None:
        data = self._read_store_file()
        fresh = data is None
        if data is None:
            data = schema.empty_store(self.clock().isoformat(timespec="seconds"))
        for name in schema.TABLES:
            data.setdefault(name, {})
        segment_docs = self._read_segments(data["meta"]["1"].get("segments", []))
        self._storage = DurableStorage(self.path, data, read_only=self.read_only)
        self._db = TinyDB(storage=lambda: self._storage)  # type: ignore[arg-type]
        if not self.read_only:
            if self.migrated_from is not None:
                self.backup(f"pre-migration-v{self.migrated_from}")
                self._flush()
            elif fresh:
                self._flush()
                self._backup_day = self.clock().strftime("%Y%m%d")  # nothing worth backing up yet
            self._set_orphan_segments_aside()
        self._rebuild(segment_docs)
        # The loaded documents live as long as the store: move them out of the collector's way,
        # or every full collection rescans 100,000+ objects (30-40 ms pauses in the middle of a
        # score). Reference counting still frees them.
        gc.freeze()

    def _flush(self) -> None:
        self._storage.flush()

    def _read_segments(self, names: list[str]) -> list[tuple[str, dict[str, Any]]]:
        segments = []
        for name in names:
            path = self.history_dir / name
            try:
                segment = orjson.loads(path.read_bytes())
                if not isinstance(segment, dict) or segment.get("format") != SEGMENT_FORMAT:
                    raise ValueError("not a history segment")
                for key in ("activities", "contacts"):
                    if not isinstance(segment.get(key), list) or not all(
                        isinstance(doc, dict) for doc in segment[key]
                    ):
                        raise ValueError(f"{key} is not a list of documents")
                schema.check_activities(enumerate(segment["activities"]))
                schema.check_contacts(enumerate(segment["contacts"]))
            except (OSError, ValueError, schema.StructureError) as error:
                raise StoreCorruptError(
                    f"history segment {path} is missing or unreadable ({error}). Nothing has been "
                    f"changed; {restore_hint()}",
                    str(path),
                ) from None
            segments.append((name, segment))
        return segments

    def _set_orphan_segments_aside(self) -> None:
        """Segments store.json does not list (a crash mid-import, or a store set aside) move to
        history/orphans/: out of the way, never deleted."""
        if not self.history_dir.is_dir():
            return
        listed = set(self._segments())
        orphans = [path for path in self.history_dir.glob("seg-*.json") if path.name not in listed]
        if orphans:
            ensure_private_dir(self.history_dir / "orphans")
            for path in orphans:
                with suppress(OSError):
                    os.replace(path, self.history_dir / "orphans" / path.name)

    def _rebuild(self, segment_docs: list[tuple[str, dict[str, Any]]] | None = None) -> None:
        if segment_docs is None:
            segment_docs = self._read_segments(self._segments())
        tombstones = self._tombstones()
        activities: dict[str, dict[str, Any]] = {}
        contacts: dict[str, dict[str, Any]] = {}
        self._segment_activity_ids: set[str] = set()
        self._segment_contact_ids: set[str] = set()
        for _, segment in segment_docs:
            for doc in segment["activities"]:
                activities[doc["id"]] = doc
            for doc in segment["contacts"]:
                contacts[doc["id"]] = doc
        self._segment_activity_ids.update(activities)
        self._segment_contact_ids.update(contacts)
        for activity_id in tombstones["activities"]:
            activities.pop(activity_id, None)
        for contact_id in tombstones["contacts"]:
            contacts.pop(contact_id, None)
        self._hot_activity_ids: dict[str, int] = {}
        for doc_id, doc in self.table_data("activities").items():
            activities[doc["id"]] = dict(doc)  # the index never shares a dict with TinyDB
            self._hot_activity_ids[doc["id"]] = int(doc_id)
        self._hot_contact_ids: dict[str, int] = {}
        for doc_id, doc in self.table_data("contacts").items():
            contacts[doc["id"]] = dict(doc)
            self._hot_contact_ids[doc["id"]] = int(doc_id)
        self.activities.rebuild(activities, dismissed=set(tombstones["imports"]))
        self.contacts.rebuild(contacts)

    # -- low-level table access (used by the repositories) -------------------------------
    def table_data(self, table: str) -> dict[str, dict[str, Any]]:
        """The raw documents of a hot table (do not mutate)."""
        return self._storage.read().get(table, {})

    def next_doc_id(self, table: str) -> int:
        """A free TinyDB document id in a hot table."""
        data = self.table_data(table)
        return max((int(doc_id) for doc_id in data), default=0) + 1

    def records(
        self, table: str, model: type[Any], order: str = "date", **options: str
    ) -> Records[Any]:
        """A repository of small records in a hot table (plans, plan events…)."""
        if table not in self._extra_tables:
            self._extra_tables[table] = Records(self, table, model, order, **options)
        return self._extra_tables[table]

    def problems(self) -> list[str]:
        """Stored records left out because they no longer validate (readings and the record
        tables used so far), one line each."""
        tables = [self.readings, *self._extra_tables.values()]
        return [line for table in tables for line in table.problems()]

    def _segments(self) -> list[str]:
        return list(self.table_data("meta")["1"].get("segments", []))

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
    def _writing(self) -> Iterator[None]:
        """Every write goes through here: read-only check, daily backup, one atomic save, rollback."""
        if self.read_only:
            raise ReadOnlyStoreError(
                "the store is open read-only (another ssi-tui holds it); nothing was saved"
            )
        self._daily_backup()
        try:
            with self._storage.batch():
                yield
        except StoreWriteError:
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
        with self._writing():
            self._put(table, doc_id, doc)

    def remove_document(self, table: str, doc_id: int) -> None:
        """Remove one document of a hot table, durably."""
        with self._writing():
            self._db.table(table).remove(doc_ids=[doc_id])

    def _set_tombstones(self, tombstones: dict[str, list[str]]) -> None:
        self._put("tombstones", 1, {"value": tombstones})

    def save_activity_docs(self, docs: list[dict[str, Any]]) -> None:
        """Save activities to the hot table (one atomic write), then index them."""
        self.save_bulk(docs, [], force_hot=True)

    def save_bulk(
        self,
        activity_docs: list[dict[str, Any]],
        contact_docs: list[dict[str, Any]],
        *,
        force_hot: bool = False,
    ) -> None:
        """Save activities and contacts in one commit: small batches hot, large ones as a segment."""
        if not force_hot and len(activity_docs) + len(contact_docs) >= BULK_THRESHOLD:
            self._save_segment(activity_docs, contact_docs)
        else:
            with self._writing():
                self._clear_tombstones(activity_docs, contact_docs)
                self._put_many("activities", activity_docs, self._hot_activity_ids)
                self._put_many("contacts", contact_docs, self._hot_contact_ids)
            self._rebuild_hot_ids()
        for doc in activity_docs:
            self.activities._index(dict(doc))
        for doc in contact_docs:
            self.contacts._index(dict(doc))
        if len(self._hot_activity_ids) + len(self._hot_contact_ids) > HOT_LIMIT:
            # An optimisation only: the save above is already durable, so a failure here
            # (disk full…) must not be reported as a failed save. It is retried next time.
            with suppress(StoreWriteError):
                self.compact()

    def _clear_tombstones(
        self, activity_docs: list[dict[str, Any]], contact_docs: list[dict[str, Any]]
    ) -> None:
        tombstones = self._tombstones()
        if not any(tombstones.values()):
            return
        revived_activities = {doc["id"] for doc in activity_docs}
        revived_contacts = {doc["id"] for doc in contact_docs}
        revived_imports = {doc.get("external_id") for doc in activity_docs}
        updated = {
            "activities": [i for i in tombstones["activities"] if i not in revived_activities],
            "contacts": [i for i in tombstones["contacts"] if i not in revived_contacts],
            "imports": [key for key in tombstones["imports"] if key not in revived_imports],
        }
        if updated != tombstones:
            self._set_tombstones(updated)

    def _rebuild_hot_ids(self) -> None:
        self._hot_activity_ids = {
            doc["id"]: int(i) for i, doc in self.table_data("activities").items()
        }
        self._hot_contact_ids = {
            doc["id"]: int(i) for i, doc in self.table_data("contacts").items()
        }

    def _write_segment_file(
        self, activity_docs: list[dict[str, Any]], contact_docs: list[dict[str, Any]]
    ) -> str:
        if self.read_only:
            raise ReadOnlyStoreError("the store is open read-only; nothing was saved")
        ensure_private_dir(self.history_dir)
        name = f"seg-{self.clock().strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}.json"
        payload = {
            "format": SEGMENT_FORMAT,
            "schema_version": schema.SCHEMA_VERSION,
            "activities": activity_docs,
            "contacts": contact_docs,
        }
        atomic_write(self.history_dir / name, dumps(payload))
        return name

    def save_import(
        self,
        activities: Iterable[Activity],
        contacts: Iterable[Contact],
        checklist: ProfileChecklist | None = None,
        checklist_on: date | None = None,
    ) -> None:
        """Save an import as one transaction: one history segment and one commit of store.json
        (with the profile checklist, if given, in force from `checklist_on`). A crash at any
        point leaves the store as before.

        `activities` may be a generator: each model is dumped as it comes (a large import need
        not hold every model at once)."""
        activity_docs = [activity.model_dump(mode="json") for activity in activities]
        contact_docs = [contact.model_dump(mode="json") for contact in contacts]
        extra: Callable[[], None] | None = None
        if checklist is not None:
            value = self.checklist.document(checklist, checklist_on)

            def extra() -> None:
                self._put("checklist", 1, value)

        if not activity_docs and not contact_docs:
            if extra is not None:
                with self._writing():
                    extra()
            return
        self._save_segment(activity_docs, contact_docs, extra)
        # The documents were made above and nothing else holds them: index them without a copy
        # (a copy doubled the memory of a 130,000-row import).
        for doc in activity_docs:
            self.activities._index(doc)
        for doc in contact_docs:
            self.contacts._index(doc)

    def _save_segment(
        self,
        activity_docs: list[dict[str, Any]],
        contact_docs: list[dict[str, Any]],
        extra: Callable[[], None] | None = None,
    ) -> None:
        name = self._write_segment_file(activity_docs, contact_docs)
        try:
            with self._writing():
                self._clear_tombstones(activity_docs, contact_docs)
                self._register_segment(name)
                if extra is not None:
                    extra()
        except StoreWriteError:
            with suppress(OSError):
                (self.history_dir / name).unlink()
            raise
        self._segment_activity_ids.update(doc["id"] for doc in activity_docs)
        self._segment_contact_ids.update(doc["id"] for doc in contact_docs)

    def _register_segment(self, name: str) -> None:
        meta = dict(self.table_data("meta")["1"])
        meta["segments"] = [*meta.get("segments", []), name]
        self._put("meta", 1, meta)

    def compact(self) -> None:
        """Move the hot activities and contacts into a new history segment (one commit)."""
        hot_activities = list(self.table_data("activities").values())
        hot_contacts = list(self.table_data("contacts").values())
        if not hot_activities and not hot_contacts:
            return
        name = self._write_segment_file(hot_activities, hot_contacts)
        try:
            with self._writing():
                self._register_segment(name)
                self._db.table("activities").truncate()
                self._db.table("contacts").truncate()
        except StoreWriteError:
            with suppress(OSError):
                (self.history_dir / name).unlink()
            raise
        self._segment_activity_ids.update(doc["id"] for doc in hot_activities)
        self._segment_contact_ids.update(doc["id"] for doc in hot_contacts)
        self._rebuild_hot_ids()

    def delete_activity(self, activity_id: str) -> None:
        """Delete an activity wherever it lives (a tombstone hides one kept in a segment); an
        imported one's import key is remembered, so importing the same export again skips it."""
        doc = self.activities._docs.get(activity_id)
        import_key = doc.get("external_id") if doc is not None else None
        with self._writing():
            doc_id = self._hot_activity_ids.get(activity_id)
            if doc_id is not None:
                self._db.table("activities").remove(doc_ids=[doc_id])
            in_segment = activity_id in self._segment_activity_ids
            if in_segment or import_key:
                tombstones = self._tombstones()
                if in_segment:
                    tombstones["activities"].append(activity_id)
                if import_key and import_key not in tombstones["imports"]:
                    tombstones["imports"].append(import_key)
                self._set_tombstones(tombstones)
        self._rebuild_hot_ids()
        if doc is not None:
            self.activities._unindex(doc)
            if import_key:
                self.activities._dismissed.add(import_key)

    def delete_contact(self, contact_id: str) -> None:
        """Delete a contact wherever it lives."""
        with self._writing():
            doc_id = self._hot_contact_ids.get(contact_id)
            if doc_id is not None:
                self._db.table("contacts").remove(doc_ids=[doc_id])
            if contact_id in self._segment_contact_ids:
                tombstones = self._tombstones()
                tombstones["contacts"].append(contact_id)
                self._set_tombstones(tombstones)
        self._rebuild_hot_ids()
        doc = self.contacts._docs.get(contact_id)
        if doc is not None:
            self.contacts._unindex(doc)

    # -- backups --------------------------------------------------------------------------
    def backups(self) -> list[Backup]:
        """Backups of this store, newest first."""
        return list_backups(self.backup_dir)

    def backup(self, reason: str = "manual") -> Backup | None:
        """Back up the store as it is on disk now."""
        backup = take_backup(
            self.path,
            self.history_dir,
            self._segments_on_disk(),
            self.backup_dir,
            self.clock(),
            reason,
        )
        if backup is not None:
            self._backup_day = self.clock().strftime("%Y%m%d")
        return backup

    def _segments_on_disk(self) -> list[str]:
        try:
            data = orjson.loads(self.path.read_bytes())
            return list(data["meta"]["1"].get("segments", []))
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError):
            return []

    def _daily_backup(self) -> None:
        today = self.clock().strftime("%Y%m%d")
        if self._backup_day == today:
            return
        if not any(backup.name.startswith(today) for backup in self.backups()):
            self.backup("daily")
        self._backup_day = today


def restore_backup(
    data_dir: Path,
    name: str | None,
    *,
    clock: Clock | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> tuple[Backup | None, Path | None]:
    """Replace the store with a backup (or, with `name=None`, with an empty store).

    The current store is backed up first; if it is unreadable it is set aside as
    `store.json.corrupt-<timestamp>` instead. Returns the backup restored and the path of a
    store set aside, if any.
    """
    clock = clock or datetime.now
    data_dir = Path(data_dir)
    backups = list_backups(data_dir / BACKUP_DIR)
    chosen: Backup | None = None
    if name is not None:
        matches = [backup for backup in backups if backup.name == name]
        if not matches:
            from ssi_tui.store.errors import NotFoundError

            known = ", ".join(backup.name for backup in backups) or "none"
            raise NotFoundError(f"no backup named {name!r}; backups: {known}")
        chosen = matches[0]
    ensure_private_dir(data_dir)
    lock = WriterLock(data_dir / LOCK_FILE)
    lock.acquire(lock_timeout)
    try:
        store_file = data_dir / STORE_FILE
        set_aside_path: Path | None = None
        restored_bytes = (chosen.path / "store.json").read_bytes() if chosen is not None else None
        if store_file.exists():
            probe = Store(data_dir, read_only=True, clock=clock)
            try:
                probe._read_store_file()
                segments = probe._segments_on_disk()
                probe._read_segments(segments)
                protect = frozenset({chosen.name}) if chosen is not None else frozenset()
                take_backup(
                    store_file,
                    data_dir / HISTORY_DIR,
                    segments,
                    data_dir / BACKUP_DIR,
                    clock(),
                    "pre-restore",
                    protect=protect,
                )
                if name is None:
                    set_aside_path = set_aside(store_file, clock(), "set-aside")
            except (StoreCorruptError, StoreVersionError):
                set_aside_path = set_aside(store_file, clock())
        if chosen is not None and restored_bytes is not None:
            stage_segments(chosen, data_dir / HISTORY_DIR)
            atomic_write(store_file, restored_bytes)
    finally:
        lock.release()
    return chosen, set_aside_path
