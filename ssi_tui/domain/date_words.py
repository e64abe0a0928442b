"""What the English and French date readers share: names cut short, the last weekday, the
latest past day of a month."""

from __future__ import annotations

from datetime import date, timedelta


def named(word: str, names: tuple[str, ...]) -> int | None:
    """The index of the name `word` is, or starts (3 letters at least): `fri`, `sept`, `déc`."""
    if len(word) < 3:
        return None
    found = [index for index, name in enumerate(names) if name.startswith(word)]
    return found[0] if len(found) == 1 else None


def last_weekday(index: int, today: date, *, before_today: bool) -> date:
    """The last day with this weekday (0 is Monday): today included, unless `before_today`
    ("last friday" on a Friday is a week ago)."""
    back = (today.weekday() - index) % 7
    if before_today and back == 0:
        back = 7
    return today - timedelta(days=back)


def latest_past(month: int, day: int, today: date) -> date | None:
    """This year's `day` of `month` (1-12), or last year's when this year's is still to come;
    ValueError when there is no such day."""
    for year in (today.year, today.year - 1):
        candidate = date(year, month, day)
        if candidate <= today:
            return candidate
    return None
