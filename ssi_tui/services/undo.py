"""A change made through a service, with how to take it back (the app's undo stack holds these).

A service method that the app offers to undo returns a `Change`: its result, a few words
saying what it did, and the write that restores the store as it was before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Change(Generic[T]):
    """What a write did (`result`), in words (`what`, e.g. "audience prospects removed"), and
    its inverse (`revert`, a write on the workspace)."""

    result: T
    what: str
    revert: Callable[[Workspace], object]
