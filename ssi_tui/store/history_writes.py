"""Writing history segments: a large save or an import as new segments, then one commit of
store.json listing them (`Store` builds on this).

A segment is written in full, durably, before store.json lists it: a crash leaves at worst an
unlisted segment, set aside by the next writer (`segments.set_orphans_aside`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from itertools import chain
from typing import Any

from ssi_tui.store import manifest, segments
from ssi_tui.store.errors import ReadOnlyStoreError, StoreWriteError
from ssi_tui.store.hotfile import HotFile
from ssi_tui.store.indexes import Indexes
from ssi_tui.wording import _

Document = dict[str, Any]


class HistoryWrites(HotFile):
    """The segment writes of a store: batches, streamed imports, compaction."""

    indexes: Indexes

    def _save_segment(
        self,
        activity_docs: list[Document],
        contact_docs: list[Document],
        extra: Callable[[], None] | None = None,
    ) -> None:
        """Write a batch as new segments and list them (with `extra`'s writes, in the same
        commit); the indexes learn where the documents now live (the caller indexes them)."""
        self._check_writable()
        written = segments.write_batch(self.history_dir, self.clock, activity_docs, contact_docs)
        imports = {doc.get("external_id") for doc in activity_docs} if self._dismissed() else ()
        self._commit_segments(written, imports, extra)
        self.indexes.saved_to_segment(activity_docs, contact_docs)

    def _stream_segments(
        self,
        activity_docs: Iterable[Document],
        contact_docs: list[Document],
        extra: Callable[[], None] | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        """As `_save_segment`, the activities written as they come (`segments.write_stream`:
        a large import never holds all its documents), then the indexes rebuilt from what is
        stored (a large history through its manifest, as at open)."""
        self._check_writable()
        dismissed = self._dismissed()
        revived: set[str] = set()
        if dismissed:
            activity_docs = _noting_imports(activity_docs, dismissed, revived)
        written = segments.write_stream(
            self.history_dir, self.clock, activity_docs, contact_docs, progress=progress
        )
        made = self._commit_segments(written, revived, extra)
        # The manifest just made and the contacts just written (alone, in the first segment:
        # `write_stream`) are not read back.
        held = (
            {written[0].name: {"activities": [], "contacts": contact_docs}} if contact_docs else {}
        )
        del written, activity_docs
        lazy = None
        if made is not None:
            lazy = manifest.open_lazily(self, self._segments(), self._checksums(), made, held)
        self._rebuild(lazy=lazy)

    def _commit_segments(
        self,
        written: list[segments.Written],
        imports: Collection[str | None],
        extra: Callable[[], None] | None,
    ) -> manifest.Manifest | None:
        """List the segments just written, in one commit with `extra`'s writes: their copies
        revive what the tombstones hid (`imports`: the import keys they hold, of those the
        tombstones name) and replace the hot copies (else removed: none left behind). Returns
        the history's manifest, if it is large enough to have one and it could be made."""
        activity_ids: Collection[str] = ()
        contact_ids: Collection[str] = ()
        indexes = self.indexes
        if (
            any(self._tombstones().values())
            or indexes.activity_placement.hot
            or indexes.contact_placement.hot
        ):  # (else no id is looked up: 130,000 of them need not be gathered)
            activity_ids = set(chain.from_iterable(part.ids for part in written))
            contact_ids = set(chain.from_iterable(part.contacts for part in written))
        try:
            with self._writing():
                self._clear_tombstones(activity_ids, contact_ids, imports)
                self._drop_hot_copies(activity_ids, contact_ids)
                for name, checksum, *_ in written:
                    self._register_segment(name, checksum)
                if extra is not None:
                    extra()
        except StoreWriteError:
            segments.discard_written(self.history_dir, written)
            raise
        self._set_hot()
        return manifest.after_write(self, written)

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(_("the store is open read-only; nothing was saved"))

    def _dismissed(self) -> set[str]:
        """The import keys of imported activities deleted by hand (a tombstone each)."""
        return set(self._tombstones()["imports"])

    def _clear_tombstones(
        self,
        activity_ids: Collection[str],
        contact_ids: Collection[str],
        imports: Collection[str | None],
    ) -> None:
        """Drop the tombstones of what is saved again (`imports`: the import keys saved)."""
        tombstones = self._tombstones()
        if not any(tombstones.values()):
            return
        updated = {
            "activities": [i for i in tombstones["activities"] if i not in activity_ids],
            "contacts": [i for i in tombstones["contacts"] if i not in contact_ids],
            "imports": [key for key in tombstones["imports"] if key not in imports],
        }
        if updated != tombstones:
            self._set_tombstones(updated)

    def _drop_hot_copies(self, activity_ids: Collection[str], contact_ids: Collection[str]) -> None:
        """Remove from the hot tables the older copies of documents a new segment holds: on
        loading, the hot tables win over segments, so a stale hot copy would undo the save."""
        for table, ids, placement in (
            ("activities", activity_ids, self.indexes.activity_placement),
            ("contacts", contact_ids, self.indexes.contact_placement),
        ):
            stale = [doc_id for key, doc_id in placement.hot.items() if key in ids]
            if stale:
                self._db.table(table).remove(doc_ids=stale)

    def _register_segment(self, name: str, checksum: str) -> None:
        meta = dict(self.table_data("meta")["1"])
        meta["segments"] = [*meta.get("segments", []), name]
        meta["checksums"] = {**meta.get("checksums", {}), name: checksum}
        self._put("meta", 1, meta)

    def compact(self) -> None:
        """Move the hot activities and contacts into a new history segment (one commit)."""
        hot_activities = list(self.table_data("activities").values())
        hot_contacts = list(self.table_data("contacts").values())
        if not hot_activities and not hot_contacts:
            return
        self._check_writable()
        written = segments.write_batch(self.history_dir, self.clock, hot_activities, hot_contacts)
        try:
            with self._writing():
                for name, checksum, *_ in written:
                    self._register_segment(name, checksum)
                self._db.table("activities").truncate()
                self._db.table("contacts").truncate()
        except StoreWriteError:
            segments.discard_written(self.history_dir, written)
            raise
        self.indexes.saved_to_segment(hot_activities, hot_contacts)
        self._set_hot()
        manifest.after_write(self, written)


def _noting_imports(
    docs: Iterable[Document], dismissed: set[str], revived: set[str]
) -> Iterable[Document]:
    """`docs` as they come, the import keys among `dismissed` noted in `revived`."""
    for doc in docs:
        key = doc.get("external_id")
        if key in dismissed:
            revived.add(key)
        yield doc
