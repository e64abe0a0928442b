"""Backups of a data dir: list them, restore one (or start empty). Works on a store that cannot
be opened (that is when a restore is needed), so it takes a data dir, not a workspace."""

from __future__ import annotations

from pathlib import Path

from ssi_tui.store.backups import Backup
from ssi_tui.store.backups import list_backups as _list_backups
from ssi_tui.store.datadir import BACKUP_DIR
from ssi_tui.store.restore import restore_backup as _restore_backup

__all__ = ["Backup", "backup_dir", "backups", "restore"]


def backup_dir(data_dir: Path) -> Path:
    """Where a data dir's backups are kept."""
    return Path(data_dir) / BACKUP_DIR


def backups(data_dir: Path) -> list[Backup]:
    """The data dir's backups, newest first."""
    return _list_backups(backup_dir(data_dir))


def restore(data_dir: Path, name: str | None) -> tuple[Backup | None, Path | None]:
    """Replace the store with the backup `name` (None: with an empty store); the current store
    is backed up first, or set aside when unreadable. Returns the backup restored and the path
    of a store set aside, if any. Raises `StoreError` (`NotFoundError` for an unknown name)."""
    return _restore_backup(Path(data_dir), name)
