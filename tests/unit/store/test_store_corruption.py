"""Requirement 5: a damaged store is refused, never rewritten or deleted, and can be set aside."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from ssi_tui.domain.models import Activity, Goals
from ssi_tui.store import Store, StoreCorruptError
from ssi_tui.store.repository import restore_backup

V2_META = {"1": {"schema_version": 2, "segments": [], "created": "2024-01-01T00:00:00"}}
GOOD_ACTIVITY = {"id": "a1", "kind": "post", "date": "2024-01-02"}


def v2(**tables: Any) -> bytes:
    return json.dumps({"meta": V2_META, **tables}).encode()


def make_good_store(data_dir: Path, with_segments: bool) -> None:
    with Store.open(data_dir) as store:
        store.goals.set(Goals.model_validate({"audiences": {"prospects": 2, "recruiters": 1}}))
        for day in range(5):
            store.activities.add(
                Activity(
                    kind="comment", date=date(2024, 1, 1) + timedelta(days=day), note=f"hot {day}"
                )
            )
        if with_segments:
            for batch in range(2):
                store.activities.add_many(
                    [
                        Activity(kind="post", date=date(2023, 6, 1), note=f"bulk {batch}-{i}")
                        for i in range(500)
                    ]
                )


def segment_names(data_dir: Path) -> list[str]:
    return list(orjson.loads((data_dir / "store.json").read_bytes())["meta"]["1"]["segments"])


# Each case damages a good data dir and returns the path of the damaged file.
def replace_store(raw: bytes) -> Callable[[Path], Path]:
    def damage(data_dir: Path) -> Path:
        (data_dir / "store.json").write_bytes(raw)
        return data_dir / "store.json"

    return damage


def truncate_store(data_dir: Path) -> Path:
    path = data_dir / "store.json"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path


def remove_segment(data_dir: Path) -> Path:
    path = data_dir / "history" / segment_names(data_dir)[0]
    path.unlink()
    return path


def truncate_segment(data_dir: Path) -> Path:
    path = data_dir / "history" / segment_names(data_dir)[1]
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) - 40])
    return path


def rewrite_segment(payload: Any) -> Callable[[Path], Path]:
    def damage(data_dir: Path) -> Path:
        path = data_dir / "history" / segment_names(data_dir)[0]
        path.write_bytes(json.dumps(payload).encode())
        return path

    return damage


@dataclass(frozen=True)
class Case:
    damage: Callable[[Path], Path]
    segments: bool = False


CASES = {
    "truncated-json": Case(truncate_store),
    "empty-file": Case(replace_store(b"")),
    "non-json-bytes": Case(replace_store(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe garbage")),
    "json-list": Case(replace_store(b'[{"kind": "post"}]')),
    "json-null": Case(replace_store(b"null")),
    "json-empty-object": Case(replace_store(b"{}")),
    "meta-is-a-number": Case(replace_store(b'{"meta": 5}')),
    "meta-without-version": Case(
        replace_store(b'{"meta": {"1": {"segments": []}}, "activities": {}}')
    ),
    "activity-without-kind": Case(
        replace_store(v2(activities={"1": {"id": "a1", "date": "2024-01-02"}}))
    ),
    "contact-without-name": Case(
        replace_store(v2(contacts={"1": {"id": "c1", "company": "Acme"}}))
    ),
    "segments-not-a-list": Case(
        replace_store(
            json.dumps({"meta": {"1": {"schema_version": 2, "segments": "seg.json"}}}).encode()
        )
    ),
    "table-is-a-list": Case(
        replace_store(json.dumps({"meta": V2_META, "activities": [GOOD_ACTIVITY]}).encode())
    ),
    "document-id-not-a-number": Case(replace_store(v2(activities={"first": GOOD_ACTIVITY}))),
    "tombstones-not-lists": Case(replace_store(v2(tombstones={"1": {"value": 5}}))),
    "tombstones-imports-not-ids": Case(
        replace_store(v2(tombstones={"1": {"value": {"imports": [{"key": 1}]}}}))
    ),
    "goals-document-without-value": Case(
        replace_store(v2(goals={"1": {"audiences": {"prospects": 1}}}))
    ),
    "schema-version-is-a-boolean": Case(
        replace_store(
            json.dumps({"meta": {"1": {"schema_version": True, "segments": []}}}).encode()
        )
    ),
    "segment-missing": Case(remove_segment, segments=True),
    "segment-truncated": Case(truncate_segment, segments=True),
    "segment-not-a-segment": Case(rewrite_segment([1, 2, 3]), segments=True),
    "segment-activities-not-a-list": Case(
        rewrite_segment(
            {"format": "ssi-tui-segment", "schema_version": 2, "activities": 5, "contacts": []}
        ),
        segments=True,
    ),
    "segment-activity-without-kind": Case(
        rewrite_segment(
            {
                "format": "ssi-tui-segment",
                "schema_version": 2,
                "activities": [{"id": "x", "date": "2024-01-01"}],
                "contacts": [],
            }
        ),
        segments=True,
    ),
}


@dataclass
class Damaged:
    data_dir: Path
    path: Path
    raw: bytes | None  # None: the file is missing
    store_raw: bytes
    files: dict[str, bytes]


def snapshot(data_dir: Path) -> dict[str, bytes]:
    """Every file of the data dir except the lock, by relative path."""
    return {
        str(path.relative_to(data_dir)): path.read_bytes()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file() and path.name != "store.lock"
    }


@pytest.fixture(params=sorted(CASES))
def damaged(request: pytest.FixtureRequest, data_dir: Path) -> Damaged:
    case = CASES[request.param]
    make_good_store(data_dir, case.segments)
    path = case.damage(data_dir)
    raw = path.read_bytes() if path.exists() else None
    return Damaged(data_dir, path, raw, (data_dir / "store.json").read_bytes(), snapshot(data_dir))


def assert_untouched(damaged: Damaged) -> None:
    if damaged.raw is None:
        assert not damaged.path.exists()
    else:
        assert damaged.path.read_bytes() == damaged.raw
    assert snapshot(damaged.data_dir) == damaged.files


@pytest.mark.parametrize("read_only", [False, True], ids=["writer", "reader"])
def test_open_refuses_a_damaged_store_and_leaves_it_untouched(
    damaged: Damaged, read_only: bool
) -> None:
    with pytest.raises(StoreCorruptError) as caught:
        Store.open(damaged.data_dir, read_only=read_only)
    assert "ssi-tui restore" in str(caught.value)
    assert caught.value.exit_code == 3
    assert_untouched(damaged)
    if not read_only:  # the refused writer released the lock
        with pytest.raises(StoreCorruptError):
            Store.open(damaged.data_dir, lock_timeout=0.1)
        assert_untouched(damaged)


def test_cli_score_on_a_damaged_store_exits_3_with_one_line(
    damaged: Damaged, cli: Callable[..., Any]
) -> None:
    result = cli("score", "--data-dir", str(damaged.data_dir))
    assert result.code == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "ssi-tui restore" in lines[0]
    assert result.stdout == ""
    assert_untouched(damaged)


def test_restore_fresh_sets_a_damaged_store_aside(damaged: Damaged) -> None:
    chosen, set_aside, _ = restore_backup(damaged.data_dir, None)
    assert chosen is None
    assert set_aside is not None
    assert set_aside.parent == damaged.data_dir
    assert set_aside.name.startswith("store.json.corrupt-")
    assert set_aside.read_bytes() == damaged.store_raw
    if damaged.raw is not None and damaged.path.name != "store.json":
        assert (
            damaged.path.read_bytes() == damaged.raw
        )  # the damaged segment itself is not rewritten
    with Store.open(damaged.data_dir) as store:
        assert store.activities.count() == 0
        assert store.contacts.count() == 0
        assert store.goals.get() == Goals()
    assert set_aside.read_bytes() == damaged.store_raw


@pytest.mark.slow
def test_console_script_score_on_a_truncated_store(
    data_dir: Path, run_script: Callable[..., Any]
) -> None:
    make_good_store(data_dir, with_segments=False)
    path = data_dir / "store.json"
    raw = truncate_store(data_dir).read_bytes()
    result = run_script("score", "--data-dir", str(data_dir))
    assert result.code == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "ssi-tui restore" in lines[0]
    assert path.read_bytes() == raw


def test_cli_restore_fresh_on_a_damaged_store(data_dir: Path, cli: Callable[..., Any]) -> None:
    make_good_store(data_dir, with_segments=False)
    (data_dir / "store.json").write_bytes(b"{not json")
    result = cli("restore", "--fresh", "--data-dir", str(data_dir))
    assert result.code == 0, result.stderr
    aside = sorted(data_dir.glob("store.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"{not json"
    assert str(aside[0]) in result.stdout
    assert cli("score", "--data-dir", str(data_dir)).code == 0
    # Setting aside never overwrites an earlier set-aside store.
    (data_dir / "store.json").write_bytes(b"[]")
    assert cli("restore", "--fresh", "--data-dir", str(data_dir)).code == 0
    contents = sorted(path.read_bytes() for path in data_dir.glob("store.json.corrupt-*"))
    assert contents == sorted([b"{not json", b"[]"])


def test_restore_fresh_keeps_the_segments_of_the_store_it_sets_aside(data_dir: Path) -> None:
    # One of two segments is damaged: the store is set aside, but the intact segment (500
    # activities) and the damaged one are what the set-aside store.json refers to; they must
    # survive the next open so the set-aside store can still be recovered by hand.
    make_good_store(data_dir, with_segments=True)
    names = segment_names(data_dir)
    truncate_segment(data_dir)
    before = {name: (data_dir / "history" / name).read_bytes() for name in names}
    _, set_aside, _ = restore_backup(data_dir, None)
    assert set_aside is not None
    with Store.open(data_dir) as store:
        assert store.activities.count() == 0
    kept = {
        name: (data_dir / "history" / name).read_bytes()
        for name in names
        if (data_dir / "history" / name).exists()
    }
    preserved_elsewhere = {
        path.name: path.read_bytes()
        for path in data_dir.rglob("seg-*.json")
        if path.name in names and path.parent != data_dir / "history"
    }
    for name in names:
        assert kept.get(name, preserved_elsewhere.get(name)) == before[name], (
            f"segment {name} of the set-aside store was deleted"
        )
