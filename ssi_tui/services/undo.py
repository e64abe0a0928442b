"""A change made through a service: its result and what it did, in words.

A service method that can be undone returns a `Change` and is decorated with `@undoable`
(services/journal.py): the journal keeps the records it wrote as they were, and `Journal.undo`
puts them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Change(Generic[T]):
    """What a write did (`result`), in words (`what`, e.g. "audience prospects removed"), and
    whether the journal kept it (`undoable`: False only for a change too large to keep)."""

    result: T
    what: str
    undoable: bool = True
