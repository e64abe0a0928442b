"""An export that comes as several archives: LinkedIn sends `Basic_LinkedInDataExport_MM-DD-YYYY.zip`
first and `Complete_LinkedInDataExport_MM-DD-YYYY.zip` about a day later, and a user may keep a
folder of exports from several years. Given such a folder, the archives are read as one export,
oldest first (the date in the name, Basic before Complete, then the file's time); a row found in
two of them is imported once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ssi_tui.importers.archive import ArchiveError, ExportArchive, Member

_DATED = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_LINKEDIN = re.compile(r"^(basic|complete)_linkedindataexport_([\d-]+)\.zip$", re.IGNORECASE)
LABEL_LENGTH = 24


def part_label(name: str) -> str:
    """How the summary names an archive: 'Basic 11-25-2026' for LinkedIn's own names, else
    the file's name (cut to `LABEL_LENGTH` characters)."""
    found = _LINKEDIN.match(name)
    if found is not None:
        return f"{found.group(1).capitalize()} {found.group(2)}"
    stem = name.removesuffix(".zip").removesuffix(".ZIP")
    return stem if len(stem) <= LABEL_LENGTH else stem[: LABEL_LENGTH - 1] + "…"


PART_ORDER = {"basic": 0, "complete": 1}


def export_zips(folder: ExportArchive) -> list[Member]:
    """The ZIP archives at the top of a folder that holds no CSV file itself (None of them: it
    is an unpacked export, or not an export)."""
    if any(member.basename.lower().endswith(".csv") for member in folder.members):
        return []
    return [
        member
        for member in folder.members
        if member.depth == 0 and member.basename.lower().endswith(".zip")
    ]


def age(path: Path) -> tuple[date, int, float, str]:
    """Sort key, oldest first: the MM-DD-YYYY in the name, Basic before Complete, the file's
    modification time, the name."""
    name = path.name
    found = _DATED.search(name)
    when = date.min
    if found is not None:
        month, day, year = (int(part) for part in found.groups())
        try:
            when = date(year, month, day)
        except ValueError:
            when = date.min
    kind = next((rank for word, rank in PART_ORDER.items() if word in name.lower()), 2)
    try:
        modified = path.stat().st_mtime
    except OSError:
        modified = 0.0
    return when, kind, modified, name


def open_parts(
    folder: Path, zips: list[Member], open_zip: Callable[[Path], ExportArchive]
) -> ExportArchive:
    """The archives of `folder` as one export: every member labelled with its archive."""
    paths = sorted((folder / member.path for member in zips), key=age)
    archives: list[ExportArchive] = []
    try:
        for path in paths:
            archives.append(open_zip(path))
    except ArchiveError:
        for archive in archives:
            archive.close()
        raise
    members: list[Member] = []
    unsafe: list[str] = []
    owners: dict[tuple[str, str], ExportArchive] = {}
    labels: set[str] = set()
    for order, archive in enumerate(archives):
        part = label = part_label(archive.path.name)
        number = 1
        while part in labels:  # two archives named alike: each keeps its own label
            number += 1
            part = f"{label} ({number})"
        labels.add(part)
        for member in archive.members:
            labelled = Member(member.path, member.basename, member.size, part, order)
            members.append(labelled)
            owners[(part, member.path)] = archive
        unsafe.extend(f"{part}/{name}" for name in archive.unsafe)

    def opener(member: Member) -> BinaryIO:
        archive = owners[(member.part, member.path)]
        unlabelled = Member(member.path, member.basename, member.size)
        return archive.raw(unlabelled)

    def closer() -> None:
        for archive in archives:
            archive.close()

    return ExportArchive(folder, members, unsafe, opener, closer)
