"""The activity log, a page at a time: a million activities page, filter and sort without
building every activity.

By date with no filter (the log as it opens), a page is read from the store's date index: only
that page's activities are built. Any other view (a filter, another column's order) runs over
light rows of every activity, made in one pass over the history (one segment held at a time,
resumable in steps so that a save never waits for the whole pass) and kept while nothing is
saved; each view's order is kept too, so its pages are slices."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from time import perf_counter
from typing import TYPE_CHECKING, Any, NamedTuple

from ssi_tui.domain.alignment import GoalIndex, alignment, audience_source
from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.models import ActivityKind
from ssi_tui.domain.records import ActivityRecord
from ssi_tui.domain.text import fold
from ssi_tui.gcpause import paused_gc
from ssi_tui.wording.labels import audience_with_source

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

PAGE_SIZE = 500
NUMERIC = ("date", "raw", "weighted", "counted_raw", "counted_weighted")  # sorted largest first
KEPT_ORDERS = 4  # views whose order is kept (a million rows: 8 MB each)


class Points(NamedTuple):
    """What an activity is worth, as scoring sees it: its pillar, its own points (`raw`,
    `weighted`: before decay and caps), the goal audience it counts for and where that comes
    from (see `audience_source`)."""

    pillar: str
    raw: float
    weighted: float
    audience: str | None
    audience_source: str | None


def points_of(activity: Any, kind: ActivityKind | None, index: GoalIndex, rules: Rules) -> Points:
    """The `Points` of an activity (a model or a record); an unknown kind is worth nothing."""
    if kind is None:
        tag = activity.audience
        return Points("?", 0.0, 0.0, tag, tag and "tag")
    aligned = alignment(activity, kind, index, rules)
    visible = kind.visible and activity.channel == "linkedin"
    return Points(
        kind.pillar,
        kind.points if visible else 0.0,
        kind.points * aligned.value,
        aligned.audience,
        audience_source(aligned.audience, aligned.tier, aligned.target),
    )


class LogRow(NamedTuple):
    """One row of the log: an activity's fields as shown, its points, and what it counts for in
    today's score (`counted_*`: after decay and the daily caps, 0 outside the window)."""

    id: str
    date: date
    kind: str
    pillar: str
    audience: str | None
    audience_source: str | None
    raw: float
    weighted: float
    contact: str | None
    company: str | None
    title: str | None
    channel: str
    note: str
    counted_raw: float
    counted_weighted: float

    @property
    def shown_audience(self) -> str | None:
        """E.g. 'prospects (role)'."""
        if self.audience is None:
            return None
        return audience_with_source(self.audience, self.audience_source)


@dataclass(frozen=True, slots=True)
class LogQuery:
    """A view of the log: filters (`text` is matched case- and blank-insensitively in the kind,
    contact, company, title, note and audience; the others exactly) and the column it is
    sorted by (`reverse`: largest, newest or last first)."""

    text: str = ""
    pillar: str | None = None
    audience: str | None = None
    kind: str | None = None
    sort: str = "date"
    reverse: bool = True

    @property
    def by_date(self) -> bool:
        """Whether it is the log as stored: by date, no filter (read straight from the store)."""
        return self.sort == "date" and not (
            fold(self.text) or self.pillar or self.audience or self.kind
        )


@dataclass(frozen=True, slots=True)
class LogPage:
    """A page of a view: its rows from `offset`, how many rows the view has (`total`) and how
    many activities the log holds (`count`)."""

    rows: list[LogRow]
    offset: int
    total: int
    count: int


@dataclass(frozen=True, slots=True)
class Reading:
    """A view not ready yet: the pass over the history has read `done` of `count` activities."""

    done: int
    count: int


class ActivityLog:
    """The log's pages (see the module's docstring); one per workspace, used under its lock."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._key: tuple[object, ...] | None = None
        self._counted: dict[str, tuple[float, float]] = {}
        self._rows: list[LogRow] | None = None  # every activity's, once the pass is done
        self._pass: tuple[Iterator[list[ActivityRecord]], list[LogRow]] | None = None
        self._orders: dict[LogQuery, list[LogRow]] = {}
        self._shared: dict[Any, Any] = {}  # the rows' distinct values (see `_build`)
        self._folds: dict[str, str] = {}

    def page(
        self, query: LogQuery, offset: int = 0, limit: int = PAGE_SIZE, budget: float | None = None
    ) -> LogPage | Reading:
        """The page of `query` from `offset` (or the last page, when there are fewer rows: the
        last one emptied by a delete, say). A view other than `by_date` needs the pass over
        the history first: with a `budget` (seconds), at most that much of it is done per call,
        and `Reading` says how far it is (call again to go on)."""
        self._check()
        count = self.workspace.store.activities.count()
        if query.by_date:
            offset = last_start(offset, limit, count)
            records = self.workspace.store.activities.in_order(offset, limit, query.reverse)
            return LogPage(self._build(records, {}), offset, count, count)
        if self._rows is None and not self._read(budget):
            done = len(self._pass[1]) if self._pass is not None else 0
            return Reading(done, count)
        rows = self._order(query)
        offset = last_start(offset, limit, len(rows))
        return LogPage(rows[offset : offset + limit], offset, len(rows), count)

    # -- the pass over the history ----------------------------------------------------------
    def prepare(self, budget: float | None = None) -> bool:
        """Go on with the pass the filtered and sorted views need, ahead of them (for `budget`
        seconds at most); whether it is done."""
        self._check()
        return self._rows is not None or self._read(budget)

    def _check(self) -> None:
        """Forget everything made for another state of the store (a save, a new day)."""
        workspace = self.workspace
        key = (workspace.store.saves, workspace.today, workspace.rules, workspace.catalog)
        if key != self._key:
            self._key, self._rows, self._pass, self._orders = key, None, None, {}
            self._shared, self._folds = {}, {}
            self._counted = workspace.activities.counted()

    def _read(self, budget: float | None) -> bool:
        """Go on with the pass (for `budget` seconds at most); whether it is done."""
        if self._pass is None:
            self._pass = (self.workspace.store.activities.scan(), [])
        chunks, rows = self._pass
        deadline = None if budget is None else perf_counter() + budget
        with paused_gc():  # a million rows, no cycles
            for records in chunks:
                rows.extend(self._build(records, self._shared))
                if deadline is not None and perf_counter() > deadline:
                    return False
            # Newest first (ties: the larger id first), the order every view's sort starts from
            rows.sort(key=itemgetter(0), reverse=True)
            rows.sort(key=itemgetter(1), reverse=True)
        self._rows, self._pass = rows, None
        return True

    def _build(self, records: list[ActivityRecord], shared: dict[Any, Any]) -> list[LogRow]:
        """Rows of these records; equal values (dates, names, points) are made one object
        through `shared`, so that a million rows hold each name once."""
        workspace = self.workspace
        kinds = workspace.catalog.kinds
        rules = workspace.rules
        store = workspace.store
        index = workspace.alignments.index(store.goals.get(), rules, store.contacts.facts())
        counted = self._counted
        one = shared.setdefault
        nothing = (0.0, 0.0)
        rows = []
        for record in records:
            points = points_of(record, kinds.get(record.kind), index, rules)
            rows.append(
                LogRow(
                    record.id,
                    one(record.date, record.date),
                    one(record.kind, record.kind),
                    points.pillar,
                    one(points.audience, points.audience),
                    points.audience_source,
                    points.raw,
                    one(points.weighted, points.weighted),
                    one(record.contact, record.contact),
                    one(record.company, record.company),
                    one(record.title, record.title),
                    one(record.channel, record.channel),
                    record.note,
                    *counted.get(record.id, nothing),
                )
            )
        return rows

    # -- views ------------------------------------------------------------------------------
    def _order(self, query: LogQuery) -> list[LogRow]:
        """Every row of a view, in its order (kept for the next pages)."""
        found = self._orders.get(query)
        if found is None:
            rows = self._rows
            assert rows is not None
            with paused_gc():
                if query.pillar or query.audience or query.kind or fold(query.text):
                    rows = list(filter(self._matcher(query), rows))
                if query.sort == "date":
                    found = rows if query.reverse else rows[::-1]
                else:
                    # (the rows come newest first: ties stay so)
                    found = sorted(rows, key=self._sort_key(query.sort), reverse=query.reverse)
            if len(self._orders) >= KEPT_ORDERS:
                del self._orders[next(iter(self._orders))]
            self._orders[query] = found
        return found

    def _folded(self, value: str) -> str:
        """A kind, name, title or audience folded (once each: there are few of them)."""
        found = self._folds.get(value)
        if found is None:
            found = self._folds[value] = fold(value)
        return found

    def _matcher(self, query: LogQuery) -> Callable[[LogRow], bool]:
        """Whether a row passes a view's filters: its text in one of the row's fields."""
        text = fold(query.text)
        pillar, audience, kind = query.pillar, query.audience, query.kind
        # The names, kinds, titles and audiences holding the text, found among the distinct
        # ones (a few thousand), not row by row; notes (most are the activity's own) row by row
        folded = self._folded
        holding = {
            value for value in self._shared if isinstance(value, str) and text in folded(value)
        }

        def matches(row: LogRow) -> bool:
            return (
                (pillar is None or row.pillar == pillar)
                and (audience is None or row.audience == audience)
                and (kind is None or row.kind == kind)
                and (
                    not text
                    or row.kind in holding
                    or row.contact in holding
                    or row.company in holding
                    or row.title in holding
                    or row.audience in holding
                    or (bool(row.note) and text in fold(row.note))
                )
            )

        return matches

    def _sort_key(self, column: str) -> Callable[[LogRow], Any]:
        """The sort key of a column: numbers and dates as they are, text folded."""
        position = LogRow._fields.index(column)
        if column in NUMERIC or column == "pillar":
            return itemgetter(position)
        if column == "audience":
            return lambda row: row.audience or ""
        folded = self._folded
        return lambda row: folded(row[position] or "")


def last_start(offset: int, limit: int, total: int) -> int:
    """`offset`, or where the last page of `total` rows starts when `offset` is past them."""
    if total == 0:
        return 0
    return max(0, offset) if offset < total else (total - 1) // limit * limit
