"""A large write is split into segments by date (contacts alone, activities by tens of days), so
a store can later read only the segments a window of days needs; a small one stays whole."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

from ssi_tui.store import Store
from ssi_tui.store.integrity import unseal
from ssi_tui.store.segments import partition


def activity_doc(number: int, day: date, note: str = "") -> dict[str, Any]:
    return {
        "id": f"a{number:06d}",
        "kind": "comment",
        "date": day.isoformat(),
        "audience": None,
        "contact": None,
        "company": None,
        "title": None,
        "personalised": False,
        "relevance": 3,
        "channel": "linkedin",
        "note": note,
        "topics": [],
        "source": "manual",
        "plan_id": None,
        "occurrence": None,
        "external_id": None,
    }


def contact_doc(number: int) -> dict[str, Any]:
    return {
        "id": f"c{number:05d}",
        "name": f"Contact {number}",
        "company": None,
        "title": None,
        "audience": None,
        "profile_url": None,
        "connected_on": None,
        "cadence_days": None,
        "emails": [],
        "source": "manual",
    }


def spread(count: int, first: date = date(2022, 1, 1), days: int = 730) -> list[dict[str, Any]]:
    """`count` activities spread over `days` days, not in date order."""
    return [
        activity_doc(number, first + timedelta(days=(number * 7919) % days))
        for number in range(count)
    ]


def test_a_small_write_stays_one_segment() -> None:
    docs, contacts = spread(100), [contact_doc(1)]
    assert partition(docs, contacts, minimum=64) == [(docs, contacts)]


def test_a_large_write_goes_by_tens_of_days_with_contacts_alone() -> None:
    docs, contacts = spread(5000), [contact_doc(n) for n in range(10)]
    parts = partition(docs, contacts, minimum=300)
    assert parts[0] == ([], contacts)
    months = []
    for activities, part_contacts in parts[1:]:
        assert part_contacts == []
        assert len(activities) >= 300
        months.append(sorted({doc["date"][:9] for doc in activities}))
    # Whole tens of days, each in one segment, in order: no two segments share one.
    flat = [month for group in months for month in group]
    assert flat == sorted(set(flat))
    assert sorted(doc["id"] for part, _ in parts for doc in part) == sorted(d["id"] for d in docs)


def test_an_id_written_twice_is_kept_once_as_its_last_copy() -> None:
    docs = spread(1000)
    moved = dict(docs[0], date="2023-12-31", note="later copy")
    parts = partition([*docs, moved], [], minimum=100)
    kept = [doc for activities, _ in parts for doc in activities if doc["id"] == moved["id"]]
    assert kept == [moved]


def test_a_large_import_is_stored_by_tens_of_days_and_reads_back_the_same(tmp_path: Path) -> None:
    docs, contacts = spread(12_000), [contact_doc(n) for n in range(50)]
    with Store.open(tmp_path / "data") as store:
        store.save_import(docs, [])
        store.save_bulk([], contacts)
        names = list(store.table_data("meta")["1"]["segments"])
    assert len(names) >= 2
    spans = []
    for name in names:
        body, _ = unseal((tmp_path / "data" / "history" / name).read_bytes())
        segment = orjson.loads(body)
        if segment["activities"]:
            spans.append(sorted({doc["date"][:9] for doc in segment["activities"]}))
    flat = [days for group in spans for days in group]
    assert flat == sorted(set(flat))  # no ten days in two segments
    with Store.open(tmp_path / "data", read_only=True) as store:
        stored = [activity.model_dump(mode="json") for activity in store.activities.all()]
        assert len(store.contacts.all()) == 50
    assert sorted(stored, key=lambda doc: doc["id"]) == sorted(docs, key=lambda doc: doc["id"])
