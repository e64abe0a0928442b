"""Requirement 6: the data dir is 0700 and every file of the store is 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.store import Store
from ssi_tui.store.repository import restore_backup


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_022")
def test_data_dir_and_store_files_are_private(
    data_dir: Path, clock: Any, make_activity: Callable[..., Activity]
) -> None:
    assert os.umask(0o022) == 0o022  # the fixture set it
    with Store.open(data_dir, clock=clock) as store:
        store.activities.add(make_activity())
        store.activities.add_many([make_activity() for _ in range(500)])
        store.backup("manual")
        clock.next_day()
        store.activities.add(make_activity())  # daily backup
        store.compact()
        assert mode(data_dir / "store.lock") == 0o600  # while held
    assert len(store.backups()) == 2

    assert mode(data_dir) == 0o700
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    dirs = [path for path in data_dir.rglob("*") if path.is_dir()]
    names = {path.name for path in files}
    assert {"store.json", "store.lock"} <= names
    assert len(list((data_dir / "history").glob("seg-*.json"))) == 2
    assert len(list((data_dir / "backups").rglob("seg-*.json"))) >= 2
    assert len(list((data_dir / "backups").rglob("store.json"))) == 2
    assert {str(p.relative_to(data_dir)): oct(mode(p)) for p in files if mode(p) != 0o600} == {}
    assert {str(p.relative_to(data_dir)): oct(mode(p)) for p in dirs if mode(p) != 0o700} == {}

    # After a restore too.
    restore_backup(data_dir, store.backups()[-1].name, clock=clock)
    with Store.open(data_dir, clock=clock):
        pass
    files = [path for path in data_dir.rglob("*") if path.is_file()]
    assert {str(p.relative_to(data_dir)): oct(mode(p)) for p in files if mode(p) != 0o600} == {}
    assert mode(data_dir) == 0o700


@pytest.mark.usefixtures("umask_022")
def test_existing_loose_permissions_are_tightened(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    with Store.open(data_dir) as store:
        store.activities.add(make_activity())
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "store.json", 0o644)
    os.chmod(data_dir / "store.lock", 0o666)
    with Store.open(data_dir) as store:
        assert mode(data_dir) == 0o700
        assert mode(data_dir / "store.json") == 0o600
        assert mode(data_dir / "store.lock") == 0o600
        store.activities.add(make_activity())
    assert mode(data_dir / "store.json") == 0o600


@pytest.mark.usefixtures("umask_022")
def test_the_whole_tree_is_made_private_by_a_writer_and_by_locate(
    data_dir: Path,
    clock: Any,
    make_activity: Callable[..., Activity],
    cli: Callable[..., Any],
    tmp_path: Path,
) -> None:
    """history/, backups/*, orphans and set-aside files kept 0777/0666 when they had them."""
    with Store.open(data_dir, clock=clock) as store:
        store.activities.add_many([make_activity() for _ in range(500)])
    clock.next_day()
    with Store.open(data_dir, clock=clock) as store:
        store.activities.add(make_activity())  # the daily backup
    (data_dir / "history" / "orphans").mkdir()
    (data_dir / "history" / "orphans" / "seg-x.json").write_text("{}")
    (data_dir / "store.json.corrupt-20240101-000000").write_text("{}")
    outside = tmp_path / "outside.txt"
    outside.write_text("not ours")
    os.chmod(outside, 0o644)
    (data_dir / "link-out").symlink_to(outside)
    everything = [path for path in data_dir.rglob("*") if not path.is_symlink()]
    assert any(path.parent.name == "history" for path in everything)
    assert any("backups" in path.parts for path in everything)

    def loosen() -> None:
        for path in [data_dir, *everything]:
            os.chmod(path, 0o777 if path.is_dir() else 0o666)

    for make_private in (
        lambda: Store.open(data_dir).close(),
        lambda: cli("locate", "--data-dir", str(data_dir)),
    ):
        loosen()
        make_private()
        for path in [data_dir, *everything]:
            assert mode(path) == (0o700 if path.is_dir() else 0o600), path
        assert mode(outside) == 0o644  # a symlink's target is not ours to change


@pytest.mark.usefixtures("umask_022")
def test_set_aside_store_is_private(data_dir: Path) -> None:
    data_dir.mkdir(mode=0o755)
    (data_dir / "store.json").write_bytes(b"{broken")
    os.chmod(data_dir / "store.json", 0o644)
    _, set_aside, _ = restore_backup(data_dir, None)
    assert set_aside is not None
    assert mode(set_aside) == 0o600
    assert mode(data_dir) == 0o700
