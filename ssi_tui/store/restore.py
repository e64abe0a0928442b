"""`ssi-tui restore`: replace the store with a backup, or with an empty store."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ssi_tui.store import segments
from ssi_tui.store.backups import Backup, list_backups, set_aside, stage_segments, take_backup
from ssi_tui.store.datadir import (
    BACKUP_DIR,
    HISTORY_DIR,
    LOCK_FILE,
    STORE_FILE,
    read_store_file,
    segments_on_disk,
)
from ssi_tui.store.errors import NotFoundError, StoreCorruptError, StoreVersionError
from ssi_tui.store.files import atomic_write, ensure_private_dir
from ssi_tui.store.hotfile import Clock
from ssi_tui.store.lock import DEFAULT_TIMEOUT, WriterLock


def restore_backup(
    data_dir: Path,
    name: str | None,
    *,
    clock: Clock | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> tuple[Backup | None, Path | None]:
    """Replace the store with a backup (or, with `name=None`, with an empty store).

    The current store is backed up first; if it is unreadable it is set aside as
    `store.json.corrupt-<timestamp>` instead. Returns the backup restored and the path of a
    store set aside, if any.
    """
    clock = clock or datetime.now
    data_dir = Path(data_dir)
    backups = list_backups(data_dir / BACKUP_DIR)
    chosen: Backup | None = None
    if name is not None:
        matches = [backup for backup in backups if backup.name == name]
        if not matches:
            known = ", ".join(backup.name for backup in backups) or "none"
            raise NotFoundError(f"no backup named {name!r}; backups: {known}")
        chosen = matches[0]
    ensure_private_dir(data_dir)
    lock = WriterLock(data_dir / LOCK_FILE)
    lock.acquire(lock_timeout)
    try:
        store_file = data_dir / STORE_FILE
        set_aside_path: Path | None = None
        restored_bytes = (chosen.path / "store.json").read_bytes() if chosen is not None else None
        if store_file.exists():
            try:
                read_store_file(store_file)
                listed = segments_on_disk(store_file)
                segments.read_segments(data_dir / HISTORY_DIR, listed)
                protect = frozenset({chosen.name}) if chosen is not None else frozenset()
                take_backup(
                    store_file,
                    data_dir / HISTORY_DIR,
                    listed,
                    data_dir / BACKUP_DIR,
                    clock(),
                    "pre-restore",
                    protect=protect,
                )
                if name is None:
                    set_aside_path = set_aside(store_file, clock(), "set-aside")
            except (StoreCorruptError, StoreVersionError):
                set_aside_path = set_aside(store_file, clock())
        if chosen is not None and restored_bytes is not None:
            stage_segments(chosen, data_dir / HISTORY_DIR)
            atomic_write(store_file, restored_bytes)
    finally:
        lock.release()
    return chosen, set_aside_path
