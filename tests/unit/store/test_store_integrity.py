"""Checksums and confined names: damage that still parses is refused, never a silent loss; a
store from before checksums gains them (backed up first); names cannot reach outside."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.store import Store, StoreCorruptError
from ssi_tui.store.integrity import ChecksumError, seal, unseal
from ssi_tui.store.repository import BULK_THRESHOLD

from .conftest import CliResult, write_sealed


def store_with_segment(data_dir: Path, make_activity: Callable[..., Activity]) -> list[Activity]:
    """A store with one history segment and one hot activity."""
    bulk = [make_activity() for _ in range(BULK_THRESHOLD + 1)]
    with Store.open(data_dir) as store:
        store.activities.add_many(bulk)
        store.activities.add(make_activity(note="hot"))
    return bulk


def segment_path(data_dir: Path) -> Path:
    (path,) = (data_dir / "history").glob("seg-*.json")
    return path


def test_seal_and_unseal_round_trip_and_any_changed_byte_shows() -> None:
    body = orjson.dumps({"a": [1, 2, 3], "note": "é"})
    sealed, checksum = seal(body)
    assert orjson.loads(sealed)["checksum"] == checksum
    assert unseal(sealed) == (body, checksum)
    assert unseal(seal(b"{}")[0])[0] == b"{}"
    assert unseal(body) == (body, None)  # unsealed: from before checksums
    for position in (len(sealed) // 2, len(sealed) - 3):
        damaged = bytearray(sealed)
        damaged[position] ^= 0x01
        with pytest.raises(ChecksumError):
            unseal(bytes(damaged))


def test_bytes_overwritten_inside_a_segment_are_refused_not_dropped(
    data_dir: Path, make_activity: Callable[..., Activity], cli: Callable[..., CliResult]
) -> None:
    """The damage the issue found: 64 bytes inside a segment that still parse (one activity's
    note changed), every command exiting 0. Now the store is refused, naming the file."""
    store_with_segment(data_dir, make_activity)
    path = segment_path(data_dir)
    raw = bytearray(path.read_bytes())
    start = raw.index(b'"note":"note ') + len(b'"note":"')
    raw[start : start + 6] = b"XXXXXX"  # still valid JSON, still a valid activity
    path.write_bytes(bytes(raw))
    orjson.loads(bytes(raw))  # the damage parses
    with pytest.raises(StoreCorruptError, match="does not match its checksum"):
        Store.open(data_dir)
    with pytest.raises(StoreCorruptError, match=str(path.name)):
        Store.open(data_dir, read_only=True)
    result = cli("score", "--data-dir", str(data_dir))
    assert result.code == 3 and path.name in result.stderr
    assert "ssi-tui restore" in result.stderr and "Traceback" not in result.stderr


def test_a_changed_byte_in_store_json_is_refused(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    store_with_segment(data_dir, make_activity)
    path = data_dir / "store.json"
    raw = path.read_bytes().replace(b'"note":"hot"', b'"note":"hog"')
    path.write_bytes(raw)
    with pytest.raises(StoreCorruptError, match="does not match its checksum"):
        Store.open(data_dir)
    assert path.read_bytes() == raw  # a refused store is left as it is


def test_a_store_json_that_lost_its_checksum_is_refused(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    store_with_segment(data_dir, make_activity)
    path = data_dir / "store.json"
    body, _ = unseal(path.read_bytes())
    path.write_bytes(body)
    with pytest.raises(StoreCorruptError, match="lost its checksum"):
        Store.open(data_dir)


def test_a_segment_swapped_for_another_sealed_one_is_refused(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    """A segment must be the one store.json lists, not just any well-sealed file."""
    store_with_segment(data_dir, make_activity)
    path = segment_path(data_dir)
    segment = orjson.loads(unseal(path.read_bytes())[0])
    segment["activities"] = segment["activities"][:-1]  # one activity fewer, sealed anew
    write_sealed(path, segment)
    with pytest.raises(StoreCorruptError, match="checksum differs"):
        Store.open(data_dir)


def make_v2(data_dir: Path) -> dict[str, bytes]:
    """Turn a store into one written before checksums (schema 2, nothing sealed); returns the
    files' bytes."""
    path = data_dir / "store.json"
    data = orjson.loads(unseal(path.read_bytes())[0])
    data["meta"]["1"]["schema_version"] = 2
    del data["meta"]["1"]["checksums"]
    path.write_bytes(orjson.dumps(data))
    segment = segment_path(data_dir)
    segment.write_bytes(unseal(segment.read_bytes())[0])
    return {"store.json": path.read_bytes(), segment.name: segment.read_bytes()}


def test_a_store_from_before_checksums_is_backed_up_then_sealed(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    bulk = store_with_segment(data_dir, make_activity)
    original = make_v2(data_dir)
    with Store.open(data_dir, read_only=True) as store:  # a reader reads it as it is
        assert store.activities.count() == len(bulk) + 1
    assert (data_dir / "store.json").read_bytes() == original["store.json"]
    with Store.open(data_dir) as store:  # the first writer migrates it
        (backup,) = [item for item in store.backups() if item.reason == "pre-migration-v2"]
        assert (backup.path / "store.json").read_bytes() == original["store.json"]
        segment = segment_path(data_dir)
        assert (backup.path / "history" / segment.name).read_bytes() == original[segment.name]
        assert store.activities.count() == len(bulk) + 1
    body, checksum = unseal(segment.read_bytes())
    assert checksum is not None and body == original[segment.name]  # content unchanged
    meta = orjson.loads(unseal((data_dir / "store.json").read_bytes())[0])["meta"]["1"]
    assert meta["schema_version"] == 3 and meta["checksums"] == {segment.name: checksum}
    with Store.open(data_dir) as store:
        assert store.activities.count() == len(bulk) + 1


@pytest.mark.parametrize("name", ["../../outside.json", "/etc/passwd", "seg-1.json", 7])
def test_segment_names_outside_the_pattern_are_a_damaged_store(
    data_dir: Path, make_activity: Callable[..., Activity], tmp_path: Path, name: object
) -> None:
    store_with_segment(data_dir, make_activity)
    outside = tmp_path / "outside.json"
    outside.write_bytes(segment_path(data_dir).read_bytes())  # a good segment, elsewhere
    path = data_dir / "store.json"
    data = orjson.loads(unseal(path.read_bytes())[0])
    data["meta"]["1"]["segments"].append(name)
    write_sealed(path, data)
    with pytest.raises(StoreCorruptError, match="not a history segment"):
        Store.open(data_dir)
    assert not any(
        entry.name == "outside.json" for entry in (data_dir / "backups").rglob("*")
    )  # nothing outside was read nor copied


def test_a_segment_that_is_a_symlink_out_of_the_data_dir_is_refused(
    data_dir: Path, make_activity: Callable[..., Activity], tmp_path: Path
) -> None:
    store_with_segment(data_dir, make_activity)
    segment = segment_path(data_dir)
    outside = tmp_path / "elsewhere.json"
    os.replace(segment, outside)
    segment.symlink_to(outside)
    with pytest.raises(StoreCorruptError, match="outside"):
        Store.open(data_dir)
