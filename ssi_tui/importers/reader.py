"""The whole export → a `ParsedExport`: drafts, people, profile facts, owner, per-file reports.

Pure reading: no store. A bad row is recorded with its file and line and the rest goes on; a
member that cannot be read at all (corrupt data) stops the import with an ArchiveError.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssi_tui.gcpause import paused_gc
from ssi_tui.importers.archive import READ_ERRORS, ArchiveError, ExportArchive, Member
from ssi_tui.importers.csvfiles import CsvTable, Row, RowError
from ssi_tui.importers.decoding import decode
from ssi_tui.importers.drafts import Draft
from ssi_tui.importers.files import FileKind, plan_files
from ssi_tui.importers.mapping import (
    FACT_DEFAULTS,
    HANDLERS,
    READERS,
    Collector,
    Handler,
    RowReader,
    TopicMatcher,
)
from ssi_tui.importers.owner import Owner, detect_owner
from ssi_tui.importers.people import People
from ssi_tui.importers.summary import FileReport, ImportProgress
from ssi_tui.wording import _

ProgressCallback = Callable[[ImportProgress], None]
PROGRESS_INTERVAL = 0.1  # seconds between progress reports for one file


@dataclass(slots=True)
class ParsedExport:
    """Everything read from an export, before it meets the store."""

    source: Path
    drafts: list[Draft]
    people: People
    profile: dict[str, Any]
    profile_files: list[str]
    owner: Owner | None
    files: dict[str, FileReport]
    ignored: list[str]


def read_export(
    archive: ExportArchive,
    progress: ProgressCallback | None = None,
    match_topics: TopicMatcher | None = None,
) -> ParsedExport:
    """Read every known file of the export (connections first), then direct the messages;
    posts' and comments' texts are matched with `match_topics` (the goals' topics they hold)."""
    with paused_gc(freeze=True):
        return _read_export(archive, progress, match_topics)


def _read_export(
    archive: ExportArchive, progress: ProgressCallback | None, match_topics: TopicMatcher | None
) -> ParsedExport:
    plan = plan_files(archive.members, archive.unsafe)
    if progress is not None:
        for member, _ in plan.files:
            progress(ImportProgress(member.label, 0, member.size))
    found = Collector(match_topics)
    reports: dict[str, FileReport] = {}
    profile_files: list[str] = []
    for member, kind in plan.files:
        reports[member.label] = _read_file(archive, member, kind, found, progress)
        if kind.id in ("profile", "skills", "positions"):
            profile_files.append(member.label)
    connections = {person.identity for person in found.people.all if person.connected_on}
    owner = detect_owner(found.owner_clues, list(found.message_logs.values()), connections)
    for file, log in found.message_logs.items():
        found.drafts.extend(log.drafts(owner, found.people))
        reports[file].errors.extend(log.errors)
        reports[file].warnings.extend(log.skipped_lines())
    for report in reports.values():
        report.errors.sort(key=lambda error: error.line)
    return ParsedExport(
        source=archive.path,
        drafts=found.drafts,
        people=found.people,
        profile=found.profile,
        profile_files=profile_files,
        owner=owner,
        files=reports,
        ignored=plan.ignored,
    )


def _row_reader(found: Collector, table: CsvTable, handler: Handler, file: str) -> RowReader:
    """What reads one record of `table` (its line and fields): the file's bound reader if it
    has one (`READERS`), else its handler given a `Row`."""
    bound = READERS.get(table.kind.id)
    if bound is not None:
        return bound(found, table, file)
    return lambda line, fields: handler(found, Row(table, line, fields), file)


def _read_file(
    archive: ExportArchive,
    member: Member,
    kind: FileKind,
    found: Collector,
    progress: ProgressCallback | None,
) -> FileReport:
    report = FileReport()
    handler = HANDLERS[kind.id]
    for fact, value in FACT_DEFAULTS.get(kind.id, {}).items():
        found.profile.setdefault(fact, value)
    raw = archive.open(member)
    last_report = time.monotonic()
    try:
        decoded = decode(raw)  # type: ignore[arg-type]
        if decoded.not_csv is not None:
            decoded.stream.close()
            report.errors.append(
                RowError(
                    1,
                    _("this is {not_csv}: file skipped (LinkedIn writes CSV)").format(
                        not_csv=decoded.not_csv
                    ),
                )
            )
            return report
        with decoded.stream as stream:
            table = CsvTable(stream, kind)
            handle = None
            for count, (line, fields) in enumerate(table, start=1):
                if handle is None:  # the header is read: the columns are known
                    handle = _row_reader(found, table, handler, member.label)
                try:
                    if handle(line, fields) is not False:
                        report.rows += 1
                except ValueError as error:
                    report.rows += 1
                    report.errors.append(RowError(line, str(error)))
                if progress is not None and count % 512 == 0:
                    now = time.monotonic()
                    if now - last_report >= PROGRESS_INTERVAL:
                        last_report = now
                        progress(ImportProgress(member.label, raw.count, member.size))
    except READ_ERRORS as error:
        raise ArchiveError(
            _("{path}: cannot read {path2}: {error}").format(
                path=archive.path, path2=member.path, error=error
            )
        ) from None
    report.rows += table.bad_rows
    report.errors.extend(table.errors)
    report.warnings.extend(decoded.warnings())
    if table.delimiter == "\t":
        report.warnings.append(_("tab-separated (an older export or a spreadsheet re-save)"))
    if progress is not None:
        progress(ImportProgress(member.label, member.size, member.size))
    return report
