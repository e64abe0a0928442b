"""The history's manifest (cache/manifest.json): which segment holds each activity, and its date.

With it, a large store opens without reading every history segment: the activity index knows
every id and date at once (counts, first date, the days of a window) and reads a segment's
documents the first time something asks for one of them (`ActivityIndex`, lazily). It is a
cache: sealed, stamped with the names and checksums of the segments it was made from, never
trusted when they differ (it is then ignored, every segment read as before, and the writer
makes it again); segments stay the only record. A small history is always read whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from itertools import chain, groupby, islice, repeat
from operator import ge, gt, itemgetter
from pathlib import Path
from typing import Any

from ssi_tui.gcpause import paused_gc
from ssi_tui.store import day_cache, segments
from ssi_tui.store.hotfile import HotFile
from ssi_tui.store.integrity import check_segment_name, confined
from ssi_tui.store.segments import Written, written_from

MANIFEST_FILE = "manifest.json"
FORMAT = "ssi-tui-manifest"
VERSION = 2  # 2: ranks as runs, as the days
LAZY_BYTES = 4 * 1024 * 1024  # a history this large opens lazily (smaller: read whole)

Document = dict[str, Any]


@dataclass(slots=True)
class Manifest:
    """Every activity of the listed segments, in (date, id) order: its id and the position
    (rank) of the segment holding its copy (of several, the last listed: a merge in order
    keeps it); each segment's first and last date (None: no activity); the copies passed over
    (`shadowed`: [rank, id], an activity saved again since into a later segment); the ranks of
    the segments holding contacts (read at open)."""

    segments: list[str]
    checksums: list[str]
    ids: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    ranks: list[int] = field(default_factory=list)
    spans: list[list[str] | None] = field(default_factory=list)
    shadowed: list[list[Any]] = field(default_factory=list)
    contacts: list[int] = field(default_factory=list)

    def entries(self) -> list[tuple[str, str, int]]:
        """(date, id, rank) of each activity, in order."""
        return list(zip(self.dates, self.ids, self.ranks, strict=True))

    def shadowed_by_rank(self) -> dict[int, set[str]]:
        """The copies passed over, by the segment holding them."""
        found: dict[int, set[str]] = {}
        for rank, key in self.shadowed:
            found.setdefault(rank, set()).add(key)
        return found

    def document(self) -> dict[str, Any]:
        """The JSON form (dates and ranks as runs: `[date, how many]`, `[rank, how many]`: a
        million ranks in a few hundred runs, the history being written by date)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "segments": self.segments,
            "checksums": self.checksums,
            "days": _runs(self.dates),
            "ids": self.ids,
            "ranks": _runs(self.ranks),
            "spans": self.spans,
            "shadowed": self.shadowed,
            "contacts": self.contacts,
        }


def _runs(values: list[Any]) -> list[list[Any]]:
    """`values` as runs of equal ones: `[value, how many]`."""
    return [[value, len(list(run))] for value, run in groupby(values)]


def _expand(runs: Any, valid: Callable[[Any], bool]) -> list[Any] | None:
    """The values these runs stand for, one object per run shared (None: not runs of valid
    values, each next to a different one)."""
    if not isinstance(runs, list):
        return None
    values: list[Any] = []
    previous = None
    for run in runs:
        if not (isinstance(run, list) and len(run) == 2 and valid(run[0])):
            return None
        if not (type(run[1]) is int and run[1] > 0) or run[0] == previous:
            return None
        previous = run[0]
        values.extend(repeat(run[0], run[1]))
    return values


def history_bytes(history_dir: Path, names: Iterable[str]) -> int:
    """The size of the listed segments on disk (a missing one counts nothing)."""
    total = 0
    for name in names:
        with suppress(OSError):
            total += os.stat(history_dir / name).st_size
    return total


def all_there(history_dir: Path, names: Iterable[str]) -> bool:
    """Whether every listed segment is a file of ours inside the history dir (what reading it
    would refuse first, found without reading it)."""
    try:
        for name in names:
            path = confined(history_dir, check_segment_name(name))
            if not path.is_file():
                return False
    except ValueError:
        return False
    return True


def _span(dates: list[str]) -> list[str] | None:
    return [min(dates), max(dates)] if dates else None


def build(segments: list[tuple[str, Document]], checksums: dict[str, str]) -> Manifest:
    """The manifest of segments read whole (in their listed order)."""
    base = Manifest([], [])
    return extend(
        base,
        [
            written_from(name, checksums.get(name, ""), segment["activities"], segment["contacts"])
            for name, segment in segments
        ],
    )


def extend(manifest: Manifest, written: list[Written]) -> Manifest:
    """The manifest once the `written` segments are listed after the ones it covers: their
    copies win."""
    base = len(manifest.segments)
    shadowed = list(manifest.shadowed)
    contacts = list(manifest.contacts)
    spans = list(manifest.spans)
    for offset, part in enumerate(written):
        spans.append(_span(part.dates))
        if part.contacts:
            contacts.append(base + offset)
    flat = _in_order(written, base)
    if flat is None:
        flat = _sorted_entries(written, base, shadowed)
    dates, order, ranks, new = flat
    if manifest.ids:
        kept = []
        for entry in manifest.entries():
            if entry[1] in new:
                shadowed.append([entry[2], entry[1]])
            else:
                kept.append(entry)
        kept.extend(zip(dates, order, ranks, strict=True))
        kept.sort()  # two sorted runs: one merge
        dates = list(map(itemgetter(0), kept))
        order = list(map(itemgetter(1), kept))
        ranks = list(map(itemgetter(2), kept))
    return Manifest(
        segments=[*manifest.segments, *(name for name, *_ in written)],
        checksums=[*manifest.checksums, *(checksum for _, checksum, *_ in written)],
        dates=dates,
        ids=order,
        ranks=ranks,
        spans=spans,
        shadowed=shadowed,
        contacts=contacts,
    )


_Entries = tuple[list[str], list[str], list[int], Container[str]]  # dates, ids, ranks, ids


def _in_order(written: list[Written], base: int) -> _Entries | None:
    """The new segments' activities as they come, when that is (date, id) order already with
    each id once (an import written as it is made): nothing to sort or map. None otherwise."""
    ids = list(chain.from_iterable(part.ids for part in written))
    unique = set(ids)
    if len(unique) != len(ids):
        return None
    dates = list(chain.from_iterable(part.dates for part in written))
    if any(map(gt, dates, islice(dates, 1, None))):
        return None
    later_dates, later_ids = islice(dates, 1, None), islice(ids, 1, None)
    if any(
        day == next_day and key >= next_key
        for day, next_day, key, next_key in zip(dates, later_dates, ids, later_ids, strict=False)
    ):
        return None
    ranks = list(
        chain.from_iterable(
            repeat(base + offset, len(part.ids)) for offset, part in enumerate(written)
        )
    )
    return dates, ids, ranks, unique


def _sorted_entries(written: list[Written], base: int, shadowed: list[list[Any]]) -> _Entries:
    """The new segments' activities in (date, id) order, each id's last copy (the earlier
    ones noted in `shadowed`)."""
    new: dict[str, tuple[str, int]] = {}
    for offset, part in enumerate(written):
        rank = base + offset
        for key, day in zip(part.ids, part.dates, strict=True):
            earlier = new.get(key)
            if earlier is not None and earlier[1] != rank:
                shadowed.append([earlier[1], key])
            new[key] = (day, rank)
    # Two stable sorts on one string each (tuples compare slowly: a third of the time at
    # 130,000).
    entries = [(day, key, rank) for key, (day, rank) in new.items()]
    entries.sort(key=itemgetter(1))
    entries.sort(key=itemgetter(0))
    dates = list(map(itemgetter(0), entries))
    order = list(map(itemgetter(1), entries))
    ranks = list(map(itemgetter(2), entries))
    return dates, order, ranks, new


def read(data_dir: Path, names: list[str], checksums: dict[str, str]) -> Manifest | None:
    """The manifest of exactly these segments, if the file is sound and was made from them;
    None otherwise (the store then reads every segment)."""
    document = day_cache.read_cached(data_dir, MANIFEST_FILE, FORMAT, VERSION)
    if document is None:
        return None
    if document.get("segments") != names:
        return None
    if document.get("checksums") != [checksums.get(name) for name in names]:
        return None
    return _parse(document, len(names))


def _parse(document: dict[str, Any], segment_count: int) -> Manifest | None:
    """The manifest a document holds, checked for shape (None: not what this code writes)."""
    ids, contacts = document.get("ids"), document.get("contacts")
    if not isinstance(ids, list):
        return None
    spans, shadowed = _parse_spans(document.get("spans"), segment_count), document.get("shadowed")
    if spans is None or not isinstance(shadowed, list):
        return None
    for pair in shadowed:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
            return None
        if not (type(pair[0]) is int and 0 <= pair[0] < segment_count):
            return None
    if not isinstance(contacts, list) or not all(type(rank) is int for rank in contacts):
        return None
    if contacts and (min(contacts) < 0 or max(contacts) >= segment_count):
        return None
    dates = _expand(document.get("days"), lambda day: isinstance(day, str))
    ranks = _expand(
        document.get("ranks"), lambda rank: type(rank) is int and 0 <= rank < segment_count
    )
    if dates is None or ranks is None or not len(dates) == len(ids) == len(ranks):
        return None
    days = [run[0] for run in document["days"]]
    if any(map(ge, days, days[1:])) or set(map(type, ids)) - {str}:
        return None  # (runs of days in order: the dates are)
    return Manifest(
        segments=list(document["segments"]),
        checksums=list(document["checksums"]),
        ids=ids,
        dates=dates,
        ranks=ranks,
        spans=spans,
        shadowed=shadowed,
        contacts=contacts,
    )


def _parse_spans(spans: Any, segment_count: int) -> list[list[str] | None] | None:
    """Each segment's first and last date, checked (None: not what this code writes)."""
    if not isinstance(spans, list) or len(spans) != segment_count:
        return None
    for span in spans:
        if span is None:
            continue
        if not (isinstance(span, list) and len(span) == 2):
            return None
        if not all(isinstance(day, str) for day in span) or span[0] > span[1]:
            return None
    return spans


def write(store: HotFile, manifest: Manifest) -> bool:
    """Save the manifest (the writer only; False when it could not be: nothing is lost)."""
    return day_cache.write_cached(store, MANIFEST_FILE, manifest.document())


@dataclass(slots=True)
class Lazy:
    """A history opened with its manifest: the segments read at open (those holding contacts,
    by rank) and how to read another one (`load(rank)`: its activities)."""

    manifest: Manifest
    read: list[tuple[int, Document]]
    load: Callable[[int], list[Document]]


def open_lazily(
    store: HotFile,
    names: list[str],
    checksums: dict[str, str],
    known: Manifest | None = None,
    held: dict[str, Document] | None = None,
) -> Lazy | None:
    """The history of a large store through its manifest (None: read it whole, as a small or
    unlisted one, or one whose manifest is missing or stale). A writer that has just made the
    manifest (`known`) and still holds some segments (`held`, by name: a streamed import's
    contacts) gives them: neither is read back."""
    if history_bytes(store.history_dir, names) < LAZY_BYTES:
        return None
    manifest = known if known is not None else read(store.data_dir, names, checksums)
    history_dir = store.history_dir
    if manifest is None or not all_there(history_dir, names):
        return None  # (a missing or foreign segment: named at open, by reading them all)

    def load(rank: int) -> list[Document]:
        name = names[rank]
        with paused_gc(freeze=True):  # long-lived documents, no cycles (as at open)
            (_, segment), *_ = segments.read_segments(history_dir, [name], checksums)
        return segment["activities"]

    held = held or {}
    chosen = sorted(set(manifest.contacts))
    unread = [names[rank] for rank in chosen if names[rank] not in held]
    read_now = dict(segments.read_segments(history_dir, unread, checksums))
    read_now.update(held)
    return Lazy(manifest, [(rank, read_now[names[rank]]) for rank in chosen], load)


def keep_built(store: HotFile, read_whole: list[tuple[str, Document]]) -> None:
    """After a large history was read whole, save its manifest for the next open (the writer;
    best effort)."""
    if store.read_only or store.migrated_from is not None:
        return
    names = [name for name, _ in read_whole]
    if history_bytes(store.history_dir, names) < LAZY_BYTES:
        return
    checksums = store.table_data("meta")["1"].get("checksums", {})
    write(store, build(read_whole, checksums))


def after_write(store: HotFile, written: list[Written]) -> Manifest | None:
    """Bring the manifest up to date once new segments are listed (best effort: a stale one is
    ignored, and made again by the next writer to open the store); returns it when written."""
    meta = store.table_data("meta")["1"]
    names = list(meta.get("segments", []))
    checksums = meta.get("checksums", {})
    before = names[: len(names) - len(written)]
    if history_bytes(store.history_dir, names) < LAZY_BYTES:
        return None
    old = read(store.data_dir, before, checksums) if before else Manifest([], [])
    if old is None:
        return None
    made = extend(old, written)
    return made if write(store, made) else None
