"""`import_export`: the one import the command line and the app both run."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ssi_tui.domain.text import email_address
from ssi_tui.importers.archive import ArchiveError, ExportArchive, open_export
from ssi_tui.importers.ical_lines import CalendarError
from ssi_tui.importers.merge import apply_import
from ssi_tui.importers.reader import ParsedExport, ProgressCallback, read_export
from ssi_tui.importers.summary import ImportProgress, ImportSummary
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.importers.calendar_merge import CalendarSummary
    from ssi_tui.services.workspace import Workspace

__all__ = [
    "ArchiveError",
    "CalendarError",
    "CalendarSummary",
    "ImportProgress",
    "ImportSummary",
    "ParsedExport",
    "apply_import",
    "ImportResult",
    "calendar_files",
    "calendars_only",
    "import_calendar",
    "import_calendars",
    "is_calendar",
    "import_export",
    "open_export",
    "read_export",
]


def __getattr__(name: str) -> object:
    # The calendar's side is imported when a calendar is (not by an export's import).
    if name == "CalendarSummary":
        from ssi_tui.importers.calendar_merge import CalendarSummary

        return CalendarSummary
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def import_export(
    workspace: Workspace,
    path: Path | str | ExportArchive,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    lock: AbstractContextManager[object] | None = None,
) -> ImportSummary:
    """Import a LinkedIn export (ZIP, folder, or an archive already opened) into the store.

    Posts', comments' and media's texts are matched against the goals' topics; only the topics
    matched are kept (on the new activities, and added to those already imported from the same
    rows, so that importing again after a topics edit re-matches them).

    Raises ArchiveError (nothing saved, store untouched) for a missing path, something that is
    neither a ZIP nor a folder, a corrupt ZIP or a limit hit. The save is one transaction.
    `lock` (the app's store lock) is held only once the archive is read: while the export is
    matched against the store and saved.
    """
    goals = workspace.store.goals.get()
    match_topics = goals.matched_topics if goals.topics else None
    if isinstance(path, ExportArchive):
        parsed = read_export(path, progress, match_topics)
    else:
        with open_export(Path(path)) as archive:
            parsed = read_export(archive, progress, match_topics)
    with lock if lock is not None else nullcontext():
        return apply_import(
            workspace.store, parsed, dry_run=dry_run, progress=progress, today=workspace.today
        )


def is_calendar(path: Path) -> bool:
    """Whether a path names a calendar file (.ics, .ical, .ifb, .icalendar)."""
    return path.suffix.casefold() in (".ics", ".ical", ".icalendar", ".ifb")


def calendar_files(path: Path) -> list[Path]:
    """The calendar file a path names, or the calendar files in a folder (by name)."""
    if path.is_dir():
        return sorted(child for child in path.iterdir() if is_calendar(child) and child.is_file())
    return [path] if is_calendar(path) else []


def calendars_only(path: Path) -> bool:
    """Whether a path is a calendar file, or a folder holding no LinkedIn export: no CSV file
    and no ZIP archive, at its top or one folder down (an unpacked export, or archives)."""
    if is_calendar(path):
        return True
    if not path.is_dir():
        return False
    levels = [path, *(child for child in path.iterdir() if child.is_dir())]
    return not any(
        child.suffix.casefold() in (".csv", ".zip")
        for level in levels
        for child in level.iterdir()
        if not child.name.startswith(".")
    )


@dataclass(slots=True)
class ImportResult:
    """What importing a path did: the LinkedIn export's summary (None when the path held only
    calendars) and each calendar's."""

    export: ImportSummary | None = None
    calendars: list[CalendarSummary] = field(default_factory=list)

    def headline(self) -> str:
        """One line for it all."""
        parts = [self.export.headline()] if self.export is not None else []
        parts.extend(f"{summary.file}: {summary.headline()}" for summary in self.calendars)
        return " ".join(parts)

    @property
    def changed(self) -> bool:
        """Whether anything was saved."""
        export = self.export
        if export is not None and not export.dry_run and (
            export.activities_added or export.activities_rematched or export.contacts_added
            or export.contacts_updated or export.checklist_updated
        ):  # fmt: skip
            return True
        return any(summary.changed for summary in self.calendars)


def import_calendars(
    workspace: Workspace,
    paths: list[Path],
    *,
    dry_run: bool = False,
    keep_titles: bool = False,
    own: tuple[str, ...] = (),
    lock: AbstractContextManager[object] | None = None,
) -> list[CalendarSummary]:
    """Import calendar files one after the other (see `import_calendar`)."""
    return [
        import_calendar(
            workspace, path, dry_run=dry_run, keep_titles=keep_titles, own=own, lock=lock
        )
        for path in paths
    ]


def import_calendar(
    workspace: Workspace,
    path: Path,
    *,
    dry_run: bool = False,
    keep_titles: bool = False,
    own: tuple[str, ...] = (),
    lock: AbstractContextManager[object] | None = None,
) -> CalendarSummary:
    """Import the past meetings of a calendar file (see importers/calendar.py and
    calendar_merge.py): one save, nothing on a dry run.

    `own` are the user's addresses (`--me`): kept for the next imports, else the ones kept
    before, else guessed from the file. Raises CalendarError (one line, nothing saved) for a
    file that is not a calendar, too large, or with too many events; InputError for an
    address that is not one."""
    from ssi_tui.exports.ics import system_zone
    from ssi_tui.importers.calendar import read_meetings
    from ssi_tui.importers.calendar_merge import CalendarSummary, apply_calendar
    from ssi_tui.services.errors import InputError

    addresses = []
    for value in own:
        address = email_address(value)
        if address is None:
            raise InputError(
                _("not an e-mail address: {value} (e.g. ada@contoso.com)").format(
                    value=repr(value)
                ),
                "me",
            )
        addresses.append(address)
    settings = workspace.settings
    known = tuple(addresses) or settings.own_addresses
    zone = ZoneInfo(system_zone())
    now = datetime.now(zone)
    # Today's meetings count once started; a today set by hand (tests, SSI_TUI_TODAY) is a day.
    read = read_meetings(
        path, workspace.today, zone, known, now=now if now.date() == workspace.today else None
    )
    summary = CalendarSummary(file=path.name, dry_run=dry_run)
    with lock if lock is not None else nullcontext():
        apply_calendar(workspace.store, read, summary, keep_titles=keep_titles, dry_run=dry_run)
        if addresses and not dry_run:
            settings.remember_own_addresses(tuple(addresses))
    return summary
