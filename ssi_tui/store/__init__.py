"""The store: durable, locked, versioned TinyDB storage behind a small repository API.

`Store` is imported lazily so that importing the light error classes does not load TinyDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ssi_tui.store.errors import (
    NotFoundError,
    ReadOnlyStoreError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreVersionError,
    StoreWriteError,
)

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

__all__ = [
    "NotFoundError",
    "ReadOnlyStoreError",
    "Store",
    "StoreCorruptError",
    "StoreError",
    "StoreLockedError",
    "StoreVersionError",
    "StoreWriteError",
]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from ssi_tui.store.repository import Store

        return Store
    raise AttributeError(name)
