"""Exports (one function per format, registered in `EXPORT_FORMATS`) and loading a JSON export.

A new export format is a module in `ssi_tui/exports/` that renders, and one entry here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_tui.services.errors import InputError

if TYPE_CHECKING:
    from ssi_tui.exports.loader import ExportContents, LoadSummary
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What an export covers: up to a date (None: everything), and the weeks of a trend."""

    as_of: date | None = None
    weeks: int | None = None


def _markdown(workspace: Workspace, request: ExportRequest) -> str:
    from ssi_tui.exports.markdown import render_review

    review = workspace.review.gather(request.as_of or workspace.today, request.weeks or 12)
    return render_review(review, workspace.catalog, workspace.today)


def _csv(workspace: Workspace, request: ExportRequest) -> str:
    from ssi_tui.exports.csv_log import activities_csv

    return activities_csv(workspace.activities.between(None, request.as_of), workspace.catalog)


def _json(workspace: Workspace, request: ExportRequest) -> str:
    from ssi_tui.exports.document import export_document

    document = export_document(workspace.store, workspace.today)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: how it renders, and which of `as_of` and `weeks` it takes."""

    render: Callable[[Workspace, ExportRequest], str]
    dated: bool  # takes --as-of
    weekly: bool  # takes --weeks
    what: str  # a few words for `--help`
    description: str  # one sentence for `ssi-tui export --help`


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat(
        _markdown,
        dated=True,
        weekly=True,
        what="the weekly review",
        description="the weekly review (scores raw vs weighted, flags and actions, top "
        "activities, trend)",
    ),
    "csv": ExportFormat(
        _csv,
        dated=True,
        weekly=False,
        what="the activity log",
        description="the activity log, safe to open in a spreadsheet",
    ),
    "json": ExportFormat(
        _json,
        dated=False,
        weekly=False,
        what="everything",
        description="everything, in the versioned shape `ssi-tui load` reads "
        "(docs/export-format.md)",
    ),
}


def export_text(workspace: Workspace, name: str, request: ExportRequest | None = None) -> str:
    """The export in format `name`; an `InputError` for a format or option it does not take."""
    export = EXPORT_FORMATS.get(name)
    if export is None:
        raise InputError(f"unknown format {name!r}; formats: {', '.join(EXPORT_FORMATS)}")
    request = request or ExportRequest()
    if request.as_of is not None and not export.dated:
        raise InputError(f"--as-of does not apply to --format {name} (it exports everything)")
    if request.weeks is not None and not export.weekly:
        weekly = ", ".join(key for key, item in EXPORT_FORMATS.items() if item.weekly)
        raise InputError(f"--weeks applies to --format {weekly} only")
    return export.render(workspace, request)


def write_private(path: Path, text: str) -> Path:
    """Write an export to `path`, atomically and readable by the user only (0600)."""
    from ssi_tui.store.files import atomic_write

    path = Path(path).expanduser()
    if path.is_dir():
        raise InputError(f"{path} is a directory; name a file")
    atomic_write(path, text.encode("utf-8"))
    return path


def read_export_file(path: Path) -> ExportContents:
    """A JSON export read and validated as a whole (before any store is opened); a bad one is
    a `DataFileError` naming the file and the first problem."""
    from ssi_tui.exports.loader import read_export

    return read_export(path)


def load_export(
    workspace: Workspace, contents: ExportContents, *, merge: bool = False
) -> LoadSummary:
    """Restore a validated export: refused into a store that holds data unless `merge` (then
    what the store holds wins)."""
    from ssi_tui.exports.loader import restore, store_contents

    if not merge:
        held = store_contents(workspace.store)
        if held:
            raise InputError(
                f"the store is not empty ({', '.join(held)}); nothing was loaded. Load into an "
                "empty store (--data-dir DIR), or add --merge to keep what is there and add the rest"
            )
    return restore(workspace.store, contents, merge=merge)
