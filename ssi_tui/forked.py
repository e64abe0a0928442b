"""Work done on the second core: a forked helper process that runs one function and hands its
result back (pickled, through a pipe), for the large import's independent halves.

A helper is started only where it is safe and worth it: a POSIX `fork` in a process with a
single thread (the command line; never the app, whose other threads could hold a lock the
child then waits on for ever). The child inherits everything it needs: nothing is sent to it.
It never returns into the caller's code: it ends with `os._exit` (no atexit handlers, no
flushing of buffers it shares with its parent), on any exception too. When a helper cannot be
started, fails or dies, the caller does the work itself: the result is the same, only slower.

A `Board` is a small shared memory both processes see: the helper writes how far it is there,
the parent reads it to say so (a pipe would need the parent to listen while it works).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_SLOT = struct.Struct("q")
# For each helper run here, the most memory both processes held together (kB), for the
# benchmark: this process's resident memory once the helper's result is read (it only grew
# while the helper ran) plus the helper's private memory at its end (its own pages and those it
# copied from this one: it too only grew). Pages they share are counted once.
peaks_with_helpers_kb: list[int] = []


class HelperFailed(Exception):
    """The helper died or raised: its work must be done again by the caller."""


def can_fork() -> bool:
    """Whether a helper may be forked here: POSIX and this process's only thread."""
    return hasattr(os, "fork") and sys.platform != "win32" and _threads() == 1


def _threads() -> int:
    """This process's threads: Python's, or the system's count where it gives one and it is
    more (a library may run threads of its own)."""
    return max(threading.active_count(), _memory_kb("status", ("Threads:",)))


class Board:
    """Shared integers (one writer: the helper), readable by the parent at any time."""

    def __init__(self, slots: int) -> None:
        self._memory = mmap.mmap(-1, _SLOT.size * max(slots, 1))

    def __setitem__(self, slot: int, value: int) -> None:
        _SLOT.pack_into(self._memory, slot * _SLOT.size, value)

    def __getitem__(self, slot: int) -> int:
        return int(_SLOT.unpack_from(self._memory, slot * _SLOT.size)[0])

    def close(self) -> None:
        """Release the shared memory."""
        self._memory.close()


def _memory_kb(file: str, fields: tuple[str, ...]) -> int:
    """The sum of `fields` (kB, or a count) in a /proc/self file (Linux; else 0)."""
    try:
        with open(f"/proc/self/{file}", encoding="utf-8", errors="replace") as status:
            text = status.read()
    except OSError:
        return 0
    return sum(int(line.split()[1]) for line in text.splitlines() if line.startswith(fields))


def _private_kb() -> int:
    """This process's private memory (kB): pages it made or copied."""
    return _memory_kb("smaps_rollup", ("Private_Clean:", "Private_Dirty:"))


class Helper(Generic[T]):
    """A forked process running `work()`; `result()` waits for what it returned."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid = pid
        self._reader = reader
        self._done = False

    @classmethod
    def start(cls, work: Callable[[], T]) -> Helper[T] | None:
        """Fork a helper running `work`, or None where one may not be forked (`can_fork`)."""
        if not can_fork():
            return None
        reader, writer = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the helper: never returns
            code = 1
            try:
                os.close(reader)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(writer, "wb") as out:
                    out.write(_SLOT.pack(len(data)))
                    out.write(data)
                    out.write(_SLOT.pack(_private_kb()))  # at its fullest: the result made
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        return cls(pid, reader)

    def result(self) -> T:
        """What `work` returned (waiting for it); HelperFailed if the helper failed or died."""
        if self._done:
            raise HelperFailed("the helper's result was taken")
        try:
            with os.fdopen(self._reader, "rb") as stream:
                self._done = True
                head = stream.read(_SLOT.size)
                data = stream.read()
        finally:
            status = self._reap()
        if status != 0 or len(head) != _SLOT.size:
            raise HelperFailed(f"the helper ended with status {status}")
        (size,) = _SLOT.unpack(head)
        if len(data) != size + _SLOT.size:
            raise HelperFailed("the helper's result was cut short")
        helper_kb = _SLOT.unpack_from(data, size)[0]
        peaks_with_helpers_kb.append(_memory_kb("status", ("VmRSS:",)) + helper_kb)
        try:
            return pickle.loads(memoryview(data)[:size])  # type: ignore[no-any-return]
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError) as error:
            raise HelperFailed(f"the helper's result cannot be read: {error}") from None

    def _reap(self) -> int:
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        return os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Stop the helper if it still runs (the caller gave up: an error, Ctrl-C) and reap it."""
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            self._reap()
        if not self._done:
            self._done = True
            with contextlib.suppress(OSError):
                os.close(self._reader)
