"""The store: durable, locked, versioned TinyDB storage behind a small repository API."""

from ssi_tui.store.errors import (
    NotFoundError,
    ReadOnlyStoreError,
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreVersionError,
    StoreWriteError,
)
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
