"""`import_export`: the one import the command line and the app both run."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_tui.importers.archive import ArchiveError, ExportArchive, open_export
from ssi_tui.importers.merge import apply_import
from ssi_tui.importers.reader import ParsedExport, ProgressCallback, read_export
from ssi_tui.importers.summary import ImportProgress, ImportSummary

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

__all__ = [
    "ArchiveError",
    "ImportProgress",
    "ImportSummary",
    "ParsedExport",
    "apply_import",
    "import_export",
    "open_export",
    "read_export",
]


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
