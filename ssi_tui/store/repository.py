"""The store: one data dir, one writer, atomic saves, history segments, backups and migrations.

The data dir's layout is described in `store/datadir.py`; the tables, in `store/registry.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Any

from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist
from ssi_tui.domain.network import MAX_CHANGES, ConnectionChange
from ssi_tui.domain.plans import Plan, PlanEvent
from ssi_tui.gcpause import paused_gc
from ssi_tui.store import day_cache, manifest, registry, schema, segments
from ssi_tui.store.activities import Activities
from ssi_tui.store.backups import clean_partial_backups
from ssi_tui.store.contacts import Contacts
from ssi_tui.store.datadir import BACKUP_DIR, HISTORY_DIR, LOCK_FILE, STORE_FILE, restore_hint
from ssi_tui.store.errors import StoreWriteError
from ssi_tui.store.files import ensure_private_dir, remove_leftover_temps, secure_tree
from ssi_tui.store.history_writes import HistoryWrites
from ssi_tui.store.hotfile import Clock
from ssi_tui.store.indexes import Indexes, Placement
from ssi_tui.store.lock import DEFAULT_TIMEOUT
from ssi_tui.store.restore import restore_backup
from ssi_tui.store.tables import Checklist, Readings, Records, Settings, Singleton

HOT_LIMIT = 2000  # hot activities + contacts before they move to a history segment
BULK_THRESHOLD = 500  # a batch this large goes straight to a segment

__all__ = ["BACKUP_DIR", "BULK_THRESHOLD", "HISTORY_DIR", "HOT_LIMIT", "LOCK_FILE", "STORE_FILE"]
__all__ += ["Store", "restore_backup", "restore_hint"]


class Store(HistoryWrites):
    """The user's data, behind repositories: `store.activities.add(...)`, `store.goals.get()`…

    One repository per table of `registry.TABLES`, as an attribute of the same name. Open
    with `Store.open(data_dir)`; a writer holds the lock until `close()`.
    """

    activities: Activities
    contacts: Contacts
    readings: Readings
    goals: Singleton[Goals]
    checklist: Checklist
    settings: Settings
    plans: Records[Plan]
    plan_events: Records[PlanEvent]
    connection_changes: Records[ConnectionChange]

    def __init__(self, data_dir: Path, *, read_only: bool, clock: Clock | None = None) -> None:
        super().__init__(data_dir, read_only=read_only, clock=clock)
        self.indexes = Indexes()
        for spec in registry.REPOSITORIES:
            setattr(self, spec.name, spec.repository(self, spec))  # type: ignore[misc]

    def repository(self, table: str) -> Any:
        """The repository of a registered table, by name."""
        return getattr(self, registry.table(table).name)

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
        store.load(lock_timeout)
        return store

    def load(self, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
        """Read the data dir (a writer takes the lock first, and keeps it); `open` calls this."""
        if self.read_only:
            self._load()
            return
        ensure_private_dir(self.data_dir)
        self.lock.acquire(lock_timeout)
        try:
            self._prepare_dir()
            self._load()
        except BaseException:
            self.lock.release()
            raise

    def close(self) -> None:
        """Release the writer lock (every write is already on disk) and let the documents go.

        `_load` freezes them out of the collector's way and the repositories hold the store in
        a cycle: without this, a closed store's documents lived as long as the process (one
        that opened stores one after another grew by gigabytes)."""
        self.lock.release()
        indexes = self.indexes
        indexes.activities.rebuild({})
        indexes.contacts.rebuild({})
        indexes.activity_placement = Placement()
        indexes.contact_placement = Placement()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _prepare_dir(self) -> None:
        remove_leftover_temps(self.data_dir)
        remove_leftover_temps(self.history_dir)
        remove_leftover_temps(self.data_dir / day_cache.CACHE_DIR)
        clean_partial_backups(self.backup_dir)
        secure_tree(self.data_dir)

    def _load(self) -> None:
        # Parsing and indexing make hundreds of thousands of long-lived objects and no cycles:
        # the collector's passes over them cost a third of opening a large store.
        # The loaded documents live as long as the store: frozen out of the collector's way, or
        # every full collection rescans 100,000+ objects (30-40 ms pauses in the middle of a
        # score), and its first pass after loading walks them all (0.2 s).
        with paused_gc(freeze=True):
            self._load_data()

    def _load_data(self) -> None:
        data = self._read_store_file()
        fresh = data is None
        if data is None:
            data = schema.empty_store(self.clock().isoformat(timespec="seconds"))
        for name in schema.TABLES:
            data.setdefault(name, {})
        meta = data["meta"]["1"]
        listed = meta.get("segments", [])
        # A store from before checksums (migrated in memory, not yet on disk) has none to check.
        checksums = None if self.migrated_from is not None else meta.get("checksums", {})
        lazy = None if checksums is None else manifest.open_lazily(self, listed, checksums)
        segment_docs = None if lazy else segments.read_segments(self.history_dir, listed, checksums)
        self._attach(data)
        if not self.read_only:
            if self.migrated_from is not None:
                self.backup(f"pre-migration-v{self.migrated_from}")
                meta["checksums"] = segments.seal_legacy(self.history_dir, listed)
                self._storage.flush()
            elif fresh:
                self._storage.flush()
                self._backup_day = self.clock().strftime("%Y%m%d")  # nothing worth backing up yet
            segments.set_orphans_aside(self.history_dir, set(self._segments()))
        self._rebuild(segment_docs, lazy)

    def _rebuild(
        self,
        segment_docs: list[tuple[str, dict[str, Any]]] | None = None,
        lazy: manifest.Lazy | None = None,
    ) -> None:
        """Index the history (a large one lazily, through its manifest) and the hot tables."""
        if segment_docs is None and lazy is None:
            names, checksums = self._segments(), self._checksums()
            lazy = manifest.open_lazily(self, names, checksums)
            if lazy is None:
                segment_docs = segments.read_segments(self.history_dir, names, checksums)
        hot = self.table_data("activities"), self.table_data("contacts"), self._tombstones()
        if lazy is not None:
            self.indexes.rebuild_lazily(lazy.manifest, lazy.read, lazy.load, *hot)
            return
        assert segment_docs is not None
        self.indexes.rebuild((segment for _, segment in segment_docs), *hot)
        manifest.keep_built(self, segment_docs)

    def check_history(self) -> None:
        """Check the segments a large store has not read yet against their checksums (never
        parsed): `StoreCorruptError` names a damaged one."""
        unread = self.indexes.activities.unread_segments()
        segments.check_sealed(self.history_dir, unread, self._checksums())

    def problems(self) -> list[str]:
        """Stored records left out because they no longer validate (every record table of the
        registry), one line each."""
        return [line for spec in registry.RECORDS for line in self.repository(spec.name).problems()]

    # -- activities and contacts -----------------------------------------------------------
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
        if self.recorder is not None:
            self._note_bulk("activities", (doc["id"] for doc in activity_docs))
            self._note_bulk("contacts", (doc["id"] for doc in contact_docs))
        if not force_hot and len(activity_docs) + len(contact_docs) >= BULK_THRESHOLD:
            self._save_segment(activity_docs, contact_docs)
        else:
            with self._writing():
                self._clear_tombstones(
                    {doc["id"] for doc in activity_docs},
                    {doc["id"] for doc in contact_docs},
                    {doc.get("external_id") for doc in activity_docs},
                )
                self._put_many("activities", activity_docs, self.indexes.activity_placement.hot)
                self._put_many("contacts", contact_docs, self.indexes.contact_placement.hot)
            self._set_hot()
        self.indexes.index(map(dict, activity_docs), map(dict, contact_docs))
        indexes = self.indexes
        if len(indexes.activity_placement.hot) + len(indexes.contact_placement.hot) > HOT_LIMIT:
            # An optimisation only: the save above is already durable, so a failure here
            # (disk full…) must not be reported as a failed save. It is retried next time.
            with suppress(StoreWriteError):
                self.compact()

    def _note_bulk(self, table: str, ids: Iterable[str]) -> None:
        """Note activities or contacts about to be written or deleted (recording)."""
        recorder = self.recorder
        if recorder is None:
            return
        index = self.indexes.activities if table == "activities" else self.indexes.contacts
        for key in ids:
            recorder.note(table, key, None, index.document(key))

    def save_import(
        self,
        activities: Iterable[Activity | dict[str, Any]],
        contacts: Iterable[Contact | dict[str, Any]],
        checklist: ProfileChecklist | None = None,
        checklist_on: date | None = None,
        changes: Sequence[ConnectionChange] = (),
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """Save an import as one transaction: new history segments and one commit of store.json
        (with the profile checklist, if given, in force from `checklist_on`, and the network
        changes it saw, the oldest dropped beyond `MAX_CHANGES`). A crash at any point leaves
        the store as before.

        `activities` may be a generator: each model is dumped as it comes, and a large import
        (two segments' worth of activities or more) is written as it comes
        (`segments.write_stream`): made oldest first, its documents are never all held at once,
        and `progress` hears how many activities are written so far, after each segment. A
        document (a dict, already in the form a model dumps to) is taken as it is, an
        activity's or a contact's."""
        activity_docs = (
            activity if isinstance(activity, dict) else activity.model_dump(mode="json")
            for activity in activities
        )
        contact_docs = [
            contact if isinstance(contact, dict) else contact.model_dump(mode="json")
            for contact in contacts
        ]
        extra = self._import_extra(checklist, checklist_on, changes)
        stream_from = 2 * segments.PARTITION_MIN
        head = list(islice(activity_docs, stream_from))
        if len(head) == stream_from:
            self._stream_segments(chain(head, activity_docs), contact_docs, extra, progress)
            return
        if not head and not contact_docs:
            if extra is not None:
                with self._writing():
                    extra()
            return
        self._save_segment(head, contact_docs, extra)
        # The documents were made above and nothing else holds them: index them without a copy
        # (a copy doubled the memory of a 130,000-row import).
        self.indexes.index(head, contact_docs)

    def _import_extra(
        self,
        checklist: ProfileChecklist | None,
        checklist_on: date | None,
        changes: Sequence[ConnectionChange],
    ) -> Callable[[], None] | None:
        """What an import writes besides its segments, in the same commit (None: nothing)."""
        value = None if checklist is None else self.checklist.document(checklist, checklist_on)
        if value is None and not changes:
            return None

        def extra() -> None:
            if value is not None:
                self._put("checklist", 1, value)
            for change in changes:
                self.connection_changes.add(change)
            kept = self.connection_changes.all()
            for old in kept[: max(0, len(kept) - MAX_CHANGES)]:
                self.connection_changes.remove(old.id)

        return extra

    def delete_activity(self, activity_id: str) -> None:
        """Delete an activity wherever it lives (a tombstone hides one kept in a segment); an
        imported one's import key is remembered, so importing the same export again skips it."""
        self._note_bulk("activities", [activity_id])
        index, placement = self.indexes.activities, self.indexes.activity_placement
        doc = index.document(activity_id)
        import_key = doc.get("external_id") if doc is not None else None
        with self._writing():
            doc_id = placement.hot.get(activity_id)
            if doc_id is not None:
                self._db.table("activities").remove(doc_ids=[doc_id])
            in_segment = placement.in_segment(activity_id)
            if in_segment or import_key:
                tombstones = self._tombstones()
                if in_segment:
                    tombstones["activities"].append(activity_id)
                if import_key and import_key not in tombstones["imports"]:
                    tombstones["imports"].append(import_key)
                self._set_tombstones(tombstones)
        self._set_hot()
        if doc is not None:
            index.remove(doc)
            if import_key:
                index.dismiss(import_key)

    def delete_contact(self, contact_id: str) -> None:
        """Delete a contact wherever it lives."""
        self._note_bulk("contacts", [contact_id])
        placement = self.indexes.contact_placement
        with self._writing():
            doc_id = placement.hot.get(contact_id)
            if doc_id is not None:
                self._db.table("contacts").remove(doc_ids=[doc_id])
            if contact_id in placement.in_segments:
                tombstones = self._tombstones()
                tombstones["contacts"].append(contact_id)
                self._set_tombstones(tombstones)
        self._set_hot()
        doc = self.indexes.contacts.document(contact_id)
        if doc is not None:
            self.indexes.contacts.remove(doc)
