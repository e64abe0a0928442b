"""The activity log, a page at a time: a million activities page, filter and sort without
building every activity.

By date with no filter (the log as it opens), a page is read from the store's date index: only
that page's activities are built. Any other view (a filter, another column's order) runs over
light rows of every activity, made in one pass over the history (one segment held at a time,
resumable in steps so that a save never waits for the whole pass) and kept as columns while
nothing is saved (`services/log_columns.py`); each view's order (row numbers) is kept too, so
its pages are slices."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from time import perf_counter
from typing import TYPE_CHECKING, Any, NamedTuple

from ssi_tui.domain.alignment import GoalIndex, alignment, audience_source
from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.daily import breakdown
from ssi_tui.domain.models import ActivityKind
from ssi_tui.domain.records import ActivityRecord
from ssi_tui.domain.scoring import window_start
from ssi_tui.domain.text import fold
from ssi_tui.gcpause import give_back_freed_memory, paused_gc
from ssi_tui.services.log_columns import LogColumns
from ssi_tui.wording import language
from ssi_tui.wording.labels import audience_with_source

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

PAGE_SIZE = 500
NUMERIC = ("date", "raw", "weighted", "counted_raw", "counted_weighted")  # sorted largest first
KEPT_ORDERS = 4  # views whose order is kept (a million rows: 4 MB each)


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


def counted_points(
    workspace: Workspace, as_of: date | None = None
) -> dict[str, tuple[float, float]]:
    """Activity id → (raw, weighted) points it adds to its pillar as of `as_of` (default
    today), after decay and the daily caps: the contributions behind the score. Today's are
    read from today's report when the dashboard made it (`Workspace.todays`) and nothing was
    saved since: the same breakdown."""
    as_of = as_of or workspace.today
    window = workspace.rules.scoring.window_days
    with paused_gc():  # (tens of thousands of items: a collection would double the time)
        todays = workspace.todays
        if as_of == workspace.today and todays and todays[0] == workspace.store.saves:
            scores = todays[1].breakdown  # (today's report, as the dashboard shows it)
        else:
            inputs = workspace.scoring_input(window_start(as_of, window), as_of)
            scores = breakdown(inputs, as_of, window)
        return {item.activity.id: (item.raw, item.weighted) for item in scores.contributions}


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
    by its id or its words, the contact, company, title, note and audience; the others exactly)
    and the column it is sorted by (`reverse`: largest, newest or last first)."""

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
        self._rows: LogColumns | None = None  # every activity's, once the pass is done
        self._pass: tuple[Iterator[list[ActivityRecord]], LogColumns] | None = None
        self._orders: dict[tuple[LogQuery, str], array[int]] = {}
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
            # (500 records and rows, no cycles: no collection mid-page, where a full one walks
            # every object the store holds, 0.1 s at a million)
            with paused_gc():
                records = self.workspace.store.activities.in_order(offset, limit, query.reverse)
                return LogPage(self._build(records), offset, count, count)
        if self._rows is None and not self._read(budget):
            done = len(self._pass[1]) if self._pass is not None else 0
            return Reading(done, count)
        order = self._order(query)
        offset = last_start(offset, limit, len(order))
        row = self._rows.row
        return LogPage(
            [row(index) for index in order[offset : offset + limit]], offset, len(order), count
        )

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
            self._folds = {}
            self._counted = counted_points(
                workspace
            )  # (not `workspace.activities`: 20 ms of imports)

    def _read(self, budget: float | None) -> bool:
        """Go on with the pass (for `budget` seconds at most); whether it is done."""
        if self._pass is None:
            activities = self.workspace.store.activities
            self._pass = (activities.scan(), LogColumns(activities.positions, activities.at))
        chunks, rows = self._pass
        deadline = None if budget is None else perf_counter() + budget
        with paused_gc():  # a million rows, no cycles
            for records in chunks:
                rows.extend(self._build(records))
                del records
                give_back_freed_memory()  # (the segment just read: ~1 ms)
                if deadline is not None and perf_counter() > deadline:
                    return False
            rows.finish()  # newest first: the order every view's sort starts from
        give_back_freed_memory()
        self._rows, self._pass = rows, None
        return True

    def _build(self, records: list[ActivityRecord]) -> list[LogRow]:
        """The rows of these records."""
        workspace = self.workspace
        kinds = workspace.catalog.kinds
        rules = workspace.rules
        store = workspace.store
        index = workspace.alignments.index(store.goals.get(), rules, store.contacts.facts())
        counted = self._counted
        nothing = (0.0, 0.0)
        rows = []
        for record in records:
            points = points_of(record, kinds.get(record.kind), index, rules)
            rows.append(
                LogRow(
                    record.id,
                    record.date,
                    record.kind,
                    points.pillar,
                    points.audience,
                    points.audience_source,
                    points.raw,
                    points.weighted,
                    record.contact,
                    record.company,
                    record.title,
                    record.channel,
                    record.note,
                    *counted.get(record.id, nothing),
                )
            )
        return rows

    # -- views ------------------------------------------------------------------------------
    def _order(self, query: LogQuery) -> array[int]:
        """The row numbers of a view, in its order (kept for the next pages, and per language:
        a kind is found by its words too)."""
        kept = (query, language())
        found = self._orders.get(kept)
        if found is None:
            columns = self._rows
            assert columns is not None
            with paused_gc():
                rows: Any = columns.order
                if query.pillar or query.audience or query.kind or fold(query.text):
                    rows = list(filter(self._matcher(query), rows))
                if query.sort == "date":
                    found = array("I", rows if query.reverse else rows[::-1])
                else:
                    # (the rows come newest first: ties stay so)
                    key = self._sort_key(query.sort)
                    found = array("I", sorted(rows, key=key, reverse=query.reverse))
            give_back_freed_memory()  # (a sort's keys: tens of MB at a million)
            if len(self._orders) >= KEPT_ORDERS:
                del self._orders[next(iter(self._orders))]
            self._orders[kept] = found
        return found

    def _folded(self, value: str) -> str:
        """A kind, name, title or audience folded (once each: there are few of them)."""
        found = self._folds.get(value)
        if found is None:
            found = self._folds[value] = fold(value)
        return found

    def _matcher(self, query: LogQuery) -> Callable[[int], bool]:
        """Whether a row (its number) passes a view's filters: its text in one of its fields."""
        columns = self._rows
        assert columns is not None
        text = fold(query.text)
        codes = columns.codes
        kinds, pillars, audiences = codes["kind"], codes["pillar"], codes["audience"]
        contacts, companies, titles, notes = (
            codes["contact"], codes["company"], codes["title"], columns.notes
        )  # fmt: skip
        nowhere = -1  # (a filter on a value no row has: no row passes)
        pillar = None if query.pillar is None else columns.code(query.pillar)
        audience = None if query.audience is None else columns.code(query.audience)
        kind = None if query.kind is None else columns.code(query.kind)
        pillar = nowhere if query.pillar is not None and pillar is None else pillar
        audience = nowhere if query.audience is not None and audience is None else audience
        kind = nowhere if query.kind is not None and kind is None else kind
        # The names, kinds, titles and audiences holding the text, found among the distinct
        # ones (a few thousand), not row by row; notes (most are the activity's own) row by row
        folded = self._folded
        holding = columns.codes_where(lambda value: text in folded(value))
        # A kind also by its words in the user's language ('réaction' finds reaction)
        catalog = self.workspace.catalog
        kinds_holding = holding | columns.codes_where(
            lambda value: value in catalog.kinds and text in fold(catalog.label(value))
        )

        def matches(index: int) -> bool:
            return (
                (pillar is None or pillars[index] == pillar)
                and (audience is None or audiences[index] == audience)
                and (kind is None or kinds[index] == kind)
                and (
                    not text
                    or kinds[index] in kinds_holding
                    or contacts[index] in holding
                    or companies[index] in holding
                    or titles[index] in holding
                    or audiences[index] in holding
                    or (bool(note := notes[index]) and text in fold(note))
                )
            )

        return matches

    def _sort_key(self, column: str) -> Callable[[int], Any]:
        """The sort key of a column: numbers and dates as they are, text folded."""
        columns = self._rows
        assert columns is not None
        if column == "pillar":
            return columns.sort_key(column, lambda value: value or "")
        if column == "audience":
            return columns.sort_key(column, lambda value: value or "")
        folded = self._folded
        return columns.sort_key(column, lambda value: folded(value or ""))


def last_start(offset: int, limit: int, total: int) -> int:
    """`offset`, or where the last page of `total` rows starts when `offset` is past them."""
    if total == 0:
        return 0
    return max(0, offset) if offset < total else (total - 1) // limit * limit
