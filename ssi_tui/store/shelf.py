"""The activities of a large history's segments not read yet (`store/manifest.py`): where each
one is, and each segment read the first time something asks for one of its documents."""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Iterable
from typing import Any

from ssi_tui.store.date_order import DateOrder
from ssi_tui.store.manifest import Manifest

Document = dict[str, Any]

# Whether an id is in the manifest is answered by a set of them (made on the first lookup:
# 0.2 s and 32 MB at a million; every save looks its id up); which segment holds one that is,
# by a pass over the ids (20-40 ms) for the first few (an activity edited without being read),
# then by a map of every id to its segment (0.6-0.9 s and ~60 MB at a million, made once).
SCANS_BEFORE_MAP = 16


class Shelf:
    """The activities of history segments not read yet: each segment is read whole the first
    time a document it holds (or a day it spans) is asked for."""

    def __init__(
        self,
        order: DateOrder,
        manifest: Manifest,
        load: Callable[[int], list[Document]],
        ranks: set[int],
        gone: set[str],
    ) -> None:
        self._order: DateOrder | None = order  # of the shelved activities, for the index
        self._manifest = manifest
        self._ids: set[str] | None = None  # every id of the manifest, made on first use
        self._where: dict[str, int] | None = None  # id → rank, made once looked up often
        self._scans = 0  # ranks found by a pass over the ids so far
        self._shadowed = manifest.shadowed_by_rank()
        self._load = load
        self.ranks_left = ranks
        self.gone = gone  # ids whose shelved copy is not theirs (deleted, hot, or replaced)

    def take_order(self) -> DateOrder:
        """The (date, id) order of the shelved activities, handed over once to the index."""
        order, self._order = self._order, None
        assert order is not None, "handed over already"
        return order

    def rank(self, activity_id: str) -> int | None:
        """The unread segment holding this activity's document, if it is shelved."""
        manifest = self._manifest
        if self._ids is None:
            self._ids = set(manifest.ids)
        if activity_id not in self._ids:
            return None  # (a new activity: what every save of one asks)
        if self._where is None and self._scans < SCANS_BEFORE_MAP:
            self._scans += 1
            rank = manifest.ranks[manifest.ids.index(activity_id)]
        else:
            if self._where is None:
                self._where = dict(zip(manifest.ids, manifest.ranks, strict=True))
            rank = self._where[activity_id]
        if rank not in self.ranks_left or activity_id in self.gone:
            return None
        return rank

    def ranks_between(self, first: str, last: str) -> list[int]:
        """The unread segments holding activities dated from `first` to `last` (ISO dates)."""
        spans = self._manifest.spans
        return [
            rank
            for rank in self.ranks_left
            if (span := spans[rank]) is not None and span[0] <= last and span[1] >= first
        ]

    def unread(self) -> list[str]:
        """The names of the segments not read yet."""
        return [self._manifest.segments[rank] for rank in sorted(self.ranks_left)]

    def holds_any(self, ids: Collection[str]) -> bool:
        """Whether any of these activities is shelved."""
        if len(ids) > SCANS_BEFORE_MAP:
            self._scans = SCANS_BEFORE_MAP  # (many at once: the map, made once, is quicker)
        return any(self.rank(activity_id) is not None for activity_id in ids)

    def peek(self, rank: int, loaded: Container[str]) -> list[Document]:
        """The documents a segment holds for the index (as `take`), read without marking it
        read: for a pass over the whole history that keeps none of it."""
        gone, passed_over = self.gone, self._shadowed.get(rank, set())
        return [
            doc
            for doc in self._load(rank)
            if (key := doc["id"]) not in gone and key not in loaded and key not in passed_over
        ]

    def take(self, ranks: Iterable[int], loaded: dict[str, Document]) -> list[Document]:
        """Read these segments: the documents they hold for the index (and mark them read)."""
        found: list[Document] = []
        for rank in sorted(ranks):
            if rank in self.ranks_left:
                found.extend(self.peek(rank, loaded))
                self.ranks_left.discard(rank)
        return found
