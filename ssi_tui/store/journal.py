"""The undo journal: what each undoable change found before it wrote, kept in store.json.

While a change runs inside `Store.recording()`, every record it writes is noted once, as it
was before (its *image*: the stored document, or None when there was none). The service layer
(`services/journal.py`) keeps those images with a few words in the `journal` table, in the
same atomic save as the change, and an undo puts them back. Each entry also keeps a digest of
every record as the change left it, so that an undo refuses to overwrite a record changed
since by something the journal does not track (an import, a load).

Recorded tables hold the user's data; the store's bookkeeping (meta, tombstones, the journal
itself) and the preferences in `settings` are not recorded.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

BULK = ("activities", "contacts")  # keyed by id, hot or in a history segment
RECORDS = ("readings", "plans", "plan_events")  # keyed by id, in store.json
SINGLETONS = ("goals", "checklist")  # one document each
RECORDED = frozenset((*BULK, *RECORDS, *SINGLETONS))
TABLE = "journal"
DEPTH = 20  # how many changes back an undo can go


def copy(document: dict[str, Any] | None) -> dict[str, Any] | None:
    """A deep copy of a JSON document (stored documents are updated in place)."""
    return None if document is None else orjson.loads(orjson.dumps(document))


def digest(document: dict[str, Any] | None) -> str | None:
    """A short fingerprint of a document's content (None for no document)."""
    if document is None:
        return None
    return hashlib.sha256(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


@dataclass
class Recorder:
    """The images of the records written while recording, in the order first touched."""

    images: dict[tuple[str, str], tuple[int | None, dict[str, Any] | None]] = field(
        default_factory=dict
    )

    def note(self, table: str, key: str, slot: int | None, before: dict[str, Any] | None) -> None:
        """Remember a record as it is before its first write (`slot`: its TinyDB id, for the
        tables kept in store.json, so that a record put back keeps its place)."""
        if table in RECORDED and (table, key) not in self.images:
            self.images[(table, key)] = (slot, copy(before))


def image(store: Store, table: str, key: str) -> dict[str, Any] | None:
    """A recorded record as it is now (None when there is none)."""
    if table == "activities":
        return store.indexes.activities.document(key)
    if table == "contacts":
        return store.indexes.contacts.document(key)
    data = store.table_data(table)
    if table in SINGLETONS:
        return data.get("1")
    return next((doc for doc in data.values() if doc.get("id") == key), None)


def slot_of(store: Store, table: str, key: str) -> int | None:
    """The TinyDB id of a record kept in store.json (None: none stored with that key)."""
    if table in SINGLETONS:
        return 1 if "1" in store.table_data(table) else None
    for doc_id, doc in store.table_data(table).items():
        if doc.get("id") == key:
            return int(doc_id)
    return None


def put_back(
    store: Store, table: str, key: str, slot: int | None, doc: dict[str, Any] | None
) -> None:
    """Make a record what its image says: stored as `doc`, or gone (None)."""
    if table == "activities":
        if doc is not None:
            store.save_bulk([dict(doc)], [], force_hot=True)
        elif store.indexes.activities.document(key) is not None:
            store.delete_activity(key)
        return
    if table == "contacts":
        if doc is not None:
            store.save_bulk([], [dict(doc)], force_hot=True)
        elif store.indexes.contacts.document(key) is not None:
            store.delete_contact(key)
        return
    current = slot_of(store, table, key)
    if doc is None:
        if current is not None:
            store.remove_document(table, current)
        return
    if current is None:
        free = slot is not None and str(slot) not in store.table_data(table)
        current = slot if free and slot is not None else store.next_doc_id(table)
    store.put_document(table, current, dict(doc))


def entries(store: Store) -> list[dict[str, Any]]:
    """The journal's entries, oldest first."""
    document = store.table_data(TABLE).get("1")
    found = document.get("value", {}).get("entries", []) if document else []
    return [entry for entry in found if isinstance(entry, dict)]


def set_entries(store: Store, kept: list[dict[str, Any]]) -> None:
    """Replace the journal's entries (inside the caller's transaction)."""
    store.put_document(TABLE, 1, {"value": {"entries": kept[-DEPTH:]}})
