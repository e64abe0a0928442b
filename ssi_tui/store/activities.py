"""The activities repository: reads from the in-memory index, writes through the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.models import Activity
from ssi_tui.domain.records import ActivityRecord
from ssi_tui.store.errors import NotFoundError
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.store.registry import TableSpec
    from ssi_tui.store.repository import Store


class Activities:
    """All activities: history segments plus the hot table, indexed by date in memory."""

    def __init__(self, store: Store, spec: TableSpec | None = None) -> None:
        self._store = store
        self._index = store.indexes.activities

    # -- reads ---------------------------------------------------------------------------
    def watch(self, watcher: Callable[[str | None], None]) -> None:
        """Call `watcher` with the date (YYYY-MM-DD) of every activity saved or deleted from
        now on (None: they all may have changed, the store was reloaded)."""
        self._index.watch(watcher)

    def clear_caches(self) -> None:
        """Forget the models and records built so far (they are rebuilt on demand)."""
        self._index.clear_caches()

    def count(self) -> int:
        """How many activities are stored."""
        return self._index.count()

    def get(self, activity_id: str) -> Activity:
        """One activity by id."""
        if self._index.document(activity_id) is None:
            raise NotFoundError(
                _("no activity with id {activity_id!r}").format(activity_id=activity_id)
            )
        return self._index.model(activity_id)

    def ids(self) -> list[str]:
        """Every activity's id."""
        return list(self._index.ids())

    def all(self) -> list[Activity]:
        """Every activity, oldest first."""
        return self.between(None, None)

    def between(self, start: date | None, end: date | None) -> list[Activity]:
        """Activities dated from `start` to `end` inclusive (either may be open), oldest first."""
        return self._index.models_between(start, end)

    def records_between(self, start: date | None, end: date | None) -> list[ActivityRecord]:
        """Like `between`, as light read-only records (what scoring needs; kept between calls)."""
        return self._index.records_between(start, end)

    def in_order(self, offset: int, limit: int, newest_first: bool) -> list[ActivityRecord]:
        """A page of activities by date (then id), oldest or newest first, as records."""
        return self._index.records_in_order(offset, limit, newest_first)

    def positions(self, activities: Iterable[tuple[date, str]]) -> list[int]:
        """Where activities (date, id) stand in (date, id) order, 0 the oldest (ValueError: one
        is not stored). Positions hold while nothing is saved."""
        return self._index.positions((day.isoformat(), key) for day, key in activities)

    def at(self, position: int) -> tuple[date, str]:
        """The date and id of the activity at a position of (date, id) order."""
        day, activity_id = self._index.at(position)
        return date.fromisoformat(day), activity_id

    def scan(self) -> Iterator[list[ActivityRecord]]:
        """Every activity as a record, in chunks of about a history segment, holding one chunk
        at a time (a pass over a large history). Only while nothing is saved: after a save
        (`Store.saves` moved on), start a new pass."""
        for docs in self._index.scan():
            yield [ActivityRecord.from_doc(doc) for doc in docs]

    def first_date(self) -> date | None:
        """Date of the oldest activity."""
        return self._index.first_date()

    def count_until(self, day: date) -> int:
        """How many activities are dated on or before `day` (a bisection, no copy)."""
        return self._index.count_until(day)

    def has_external(self, external_id: str) -> bool:
        """Whether an imported row with this stable key is stored already, or was stored and
        then deleted by hand (an import never brings back what the user deleted)."""
        return self._index.has_external(external_id)

    def external_ids(self) -> set[str]:
        """Stable keys of every imported activity."""
        return self._index.external_ids()

    def any_imported(self) -> bool:
        """Whether any stored activity came from an import."""
        return self._index.any_imported()

    def by_external(self, keys: set[str]) -> dict[str, Activity]:
        """The stored activities imported with these stable keys, by key (deleted ones left
        out)."""
        index = self._index
        return {key: index.model(found) for key, found in index.ids_by_external(keys).items()}

    def export(self) -> list[dict[str, Any]]:
        """Every activity as JSON-ready documents, oldest first (the export's section)."""
        return [activity.model_dump(mode="json") for activity in self.all()]

    # -- writes --------------------------------------------------------------------------
    def add(self, activity: Activity) -> Activity:
        """Store a new activity (or replace the one with the same id); durable on return."""
        self._store.save_activity_docs([activity.model_dump(mode="json")])
        return activity

    update = add
    restore = add

    def add_many(self, activities: Iterable[Activity]) -> int:
        """Store many activities in one atomic save (large batches go to a history segment)."""
        docs = [activity.model_dump(mode="json") for activity in activities]
        if docs:
            self._store.save_bulk(docs, [])
        return len(docs)

    def delete(self, activity_id: str) -> Activity:
        """Remove an activity; returns it so it can be restored (undo)."""
        activity = self.get(activity_id)
        self._store.delete_activity(activity_id)
        return activity
