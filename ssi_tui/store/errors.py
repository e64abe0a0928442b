"""Store errors: each carries a one-line message for the user and the CLI exit status."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every store error."""

    exit_code = 1


class StoreLockedError(StoreError):
    """Another process holds the writer lock."""

    exit_code = 1

    def __init__(self, message: str, pid: int | None) -> None:
        super().__init__(message)
        self.pid = pid


class StoreCorruptError(StoreError):
    """The store (or one of its history segments) cannot be read; it has been left untouched."""

    exit_code = 3

    def __init__(self, message: str, path: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason or message  # in a few words, without the way out (a listing's)


class StoreVersionError(StoreError):
    """The store was written by a newer ssi-tui; it is never rewritten."""

    exit_code = 3


class StoreWriteError(StoreError):
    """A save failed (disk full, permission denied…); the previous store is intact."""

    exit_code = 1


class ReadOnlyStoreError(StoreError):
    """A write was attempted on a store opened read-only."""

    exit_code = 1


class NotFoundError(StoreError):
    """No record with that id or name."""

    exit_code = 2
