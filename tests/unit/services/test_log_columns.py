"""The log's rows held as columns (`services/log_columns.py`): every field given back as it
went in, newest first from the store's (date, id) order, each distinct value held once."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from ssi_tui import gcpause
from ssi_tui.services.activity_log import LogRow
from ssi_tui.services.log_columns import LogColumns, TextColumn
from ssi_tui.store.date_order import DateOrder

DAY = date(2026, 11, 26)


def rows(count: int, seed: int = 5) -> list[LogRow]:
    rng = random.Random(seed)
    return [
        LogRow(
            f"{rng.getrandbits(64):016x}{number:016x}",
            DAY - timedelta(days=rng.randrange(30)),
            rng.choice(("comment", "post")),
            rng.choice(("brand", "engage")),
            rng.choice((None, "prospects")),
            rng.choice((None, "role", "tag")),
            rng.choice((0.0, 1.0, 2.5)),
            rng.random(),
            rng.choice((None, "Chloé Durand", "Bob")),
            rng.choice((None, "Contoso")),
            rng.choice((None, "CTO")),
            rng.choice(("linkedin", "off")),
            rng.choice(("", "Café  CHAT ✓", f"note {number}")),
            rng.random(),
            0.0,
        )
        for number in range(count)
    ]


def columns_of(made: list[LogRow]) -> LogColumns:
    order = DateOrder()
    order.merge((row.date.isoformat(), row.id) for row in made)

    def at(position: int) -> tuple[date, str]:
        return date.fromisoformat(order.dates[position]), order.ids[position]

    columns = LogColumns(
        lambda pairs: order.positions((day.isoformat(), key) for day, key in pairs), at
    )
    shuffled = made[:]
    random.Random(1).shuffle(shuffled)  # (a pass reads segments in no date order)
    for start in range(0, len(shuffled), 7):
        columns.extend(shuffled[start : start + 7])
    columns.finish()
    return columns


def test_rows_come_back_whole_and_newest_first() -> None:
    made = rows(200)
    columns = columns_of(made)
    newest = sorted(made, key=lambda row: (row.date, row.id), reverse=True)
    assert [columns.row(index) for index in columns.order] == newest


def test_each_distinct_value_is_held_once() -> None:
    columns = columns_of(rows(500))
    assert len(columns.values) == len(set(columns.values))
    assert len(columns.values) <= 20  # (the few names, kinds and audiences, not 500 rows of them)
    assert columns.code("Contoso") is not None and columns.code("Initech") is None


def test_a_coded_column_sorts_by_its_key_and_ties_keep_the_row_order() -> None:
    columns = columns_of(rows(300))
    key = columns.sort_key("contact", lambda value: (value or "").casefold())
    ordered = sorted(columns.order, key=key)
    shown = [columns.row(index).contact or "" for index in ordered]
    assert shown == sorted(shown, key=str.casefold)
    for name in {"", "Bob", "Chloé Durand"}:  # among equal names, still newest first
        same = [index for index in ordered if (columns.row(index).contact or "") == name]
        assert same == [index for index in columns.order if index in set(same)]


def test_texts_in_one_buffer() -> None:
    texts = TextColumn()
    for text in ("", "Café  CHAT ✓", "", "x" * 1000, "日本"):
        texts.add(text)
    assert [texts[index] for index in range(len(texts))] == [
        "", "Café  CHAT ✓", "", "x" * 1000, "日本"
    ]  # fmt: skip


def test_a_pair_not_in_the_date_order_has_no_position() -> None:
    order = DateOrder()
    order.merge([("2026-11-01", "a"), ("2026-11-02", "b")])
    assert order.positions([("2026-11-02", "b"), ("2026-11-01", "a")]) == [1, 0]
    for missing in (("2026-11-02", "a"), ("2026-11-03", "c"), ("2026-10-01", "a")):
        with pytest.raises(ValueError, match="not in the date order"):
            order.positions([missing])


def test_freed_memory_is_given_back_where_the_allocator_can(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gcpause.give_back_freed_memory()  # (glibc here: malloc_trim)
    monkeypatch.setattr(gcpause, "_malloc_trim", lambda: None)  # another C library
    gcpause.give_back_freed_memory()
