"""Each day's points, kept for histories: in memory while the workspace is open, on disk between
runs (`store/day_cache.py`), always recomputed from the activities when in doubt.

A history of 52 weekly scores reads some 450 days of points rows; computing them aligns every
activity of those days with the goals (half a second at 100,000 activities). The rows depend
only on each day's activities and on what they are judged against, so they are kept
(`domain/day_rows.py`): the store tells which day's activities changed, the contacts' facts
have a generation, and everything else (goals, rules, catalog, the scoring code itself) is
named by the key. The workspace's writer saves the rows at `keep` (on closing).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import orjson

from ssi_tui.domain.daily import day_points
from ssi_tui.domain.day_rows import DayRows
from ssi_tui.domain.points import DayPoints
from ssi_tui.services.last_scores import code_digest
from ssi_tui.store import day_cache
from ssi_tui.store.integrity import digest

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


class DayRowsService:
    """The days' points rows of one workspace's store (see the module)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.memo = DayRows()
        self._contacts = -1  # the contacts' generation the rows were computed under
        self._loaded = False
        self._judged: tuple[object, object, str] | None = None  # rules, catalog, their JSON
        workspace.store.activities.watch(self.memo.forget)

    def key(self) -> str:
        """What the rows are judged against, as a digest: the goals, rules, catalog and code."""
        workspace = self.workspace
        judged = self._judged
        if judged is None or judged[0] is not workspace.rules or judged[1] is not workspace.catalog:
            text = workspace.rules.model_dump_json() + workspace.catalog.model_dump_json()
            judged = self._judged = (workspace.rules, workspace.catalog, text)
        goals = workspace.store.goals.get().model_dump(mode="json")
        return digest(orjson.dumps([code_digest(), judged[2], goals]))

    def points(self, first: date, last: date) -> DayPoints:
        """The points of each day from `first` to `last` (only the days not known computed)."""
        store = self.workspace.store
        key = self.key()
        memo = self.memo
        if not self._loaded:
            self._loaded = True
            cached = day_cache.read_rows(store, key)
            if cached is not None:
                memo.key = key
                memo.restore(cached.audiences, cached.rows, cached.known)
                self._contacts = store.contacts.generation
        if key != memo.key or self._contacts != store.contacts.generation:
            memo.reset(key)
            self._contacts = store.contacts.generation
        return memo.points(first, last, self._compute)

    def _compute(self, first: date, last: date) -> DayPoints:
        workspace = self.workspace
        store = workspace.store
        return day_points(
            store.activities.records_between(first, last),
            store.goals.get(),
            workspace.catalog,
            workspace.rules,
            workspace.alignments,
            store.contacts.facts(),
        )

    def keep(self) -> None:
        """Save the rows beside the store if they changed (the writer only; best effort)."""
        memo = self.memo
        if not memo.changed or not memo.key or self.workspace.store.read_only:
            return
        if self._contacts != self.workspace.store.contacts.generation:
            return  # computed under contacts that changed since: not worth keeping
        if day_cache.write_rows(
            self.workspace.store, memo.key, memo.audiences, memo.rows, memo.known
        ):
            memo.changed = False
