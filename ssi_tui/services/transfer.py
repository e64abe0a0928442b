"""Exports (one function per format, registered in `EXPORT_FORMATS`) and loading a JSON export.

A new export format is a module in `ssi_tui/exports/` that renders, and one entry here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.text import clean_text
from ssi_tui.services.errors import FieldErrors, InputError, os_error_line
from ssi_tui.wording import N_, _, number

if TYPE_CHECKING:
    from ssi_tui.exports.loader import ExportContents, LoadSummary
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What an export covers: up to a date (None: everything), and the weeks of a trend."""

    as_of: date | None = None
    weeks: int | None = None
    at: time | None = None  # ics: the time of day of the planned actions
    alarm: int | None = None  # ics: minutes of the reminder before (0: none)
    agenda_weeks: int | None = None  # ics: the next N weeks' occurrences as single events


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


def _ics(workspace: Workspace, request: ExportRequest) -> str:
    from dataclasses import replace
    from datetime import UTC, datetime, timedelta

    from ssi_tui.exports.ics import plans_calendar, read_settings

    planner = workspace.planner
    plans = planner.all_plans()
    ledger = planner.ledger(plans)
    decided: dict[str, list[date]] = {}
    for plan_id, day in [*ledger.done, *ledger.skipped]:
        decided.setdefault(plan_id, []).append(day)
    settings = read_settings()
    if request.at is not None:
        settings = replace(settings, start=request.at)
    if request.alarm is not None:
        settings = replace(settings, alarm_minutes=request.alarm)
    agenda = None
    if request.agenda_weeks is not None:
        today = workspace.today
        agenda = (today, today + timedelta(weeks=request.agenda_weeks) - timedelta(days=1))
    ical = plans_calendar(plans, decided, workspace.catalog, settings, datetime.now(UTC), agenda)
    return ical.decode("utf-8")


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
        what=N_("the weekly review"),
        description=N_(
            "the weekly review (scores raw vs weighted, flags and actions, top activities, trend)"
        ),
    ),
    "csv": ExportFormat(
        _csv,
        dated=True,
        weekly=False,
        what=N_("the activity log"),
        description=N_("the activity log, safe to open in a spreadsheet"),
    ),
    "json": ExportFormat(
        _json,
        dated=False,
        weekly=False,
        what=N_("everything"),
        description=N_(
            "everything, in the versioned shape `ssi-tui load` reads (docs/export-format.md)"
        ),
    ),
    "ics": ExportFormat(
        _ics,
        dated=False,
        weekly=False,
        what=N_("your plans, for a calendar"),
        description=N_(
            "your plans as recurring calendar events (iCalendar: Google Calendar, Outlook, "
            "Apple Calendar), with reminders; importing it again updates them"
        ),
    ),
}


def export_text(workspace: Workspace, name: str, request: ExportRequest | None = None) -> str:
    """The export in format `name`; an `InputError` for a format or option it does not take."""
    export = EXPORT_FORMATS.get(name)
    if export is None:
        raise InputError(
            _("unknown format {name!r}; formats: {formats}").format(
                name=name, formats=", ".join(EXPORT_FORMATS)
            )
        )
    request = request or ExportRequest()
    if request.as_of is not None and not export.dated:
        raise InputError(
            _("--as-of does not apply to --format {name} (it exports everything)").format(name=name)
        )
    if request.weeks is not None and not export.weekly:
        weekly = ", ".join(key for key, item in EXPORT_FORMATS.items() if item.weekly)
        raise InputError(_("--weeks applies to --format {weekly} only").format(weekly=weekly))
    calendar_only = {"--at": request.at, "--alarm": request.alarm, "--agenda": request.agenda_weeks}
    given = [option for option, value in calendar_only.items() if value is not None]
    if name != "ics" and given:
        raise InputError(_("{option} applies to --format ics only").format(option=given[0]))
    return export.render(workspace, request)


def write_private(path: Path, text: str) -> Path:
    """Write an export to `path`, atomically and readable by the user only (0600)."""
    from ssi_tui.store.files import atomic_write

    path = Path(path).expanduser()
    if path.is_dir():
        raise InputError(_("{path} is a directory; name a file").format(path=path))
    atomic_write(path, text.encode("utf-8"))
    return path


FILE_STEMS = {"md": "review", "csv": "activities", "json": "export", "ics": "plans"}
"""The start of an export's default file name, by format (then the date and the extension)."""
MAX_PATH = 4096  # what Linux takes; a longer path is refused in words, not by the system
MAX_NAME = 255


@dataclass(frozen=True, slots=True)
class ExportTarget:
    """A checked export: its format and the (absolute) file it is written to."""

    format: str
    path: Path

    @property
    def what(self) -> str:
        """What the format holds, in a few words ('the weekly review')."""
        return EXPORT_FORMATS[self.format].what


def default_export_name(name: str, today: date) -> str:
    """The file an export is offered under, e.g. 'ssi-tui-review-2026-12-06.md'."""
    return f"ssi-tui-{FILE_STEMS[name]}-{today.isoformat()}.{name}"


def check_export_target(values: Mapping[str, Any]) -> ExportTarget:
    """The export form's one validation: a known format and a file that can be written (its
    folder exists, it is not a folder, the path is not too long). `FieldErrors` otherwise."""
    errors: dict[str, str] = {}
    name = values.get("format")
    if name not in EXPORT_FORMATS:
        errors["format"] = _("choose a format: {formats}").format(formats=", ".join(EXPORT_FORMATS))
    text = clean_text(str(values.get("path") or ""))
    path = Path(text).expanduser().absolute() if text else None
    problem = _("give the file to write to") if path is None else path_problem(path)
    if problem:
        errors["path"] = problem
    if errors or path is None:
        raise FieldErrors(errors)
    return ExportTarget(str(name), path)


def path_problem(path: Path) -> str | None:
    """Why a file cannot be written at `path`, in words (None: it can be tried)."""
    if len(str(path)) > MAX_PATH or any(len(part) > MAX_NAME for part in path.parts):
        return _("the path is too long ({count} characters)").format(count=number(len(str(path))))
    try:
        if path.is_dir():
            return _("{path} is a folder; name a file in it").format(path=path)
        if not path.parent.is_dir():
            return _("there is no folder {parent}").format(parent=path.parent)
    except OSError as error:
        return os_error_line(error)
    return None


def export_to(workspace: Workspace, target: ExportTarget) -> Path:
    """Write the export `target` asks for (0600, atomically); the path written. A file the
    system refuses is an `InputError` about the path."""
    from ssi_tui.services.errors import StoreError

    text = export_text(workspace, target.format)
    try:
        return write_private(target.path, text)
    except StoreError as error:  # the atomic write's own words ("could not save to …")
        raise InputError(str(error), "path") from None
    except OSError as error:
        raise InputError(
            _("cannot write it: {why}").format(why=os_error_line(error)), "path"
        ) from None


def read_export_file(path: Path) -> ExportContents:
    """A JSON export read and validated as a whole (before any store is opened); a bad one is
    a `DataFileError` naming the file and the first problem."""
    from ssi_tui.exports.loader import read_export

    return read_export(path)


@dataclass(frozen=True, slots=True)
class LoadPreview:
    """A JSON export read and checked, and what the store holds now (nothing: the export is
    loaded whole; else it is merged, what the store holds winning)."""

    path: Path
    contents: ExportContents
    held: list[str]

    @property
    def merge(self) -> bool:
        """Whether loading it merges (the store holds data)."""
        return bool(self.held)


def preview_load(workspace: Workspace, path: Path) -> LoadPreview:
    """Read and check the export at `path` (a `DataFileError` naming the first problem) and
    say what the store holds: what the app shows before asking to load it."""
    from ssi_tui.exports.loader import store_contents

    path = Path(path).expanduser()
    return LoadPreview(path, read_export_file(path), store_contents(workspace.store))


def load_previewed(workspace: Workspace, preview: LoadPreview) -> LoadSummary:
    """Load an export checked by `preview_load`, merging when the store held data then."""
    return load_export(workspace, preview.contents, merge=preview.merge)


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
                _(
                    "the store is not empty ({held}); nothing was loaded. Load into an empty "
                    "store (--data-dir DIR), or add --merge to keep what is there and add the rest"
                ).format(held=", ".join(held))
            )
    return restore(workspace.store, contents, merge=merge)
