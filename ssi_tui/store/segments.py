"""History segments: immutable files of bulk history (imports, compacted activity).

A segment is written in full (atomically, durably) before store.json lists it in its meta
table, so a crash leaves at worst an unlisted segment, which the next writer sets aside.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from ssi_tui.store import schema
from ssi_tui.store.datadir import restore_hint
from ssi_tui.store.errors import StoreCorruptError
from ssi_tui.store.files import atomic_write, ensure_private_dir, sync_names
from ssi_tui.store.integrity import (
    check_segment_name,
    confined,
    seal,
    sealed_parts,
    unseal,
    verify,
)
from ssi_tui.store.storage import dumps
from ssi_tui.wording import _

SEGMENT_FORMAT = "ssi-tui-segment"
ORPHANS_DIR = "orphans"
PARTITION_MIN = 4096  # activities a segment of a large write holds at least (`partition`)
CHECKERS = 4  # segments checked at once (`check_sealed`)

Document = dict[str, Any]
_ID, _DATE = itemgetter("id"), itemgetter("date")


def read_segments(
    history_dir: Path,
    names: list[str],
    checksums: dict[str, str] | None = None,
) -> list[tuple[str, dict[str, Any]]]:
    """Read and check the named segments, in order; `StoreCorruptError` names a bad one.

    With `checksums` (a store at schema 3 or later: store.json's `meta.checksums`), every
    segment must be sealed with the checksum listed for it; without (an older store, not yet
    migrated), an unsealed segment is read as it is."""
    segments = []
    for name in names:
        path = history_dir / str(name)
        try:
            check_segment_name(name)
            path = confined(history_dir, name)
            raw = path.read_bytes()
            sealed = verify(raw)
            if checksums is not None:
                if sealed is None:
                    raise ValueError(_("it has no checksum"))
                if checksums.get(name) != sealed:
                    raise ValueError(_("it is not the segment store.json lists (checksum differs)"))
            segment = orjson.loads(raw)
            del raw
            if not isinstance(segment, dict) or segment.get("format") != SEGMENT_FORMAT:
                raise ValueError(_("not a history segment"))
            for key in ("activities", "contacts"):
                if not isinstance(segment.get(key), list):
                    raise ValueError(_("{key} is not a list of documents").format(key=key))
            if checksums is None:
                # Unsealed (written before checksums): check every document. A sealed segment
                # holds exactly the bytes this store wrote from checked documents: its checksum
                # stands for the per-document pass (a tenth of opening a large store).
                check_structure(segment)
        except (OSError, ValueError, schema.StructureError) as error:
            raise damaged(path, name, error) from None
        segments.append((name, segment))
    return segments


def damaged(path: Path, name: str, error: Exception) -> StoreCorruptError:
    """The error naming a missing or damaged segment, and how to get out of it."""
    return StoreCorruptError(
        _(
            "history segment {path} is missing or damaged ({why}). Nothing has been changed; {value}"
        ).format(path=path, why=describe(error), value=restore_hint(repair=True)),
        str(path),
        f"history/{name}: {describe(error)}",
    )


def check_sealed(history_dir: Path, names: list[str], checksums: dict[str, str]) -> None:
    """Check each named segment is whole: sealed with the checksum store.json lists for it
    (read, never parsed). `StoreCorruptError` names the first that is not. Several are checked
    at once (reading and hashing let other threads run: 0.6 s -> 0.35 s at a million)."""

    def problem(name: str) -> StoreCorruptError | None:
        path = history_dir / str(name)
        try:
            path = confined(history_dir, check_segment_name(name))
            sealed = verify(path.read_bytes())
            if sealed is None:
                raise ValueError(_("it has no checksum"))
            if checksums.get(name) != sealed:
                raise ValueError(_("it is not the segment store.json lists (checksum differs)"))
        except (OSError, ValueError) as error:
            return damaged(path, name, error)
        return None

    with ThreadPoolExecutor(CHECKERS, thread_name_prefix="ssi-check") as pool:
        for found in pool.map(problem, names):  # (in order: the first damaged one is named)
            if found is not None:
                raise found


def check_structure(segment: dict[str, Any]) -> None:
    """Check every document of a segment has what every reader needs (ValueError,
    `schema.StructureError`)."""
    for key in ("activities", "contacts"):
        if not all(isinstance(doc, dict) for doc in segment[key]):
            raise ValueError(_("{key} is not a list of documents").format(key=key))
    schema.check_activities(enumerate(segment["activities"]))
    schema.check_contacts(enumerate(segment["contacts"]))


def describe(error: Exception) -> str:
    """An OS error in plain words, else the error's own message."""
    if isinstance(error, FileNotFoundError):
        return _("no such file")
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def write_segment(
    history_dir: Path,
    now: datetime,
    activity_docs: list[dict[str, Any]],
    contact_docs: list[dict[str, Any]],
    *,
    sync_dir: bool = True,
) -> tuple[str, str]:
    """Write a new segment durably, sealed; returns its name (not yet listed by store.json)
    and its checksum. With `sync_dir=False` its directory entry is made durable by the caller
    (`files.sync_names`, once for a batch), before store.json lists it."""
    ensure_private_dir(history_dir)
    name = f"seg-{now.strftime('%Y%m%d%H%M%S')}-{secrets.token_hex(4)}.json"
    payload = {
        "format": SEGMENT_FORMAT,
        "schema_version": schema.SCHEMA_VERSION,
        "activities": activity_docs,
        "contacts": contact_docs,
    }
    parts, checksum = sealed_parts(dumps(payload))
    atomic_write(history_dir / name, parts, sync_dir=sync_dir)
    return name, checksum


def partition(
    activity_docs: list[dict[str, Any]],
    contact_docs: list[dict[str, Any]],
    minimum: int | None = None,
) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    """Split a large write into segments by date: contacts alone, then the activities by
    tens of days (YYYY-MM-D: days 1-9, 10-19, 20-29, 30-31 of a month; neighbouring ones
    together until a segment holds `minimum`), so that a store reading lazily
    (`store/manifest.py`) opens the few segments a window of days needs, and a page of the log
    one small segment (a million activities: 1.6 MB each, not 5 MB by month). A small write
    stays one segment. Each id is kept once, its last copy (the one a merge in order keeps)."""
    minimum = PARTITION_MIN if minimum is None else minimum
    if len(activity_docs) < 2 * minimum:
        return [(activity_docs, contact_docs)]
    latest = {doc["id"]: doc for doc in activity_docs}
    tens: dict[str, list[dict[str, Any]]] = {}
    for doc in latest.values():
        tens.setdefault(doc["date"][:9], []).append(doc)
    parts: list[tuple[list[dict[str, Any]], list[dict[str, Any]]]] = []
    if contact_docs:
        parts.append(([], contact_docs))
    group: list[dict[str, Any]] = []
    for days in sorted(tens):
        group.extend(tens[days])
        if len(group) >= minimum:
            parts.append((group, []))
            group = []
    if group:
        if parts and parts[-1][0]:
            parts[-1][0].extend(group)
        else:
            parts.append((group, []))
    return parts


class Written(NamedTuple):
    """A segment just written (not yet listed): its name and checksum, the id and date of each
    activity it holds (what the manifest and the commit need: not the documents, which a
    streamed write lets go), and the ids of its contacts."""

    name: str
    checksum: str
    ids: list[str]
    dates: list[str]
    contacts: list[str]


def written_from(
    name: str, checksum: str, activities: list[Document], contacts: list[Document]
) -> Written:
    """What is kept of a segment once written (`Written`), from its documents."""
    return Written(
        name,
        checksum,
        list(map(_ID, activities)),
        list(map(_DATE, activities)),
        list(map(_ID, contacts)),
    )


def write_batch(
    history_dir: Path,
    clock: Callable[[], datetime],
    activity_docs: list[dict[str, Any]],
    contact_docs: list[dict[str, Any]],
) -> list[Written]:
    """Write a batch as new segments (a large one by date: `partition`), durably and not yet
    listed (none left behind if one fails)."""
    done: list[Written] = []
    try:
        for activities, contacts in partition(activity_docs, contact_docs):
            name, checksum = write_segment(
                history_dir, clock(), activities, contacts, sync_dir=False
            )
            done.append(written_from(name, checksum, activities, contacts))
        sync_names(history_dir)  # (each file is synced; their names, once for all)
    except BaseException:
        discard_written(history_dir, done)
        raise
    return done


def write_stream(
    history_dir: Path,
    clock: Callable[[], datetime],
    activity_docs: Iterable[Document],
    contact_docs: list[Document],
    minimum: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Written]:
    """Write a large batch as new segments while its activities are still coming (a large
    import's: they are made oldest first), so that no more than two segments' documents are
    held at once: the contacts alone, then the activities by tens of days as `partition` cuts
    them (the last few joining the segment before).

    Activities out of date order are written correctly all the same (a segment's span is its
    first and last date): from the first one out of order, the rest is held and cut by
    `partition` at the end. Durably written, not yet listed; none left behind if one fails.
    `progress` hears how many activities are written so far, after each segment."""
    minimum = PARTITION_MIN if minimum is None else minimum
    done: list[Written] = []
    count = 0

    def write(activities: list[Document], contacts: list[Document]) -> None:
        nonlocal count
        name, checksum = write_segment(history_dir, clock(), activities, contacts, sync_dir=False)
        done.append(written_from(name, checksum, activities, contacts))
        count += len(activities)
        if progress is not None and activities:
            progress(count)

    try:
        if contact_docs:
            write([], contact_docs)
        held: list[Document] = []  # a segment cut, written once the next one is
        group: list[Document] = []
        tens = ""
        docs = iter(activity_docs)
        for doc in docs:
            day = doc["date"]
            if day[:9] != tens:
                if day < tens:  # out of order: the rest is partitioned whole
                    rest = [*held, *group, doc, *docs]
                    del held, group
                    for activities, _ in partition(rest, [], minimum):
                        write(activities, [])
                    sync_names(history_dir)
                    return done
                if len(group) >= minimum:
                    if held:
                        write(held, [])
                    held, group = group, []
                tens = day[:9]
            group.append(doc)
        if len(group) >= minimum:
            if held:
                write(held, [])
            held, group = group, []
        held.extend(group)
        if held:
            write(held, [])
        sync_names(history_dir)  # (each file is synced; their names, once for all)
    except BaseException:
        discard_written(history_dir, done)
        raise
    return done


def discard_written(history_dir: Path, written: list[Written]) -> None:
    """Remove segments whose commit failed."""
    for segment in written:
        discard_segment(history_dir, segment.name)


def seal_legacy(history_dir: Path, names: list[str]) -> dict[str, str]:
    """Seal the segments written before checksums (each rewritten atomically under its own
    name, content unchanged); returns every named segment's checksum."""
    checksums: dict[str, str] = {}
    for name in names:
        path = confined(history_dir, check_segment_name(name))
        raw = path.read_bytes()
        body, sealed = unseal(raw)
        if sealed is None:
            raw, sealed = seal(body)
            atomic_write(path, raw)
        checksums[name] = sealed
    return checksums


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
