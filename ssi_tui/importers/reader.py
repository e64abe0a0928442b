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

from ssi_tui.forked import Board, Helper, HelperFailed
from ssi_tui.gcpause import paused_gc
from ssi_tui.importers.archive import READ_ERRORS, ArchiveError, ExportArchive, Member
from ssi_tui.importers.csvfiles import CsvTable, Row, RowError
from ssi_tui.importers.decoding import decode
from ssi_tui.importers.drafts import Draft
from ssi_tui.importers.files import FileKind, plan_files
from ssi_tui.importers.handover import Helped
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
    reports = _read_files(archive, plan.files, found, progress)
    profile_files = [
        member.label for member, kind in plan.files if kind.id in ("profile", "skills", "positions")
    ]
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


Files = list[tuple[Member, FileKind]]
# The helper reads every file but the messages when both sides hold this much (bytes): below,
# forking and handing its result back would cost more than it saves.
HELPER_MIN_BYTES = 1_000_000


def _read_files(
    archive: ExportArchive, files: Files, found: Collector, progress: ProgressCallback | None
) -> dict[str, FileReport]:
    """Every file's report (in the plan's order), its rows in `found`. A large export is read
    on two cores where a helper may be forked (`forked.can_fork`): the messages here, the other
    files in the helper (they share nothing until the messages' drafts are made); the result is
    exactly the one reading them all here in order gives, which is what happens otherwise."""
    mine = [(member, kind) for member, kind in files if kind.id == "messages"]
    theirs = [(member, kind) for member, kind in files if kind.id != "messages"]
    board = Board(len(theirs))
    helper = None
    reopen = archive.reopen
    if (
        reopen is not None
        and sum(member.size for member, _kind in mine) >= HELPER_MIN_BYTES
        and sum(member.size for member, _kind in theirs) >= HELPER_MIN_BYTES
    ):
        helper = Helper.start(lambda: _help(reopen, theirs, files, found.match_topics, board))
    if helper is None:
        mine, theirs = files, []
    try:
        reports, failed = _read_each(
            archive, mine, files, found, _with_board(progress, theirs, board)
        )
        if helper is not None:
            helped = _helped(helper, archive, theirs, files, found, progress)
            reports.update(helped.reports)
            if helped.failed is not None and (failed is None or helped.failed[0] < failed[0]):
                failed = helped.failed
        if failed is not None:
            raise ArchiveError(failed[1])
    finally:
        if helper is not None:
            helper.close()
        board.close()
    return {member.label: reports[member.label] for member, _kind in files}


def _read_each(
    archive: ExportArchive,
    some: Files,
    files: Files,
    found: Collector,
    progress: ProgressCallback | None,
) -> tuple[dict[str, FileReport], tuple[int, str] | None]:
    """Read `some` of the `files` in order, up to the first that cannot be read: the reports,
    and that file's place in `files` with the error."""
    reports: dict[str, FileReport] = {}
    for member, kind in some:
        try:
            reports[member.label] = _read_file(archive, member, kind, found, progress)
        except ArchiveError as error:
            return reports, (_place(files, member), str(error))
    return reports, None


def _place(files: Files, member: Member) -> int:
    return next(index for index, (other, _) in enumerate(files) if other is member)


def _help(
    reopen: Callable[[], ExportArchive],
    theirs: Files,
    files: Files,
    match_topics: TopicMatcher | None,
    board: Board,
) -> Helped:
    """In the helper: read `theirs` from the archive opened again (a ZIP's file position is
    shared across a fork), saying how far on the board."""
    found = Collector(match_topics)
    slots = {member.label: slot for slot, (member, _kind) in enumerate(theirs)}

    def progress(event: ImportProgress) -> None:
        board[slots[event.file]] = event.done

    with reopen() as archive:
        reports, failed = _read_each(archive, theirs, files, found, progress)
    return Helped(found.people, found.drafts, found.profile, found.owner_clues, reports, failed)


def _helped(
    helper: Helper[Helped],
    archive: ExportArchive,
    theirs: Files,
    files: Files,
    found: Collector,
    progress: ProgressCallback | None,
) -> Helped:
    """The helper's result, its parts put in `found`; when it failed, its files read here."""
    try:
        helped = helper.result()
    except HelperFailed:
        reports, failed = _read_each(archive, theirs, files, found, progress)
        return Helped(found.people, found.drafts, found.profile, found.owner_clues, reports, failed)
    found.people, found.drafts = helped.people, helped.drafts
    found.profile, found.owner_clues = helped.profile, helped.owner_clues
    if progress is not None:
        for member, _kind in theirs:
            if member.label in helped.reports:
                progress(ImportProgress(member.label, member.size, member.size))
    return helped


def _with_board(
    progress: ProgressCallback | None, theirs: Files, board: Board
) -> ProgressCallback | None:
    """`progress` that also tells how far the helper's files are, before each event here."""
    if progress is None or not theirs:
        return progress
    shown = [-1] * len(theirs)

    def report(event: ImportProgress) -> None:
        for slot, (member, _kind) in enumerate(theirs):
            done = board[slot]
            if done != shown[slot]:
                shown[slot] = done
                progress(ImportProgress(member.label, done, member.size))
        progress(event)

    return report


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
