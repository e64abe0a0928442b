"""Every activity in (date, id) order, as two lists side by side: the dates (YYYY-MM-DD) and
the ids.

Two lists, not one of (date, id) pairs: a large store opens with both lists straight from its
manifest, with no million tuples to make (a tenth of a second and 60 MB at a million), and a
window of days is found by bisecting the dates alone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import itemgetter


class DateOrder:
    """(date, id) pairs kept in order; position `i` is `dates[i]`, `ids[i]`."""

    __slots__ = ("dates", "ids")

    def __init__(self, dates: list[str] | None = None, ids: list[str] | None = None) -> None:
        """From lists already in order (kept, not copied)."""
        self.dates: list[str] = dates if dates is not None else []
        self.ids: list[str] = ids if ids is not None else []

    def __len__(self) -> int:
        return len(self.ids)

    def _locate(self, day: str, key: str) -> int:
        """Where (day, key) is, or would go."""
        dates = self.dates
        low = bisect_left(dates, day)
        high = bisect_right(dates, day, low)
        return bisect_left(self.ids, key, low, high)

    def positions(self, pairs: Iterable[tuple[str, str]]) -> list[int]:
        """Where each (day, key) is (as `position`), each day's span found once."""
        dates, ids = self.dates, self.ids
        spans: dict[str, tuple[int, int]] = {}
        found = []
        for day, key in pairs:
            span = spans.get(day)
            if span is None:
                low = bisect_left(dates, day)
                span = spans[day] = (low, bisect_right(dates, day, low))
            position = bisect_left(ids, key, *span)
            if position >= span[1] or ids[position] != key:
                raise ValueError(f"not in the date order: {day} {key}")
            found.append(position)
        return found

    def insert(self, day: str, key: str) -> None:
        """Add one pair in its place."""
        position = self._locate(day, key)
        self.dates.insert(position, day)
        self.ids.insert(position, key)

    def remove(self, day: str, key: str) -> None:
        """Take one pair out (nothing if it is not there)."""
        position = self._locate(day, key)
        if position < len(self.ids) and self.ids[position] == key and self.dates[position] == day:
            del self.dates[position]
            del self.ids[position]

    def merge(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add many pairs (none already there): only the pairs from the first new one on are
        sorted again (new ones are mostly recent)."""
        new = list(pairs)
        if not new:
            return
        # (date, id) order in two stable sorts on one string each: half the time of
        # sorting the tuples themselves (tuple comparisons are slow).
        new.sort(key=itemgetter(1))
        new.sort(key=itemgetter(0))
        start = self._locate(*new[0])
        dates, ids = self.dates, self.ids
        if start < len(ids):
            new.extend(zip(dates[start:], ids[start:], strict=True))
            new.sort()  # two sorted runs: one merge
            del dates[start:], ids[start:]
        dates.extend(map(itemgetter(0), new))
        ids.extend(map(itemgetter(1), new))

    def from_day(self, day: str) -> int:
        """The position of the first pair dated `day` or later."""
        return bisect_left(self.dates, day)

    def after_day(self, day: str, low: int = 0, high: int | None = None) -> int:
        """The position of the first pair dated after `day` (searching `low:high`)."""
        return bisect_right(self.dates, day, low, len(self.dates) if high is None else high)

    def first_date(self) -> str | None:
        """The oldest date (None: empty)."""
        return self.dates[0] if self.dates else None
