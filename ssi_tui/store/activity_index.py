"""The activity index: every activity in (date, id) order, its documents, models and scoring
records (see `store/indexes.py`)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from operator import itemgetter
from typing import Any

from ssi_tui.domain.models import Activity
from ssi_tui.domain.records import ActivityRecord, DayLists
from ssi_tui.store.documents import activity_from_doc
from ssi_tui.store.manifest import Shelf

Document = dict[str, Any]


DayWatcher = Callable[[str | None], None]
SCAN_CHUNK = 20_000  # documents per chunk of `scan` (about one history segment's)


class ActivityIndex:
    """Every activity document by id and in (date, id) order, with the models and scoring
    records built from them so far (dropped whenever their document changes).

    Watchers (`watch`) hear of every change: the date (YYYY-MM-DD) whose activities changed,
    or None when they all may have (a rebuild)."""

    def __init__(self) -> None:
        self._watchers: list[DayWatcher] = []
        self.rebuild({})

    def watch(self, watcher: DayWatcher) -> None:
        """Call `watcher` with each changed day from now on (None: every day)."""
        self._watchers.append(watcher)

    def _changed(self, day: str | None) -> None:
        if day is not None:
            self._day_records.pop(day, None)
        for watcher in self._watchers:
            watcher(day)

    def rebuild(
        self,
        docs: dict[str, Document],
        dismissed: set[str] | None = None,
        shelf: Shelf | None = None,
    ) -> None:
        """Reset from merged documents (and the import keys of deleted imported activities);
        with a `shelf`, the documents of the activities it lists are read from it on demand."""
        self._changed(None)
        self._docs = docs
        by_date = [(doc["date"], activity_id) for activity_id, doc in docs.items()]
        # (date, id) order in two stable sorts on one string each: half the time of sorting
        # the tuples themselves on 100,000 activities (tuple comparisons are slow).
        by_date.sort(key=itemgetter(1))
        by_date.sort(key=itemgetter(0))
        if shelf is not None:
            # The shelved ones come in order: two sorted runs, one merge.
            by_date, shelf.entries = shelf.entries + by_date, []
            by_date.sort()
        self._by_date = by_date
        self._shelf = shelf
        self._external = {doc["external_id"] for doc in docs.values() if doc.get("external_id")}
        self._dismissed = dismissed or set()
        self._models: dict[str, Activity] = {}
        self._records: dict[str, ActivityRecord] = {}
        self._day_records: dict[str, list[ActivityRecord]] = {}  # by date, in id order

    def clear_caches(self) -> None:
        """Forget the models and records built so far (they are rebuilt on demand)."""
        self._models.clear()
        self._records.clear()
        self._day_records.clear()

    def add(self, doc: Document) -> None:
        """Index a saved document (replacing the one with the same id). The index keeps `doc`:
        the caller hands over a dict nothing else mutates."""
        old = self.document(doc["id"])
        if old is not None:
            self.remove(old)
        self._docs[doc["id"]] = doc
        self._changed(doc["date"])
        bisect.insort(self._by_date, (doc["date"], doc["id"]))
        if doc.get("external_id"):
            self._external.add(doc["external_id"])
            self._dismissed.discard(doc["external_id"])
        self._models.pop(doc["id"], None)
        self._records.pop(doc["id"], None)

    def add_many(self, docs: list[Document]) -> None:
        """Index many saved documents at once (an import): as `add` one by one, with the date
        order merged in one sort instead of one insertion each (quadratic at 100,000)."""
        known = self._docs
        ids = {doc["id"] for doc in docs}
        shelved = self._shelf is not None and self._shelf.holds_any(ids)
        if len(docs) < 64 or len(ids) < len(docs) or shelved or not ids.isdisjoint(known):
            for doc in docs:
                self.add(doc)
            return
        entries = [(doc["date"], doc["id"]) for doc in docs]
        entries.sort(key=itemgetter(1))
        entries.sort(key=itemgetter(0))
        self._by_date.extend(entries)
        self._by_date.sort()  # two sorted runs: one merge
        for doc in docs:
            known[doc["id"]] = doc
            key = doc.get("external_id")
            if key:
                self._external.add(key)
                self._dismissed.discard(key)
        for day in {doc["date"] for doc in docs}:
            self._changed(day)

    def remove(self, doc: Document) -> None:
        """Forget a deleted document."""
        key = (doc["date"], doc["id"])
        self._changed(doc["date"])
        position = bisect.bisect_left(self._by_date, key)
        if position < len(self._by_date) and self._by_date[position] == key:
            del self._by_date[position]
        self._docs.pop(doc["id"], None)
        self._models.pop(doc["id"], None)
        self._records.pop(doc["id"], None)
        if self._shelf is not None:
            self._shelf.gone.add(doc["id"])  # a shelved copy of it is stale now
        if doc.get("external_id"):
            self._external.discard(doc["external_id"])

    def dismiss(self, import_key: str) -> None:
        """Remember the import key of an imported activity deleted by hand."""
        self._dismissed.add(import_key)

    def document(self, activity_id: str) -> Document | None:
        """The stored document of an activity (do not mutate), or None."""
        doc = self._docs.get(activity_id)
        if doc is None and self._shelf is not None:
            rank = self._shelf.rank(activity_id)
            if rank is not None:
                self._unshelve([rank])
                doc = self._docs.get(activity_id)
        return doc

    def _unshelve(self, ranks: Iterable[int]) -> None:
        """Take the documents of these shelved segments into the index."""
        shelf = self._shelf
        if shelf is None:
            return
        docs, external = self._docs, self._external
        for doc in shelf.take(ranks, docs):
            docs[doc["id"]] = doc
            if doc.get("external_id"):
                external.add(doc["external_id"])
        if not shelf.ranks_left:
            self._shelf = None

    def unread_segments(self) -> list[str]:
        """The history segments whose documents are not read yet (a large store's)."""
        return [] if self._shelf is None else self._shelf.unread()

    def _load_all(self) -> None:
        """Read every shelved document (what needs all of them: import keys, exports)."""
        if self._shelf is not None:
            self._unshelve(list(self._shelf.ranks_left))

    def _ensure(self, span: list[tuple[str, str]]) -> None:
        """Read the shelved segments holding activities of this span (in date order)."""
        shelf = self._shelf
        if shelf is None or not span:
            return
        if len(span) == len(self._by_date):
            self._load_all()
        else:
            self._unshelve(shelf.ranks_between(span[0][0], span[-1][0]))

    def _ensure_days(self, low: int, high: int) -> None:
        """As `_ensure`, for the span `by_date[low:high]` (no copy of it)."""
        if self._shelf is not None and low < high:
            by_date = self._by_date
            self._unshelve(self._shelf.ranks_between(by_date[low][0], by_date[high - 1][0]))

    def scan(self) -> Iterator[list[Document]]:
        """Every activity's document, in chunks: those read so far, then each unread segment's,
        read and not kept (a pass over a large history holds one segment at a time). Valid
        while the index does not change: the caller starts again after a save."""
        # What is read and what is not, as the pass begins (a segment read since is read
        # again: its file holds the same documents while nothing is saved).
        loaded = list(self._docs.values())
        shelf = self._shelf
        known = set(self._docs) if shelf is not None else set()
        unread = sorted(shelf.ranks_left) if shelf is not None else []
        for start in range(0, len(loaded), SCAN_CHUNK):
            yield loaded[start : start + SCAN_CHUNK]
        for rank in unread:
            yield shelf.peek(rank, known)  # type: ignore[union-attr]

    def records_in_order(self, offset: int, limit: int, newest_first: bool) -> list[ActivityRecord]:
        """The scoring records of a page of activities in (date, id) order, or its reverse
        (only the segments of the page's days are read)."""
        count = len(self._by_date)
        low, high = (
            (count - offset - limit, count - offset) if newest_first else (offset, offset + limit)
        )
        low, high = max(0, low), max(0, min(count, high))
        self._ensure_days(low, high)
        records = self._records_of(self._by_date[low:high])
        if newest_first:
            records.reverse()
        return records

    def ids(self) -> Iterable[str]:
        """Every activity's id."""
        return [activity_id for _, activity_id in self._by_date]

    def count(self) -> int:
        """How many activities are indexed."""
        return len(self._by_date)

    def count_until(self, day: date) -> int:
        """How many activities are dated on or before `day`."""
        return bisect.bisect_left(self._by_date, ((day.isoformat() + "~"),))

    def model(self, activity_id: str) -> Activity:
        """The activity with this id (KeyError if there is none), built once."""
        model = self._models.get(activity_id)
        if model is None:
            doc = self.document(activity_id)
            if doc is None:
                raise KeyError(activity_id)
            model = activity_from_doc(doc)
            self._models[activity_id] = model
        return model

    def _span(self, start: date | None, end: date | None) -> list[tuple[str, str]]:
        by_date = self._by_date
        low = bisect.bisect_left(by_date, (start.isoformat(),)) if start else 0
        high = bisect.bisect_left(by_date, ((end.isoformat() + "~"),)) if end else len(by_date)
        return by_date[low:high]

    def models_between(self, start: date | None, end: date | None) -> list[Activity]:
        """Activities dated from `start` to `end` inclusive (either may be open), in order."""
        span = self._span(start, end)
        self._ensure(span)
        model = self.model
        return [model(activity_id) for _, activity_id in span]

    def records_between(self, start: date | None, end: date | None) -> list[ActivityRecord]:
        """Scoring records of the same activities as `models_between` (kept between calls,
        each day's list too: a 90-day window is 90 lists joined, after a save one rebuilt)."""
        if start is None or end is None or end < start:
            span = self._span(start, end)
            self._ensure(span)
            return self._records_of(span)
        by_date = self._by_date
        day_records = self._day_records
        result = DayLists()
        days = result.days = {}
        low = bisect.bisect_left(by_date, (start.isoformat(),))
        high = bisect.bisect_left(by_date, ((end.isoformat() + "~"),))
        self._ensure_days(low, high)
        while low < high:
            day = by_date[low][0]
            found = day_records.get(day)
            if found is None:
                stop = bisect.bisect_left(by_date, (day + "~",), low, high)
                found = day_records[day] = self._records_of(by_date[low:stop])
            low += len(found)
            result.extend(found)
            days[found[0].date] = found
        return result

    def _records_of(self, span: list[tuple[str, str]]) -> list[ActivityRecord]:
        records = self._records
        docs = self._docs
        result = []
        for _, activity_id in span:
            record = records.get(activity_id)
            if record is None:
                record = records[activity_id] = ActivityRecord.from_doc(docs[activity_id])
            result.append(record)
        return result

    def first_date(self) -> date | None:
        """Date of the oldest activity."""
        return date.fromisoformat(self._by_date[0][0]) if self._by_date else None

    def has_external(self, external_id: str) -> bool:
        """Whether this import key is stored, or was stored and then deleted by hand."""
        self._load_all()
        return external_id in self._external or external_id in self._dismissed

    def external_ids(self) -> set[str]:
        """Import keys of every stored imported activity."""
        self._load_all()
        return set(self._external)

    def any_imported(self) -> bool:
        """Whether any stored activity came from an import."""
        if not self._external:
            self._load_all()
        return bool(self._external)

    def ids_by_external(self, keys: set[str]) -> dict[str, str]:
        """The ids of the stored activities imported with these keys, by key (one pass)."""
        self._load_all()
        found: dict[str, str] = {}
        if keys & self._external:
            for doc in self._docs.values():
                key = doc.get("external_id")
                if key in keys:
                    found[key] = doc["id"]
        return found
