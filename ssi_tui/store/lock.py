"""The single-writer lock: an OS lock on a separate file, with the holder's PID beside it."""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import suppress
from pathlib import Path

from ssi_tui.store.errors import StoreLockedError, StoreWriteError
from ssi_tui.store.files import PRIVATE_FILE, describe_os_error
from ssi_tui.wording import _

if os.name == "posix":
    import fcntl
else:  # pragma: no cover - exercised on Windows only
    import msvcrt

DEFAULT_TIMEOUT = 2.0


class _LockTimeout(Exception):
    """Raised by the timer that bounds a blocking wait for the lock."""


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
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        except OSError as error:
            raise StoreWriteError(describe_os_error(error, self.path)) from None
        if not (self._try_lock(fd) or self._wait(fd, timeout)):
            os.close(fd)
            pid = self.holder_pid()
            holder = _("process {pid}").format(pid=pid) if pid else _("another process")
            raise StoreLockedError(
                _("the store is in use by {holder} (ssi-tui); close it or try again").format(
                    holder=holder
                ),
                pid,
            )
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        except OSError as error:  # a full disk: no writer may start, and nothing was changed
            self.release()
            raise StoreWriteError(describe_os_error(error, self.path)) from None
        with suppress(OSError):
            os.fchmod(fd, PRIVATE_FILE)

    def is_free(self) -> bool:
        """Whether no process holds the lock now (probed, never kept: a read-only app asks
        this to offer to become the writer)."""
        if self._fd is not None:
            return False
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return not self.path.exists()
        try:
            if not self._try_lock(fd):
                return False
            if os.name == "posix":
                fcntl.flock(fd, fcntl.LOCK_UN)
            return True
        finally:
            os.close(fd)

    def _wait(self, fd: int, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the lock.

        In the main thread on POSIX this is a blocking `flock` cut short by a timer, so waiters
        are woken by the kernel as soon as the lock is free (twenty processes queue fairly);
        elsewhere (the app opens the store in a worker thread) it polls.
        """
        if os.name == "posix" and threading.current_thread() is threading.main_thread():
            return self._wait_blocking(fd, timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.01)
            if self._try_lock(fd):
                return True
        return False

    @staticmethod
    def _wait_blocking(fd: int, timeout: float) -> bool:
        def expire(signum: int, frame: object) -> None:
            raise _LockTimeout

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except _LockTimeout:
            return False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return True

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
