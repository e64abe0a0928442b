"""Backups of a data dir: list and check them, restore one (or start empty), repair damaged
segments. Works on a store that cannot be opened (that is when a restore is needed), so it
takes a data dir, not a workspace."""

from __future__ import annotations

from pathlib import Path

from ssi_tui.store.backups import Backup, BackupCheck, check_store_copy
from ssi_tui.store.backups import list_backups as _list_backups
from ssi_tui.store.datadir import BACKUP_DIR
from ssi_tui.store.files import secure_tree
from ssi_tui.store.restore import DamagedBackupError, Restored, repair_segments
from ssi_tui.store.restore import restore_backup as _restore_backup

__all__ = [
    "Backup",
    "BackupCheck",
    "DamagedBackupError",
    "Restored",
    "backup_dir",
    "backups",
    "check",
    "repair",
    "restore",
    "secure",
]


def backup_dir(data_dir: Path) -> Path:
    """Where a data dir's backups are kept."""
    return Path(data_dir) / BACKUP_DIR


def backups(data_dir: Path) -> list[Backup]:
    """The data dir's backups, newest first."""
    return _list_backups(backup_dir(data_dir))


def check(backup: Backup) -> BackupCheck:
    """Whether a backup is intact (checksums, structure), and what it holds."""
    return check_store_copy(backup.path)


def restore(data_dir: Path, name: str | None) -> Restored:
    """Replace the store with the backup `name` (None: with an empty store), once checked; the
    current store is backed up first, or set aside when unreadable. Raises `StoreError`
    (`NotFoundError` for an unknown name, `DamagedBackupError` for a damaged backup)."""
    return _restore_backup(Path(data_dir), name)


def repair(data_dir: Path) -> list[tuple[str, str]]:
    """Put back the store's missing or damaged segments from backups holding good copies;
    returns (segment, backup) pairs. Raises `StoreCorruptError` when that cannot be done."""
    return repair_segments(Path(data_dir))


def secure(data_dir: Path) -> None:
    """Bring the data dir's folders to 0700 and its files to 0600 at most (what a writer does
    on opening; `locate` too, so that a user checking where the data lives finds it private)."""
    secure_tree(Path(data_dir))
