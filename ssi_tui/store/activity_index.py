"""The activity index: every activity in (date, id) order, its documents, models and scoring
records (see `store/indexes.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from ssi_tui.domain.models import Activity
from ssi_tui.domain.records import ActivityRecord, DayLists
from ssi_tui.store.date_order import DateOrder
from ssi_tui.store.documents import activity_from_doc
from ssi_tui.store.shelf import Shelf

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
        # The shelved ones come in order, the others (hot, mostly recent) go among them.
        by_date = shelf.take_order() if shelf is not None else DateOrder()
        by_date.merge((doc["date"], activity_id) for activity_id, doc in docs.items())
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
        self._by_date.insert(doc["date"], doc["id"])
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
        if (
            len(docs) < 64
            or len(ids) < len(docs)
            or not ids.isdisjoint(known)
            or (self._shelf is not None and self._shelf.holds_any(ids))
        ):
            for doc in docs:
                self.add(doc)
            return
        self._by_date.merge((doc["date"], doc["id"]) for doc in docs)
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
        self._changed(doc["date"])
        self._by_date.remove(doc["date"], doc["id"])
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

    def _ensure_days(self, low: int, high: int) -> None:
        """Read the shelved segments holding the activities at positions `low:high` in date
        order."""
        if self._shelf is None or low >= high:
            return
        if high - low == len(self._by_date):
            self._load_all()
        else:
            dates = self._by_date.dates
            self._unshelve(self._shelf.ranks_between(dates[low], dates[high - 1]))

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
        records = self._records_of(self._by_date.ids[low:high])
        if newest_first:
            records.reverse()
        return records

    def positions(self, pairs: Iterable[tuple[str, str]]) -> list[int]:
        """Where activities (date YYYY-MM-DD, id) stand in (date, id) order (ValueError: one
        is not indexed)."""
        return self._by_date.positions(pairs)

    def at(self, position: int) -> tuple[str, str]:
        """The date (YYYY-MM-DD) and id at a position of (date, id) order."""
        by_date = self._by_date
        return by_date.dates[position], by_date.ids[position]

    def ids(self) -> Iterable[str]:
        """Every activity's id."""
        return list(self._by_date.ids)

    def count(self) -> int:
        """How many activities are indexed."""
        return len(self._by_date)

    def count_until(self, day: date) -> int:
        """How many activities are dated on or before `day`."""
        return self._by_date.after_day(day.isoformat())

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

    def _span(self, start: date | None, end: date | None) -> list[str]:
        """The ids of the activities dated from `start` to `end` (either may be open), in
        order, their segments read."""
        by_date = self._by_date
        low = by_date.from_day(start.isoformat()) if start else 0
        high = by_date.after_day(end.isoformat()) if end else len(by_date)
        self._ensure_days(low, high)
        return by_date.ids[low:high]

    def models_between(self, start: date | None, end: date | None) -> list[Activity]:
        """Activities dated from `start` to `end` inclusive (either may be open), in order."""
        model = self.model
        return [model(activity_id) for activity_id in self._span(start, end)]

    def records_between(self, start: date | None, end: date | None) -> list[ActivityRecord]:
        """Scoring records of the same activities as `models_between` (kept between calls,
        each day's list too: a 90-day window is 90 lists joined, after a save one rebuilt)."""
        if start is None or end is None or end < start:
            return self._records_of(self._span(start, end))
        by_date = self._by_date
        dates, ids = by_date.dates, by_date.ids
        day_records = self._day_records
        result = DayLists()
        days = result.days = {}
        low = by_date.from_day(start.isoformat())
        high = by_date.after_day(end.isoformat())
        self._ensure_days(low, high)
        while low < high:
            day = dates[low]
            found = day_records.get(day)
            if found is None:
                stop = by_date.after_day(day, low, high)
                found = day_records[day] = self._records_of(ids[low:stop])
            low += len(found)
            result.extend(found)
            days[found[0].date] = found
        return result

    def _records_of(self, span: list[str]) -> list[ActivityRecord]:
        records = self._records
        docs = self._docs
        result = []
        for activity_id in span:
            record = records.get(activity_id)
            if record is None:
                record = records[activity_id] = ActivityRecord.from_doc(docs[activity_id])
            result.append(record)
        return result

    def first_date(self) -> date | None:
        """Date of the oldest activity."""
        first = self._by_date.first_date()
        return date.fromisoformat(first) if first is not None else None

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
