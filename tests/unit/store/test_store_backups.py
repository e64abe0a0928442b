"""Requirement 4: daily rotating backups, restore (backing up the current store first), CLI restore."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from ssi_tui.domain.models import Activity
from ssi_tui.store import Store
from ssi_tui.store.backups import KEEP, list_backups
from ssi_tui.store.repository import restore_backup


def backup_ids(backup_path: Path) -> set[str]:
    """Activity ids in a backup (hot table plus its own copies of the segments)."""
    data = orjson.loads((backup_path / "store.json").read_bytes())
    ids = {doc["id"] for doc in data["activities"].values()}
    for name in data["meta"]["1"].get("segments", []):
        segment = orjson.loads((backup_path / "history" / name).read_bytes())
        ids.update(doc["id"] for doc in segment["activities"])
    return ids


def listed_segments(data_dir: Path) -> list[str]:
    """History segments listed in store.json."""
    return list(orjson.loads((data_dir / "store.json").read_bytes())["meta"]["1"]["segments"])


def stored_ids(data_dir: Path) -> set[str]:
    with Store.open(data_dir) as store:
        return {activity.id for activity in store.activities.all()}


def test_first_write_of_a_day_takes_one_backup_of_the_previous_state(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    store = Store.open(data_dir, clock=clock)
    first, second = make_activity(), make_activity()
    store.activities.add(first)
    store.activities.add(second)
    day_one = {backup.name for backup in store.backups()}
    assert len(day_one) <= 1

    clock.next_day()  # 2024-03-02, same open store
    before = (data_dir / "store.json").read_bytes()
    third = make_activity()
    store.activities.add(third)
    new = [backup for backup in store.backups() if backup.name not in day_one]
    assert [backup.reason for backup in new] == ["daily"]
    assert new[0].name.startswith("20240302")
    assert (new[0].path / "store.json").read_bytes() == before
    assert backup_ids(new[0].path) == {first.id, second.id}
    store.settings.set("theme", "dark")
    store.activities.add(make_activity())
    assert len(store.backups()) == len(day_one) + 1
    store.close()

    # Another process on the same day: no second backup.
    with Store.open(data_dir, clock=clock) as again:
        again.activities.add(make_activity())
        assert len(again.backups()) == len(day_one) + 1

    clock.next_day()  # 2024-03-03, a new process
    with Store.open(data_dir, clock=clock) as later:
        assert len(later.backups()) == len(day_one) + 1  # opening alone does not back up
        later.settings.set("theme", "light")
        names = [backup.name for backup in later.backups()]
        assert names[0].startswith("20240303") and len(names) == len(day_one) + 2


def test_at_most_five_backups_are_kept(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    for _ in range(9):
        with Store.open(data_dir, clock=clock) as store:
            store.activities.add(make_activity())
        clock.next_day()
    backups = list_backups(data_dir / "backups")
    assert KEEP == 5
    assert len(backups) == 5
    assert [backup.name[:8] for backup in backups] == [
        "20240309",
        "20240308",
        "20240307",
        "20240306",
        "20240305",
    ]
    assert sorted(path.name for path in (data_dir / "backups").iterdir()) == sorted(
        b.name for b in backups
    )


def three_days(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> list[Activity]:
    """a1 on day 1, a2 on day 2 (backup of {a1}), a3 on day 3 (backup of {a1, a2})."""
    added = []
    for _ in range(3):
        with Store.open(data_dir, clock=clock) as store:
            activity = make_activity()
            store.activities.add(activity)
            added.append(activity)
        clock.next_day()
    return added


def test_restore_backup_restores_and_backs_up_the_current_store_first(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    a1, a2, a3 = three_days(data_dir, clock, make_activity)
    backups = list_backups(data_dir / "backups")
    day_two = next(backup for backup in backups if backup.name.startswith("20240302"))
    current = (data_dir / "store.json").read_bytes()

    chosen, set_aside, _ = restore_backup(data_dir, day_two.name, clock=clock)
    assert chosen is not None and chosen.name == day_two.name
    assert set_aside is None
    assert stored_ids(data_dir) == {a1.id}
    pre_restore = [
        backup for backup in list_backups(data_dir / "backups") if backup.reason == "pre-restore"
    ]
    assert len(pre_restore) == 1
    assert (pre_restore[0].path / "store.json").read_bytes() == current

    # Undo the restore with the pre-restore backup.
    restore_backup(data_dir, pre_restore[0].name, clock=clock)
    assert stored_ids(data_dir) == {a1.id, a2.id, a3.id}


def test_restore_of_the_oldest_of_five_backups(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    # With the maximum number of backups kept, the pre-restore backup must not rotate away the
    # very backup being restored.
    added = []
    for _ in range(7):
        with Store.open(data_dir, clock=clock) as store:
            activity = make_activity()
            store.activities.add(activity)
            added.append(activity)
        clock.next_day()
    backups = list_backups(data_dir / "backups")
    assert len(backups) == 5
    oldest = backups[-1]
    expected = backup_ids(oldest.path)
    assert expected == {activity.id for activity in added[:2]}

    chosen, _, _ = restore_backup(data_dir, oldest.name, clock=clock)
    assert chosen is not None and chosen.name == oldest.name
    assert stored_ids(data_dir) == expected
    assert any(backup.reason == "pre-restore" for backup in list_backups(data_dir / "backups"))


def test_restore_of_a_store_with_history_segments(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    with Store.open(data_dir, clock=clock) as store:  # day 1
        base = make_activity()
        store.activities.add(base)
    clock.next_day()
    with Store.open(data_dir, clock=clock) as store:  # day 2: backup of {base}, then a segment
        bulk = [make_activity() for _ in range(600)]
        store.activities.add_many(bulk)
    segments = listed_segments(data_dir)
    assert len(segments) == 1
    clock.next_day()
    with Store.open(data_dir, clock=clock) as store:  # day 3: backup of {base + segment}, then more
        store.activities.add(make_activity())
        store.activities.delete(bulk[0].id)
        store.compact()
    backups = list_backups(data_dir / "backups")
    with_segment = next(backup for backup in backups if backup.name.startswith("20240303"))
    without_segment = next(backup for backup in backups if backup.name.startswith("20240302"))
    assert (with_segment.path / "history" / segments[0]).is_file()

    # Restore the store from before the segment: the segment becomes unused.
    clock.next_day()
    restore_backup(data_dir, without_segment.name, clock=clock)
    assert stored_ids(data_dir) == {base.id}

    # Restore the store with the segment: it comes back from the backup.
    restore_backup(data_dir, with_segment.name, clock=clock)
    expected = {base.id} | {activity.id for activity in bulk}
    assert stored_ids(data_dir) == expected
    with Store.open(data_dir, clock=clock) as store:
        assert store.activities.get(bulk[0].id).note == bulk[0].note
        assert len(store.activities.between(date(2020, 1, 1), date(2030, 1, 1))) == 601
    assert listed_segments(data_dir) == segments


def test_cli_restore_list_and_restore_by_name(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity], cli: Callable[..., Any]
) -> None:
    a1, _, _ = three_days(data_dir, clock, make_activity)
    listed = cli("restore", "--list", "--data-dir", str(data_dir))
    assert listed.code == 0, listed.stderr
    names = [backup.name for backup in list_backups(data_dir / "backups")]
    assert len(names) == 2 and all(name in listed.stdout for name in names)

    as_json = cli("restore", "--list", "--json", "--data-dir", str(data_dir))
    assert as_json.code == 0
    rows = json.loads(as_json.stdout)
    assert [row["name"] for row in rows] == names
    assert all(row["reason"] == "daily" and row["bytes"] > 0 for row in rows)

    oldest = names[-1]
    restored = cli("restore", oldest, "--data-dir", str(data_dir))
    assert restored.code == 0, restored.stderr
    assert oldest in restored.stdout
    assert stored_ids(data_dir) == {a1.id}

    missing = cli("restore", "no-such-backup", "--data-dir", str(data_dir))
    assert missing.code == 2
    assert stored_ids(data_dir) == {a1.id}


def test_console_script_restore(
    data_dir: Path,
    clock: Any,
    make_activity: Callable[..., Activity],
    run_script: Callable[..., Any],
) -> None:
    a1, _, _ = three_days(data_dir, clock, make_activity)
    listed = run_script("restore", "--list", "--data-dir", str(data_dir))
    assert listed.code == 0, listed.stderr
    oldest = list_backups(data_dir / "backups")[-1].name
    assert oldest in listed.stdout
    restored = run_script("restore", oldest, "--data-dir", str(data_dir))
    assert restored.code == 0, restored.stderr
    assert stored_ids(data_dir) == {a1.id}


def test_many_backups_in_one_second_keep_the_newest(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    """The rotation used to reuse a number it had freed: the 7th backup of a second was named
    as the 1st, sorted as the oldest and deleted at once (and `backup()` failed)."""
    with Store.open(data_dir, clock=clock) as store:
        store.activities.add(make_activity())
        taken = [store.backup("manual") for _ in range(8)]
        kept = [backup.name for backup in list_backups(data_dir / "backups")]
    assert all(backup is not None for backup in taken)
    assert kept == [backup.name for backup in reversed(taken[-KEEP:])]  # type: ignore[union-attr]
