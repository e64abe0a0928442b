"""The errors a caller of the services handles: its own input refused, or the store's trouble.

The command line and the app catch these and never reach into `ssi_tui.store` for them.
"""

from __future__ import annotations

from ssi_tui.domain.errors import DataFileError
from ssi_tui.store.errors import (
    NotFoundError,
    ReadOnlyStoreError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreVersionError,
    StoreWriteError,
)
from ssi_tui.wording import _, number

__all__ = [
    "DataFileError",
    "FieldErrors",
    "InputError",
    "NotFoundError",
    "ReadOnlyStoreError",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreVersionError",
    "StoreWriteError",
    "os_error_line",
]


class InputError(ValueError):
    """Bad user input: the message names the bad value; nothing was stored.

    `field` names the input it is about (a form field, an option), when it is about one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FieldErrors(InputError):
    """Bad input in several fields of a form at once: `errors` maps each field to its message
    ("" for the form as a whole)."""

    def __init__(self, errors: dict[str, str]) -> None:
        first_field, first = next(iter(errors.items()))
        super().__init__(first, first_field or None)
        self.errors = dict(errors)


def os_error_line(error: OSError) -> str:
    """An OS error about a path as one short line: the path cut to its first 60 characters
    (a 100,000-character one was printed whole), and what the system said."""
    reason = (error.strerror or str(error)).lower()
    name = str(error.filename) if error.filename is not None else ""
    if not name:
        return reason
    shown = (
        name
        if len(name) <= 60
        else _("{start}… ({count} characters)").format(start=name[:60], count=number(len(name)))
    )
    return f"{shown}: {reason}"
