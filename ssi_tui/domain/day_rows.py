"""Each day's points row, kept between scores: what a history (52 weeks of scores) reads.

A day's row (`points.DayPoints`) depends only on that day's activities and on what they are
judged against: the goals, the rules, the catalog and the contacts' facts, never on the as-of
date. `DayRows` keeps the rows of the days computed so far under a `key` naming everything
but the activities; a day whose activities change is forgotten (`forget`), and the whole memo
when the key changes. A history then computes only the days it does not know yet: after one
save, that day; with every day known, none. The services persist it beside the store (a cache,
never trusted over the log: its stamp must match the data it was computed from).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ssi_tui.domain.points import DayPoints

Span = tuple[int, int]  # first and last day ordinals, inclusive


@dataclass(slots=True)
class DayRows:
    """Per-day points rows under one key: `rows` holds the days with points, `known` every day
    computed (with or without points). `changed`: not yet persisted."""

    key: str = ""
    audiences: tuple[str, ...] = ()
    rows: dict[int, list[float]] = field(default_factory=dict)
    known: set[int] = field(default_factory=set)
    changed: bool = False

    def reset(self, key: str) -> None:
        """Forget every day: what they are judged against changed."""
        self.key, self.audiences = key, ()
        self.rows, self.known = {}, set()
        self.changed = True

    def forget(self, day: str | None) -> None:
        """Forget one day (YYYY-MM-DD) whose activities changed; None: every day."""
        if not self.known:  # (an import calls this for each of its rows)
            return
        if day is None:
            self.reset(self.key)
            return
        ordinal = date.fromisoformat(day).toordinal()
        if ordinal in self.known:
            self.known.discard(ordinal)
            self.rows.pop(ordinal, None)
            self.changed = True

    def missing(self, first: date, last: date) -> list[Span]:
        """The runs of days from `first` to `last` not computed yet."""
        spans: list[Span] = []
        start: int | None = None
        known = self.known
        end = last.toordinal()
        for ordinal in range(first.toordinal(), end + 1):
            if ordinal in known:
                if start is not None:
                    spans.append((start, ordinal - 1))
                    start = None
            elif start is None:
                start = ordinal
        if start is not None:
            spans.append((start, end))
        return spans

    def fill(self, span: Span, points: DayPoints) -> None:
        """Keep the rows computed for every day of `span` (a day without points has none)."""
        if self.audiences != points.audiences:
            if self.known:  # the goal audiences moved under the same key: start over
                self.reset(self.key)
            self.audiences = points.audiences
        first, last = span
        for ordinal in range(first, last + 1):
            row = points.days.get(ordinal)
            if row is not None:
                self.rows[ordinal] = row
            self.known.add(ordinal)
        self.changed = True

    def points(
        self,
        first: date,
        last: date,
        compute: Callable[[date, date], DayPoints],
    ) -> DayPoints:
        """The rows from `first` to `last`, computing (with `compute(first, last)`) only the
        runs of days not known yet."""
        for span in self.missing(first, last):
            self.fill(span, compute(date.fromordinal(span[0]), date.fromordinal(span[1])))
        low, high = first.toordinal(), last.toordinal()
        rows = self.rows
        if high - low < len(rows):
            found = {o: rows[o] for o in range(low, high + 1) if o in rows}
        else:
            found = {o: row for o, row in rows.items() if low <= o <= high}
        return DayPoints(found, self.audiences)

    def restore(
        self, audiences: Iterable[str], rows: dict[int, list[float]], known: set[int]
    ) -> None:
        """Take rows read back from the cache file (under the current key)."""
        self.audiences = tuple(audiences)
        self.rows, self.known = rows, known
        self.changed = False
