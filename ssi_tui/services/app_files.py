"""The app's own files beside the store: its caches (the first frame's parsed CSS)."""

from __future__ import annotations

from pathlib import Path


def keep_cache_file(path: Path, data: bytes) -> bool:
    """Write one of the app's cache files atomically and privately (0600, its folder 0700);
    False when it cannot be written (a cache: the app goes on without it, nothing else
    changes)."""
    from ssi_tui.store.errors import StoreWriteError
    from ssi_tui.store.files import atomic_write, ensure_private_dir

    try:
        ensure_private_dir(path.parent)
        atomic_write(path, data)
    except (OSError, StoreWriteError):
        return False
    return True
