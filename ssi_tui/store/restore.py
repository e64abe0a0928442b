"""`ssi-tui restore`: replace the store with a checked backup, start empty, or repair damaged
segments from the backups that hold good copies of them (nothing is ever deleted)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ssi_tui.store import segments
from ssi_tui.store.backups import (
    Backup,
    check_store_copy,
    copy_file,
    list_backups,
    set_aside,
    take_backup,
)
from ssi_tui.store.datadir import (
    BACKUP_DIR,
    HISTORY_DIR,
    LOCK_FILE,
    STORE_FILE,
    read_store_file,
    segments_on_disk,
)
from ssi_tui.store.errors import NotFoundError, StoreCorruptError, StoreError, StoreVersionError
from ssi_tui.store.files import atomic_write, ensure_private_dir, fsync_dir
from ssi_tui.store.hotfile import Clock
from ssi_tui.store.integrity import ChecksumError, confined, verify
from ssi_tui.store.lock import DEFAULT_TIMEOUT, WriterLock
from ssi_tui.wording import _


class Restored(NamedTuple):
    """What a restore did: the backup installed (None: started empty), where the store it
    replaced was set aside (None: it was backed up), and the backup taken of it."""

    backup: Backup | None
    set_aside: Path | None
    kept: Backup | None


class DamagedBackupError(StoreError):
    """The backup asked for does not check: it is not installed."""

    exit_code = 2


def restore_backup(
    data_dir: Path,
    name: str | None,
    *,
    clock: Clock | None = None,
    lock_timeout: float = DEFAULT_TIMEOUT,
) -> Restored:
    """Replace the store with a backup (or, with `name=None`, with an empty store).

    The backup is checked first (checksums, structure) and refused when damaged. The current
    store is backed up first; if it is unreadable it is set aside as
    `store.json.corrupt-<timestamp>` instead. Returns the backup restored, the path of a store
    set aside and the backup taken of the store replaced (each None when there is none)."""
    clock = clock or datetime.now
    data_dir = Path(data_dir)
    backups = list_backups(data_dir / BACKUP_DIR)
    chosen: Backup | None = None
    if name is not None:
        matches = [backup for backup in backups if backup.name == name]
        if not matches:
            known = ", ".join(backup.name for backup in backups) or "none"
            raise NotFoundError(
                _("no backup named {name!r}; backups: {known}").format(name=name, known=known)
            )
        chosen = matches[0]
        check = check_store_copy(chosen.path)
        if not check.ok:
            raise DamagedBackupError(
                _(
                    "backup {name} is damaged ({problem}); nothing was changed. Choose another with `ssi-tui restore --list`."
                ).format(name=chosen.name, problem=check.problem)
            )
    ensure_private_dir(data_dir)
    lock = WriterLock(data_dir / LOCK_FILE)
    lock.acquire(lock_timeout)
    try:
        store_file = data_dir / STORE_FILE
        set_aside_path: Path | None = None
        kept: Backup | None = None
        restored_bytes = (chosen.path / STORE_FILE).read_bytes() if chosen is not None else None
        if store_file.exists():
            try:
                found = read_store_file(store_file)
                listed = segments_on_disk(store_file)
                meta = found.data["meta"]["1"] if found is not None else {}
                checksums = None if found is None or found.migrated_from else meta.get("checksums")
                segments.read_segments(data_dir / HISTORY_DIR, listed, checksums)
                protect = frozenset({chosen.name}) if chosen is not None else frozenset()
                kept = take_backup(
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
            _install_segments(chosen.path / HISTORY_DIR, data_dir / HISTORY_DIR, clock())
            atomic_write(store_file, restored_bytes)
    finally:
        lock.release()
    return Restored(chosen, set_aside_path, kept)


def _install_segments(source: Path, history_dir: Path, now: datetime) -> None:
    """Put a (checked) backup's segments in the history dir: one already there with the same
    content stays; a different or damaged one is set aside in history/orphans/ first."""
    if not source.is_dir():
        return
    ensure_private_dir(history_dir)
    for segment in sorted(source.iterdir()):
        name = segments.check_segment_name(segment.name)
        target = confined(history_dir, name)
        if target.exists():
            if _same_file(segment, target):
                continue
            _set_aside_segment(target, now)
        _put_back(segment, target)
    fsync_dir(history_dir)


def _put_back(source: Path, target: Path) -> None:
    """Copy a backup's segment into place atomically (a crash leaves a temp file, which the
    next writer removes, never half a segment)."""
    ensure_private_dir(target.parent)
    temporary = target.with_name(f".{target.name}.restoring.tmp")
    copy_file(source, temporary)
    os.replace(temporary, target)


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def _set_aside_segment(path: Path, now: datetime) -> Path:
    return set_aside(path, now, "damaged", into=path.parent / segments.ORPHANS_DIR)


def repair_segments(
    data_dir: Path, *, clock: Clock | None = None, lock_timeout: float = DEFAULT_TIMEOUT
) -> list[tuple[str, str]]:
    """Put back every missing or damaged segment the store lists from the newest backup holding
    a good copy of it (the same checksum); everything saved since stays. Returns (segment,
    backup) pairs. `StoreCorruptError` when store.json itself is damaged (restore a backup) or
    a segment has no good copy anywhere (nothing is changed then)."""
    clock = clock or datetime.now
    data_dir = Path(data_dir)
    history_dir = data_dir / HISTORY_DIR
    lock = WriterLock(data_dir / LOCK_FILE)
    ensure_private_dir(data_dir)
    lock.acquire(lock_timeout)
    try:
        found = read_store_file(data_dir / STORE_FILE)
        if found is None:
            return []
        meta = found.data["meta"]["1"]
        checksums: dict[str, str] = meta.get("checksums", {})
        damaged = [
            name
            for name in meta.get("segments", [])
            if not _intact(history_dir, name, checksums.get(name))
        ]
        plan: list[tuple[str, Backup]] = []
        for name in damaged:
            source = _good_copy(data_dir, name, checksums.get(name))
            if source is None:
                raise StoreCorruptError(
                    _(
                        "no backup holds a good copy of history segment {name}; nothing was changed. Restore a whole backup instead (`ssi-tui restore --list`)."
                    ).format(name=name),
                    str(history_dir / name),
                )
            plan.append((name, source))
        for name, backup in plan:
            target = confined(history_dir, name)
            if target.exists():
                _set_aside_segment(target, clock())
            _put_back(backup.path / HISTORY_DIR / name, target)
        if plan:
            fsync_dir(history_dir)
        return [(name, backup.name) for name, backup in plan]
    finally:
        lock.release()


def _intact(history_dir: Path, name: str, checksum: str | None) -> bool:
    try:
        sealed = verify(confined(history_dir, segments.check_segment_name(name)).read_bytes())
    except (OSError, ValueError, ChecksumError):
        return False
    return checksum is None or sealed == checksum


def _good_copy(data_dir: Path, name: str, checksum: str | None) -> Backup | None:
    """The newest backup whose copy of a segment is intact and the one store.json lists."""
    if checksum is None:
        return None
    for backup in list_backups(data_dir / BACKUP_DIR):
        if _intact(backup.path / HISTORY_DIR, name, checksum):
            return backup
    return None
