"""The in-memory indexes over activities and contacts, and where each one is stored.

Activities and contacts live in history segments and in the hot table of store.json; the
store merges both into these indexes when it opens, then keeps them up to date on every save
(`add`, `remove`). The repositories (`store/activities.py`, `store/contacts.py`) read them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress
from operator import not_
from typing import Any

from ssi_tui.store.activity_index import ActivityIndex
from ssi_tui.store.contact_index import ContactIndex
from ssi_tui.store.date_order import DateOrder
from ssi_tui.store.manifest import Manifest
from ssi_tui.store.shelf import Shelf

Document = dict[str, Any]


@dataclass(slots=True)
class Placement:
    """Where the stored documents of one kind live: the hot table (id → TinyDB document id) or
    a history segment (a tombstone hides a segment copy that was deleted)."""

    hot: dict[str, int] = field(default_factory=dict)
    in_segments: set[str] = field(default_factory=set)
    maybe: bool = False  # some segments not read yet: any id may be in one

    def in_segment(self, key: str) -> bool:
        """Whether a segment holds (or may hold) a copy of this document."""
        return self.maybe or key in self.in_segments

    def set_hot(self, table: dict[str, Document]) -> None:
        """Re-read the hot ids from the hot table's raw documents."""
        self.hot = {doc["id"]: int(doc_id) for doc_id, doc in table.items()}


@dataclass(slots=True)
class Indexes:
    """The activity and contact indexes of one store, and where their documents live."""

    activities: ActivityIndex = field(default_factory=ActivityIndex)
    contacts: ContactIndex = field(default_factory=ContactIndex)
    activity_placement: Placement = field(default_factory=Placement)
    contact_placement: Placement = field(default_factory=Placement)

    def rebuild(
        self,
        segments: Iterable[dict[str, Any]],
        hot_activities: dict[str, Document],
        hot_contacts: dict[str, Document],
        tombstones: dict[str, list[str]],
    ) -> None:
        """Merge the segments (oldest first), less the tombstones, and the hot tables."""
        activities: dict[str, Document] = {}
        contacts: dict[str, Document] = {}
        for segment in segments:
            for doc in segment["activities"]:
                activities[doc["id"]] = doc
            for doc in segment["contacts"]:
                contacts[doc["id"]] = doc
        self.activity_placement = Placement(in_segments=set(activities))
        self.contact_placement = Placement(in_segments=set(contacts))
        for activity_id in tombstones["activities"]:
            activities.pop(activity_id, None)
        for contact_id in tombstones["contacts"]:
            contacts.pop(contact_id, None)
        self._merge_hot(activities, hot_activities, self.activity_placement)
        self._merge_hot(contacts, hot_contacts, self.contact_placement)
        self.activities.rebuild(activities, dismissed=set(tombstones["imports"]))
        self.contacts.rebuild(contacts)

    def rebuild_lazily(
        self,
        manifest: Manifest,
        read: list[tuple[int, dict[str, Any]]],
        load: Callable[[int], list[Document]],
        hot_activities: dict[str, Document],
        hot_contacts: dict[str, Document],
        tombstones: dict[str, list[str]],
    ) -> None:
        """As `rebuild`, from the segments holding contacts (`read`, by rank) and the manifest
        of all of them: the other segments' activities are shelved, read on demand (`load`)."""
        shadowed = manifest.shadowed_by_rank()
        contacts: dict[str, Document] = {}
        for _, segment in read:
            for doc in segment["contacts"]:
                contacts[doc["id"]] = doc
        hidden = set(tombstones["activities"])
        activities: dict[str, Document] = {}
        for rank, segment in read:
            passed_over = shadowed.get(rank, ())
            for doc in segment["activities"]:
                if doc["id"] not in hidden and doc["id"] not in passed_over:
                    activities[doc["id"]] = doc
        # Which activities the shelved segments hold is not known before they are read: a
        # delete then always leaves a tombstone (a later save of the same id clears it).
        self.activity_placement = Placement(in_segments=set(activities), maybe=True)
        self.contact_placement = Placement(in_segments=set(contacts))
        for contact_id in tombstones["contacts"]:
            contacts.pop(contact_id, None)
        self._merge_hot(activities, hot_activities, self.activity_placement)
        self._merge_hot(contacts, hot_contacts, self.contact_placement)
        hidden.update(activities)  # tombstoned, hot or read: not on the shelf
        # The manifest's dates and ids less those (a few), by iterators in C: a million in a
        # tenth of the time of a loop (copies: the manifest's lists stay as read).
        if hidden:
            keep = list(map(not_, map(hidden.__contains__, manifest.ids)))
            order = DateOrder(
                list(compress(manifest.dates, keep)), list(compress(manifest.ids, keep))
            )
        else:
            order = DateOrder(list(manifest.dates), list(manifest.ids))
        left = set(range(len(manifest.segments))) - {rank for rank, _ in read}
        shelf = Shelf(order, manifest, load, left, hidden) if left else None
        self.activities.rebuild(activities, set(tombstones["imports"]), shelf)
        self.contacts.rebuild(contacts)

    @staticmethod
    def _merge_hot(
        docs: dict[str, Document], hot: dict[str, Document], placement: Placement
    ) -> None:
        """The hot table's documents over those of the segments (copies: the index never
        shares a dict with TinyDB), and where each lives."""
        for doc_id, doc in hot.items():
            docs[doc["id"]] = dict(doc)
            placement.hot[doc["id"]] = int(doc_id)

    def set_hot(
        self, hot_activities: dict[str, Document], hot_contacts: dict[str, Document]
    ) -> None:
        """Re-read which documents are hot after a save changed the hot tables."""
        self.activity_placement.set_hot(hot_activities)
        self.contact_placement.set_hot(hot_contacts)

    def saved_to_segment(self, activity_docs: list[Document], contact_docs: list[Document]) -> None:
        """Note documents that a new history segment now holds."""
        self.activity_placement.in_segments.update(doc["id"] for doc in activity_docs)
        self.contact_placement.in_segments.update(doc["id"] for doc in contact_docs)

    def index(self, activity_docs: Iterable[Document], contact_docs: Iterable[Document]) -> None:
        """Index saved documents (the indexes keep the dicts given)."""
        self.activities.add_many(list(activity_docs))
        for doc in contact_docs:
            self.contacts.add(doc)
