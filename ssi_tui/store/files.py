"""Crash-safe file primitives: private atomic writes, directory fsync, leftover clean-up."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from ssi_tui.store.errors import StoreWriteError
from ssi_tui.wording import _

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
TEMP_SUFFIX = ".tmp"


def ensure_private_dir(path: Path) -> None:
    """Create a directory (and parents) readable by its owner only, whatever the umask.

    Group and other bits are removed; owner bits are never added back, so a directory the user
    made read-only stays read-only (and saves then fail with a clear message).
    """
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        os.chmod(path, mode & 0o700)


def make_private(path: Path) -> None:
    """Make an existing file 0600 (no-op when already so)."""
    with suppress(FileNotFoundError):
        if (path.stat().st_mode & 0o777) != PRIVATE_FILE:
            os.chmod(path, PRIVATE_FILE)


def secure_tree(root: Path) -> None:
    """Take group and other permissions off every folder and file under `root` (0700 and 0600
    at most: history, backups, orphans, set-aside stores). Symlinks are left alone (changing
    one would change its target, maybe outside); failures are skipped (best effort)."""
    if not root.is_dir():
        return
    for folder, folders, files in os.walk(root):
        for name in (folder, *(os.path.join(folder, item) for item in (*folders, *files))):
            with suppress(OSError):
                info = os.lstat(name)
                if stat.S_ISLNK(info.st_mode) or not info.st_mode & 0o077:
                    continue
                os.chmod(name, stat.S_IMODE(info.st_mode) & 0o700)


def fsync_dir(path: Path) -> None:
    """Flush a directory entry so a rename survives a power loss (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_names(directory: Path) -> None:
    """`fsync_dir` for the new files of a batch written with `atomic_write(sync_dir=False)`;
    `StoreWriteError` when it fails."""
    try:
        fsync_dir(directory)
    except OSError as error:
        raise StoreWriteError(describe_os_error(error, directory)) from error


def describe_os_error(error: OSError, path: Path) -> str:
    """A one-line, human explanation of a failed save."""
    if error.errno == errno.ENOSPC:
        reason = _("the disk is full")
    elif error.errno == errno.EDQUOT:
        reason = _("the disk quota is exceeded")
    elif error.errno in (errno.EACCES, errno.EPERM):
        reason = _("permission denied")
    elif error.errno == errno.EROFS:
        reason = _("the file system is read-only")
    else:
        reason = error.strerror or str(error)
    return _("could not save to {path}: {reason}; nothing was changed").format(
        path=path, reason=reason
    )


def atomic_write(
    path: Path, data: bytes | Sequence[bytes | memoryview], *, sync_dir: bool = True
) -> None:
    """Write `data` (bytes, or parts written one after the other) to `path` atomically and
    durably, as a 0600 file.

    Temp file in the same directory, flush + fsync, `os.replace`, fsync of the directory (left
    to the caller with `sync_dir=False`: one for a batch of new files, before anything names
    them). On failure the previous file is untouched, the temp file removed, and
    `StoreWriteError` raised.
    """
    directory = path.parent
    temp_name: str | None = None
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
        with os.fdopen(fd, "wb") as handle:
            for part in [data] if isinstance(data, bytes) else data:
                handle.write(part)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = None
        if sync_dir:
            fsync_dir(directory)
    except OSError as error:
        raise StoreWriteError(describe_os_error(error, path)) from error
    finally:
        if temp_name is not None:
            with suppress(OSError):
                os.unlink(temp_name)


def remove_leftover_temps(directory: Path) -> list[Path]:
    """Delete temp files left by a crash mid-write (only ours: `.<name>.<random>.tmp`)."""
    removed: list[Path] = []
    if not directory.is_dir():
        return removed
    for candidate in directory.glob(f".*{TEMP_SUFFIX}"):
        with suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed
