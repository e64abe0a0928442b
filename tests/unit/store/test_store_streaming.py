"""A large import is written while its documents are still being made (`segments.write_stream`):
cut into segments as `partition` cuts the whole, never holding more than two segments' worth of
documents, and read back (and indexed, without reading back what it wrote) exactly as a batch."""

from __future__ import annotations

import errno
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

import orjson
import pytest

from ssi_tui.store import Store, files, manifest, segments
from ssi_tui.store.errors import NotFoundError, StoreWriteError
from ssi_tui.store.integrity import unseal

from .test_store_partition import activity_doc, contact_doc


def clock() -> datetime:
    return datetime(2026, 11, 26, 12, 0, 0)


def in_order(count: int, first: date = date(2022, 1, 1), days: int = 730) -> list[dict[str, Any]]:
    """`count` activities over `days` days, oldest first (as an import makes them)."""
    return sorted(
        (
            activity_doc(number, first + timedelta(days=(number * 7919) % days))
            for number in range(count)
        ),
        key=lambda doc: doc["date"],
    )


def written_segments(history: Path, written: list[segments.Written]) -> list[tuple[Any, Any]]:
    found = []
    for part in written:
        body, _ = unseal((history / part.name).read_bytes())
        segment = orjson.loads(body)
        found.append((segment["activities"], segment["contacts"]))
    return found


def test_a_stream_in_date_order_is_cut_as_partition_cuts_the_whole(tmp_path: Path) -> None:
    docs, contacts = in_order(5000), [contact_doc(n) for n in range(10)]
    written = segments.write_stream(tmp_path, clock, iter(docs), contacts, minimum=300)
    expected = segments.partition(docs, contacts, 300)
    assert written_segments(tmp_path, written) == expected
    for part, (activities, part_contacts) in zip(written, expected, strict=True):
        assert part.ids == [doc["id"] for doc in activities]
        assert part.dates == [doc["date"] for doc in activities]
        assert part.contacts == [doc["id"] for doc in part_contacts]


class Counted(dict[str, Any]):
    """A document that counts how many of its kind are alive."""

    alive: ClassVar[int] = 0
    most: ClassVar[int] = 0

    def __init__(self, doc: dict[str, Any]) -> None:
        super().__init__(doc)
        Counted.alive += 1
        Counted.most = max(Counted.most, Counted.alive)

    def __del__(self) -> None:
        Counted.alive -= 1


def test_a_stream_never_holds_more_than_two_segments_of_documents(tmp_path: Path) -> None:
    docs = in_order(6000)
    tens: dict[str, int] = {}
    for doc in docs:
        tens[doc["date"][:9]] = tens.get(doc["date"][:9], 0) + 1
    minimum = 300

    def made() -> Iterator[dict[str, Any]]:
        for doc in docs:
            yield Counted(doc)

    Counted.alive = Counted.most = 0
    written = segments.write_stream(tmp_path, clock, made(), [], minimum=minimum)
    assert Counted.alive == 0
    # A segment holds `minimum` and what is left of its last ten days: two of them at most.
    assert 0 < Counted.most <= 2 * (minimum + max(tens.values())) + 1
    assert sum(len(part.ids) for part in written) == 6000


def test_a_stream_out_of_order_writes_every_document_once(tmp_path: Path) -> None:
    docs = in_order(4000)
    rest = docs[1500:]
    random.Random(3).shuffle(rest)
    docs[1500:] = rest
    written = segments.write_stream(tmp_path, clock, iter(docs), [contact_doc(1)], minimum=200)
    stored = [doc for activities, _ in written_segments(tmp_path, written) for doc in activities]
    assert sorted(doc["id"] for doc in stored) == sorted(doc["id"] for doc in docs)
    for part in written:
        assert len(part.ids) == len(set(part.ids))
    # The part in order was cut as it came: those segments span whole tens of days, in order.
    ordered = [
        part for part in written[1:] if part.ids and part.ids[0] in {d["id"] for d in docs[:600]}
    ]
    assert ordered and all(part.dates == sorted(part.dates) for part in ordered)


def test_a_stream_that_fails_leaves_no_segment(tmp_path: Path) -> None:
    docs = in_order(3000)

    def failing() -> Iterator[dict[str, Any]]:
        yield from docs[:2000]
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        segments.write_stream(tmp_path, clock, failing(), [contact_doc(1)], minimum=200)
    assert list(tmp_path.glob("seg-*")) == []


def test_new_segments_names_are_synced_once_before_they_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[tuple[Path, int]] = []
    real = files.fsync_dir
    monkeypatch.setattr(
        files,
        "fsync_dir",
        lambda path: (synced.append((path, len(list(path.glob("seg-*"))))), real(path)),
    )
    written = segments.write_stream(tmp_path, clock, iter(in_order(3000)), [], minimum=200)
    assert len(written) > 3 and synced == [(tmp_path, len(written))]  # once, after them all
    synced.clear()
    batch = segments.write_batch(tmp_path / "batch", clock, in_order(3000), [contact_doc(1)])
    assert synced[-1] == (tmp_path / "batch", len(batch))


def test_new_segments_whose_names_cannot_be_synced_are_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(path: Path) -> None:
        raise OSError(errno.EIO, "input/output error")

    monkeypatch.setattr(files, "fsync_dir", failing)
    with pytest.raises(StoreWriteError):
        segments.write_stream(tmp_path, clock, iter(in_order(3000)), [], minimum=200)
    assert list(tmp_path.glob("seg-*")) == []


@pytest.fixture
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every history counts as large; an import of 600 activities or more is streamed."""
    monkeypatch.setattr(manifest, "LAZY_BYTES", 0)
    monkeypatch.setattr(segments, "PARTITION_MIN", 300)


def test_a_streamed_import_answers_at_once_and_after_reopening(
    tmp_path: Path, small_segments: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs, contacts = in_order(4000), [contact_doc(n) for n in range(40)]
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        read: list[str] = []
        original = segments.read_segments

        def spy(history_dir: Path, names: list[str], checksums: Any = None) -> Any:
            read.extend(names)
            return original(history_dir, names, checksums)

        monkeypatch.setattr(segments, "read_segments", spy)
        store.save_import(iter(docs), contacts)
        assert read == []  # what it wrote is not read back: the manifest and contacts are held
        monkeypatch.undo()
        assert store.indexes.activities._shelf is not None  # indexed through its manifest
        assert store.activities.count() == 4000
        assert len(store.contacts.all()) == 40
        now = sorted(a.model_dump(mode="json")["id"] for a in store.activities.all())
        window = store.activities.records_between(date(2023, 3, 1), date(2023, 3, 31))
    with Store.open(data_dir, read_only=True) as store:
        assert sorted(a.id for a in store.activities.all()) == now == sorted(d["id"] for d in docs)
        again = store.activities.records_between(date(2023, 3, 1), date(2023, 3, 31))
        assert [(r.id, r.date) for r in again] == [(r.id, r.date) for r in window]
        assert sorted(c.id for c in store.contacts.all()) == [c["id"] for c in contacts]


def test_a_streamed_import_revives_a_deleted_import_and_replaces_hot_copies(
    tmp_path: Path, small_segments: None
) -> None:
    docs = [dict(doc, external_id=f"x{index}") for index, doc in enumerate(in_order(1000))]
    with Store.open(tmp_path / "data") as store:
        store.save_import(iter(docs), [])
        store.delete_activity(docs[5]["id"])
        with pytest.raises(NotFoundError):
            store.activities.get(docs[5]["id"])
        assert store._tombstones()["imports"] == ["x5"]
        store.save_activity_docs([dict(docs[7], note="edited by hand")])  # a hot copy
        again = [dict(doc, note="again") for doc in docs]
        store.save_import(iter(again), [])
        assert store._tombstones() == {"activities": [], "contacts": [], "imports": []}
        assert store.table_data("activities") == {}
        assert store.activities.get(docs[5]["id"]).note == "again"
        assert store.activities.get(docs[7]["id"]).note == "again"
    with Store.open(tmp_path / "data", read_only=True) as store:
        assert store.activities.count() == 1000
        assert {a.note for a in store.activities.all()} == {"again"}


@pytest.mark.parametrize("shape", ["in order", "shuffled", "an id twice", "same day, ids down"])
def test_the_manifest_of_new_segments_is_the_same_sorted_or_taken_as_it_comes(
    monkeypatch: pytest.MonkeyPatch, shape: str
) -> None:
    docs = in_order(3000)
    if shape == "shuffled":
        random.Random(5).shuffle(docs)
    elif shape == "an id twice":
        docs.append(dict(docs[10], date="2023-12-31"))
    elif shape == "same day, ids down":
        docs[0], docs[1] = dict(docs[1], date=docs[0]["date"]), docs[0]
    parts = [docs[:1000], docs[1000:2000], docs[2000:]]
    written = [
        segments.written_from(f"seg-{index}.json", "x", part, [])
        for index, part in enumerate(parts)
    ]
    old = manifest.Manifest([], [])
    taken = manifest.extend(old, written)
    with monkeypatch.context() as patch:
        patch.setattr(manifest, "_in_order", lambda written, base: None)
        sorted_ = manifest.extend(old, written)
    assert taken == sorted_
    assert (manifest._in_order(written, 0) is not None) == (shape == "in order")
    assert list(zip(taken.dates, taken.ids, strict=True)) == sorted(
        zip(taken.dates, taken.ids, strict=True)
    )


@pytest.mark.parametrize("manifest_file", ["missing", "damaged"])
def test_a_streamed_import_over_a_history_whose_manifest_is_gone_or_damaged(
    tmp_path: Path, small_segments: None, manifest_file: str
) -> None:
    data_dir = tmp_path / "data"
    first, contacts = in_order(1500), [contact_doc(n) for n in range(20)]
    later = [
        dict(doc, id=f"b{doc['id']}", date=doc["date"].replace("2022", "2024")) for doc in first
    ]
    with Store.open(data_dir) as store:
        store.save_import(iter(first), contacts)
    path = data_dir / "cache" / manifest.MANIFEST_FILE
    if manifest_file == "missing":
        path.unlink()
    else:
        path.write_bytes(path.read_bytes()[:-40])
    with Store.open(data_dir) as store:  # (read whole: the manifest is not trusted, made again)
        path.unlink(missing_ok=True)  # and gone again before the import's own save
        store.save_import(iter(later), [])
        assert store.activities.count() == 3000
        assert len(store.contacts.all()) == 20
        answered = sorted(a.id for a in store.activities.all())
    assert answered == sorted(doc["id"] for doc in [*first, *later])
    with Store.open(data_dir, read_only=True) as store:
        assert sorted(a.id for a in store.activities.all()) == answered
        assert len(store.contacts.all()) == 20
