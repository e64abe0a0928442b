"""History segments: immutable files of bulk history (imports, compacted activity).

A segment is written in full (atomically, durably) before store.json lists it in its meta
table, so a crash leaves at worst an unlisted segment, which the next writer sets aside.
"""

from __future__ import annotations

import os
import secrets
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from ssi_tui.store import schema
from ssi_tui.store.datadir import restore_hint
from ssi_tui.store.errors import StoreCorruptError
from ssi_tui.store.files import atomic_write, ensure_private_dir
from ssi_tui.store.storage import dumps

SEGMENT_FORMAT = "ssi-tui-segment"
ORPHANS_DIR = "orphans"


def read_segments(history_dir: Path, names: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Read and check the named segments, in order; `StoreCorruptError` names a bad one."""
    segments = []
    for name in names:
        path = history_dir / name
        try:
            segment = orjson.loads(path.read_bytes())
            if not isinstance(segment, dict) or segment.get("format") != SEGMENT_FORMAT:
                raise ValueError("not a history segment")
            for key in ("activities", "contacts"):
                if not isinstance(segment.get(key), list) or not all(
                    isinstance(doc, dict) for doc in segment[key]
                ):
                    raise ValueError(f"{key} is not a list of documents")
            schema.check_activities(enumerate(segment["activities"]))
            schema.check_contacts(enumerate(segment["contacts"]))
        except (OSError, ValueError, schema.StructureError) as error:
            raise StoreCorruptError(
                f"history segment {path} is missing or unreadable ({error}). Nothing has been "
                f"changed; {restore_hint()}",
                str(path),
            ) from None
        segments.append((name, segment))
    return segments


def write_segment(
    history_dir: Path,
    now: datetime,
    activity_docs: list[dict[str, Any]],
    contact_docs: list[dict[str, Any]],
) -> str:
    """Write a new segment durably; returns its name (not yet listed by store.json)."""
    ensure_private_dir(history_dir)
    name = f"seg-{now.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}.json"
    payload = {
        "format": SEGMENT_FORMAT,
        "schema_version": schema.SCHEMA_VERSION,
        "activities": activity_docs,
        "contacts": contact_docs,
    }
    atomic_write(history_dir / name, dumps(payload))
    return name


def discard_segment(history_dir: Path, name: str) -> None:
    """Remove a segment whose commit failed (best effort: an unlisted one is harmless)."""
    with suppress(OSError):
        (history_dir / name).unlink()


def set_orphans_aside(history_dir: Path, listed: set[str]) -> None:
    """Segments store.json does not list (a crash mid-import, or a store set aside) move to
    history/orphans/: out of the way, never deleted."""
    if not history_dir.is_dir():
        return
    orphans = [path for path in history_dir.glob("seg-*.json") if path.name not in listed]
    if orphans:
        ensure_private_dir(history_dir / ORPHANS_DIR)
        for path in orphans:
            with suppress(OSError):
                os.replace(path, history_dir / ORPHANS_DIR / path.name)
