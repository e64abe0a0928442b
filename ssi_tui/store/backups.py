"""Rotating backups of the store: a copy of the store file plus hard links to its history segments."""

from __future__ import annotations

import os
import re
import shutil
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ssi_tui.store.files import atomic_write, ensure_private_dir, make_private

KEEP = 5
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)$")


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup directory."""

    name: str
    path: Path
    taken: datetime
    reason: str

    @property
    def size(self) -> int:
        """Total bytes of its files."""
        return sum(file.stat().st_size for file in self.path.rglob("*") if file.is_file())


def list_backups(backup_dir: Path) -> list[Backup]:
    """Backups, newest first."""
    if not backup_dir.is_dir():
        return []
    found: list[Backup] = []
    for entry in backup_dir.iterdir():
        match = _NAME.match(entry.name)
        if not match or not (entry / "store.json").is_file():
            continue
        taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        found.append(Backup(entry.name, entry, taken, match.group(3)))
    found.sort(key=lambda backup: (backup.taken, backup.name), reverse=True)
    return found


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
    """Back up the store file as it is on disk, with its segments; rotate to keep `keep` backups."""
    if not store_file.exists():
        return None
    ensure_private_dir(backup_dir)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    name = f"{stamp}-{reason}"
    counter = 1
    while (backup_dir / name).exists():
        counter += 1
        name = f"{stamp}-{counter}-{reason}"
    staging = backup_dir / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    ensure_private_dir(staging)
    atomic_write(staging / "store.json", store_file.read_bytes())
    if segments:
        ensure_private_dir(staging / "history")
        for segment in segments:
            _link_or_copy(history_dir / segment, staging / "history" / segment)
    os.replace(staging, backup_dir / name)
    for old in [backup for backup in list_backups(backup_dir) if backup.name not in protect][keep:]:
        shutil.rmtree(old.path, ignore_errors=True)
    return next(backup for backup in list_backups(backup_dir) if backup.name == name)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        make_private(target)


def clean_partial_backups(backup_dir: Path) -> None:
    """Remove half-written backups left by a crash."""
    if backup_dir.is_dir():
        for entry in backup_dir.glob(".*.partial"):
            shutil.rmtree(entry, ignore_errors=True)


def stage_segments(backup: Backup, history_dir: Path) -> None:
    """Put a backup's segments back in the history dir (segments are immutable, names unique)."""
    source = backup.path / "history"
    if not source.is_dir():
        return
    ensure_private_dir(history_dir)
    for segment in source.iterdir():
        target = history_dir / segment.name
        if not target.exists():
            _link_or_copy(segment, target)


def set_aside(path: Path, now: datetime, label: str = "corrupt") -> Path:
    """Rename a file to `<name>.<label>-<timestamp>` (never deletes it)."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
    os.replace(path, target)
    with suppress(OSError):
        make_private(target)
    return target
