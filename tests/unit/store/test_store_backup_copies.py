"""Backups are independent, checked copies: a damaged segment damages no backup, is refused on
open and put back from a good copy (`restore --repair`); a damaged backup is listed as such and
never installed."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.store import Store, StoreCorruptError, StoreWriteError
from ssi_tui.store.backups import list_backups
from ssi_tui.store.repository import BULK_THRESHOLD
from ssi_tui.store.restore import DamagedBackupError, repair_segments, restore_backup

from .conftest import CliResult


def damage(path: Path) -> bytes:
    """Overwrite 64 bytes in the middle of a file, keeping its length; returns the old bytes."""
    raw = path.read_bytes()
    middle = len(raw) // 2
    path.write_bytes(raw[:middle] + b"x" * 64 + raw[middle + 64 :])
    return raw


def segment(data_dir: Path) -> Path:
    (path,) = (data_dir / "history").glob("seg-*.json")
    return path


@pytest.fixture
def backed_up(data_dir: Path, clock: Any, make_activity: Callable[..., Activity]) -> set[str]:
    """Day 1: a segment of bulk activities. Day 2: one more (the daily backup taken before it
    holds day 1's store). Day 3: one more (its backup holds day 2's). Returns every id."""
    ids = set()
    with Store.open(data_dir, clock=clock) as store:
        bulk = [make_activity() for _ in range(BULK_THRESHOLD)]
        store.activities.add_many(bulk)
        ids.update(activity.id for activity in bulk)
    for _ in range(2):
        clock.next_day()
        with Store.open(data_dir, clock=clock) as store:
            ids.add(store.activities.add(make_activity()).id)
    return ids


def test_a_backup_holds_copies_not_links(data_dir: Path, backed_up: set[str]) -> None:
    live = segment(data_dir)
    backups = list_backups(data_dir / "backups")
    assert len(backups) == 2
    for backup in backups:
        copy = backup.path / "history" / live.name
        assert copy.read_bytes() == live.read_bytes()
        assert not os.path.samefile(copy, live)
        assert copy.stat().st_nlink == 1 and (copy.stat().st_mode & 0o777) == 0o600


def test_a_damaged_segment_is_refused_then_repaired_from_the_newest_good_copy(
    data_dir: Path, backed_up: set[str], cli: Callable[..., CliResult]
) -> None:
    live = segment(data_dir)
    good = damage(live)
    opened = cli("activities", "--data-dir", str(data_dir))
    assert opened.code == 3 and "ssi-tui restore --repair" in opened.stderr
    listing = cli("restore", "--list", "--data-dir", str(data_dir))
    assert listing.code == 0 and listing.stdout.count(" ok\n") == 2  # the backups are intact

    repaired = cli("restore", "--repair", "--data-dir", str(data_dir))
    newest = list_backups(data_dir / "backups")[0].name
    assert repaired.code == 0, repaired.stderr
    assert f"Put back history segment {live.name} from backup {newest}" in repaired.stdout
    assert live.read_bytes() == good
    (kept,) = (data_dir / "history" / "orphans").glob(f"{live.name}.damaged-*")
    assert kept.read_bytes() != good  # the damaged file is kept, never deleted
    with Store.open(data_dir, read_only=True) as store:  # the later hot saves are all there
        assert {activity.id for activity in store.activities.all()} == backed_up
    again = cli("restore", "--repair", "--data-dir", str(data_dir))
    assert again.stdout == "Nothing to repair: every history segment is intact.\n"


def test_repair_without_a_good_copy_changes_nothing(data_dir: Path, backed_up: set[str]) -> None:
    live = segment(data_dir)
    for backup in list_backups(data_dir / "backups"):
        damage(backup.path / "history" / live.name)
    damage(live)
    before = live.read_bytes()
    with pytest.raises(StoreCorruptError, match="no backup holds a good copy"):
        repair_segments(data_dir)
    assert live.read_bytes() == before
    assert not (data_dir / "history" / "orphans").exists()


def test_a_damaged_backup_is_listed_as_such_and_refused(
    data_dir: Path, backed_up: set[str], cli: Callable[..., CliResult]
) -> None:
    newest, oldest = list_backups(data_dir / "backups")
    damage(newest.path / "history" / segment(data_dir).name)
    listed = json.loads(cli("restore", "--list", "--json", "--data-dir", str(data_dir)).stdout)
    assert [item["state"] for item in listed] == ["damaged", "ok"]
    assert listed[0]["problem"].startswith(f"history/{segment(data_dir).name}: ")
    assert listed[1]["activities"] == len(backed_up) - 2  # the store as day 1 left it
    store_before = (data_dir / "store.json").read_bytes()
    with pytest.raises(DamagedBackupError, match="is damaged"):
        restore_backup(data_dir, newest.name)
    result = cli("restore", newest.name, "--data-dir", str(data_dir))
    assert result.code == 2 and "nothing was changed" in result.stderr
    assert (data_dir / "store.json").read_bytes() == store_before
    assert len(list_backups(data_dir / "backups")) == 2  # not even a pre-restore backup

    restored = cli("restore", oldest.name, "--data-dir", str(data_dir))
    assert restored.code == 0
    kept = next(item for item in list_backups(data_dir / "backups") if item.reason == "pre-restore")
    assert f"Backed up the previous store as {kept.name}" in restored.stdout
    with Store.open(data_dir, read_only=True) as store:
        assert store.activities.count() == BULK_THRESHOLD


def test_a_segment_damaged_while_open_fails_the_daily_backup_and_the_save(
    data_dir: Path, backed_up: set[str], clock: Any, make_activity: Callable[..., Activity]
) -> None:
    clock.next_day()
    with Store.open(data_dir, clock=clock) as store:
        damage(segment(data_dir))  # after the store was read
        with pytest.raises(StoreWriteError, match="the backup was not taken"):
            store.activities.add(make_activity())
    assert not list((data_dir / "backups").glob(".*.partial"))
    assert len(list_backups(data_dir / "backups")) == 2


def test_restoring_a_backup_over_a_damaged_segment_installs_its_good_copy(
    data_dir: Path, backed_up: set[str], cli: Callable[..., CliResult]
) -> None:
    """The issue's 8 of 8: `restore` exited 0 and the store was still unreadable, because the
    backup shared the damaged file. Now the backup's own copy goes in; the damaged one is kept."""
    live = segment(data_dir)
    good = damage(live)
    newest = list_backups(data_dir / "backups")[0]
    result = cli("restore", newest.name, "--data-dir", str(data_dir))
    assert result.code == 0, result.stderr
    assert "Set the previous store aside as" in result.stdout  # it could not be read
    assert live.read_bytes() == good
    assert list((data_dir / "history" / "orphans").glob(f"{live.name}.damaged-*"))
    with Store.open(data_dir, read_only=True) as store:
        assert store.activities.count() == len(backed_up) - 1  # the store as day 2 left it
