"""The single-writer lock: an OS lock on a separate file, with the holder's PID beside it."""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path

from ssi_tui.store.errors import StoreLockedError
from ssi_tui.store.files import PRIVATE_FILE

if os.name == "posix":
    import fcntl
else:  # pragma: no cover - exercised on Windows only
    import msvcrt

DEFAULT_TIMEOUT = 2.0


class WriterLock:
    """An exclusive, process-wide lock on `<dir>/store.lock`, released on close or process exit.

    The lock file is never truncated before the lock is held, so a waiting process can read
    the PID of the holder from it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def holder_pid(self) -> int | None:
        """PID written by the current holder, if readable."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        return int(text) if text.isdigit() else None

    def acquire(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Take the lock, waiting up to `timeout` seconds; else `StoreLockedError` naming the holder."""
        if self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        deadline = time.monotonic() + timeout
        delay = 0.005
        while True:
            if self._try_lock(fd):
                break
            if time.monotonic() >= deadline:
                os.close(fd)
                pid = self.holder_pid()
                holder = f"process {pid}" if pid else "another process"
                raise StoreLockedError(
                    f"the store is in use by {holder} (ssi-tui); close it or try again", pid
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 0.05)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        with suppress(OSError):
            os.fchmod(fd, PRIVATE_FILE)
        self._fd = fd

    @staticmethod
    def _try_lock(fd: int) -> bool:
        try:
            if os.name == "posix":
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def release(self) -> None:
        """Release the lock (the PID is cleared first so nobody blames a finished process)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with suppress(OSError):
            os.ftruncate(fd, 0)
        with suppress(OSError):
            if os.name == "posix":
                fcntl.flock(fd, fcntl.LOCK_UN)
            else:  # pragma: no cover
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)
