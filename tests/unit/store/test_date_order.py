"""The (date, id) order of the activity index, against a plain sorted list of pairs."""

from __future__ import annotations

import random

from ssi_tui.store.date_order import DateOrder


def day(rng: random.Random) -> str:
    return f"2026-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"


def pairs_of(order: DateOrder) -> list[tuple[str, str]]:
    assert len(order.dates) == len(order.ids) == len(order)
    return list(zip(order.dates, order.ids, strict=True))


def test_inserts_removes_and_merges_keep_the_order_of_the_pairs() -> None:
    rng = random.Random(5)
    reference: list[tuple[str, str]] = []
    order = DateOrder()
    serial = 0
    for _ in range(400):
        choice = rng.random()
        if choice < 0.4:
            serial += 1
            pair = (day(rng), f"a{rng.randrange(10**6):06d}-{serial}")
            order.insert(*pair)
            reference.append(pair)
        elif choice < 0.7 and reference:
            pair = reference.pop(rng.randrange(len(reference)))
            order.remove(*pair)
        elif choice < 0.8:
            order.remove(day(rng), "not-there")  # nothing happens
        else:
            batch = []
            for _ in range(rng.randint(0, 30)):
                serial += 1
                batch.append((day(rng), f"b{rng.randrange(10**6):06d}-{serial}"))
            order.merge(batch)
            reference.extend(batch)
        reference.sort()
        assert pairs_of(order) == reference
    some = "2026-02-10"
    assert order.from_day(some) == sum(1 for d, _ in reference if d < some)
    assert order.after_day(some) == sum(1 for d, _ in reference if d <= some)
    assert order.first_date() == reference[0][0]


def test_a_merge_sorts_pairs_given_in_any_order_and_an_empty_one_has_no_first_date() -> None:
    pairs = [("2026-01-02", "b"), ("2026-01-01", "z"), ("2026-01-02", "a")]
    order = DateOrder()
    order.merge(pairs)
    assert pairs_of(order) == sorted(pairs)
    assert DateOrder().first_date() is None
    assert DateOrder().after_day("2026-01-01") == 0
