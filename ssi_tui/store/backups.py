"""Rotating backups of the store: independent, verified copies of store.json and its segments.

A backup is a folder `backups/<date>-<time>[-n]-<reason>/` holding a copy of store.json and of
every segment it lists (`history/`): copies, reflinked where the file system can share blocks
copy-on-write, never hard links (a damaged segment must not damage its backups). Each copy is
made durable and checked against its checksum before the folder gets its name; a backup that
does not check is removed and the save that asked for it fails.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ssi_tui.store import segments as segment_files
from ssi_tui.store.datadir import STORE_FILE, read_store_file
from ssi_tui.store.errors import StoreCorruptError, StoreWriteError
from ssi_tui.store.files import describe_os_error, ensure_private_dir, fsync_dir, make_private
from ssi_tui.store.integrity import BACKUP_NAME, check_segment_name, confined
from ssi_tui.wording import _

KEEP = 5
COPIERS = 4  # segments copied at once (each waits on its fsync)
_FICLONE = 0x40049409  # Linux ioctl: share the blocks of a file, copy-on-write (btrfs, xfs…)


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup directory."""

    name: str
    path: Path
    taken: datetime
    reason: str
    sequence: int = 1  # the n of `<date>-<time>-n-<reason>`: several taken in one second

    @property
    def size(self) -> int:
        """Total bytes of its files."""
        return sum(file.stat().st_size for file in self.path.rglob("*") if file.is_file())


@dataclass(frozen=True, slots=True)
class BackupCheck:
    """What checking a backup found: whether every file is intact (`problem` says what is not)
    and how many activities and contacts it holds (None when it could not be read)."""

    ok: bool
    problem: str | None = None
    activities: int | None = None
    contacts: int | None = None


def list_backups(backup_dir: Path) -> list[Backup]:
    """Backups, newest first (only folders named as ssi-tui names them)."""
    if not backup_dir.is_dir():
        return []
    found: list[Backup] = []
    for entry in backup_dir.iterdir():
        match = BACKUP_NAME.match(entry.name)
        if not match or entry.is_symlink() or not (entry / STORE_FILE).is_file():
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        sequence = int(match.group(2) or 1)
        found.append(Backup(entry.name, entry, taken, match.group(3), sequence))
    # Newest first: by time, then by the order within one second ("-crash" before "-2-crash").
    found.sort(key=lambda backup: (backup.taken, backup.sequence, backup.name), reverse=True)
    return found


def check_store_copy(directory: Path, *, count: bool = True) -> BackupCheck:
    """Check a store.json and the segments it lists in `directory` (a backup, or a staging
    folder) as opening the store would: checksums, structure, every record's shape. Without
    `count`, sealed segments are checked against their checksums only (never parsed: a
    million activities' history would take seconds and gigabytes) and nothing is counted."""
    try:
        found = read_store_file(directory / STORE_FILE)
        if found is None:
            return BackupCheck(False, _("{STORE_FILE} is missing").format(STORE_FILE=STORE_FILE))
        meta = found.data["meta"]["1"]
        listed = meta.get("segments", [])
        checksums = None if found.migrated_from is not None else meta.get("checksums", {})
        if not count and checksums is not None:
            segment_files.check_sealed(directory / "history", listed, checksums)
            return BackupCheck(True)
        docs = segment_files.read_segments(directory / "history", listed, checksums)
    except StoreCorruptError as error:
        return BackupCheck(False, error.reason)
    tombstones = found.data.get("tombstones", {}).get("1", {}).get("value", {})
    counts = []
    for table in ("activities", "contacts"):
        ids = {doc["id"] for _, segment in docs for doc in segment[table]}
        ids.difference_update(tombstones.get(table, []))
        ids.update(doc["id"] for doc in found.data.get(table, {}).values())
        counts.append(len(ids))
    return BackupCheck(True, None, counts[0], counts[1])


def take_backup(
    store_file: Path,
    history_dir: Path,
    segments: list[str],
    backup_dir: Path,
    now: datetime,
    reason: str,
    keep: int = KEEP,
    protect: frozenset[str] = frozenset(),
) -> Backup | None:
    """Back up the store file as it is on disk, with its segments, checked; rotate to keep
    `keep` backups. `StoreWriteError` (nothing left behind) when the copy fails or does not
    check: a full disk, or a file damaged since the store was opened."""
    if not store_file.exists():
        return None
    ensure_private_dir(backup_dir)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    # Within one second, each backup is numbered after the last one taken (never a number
    # freed by the rotation: the new backup must sort as the newest).
    taken = [
        backup.sequence for backup in list_backups(backup_dir) if backup.name.startswith(stamp)
    ]
    counter = max(taken, default=0) + 1
    name = f"{stamp}-{reason}" if counter == 1 else f"{stamp}-{counter}-{reason}"
    while (backup_dir / name).exists():
        counter += 1
        name = f"{stamp}-{counter}-{reason}"
    staging = backup_dir / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        ensure_private_dir(staging)
        copy_file(store_file, staging / STORE_FILE)
        if segments:
            ensure_private_dir(staging / "history")
            for segment in segments:
                check_segment_name(segment)
            # Several at once: each copy waits on its own fsync (a journal commit, ~5 ms),
            # which the file system then makes for several files together.
            with ThreadPoolExecutor(COPIERS, thread_name_prefix="ssi-backup") as pool:
                copies = pool.map(
                    lambda name: copy_file(confined(history_dir, name), staging / "history" / name),
                    segments,
                )
                list(copies)  # (a failed copy raises here; the pool waits for the others)
            fsync_dir(staging / "history")
        check = check_store_copy(staging, count=False)
        if not check.ok:
            raise StoreWriteError(
                _(
                    "the backup was not taken: {problem}; nothing was changed (`ssi-tui restore --repair` or `ssi-tui restore --list`)"
                ).format(problem=check.problem)
            )
        fsync_dir(staging)
        os.replace(staging, backup_dir / name)
        fsync_dir(backup_dir)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreWriteError(describe_os_error(error, backup_dir)) from None
    except (StoreWriteError, ValueError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, StoreWriteError):
            raise
        raise StoreWriteError(
            _("the backup was not taken: {error}; nothing was changed").format(error=error)
        ) from None
    for old in [backup for backup in list_backups(backup_dir) if backup.name not in protect][keep:]:
        shutil.rmtree(old.path, ignore_errors=True)
    return next(backup for backup in list_backups(backup_dir) if backup.name == name)


def copy_file(source: Path, target: Path) -> None:
    """Copy a file durably as a private one: a reflink where the file system can, else a
    byte copy; never a hard link."""
    with (
        source.open("rb") as reader,
        open(target, "wb", opener=lambda path, flags: os.open(path, flags, 0o600)) as writer,
    ):
        try:
            fcntl.ioctl(writer.fileno(), _FICLONE, reader.fileno())
        except OSError:
            shutil.copyfileobj(reader, writer, 1 << 20)
        writer.flush()
        os.fsync(writer.fileno())
    make_private(target)


def clean_partial_backups(backup_dir: Path) -> None:
    """Remove half-written backups left by a crash."""
    if backup_dir.is_dir():
        for entry in backup_dir.glob(".*.partial"):
            shutil.rmtree(entry, ignore_errors=True)


def set_aside(path: Path, now: datetime, label: str = "corrupt", into: Path | None = None) -> Path:
    """Rename a file to `<name>.<label>-<timestamp>`, in its folder or `into` (never deletes
    it)."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    folder = into if into is not None else path.parent
    if into is not None:
        ensure_private_dir(into)
    target = folder / f"{path.name}.{label}-{stamp}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{path.name}.{label}-{stamp}-{counter}"
    os.replace(path, target)
    with contextlib.suppress(OSError):
        make_private(target)
    return target
