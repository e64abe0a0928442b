"""A large history opens through its manifest (cache/manifest.json): the activities' segments
are read the first time one of their documents is asked for, and everything reads exactly as
when every segment is read at open. A missing, stale or damaged manifest is never trusted."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.store import (
    Store,
    StoreCorruptError,
    StoreWriteError,
    manifest,
    repository,
    segments,
    shelf,
)
from ssi_tui.store.integrity import seal, unseal

FIRST = date(2023, 1, 1)
MANIFEST = Path("cache") / manifest.MANIFEST_FILE


@pytest.fixture(autouse=True)
def lazy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every history counts as large; a write of 120 activities or more goes by month."""
    monkeypatch.setattr(manifest, "LAZY_BYTES", 0)
    monkeypatch.setattr(segments, "PARTITION_MIN", 60)


@dataclass
class Reads:
    """The segments read, by name, in order."""

    names: list[str]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Reads]:
    seen = Reads([])
    original = segments.read_segments

    def spy(history_dir: Path, names: list[str], checksums: Any = None) -> Any:
        seen.names.extend(names)
        return original(history_dir, names, checksums)

    monkeypatch.setattr(segments, "read_segments", spy)
    yield seen


def activity(number: int, day: date, **fields: Any) -> Activity:
    return Activity(kind="comment", date=day, note=f"n{number}", **fields)


def spread(count: int, days: int = 700, seed: int = 1) -> list[Activity]:
    rng = random.Random(seed)
    return [
        activity(number, FIRST + timedelta(days=rng.randrange(days)), external_id=f"x{number}")
        for number in range(count)
    ]


def listed(data_dir: Path) -> list[str]:
    body, _ = unseal((data_dir / "store.json").read_bytes())
    return list(orjson.loads(body)["meta"]["1"]["segments"])


def seed_store(data_dir: Path, count: int = 1500) -> list[Activity]:
    items = spread(count)
    with Store.open(data_dir) as store:
        store.save_import(items, [])
    return items


def snapshot(store: Store) -> dict[str, Any]:
    """Everything the activity index answers, as plain data."""
    activities = store.activities
    # A window first (its segments read alone), then everything.
    window = activities.records_between(date(2024, 3, 1), date(2024, 5, 31))
    later = activities.records_between(date(2024, 9, 1), date(2024, 12, 31))
    return {
        "later": [(r.id, r.date) for r in later],
        "all": [a.model_dump(mode="json") for a in activities.all()],
        "count": activities.count(),
        "first": activities.first_date(),
        "until": activities.count_until(date(2024, 1, 15)),
        "window": [(r.id, r.date) for r in window],
        "externals": sorted(activities.external_ids()),
    }


def whole(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What a store reading every segment at open answers."""
    with monkeypatch.context() as patch:
        patch.setattr(manifest, "LAZY_BYTES", 1 << 62)
        with Store.open(data_dir, read_only=True) as store:
            assert store.indexes.activities._shelf is None
            return snapshot(store)


def lazily(data_dir: Path) -> dict[str, Any]:
    with Store.open(data_dir, read_only=True) as store:
        assert store.indexes.activities._shelf is not None, "opened whole"
        return snapshot(store)


def test_a_large_history_opens_reading_no_activity_segment(tmp_path: Path, reads: Reads) -> None:
    data_dir = tmp_path / "data"
    items = seed_store(data_dir)
    names = listed(data_dir)
    assert len(names) > 5 and (data_dir / MANIFEST).is_file()
    reads.names.clear()
    with Store.open(data_dir, read_only=True) as store:
        assert reads.names == []
        assert store.activities.count() == len(items)
        assert store.activities.first_date() == min(item.date for item in items)
        window = store.activities.records_between(date(2024, 3, 1), date(2024, 3, 31))
        assert 0 < len(reads.names) <= 2  # the segments holding March 2024, not the others
        expected = sorted(i.id for i in items if date(2024, 3, 1) <= i.date <= date(2024, 3, 31))
        assert sorted(record.id for record in window) == expected
        one = items[7]
        assert store.activities.get(one.id) == one  # read from its segment on demand


def test_it_answers_exactly_as_a_history_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    assert lazily(data_dir) == whole(data_dir, monkeypatch)


@pytest.mark.parametrize("scans", [0, 16], ids=["map", "scans"])
def test_edits_deletes_and_compactions_read_the_same_lazily_and_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scans: int
) -> None:
    """Random edits (dates moved across months, so an activity's older copy stays in another
    segment), deletes, re-adds and compactions: each reopening answers as a whole read (the
    unread ones found through the map of every id, or by passes over the ids)."""
    monkeypatch.setattr(repository, "HOT_LIMIT", 40)
    monkeypatch.setattr(shelf, "SCANS_BEFORE_MAP", scans)
    data_dir = tmp_path / "data"
    items = seed_store(data_dir, 1200)
    rng = random.Random(7)
    deleted: list[Activity] = []
    for round_number in range(12):
        with Store.open(data_dir) as store:
            for _ in range(15):
                choice = rng.random()
                if choice < 0.45:
                    item = rng.choice(items)
                    moved = item.model_copy(
                        update={"date": FIRST + timedelta(days=rng.randrange(700))}
                    )
                    store.activities.update(moved)
                    items[items.index(item)] = moved
                elif choice < 0.7 and len(items) > 10:
                    item = items.pop(rng.randrange(len(items)))
                    store.activities.delete(item.id)
                    deleted.append(item)
                elif choice < 0.85 and deleted:
                    store.activities.restore(deleted.pop())
                else:
                    store.activities.add(activity(10_000 + round_number, FIRST))
            if round_number % 4 == 3:
                store.compact()
        assert (
            listed(data_dir)
            == manifest.read(data_dir, listed(data_dir), checksums(data_dir)).segments
        )  # type: ignore[union-attr]  # kept up to date by the writer
        assert lazily(data_dir) == whole(data_dir, monkeypatch), f"round {round_number}"


def checksums(data_dir: Path) -> dict[str, str]:
    body, _ = unseal((data_dir / "store.json").read_bytes())
    return dict(orjson.loads(body)["meta"]["1"]["checksums"])


def rewrite_manifest(change: Any) -> Any:
    def apply(path: Path) -> None:
        body, _ = unseal(path.read_bytes())
        document = orjson.loads(body)
        change(document)
        path.write_bytes(seal(orjson.dumps(document))[0])

    return apply


def flip_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x20
    path.write_bytes(bytes(raw))


DAMAGES = {
    "flipped-byte": flip_byte,
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:-40]),
    "not-json": lambda path: path.write_bytes(b"not json"),
    "empty": lambda path: path.write_bytes(b""),
    "other-version": rewrite_manifest(lambda doc: doc.update(version=99)),
    "other-format": rewrite_manifest(lambda doc: doc.update(format="other")),
    "other-segments": rewrite_manifest(lambda doc: doc["segments"].pop()),
    "other-checksum": rewrite_manifest(lambda doc: doc["checksums"].reverse()),
    "rank-out-of-range": rewrite_manifest(lambda doc: doc["ranks"][0].__setitem__(0, 999)),
    "negative-rank": rewrite_manifest(lambda doc: doc["ranks"][0].__setitem__(0, -1)),
    "fewer-ranks": rewrite_manifest(lambda doc: doc["ranks"][-1].__setitem__(1, 0)),
    "ranks-not-runs": rewrite_manifest(lambda doc: doc.update(ranks=[0] * len(doc["ids"]))),
    "ranks-split-run": rewrite_manifest(lambda doc: doc["ranks"].insert(0, list(doc["ranks"][0]))),
    "days-repeated": rewrite_manifest(lambda doc: doc["days"].insert(0, list(doc["days"][0]))),
    "days-miscounted": rewrite_manifest(lambda doc: doc["days"][0].__setitem__(1, 10**6)),
    "days-unsorted": rewrite_manifest(lambda doc: doc["days"].reverse()),
    "id-not-a-string": rewrite_manifest(lambda doc: doc["ids"].__setitem__(0, 5)),
    "contacts-not-a-list": rewrite_manifest(lambda doc: doc.update(contacts="all")),
    "no-spans": rewrite_manifest(lambda doc: doc.pop("spans")),
    "span-reversed": rewrite_manifest(lambda doc: doc["spans"][-1].reverse()),
    "spans-short": rewrite_manifest(lambda doc: doc["spans"].pop()),
    "shadowed-rank-out-of-range": rewrite_manifest(lambda doc: doc["shadowed"].append([999, "a"])),
    "shadowed-not-pairs": rewrite_manifest(lambda doc: doc["shadowed"].append("a")),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_or_stale_manifest_is_ignored_and_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads, damage: str
) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    expected = whole(data_dir, monkeypatch)
    DAMAGES[damage](data_dir / MANIFEST)
    damaged = (data_dir / MANIFEST).read_bytes()
    reads.names.clear()
    with Store.open(data_dir, read_only=True) as store:
        assert sorted(reads.names) == sorted(listed(data_dir))  # every segment read
        assert snapshot(store) == expected
    assert (data_dir / MANIFEST).read_bytes() == damaged  # a reader never writes it
    Store.open(data_dir).close()  # the writer makes it again
    assert lazily(data_dir) == expected


def test_a_session_s_first_saves_map_no_id_and_read_no_segment(
    tmp_path: Path, reads: Reads
) -> None:
    """A save looks for an older copy of the activity among the unread ones: a set of their ids
    answers for a new one; the segment of one that is there is found by passes over the ids,
    then (looked for often) through a map of every id (0.6-0.9 s and 60 MB at a million)."""
    data_dir = tmp_path / "data"
    items = seed_store(data_dir)
    with Store.open(data_dir) as store:
        found = store.indexes.activities._shelf
        assert found is not None
        reads.names.clear()
        for number in range(shelf.SCANS_BEFORE_MAP):
            store.activities.add(activity(20_000 + number, FIRST))
        assert found._where is None and reads.names == []
        moved = items[3].model_copy(update={"date": FIRST})
        store.activities.update(moved)  # an unread one: its segment is read
        assert found._where is None and len(reads.names) == 1
        assert store.activities.get(moved.id) == moved
        assert store.activities.count() == len(items) + shelf.SCANS_BEFORE_MAP
        unread = [item for item in items if found.rank(item.id) is not None]
        for item in unread[: shelf.SCANS_BEFORE_MAP]:
            assert found.rank(item.id) is not None
        assert found._where is not None  # looked for often: mapped


def test_a_damaged_shelved_segment_is_refused_when_first_read(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    items = seed_store(data_dir)
    store_file = (data_dir / "store.json").read_bytes()
    with Store.open(data_dir) as store:
        first = store.activities.first_date()
        assert first is not None
        holder = next(
            name
            for name in listed(data_dir)
            if (data_dir / "history" / name).read_bytes().find(first.isoformat().encode()) > 0
        )
        flip_byte(data_dir / "history" / holder)
        with pytest.raises(StoreCorruptError) as caught:
            store.activities.records_between(first, first + timedelta(days=3))
        assert holder in str(caught.value) and "Nothing has been changed" in str(caught.value)
        assert store.activities.count() == len(items)
    assert (data_dir / "store.json").read_bytes() == store_file


def test_a_small_history_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: Reads
) -> None:
    monkeypatch.setattr(manifest, "LAZY_BYTES", 1 << 30)
    data_dir = tmp_path / "data"
    seed_store(data_dir, 300)
    assert not (data_dir / MANIFEST).exists()
    reads.names.clear()
    with Store.open(data_dir) as store:
        assert sorted(reads.names) == sorted(listed(data_dir))
        assert store.indexes.activities._shelf is None


@pytest.mark.parametrize("damage", ["missing", "symlink-out"])
def test_a_missing_or_foreign_segment_is_refused_at_open_all_the_same(
    tmp_path: Path, damage: str
) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    path = data_dir / "history" / listed(data_dir)[-1]
    if damage == "missing":
        path.unlink()
    else:
        outside = tmp_path / "elsewhere.json"
        outside.write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(outside)
    store_file = (data_dir / "store.json").read_bytes()
    with pytest.raises(StoreCorruptError) as caught:
        Store.open(data_dir)
    assert path.name in str(caught.value)
    assert (data_dir / "store.json").read_bytes() == store_file


def test_the_history_not_read_yet_is_checked_without_reading_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    with Store.open(data_dir, read_only=True) as store:
        unread = store.indexes.activities.unread_segments()
        assert len(unread) == len(listed(data_dir))
        store.check_history()  # whole: no error
        assert store.indexes.activities.unread_segments() == unread  # and none read
        flip_byte(data_dir / "history" / unread[3])
        with pytest.raises(StoreCorruptError) as caught:
            store.check_history()
        assert unread[3] in str(caught.value) and "restore --repair" in str(caught.value)
        with pytest.raises(StoreCorruptError):  # the same damage, when it is read
            store.activities.all()


def test_a_history_read_whole_has_nothing_left_to_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    monkeypatch.setattr(manifest, "LAZY_BYTES", 1 << 62)
    with Store.open(data_dir, read_only=True) as store:
        assert store.indexes.activities.unread_segments() == []
        store.check_history()


def test_a_backup_checks_the_history_by_checksum_without_parsing_it(
    tmp_path: Path, reads: Reads
) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    with Store.open(data_dir) as store:
        reads.names.clear()
        backup = store.backup("manual")
        assert backup is not None
        assert reads.names == []  # checked against the checksums only
        assert sorted(p.name for p in (backup.path / "history").iterdir()) == sorted(
            listed(data_dir)
        )
        flip_byte(data_dir / "history" / listed(data_dir)[2])
        with pytest.raises(StoreWriteError, match="the backup was not taken"):
            store.backup("manual")


def test_segments_checked_at_once_name_the_first_damaged_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir)
    names = listed(data_dir)
    for name in (names[4], names[1]):
        flip_byte(data_dir / "history" / name)
    with pytest.raises(StoreCorruptError) as raised:
        segments.check_sealed(data_dir / "history", names, checksums(data_dir))
    assert names[1] in str(raised.value) and names[4] not in str(raised.value)
    segments.check_sealed(data_dir / "history", names[5:], checksums(data_dir))  # the others
