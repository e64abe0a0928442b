"""Import: LinkedIn's data export (ZIP or folder) and calendar files (.ics), with a progress
bar per file and a summary."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, DataTable, Input, Label, ProgressBar, Static

from ssi_tui.app.messages import ImportFailed, ImportFinished, ImportProgressed
from ssi_tui.app.screens.base import BaseScreen, guarded
from ssi_tui.app.tables import Table
from ssi_tui.app.text import cell, literal, plain
from ssi_tui.app.widgets.checkbox import StateCheckbox
from ssi_tui.wording import N_, _, counted, number, pgettext

if TYPE_CHECKING:
    from ssi_tui.services.backups import Backup
    from ssi_tui.services.imports import ImportProgress, ImportResult, ImportSummary

ERRORS_SHOWN = 3  # bad rows listed per file under the table


class ImportScreen(BaseScreen, screen_id="import"):
    """Type the export's path, Enter: each file's progress, then what was added."""

    AUTO_FOCUS = "#import-path"
    DEFAULT_CSS = """
    #import-form { height: 1; }
    #import-form Input { width: 1fr; }
    #import-form Checkbox { width: 14; }
    #import-state { height: auto; padding: 0 1; }
    #import-progress { height: auto; max-height: 10; padding: 0 1; }
    .import-file { height: 1; }
    .import-file > Label { width: 36; }
    #import-summary { height: 1fr; min-height: 5; }
    #import-detail { height: auto; max-height: 8; padding: 0 1; overflow-y: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.last_run = ""  # what the last import did, for the status bar
        self.doing = _("importing…")  # what the status bar says while running
        self._bars: dict[str, ProgressBar] = {}

    def compose_body(self) -> ComposeResult:
        """Path and dry-run box, state line, progress bars, summary table, details."""
        with Horizontal(id="import-form"):
            yield Input(
                placeholder=_("path to the export ZIP or folder, or a calendar (.ics), then Enter"),
                id="import-path",
                compact=True,
                select_on_focus=False,  # coming back to fix a path must not wipe it
            )
            yield StateCheckbox(_("Dry run"), id="import-dry-run", compact=True)
        yield Static(
            _(
                "Give the path of LinkedIn's data export (ZIP or unpacked folder), of a calendar "
                "file (.ics: your past meetings), or of an ssi-tui JSON export, and press Enter."
            ),
            id="import-state",
            markup=False,
        )
        yield VerticalScroll(id="import-progress")
        yield Table(id="import-summary", cursor_type="row", zebra_stripes=True)
        yield Static("", id="import-detail", markup=False)

    def on_mount(self) -> None:
        """Summary columns."""
        table = self.query_one("#import-summary", DataTable)
        for key, header in (
            ("file", pgettext("column", "File")),
            ("rows", _("Rows")),
            ("imported", _("Imported")),
            ("duplicates", _("Duplicates")),
            ("errors", _("Errors")),
        ):
            table.add_column(header, key=key)
        super().on_mount()

    def status_detail(self) -> str:
        """What the screen is doing, else what the last import did."""
        if self.running:
            return self.doing
        return self.last_run or _("ready")

    def on_screen_resume(self) -> None:
        """Back on the screen: typing goes on in the path field, after what is there."""
        super().on_screen_resume()
        self._focus_path()

    def _focus_path(self) -> None:
        """Focus the path field with the cursor at its end (letters typed then never run
        commands, and never replace the path)."""
        field = self.query_one("#import-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def action_toggle_dry_run(self) -> None:
        """Tick or untick 'Dry run'."""
        box = self.query_one("#import-dry-run", Checkbox)
        box.value = not box.value

    @on(Input.Submitted, "#import-path")
    def start(self) -> None:
        """Start the import of the path typed."""
        path = self.query_one("#import-path", Input).value.strip()
        if not path:
            self._state(_("Type the path of the export ZIP or folder first."))
            return
        if self.running:
            self.notify(_("An import is already running."), severity="warning")
            return
        if self.workspace is None:
            self.notify(_("The store is not open yet."), severity="warning")
            return
        dry_run = self.query_one("#import-dry-run", Checkbox).value
        if path.lower().endswith(".json"):  # an ssi-tui export, not LinkedIn's
            self._load_json(Path(path).expanduser(), dry_run)
            return
        if self.workspace.read_only and not dry_run:
            self.notify(
                _(
                    "The store is open read-only (another ssi-tui holds it): nothing can be "
                    "imported."
                ),
                severity="error",
                markup=False,
            )
            return
        self.running = True
        self.doing = _("importing…")
        self._bars.clear()
        progress = self.query_one("#import-progress", VerticalScroll)
        progress.remove_children()
        progress.display = True
        self.query_one("#import-summary", DataTable).clear()
        self.query_one("#import-detail", Static).update("")
        self._state(_("Reading {path}…").format(path=plain(path)))
        self.update_status()
        self.run_import(path, dry_run)

    def action_load(self) -> None:
        """Load an ssi-tui JSON export: say how, in the path field."""
        self._state(
            _(
                "Type the path of an ssi-tui JSON export (Export on the dashboard, or `ssi-tui "
                "export --format json`) and press Enter: it is checked, then loaded once you "
                "confirm."
            )
        )
        field = self.query_one("#import-path", Input)
        if not field.value.strip().lower().endswith(".json"):
            field.value = ""
        self._focus_path()

    def action_restore(self) -> None:
        """List the backups; the one chosen (and confirmed) replaces the store."""
        from ssi_tui.app.screens.backups import BackupsScreen

        self.app.push_screen(BackupsScreen(self.ssi.data_dir), self._restore_chosen)

    def _restore_chosen(self, backup: Backup | None) -> None:
        if backup is not None:
            from ssi_tui.app.transfer import restore_backup

            self.run_worker(partial(restore_backup, self.ssi, backup), group="restore")

    def _load_json(self, path: Path, dry_run: bool) -> None:
        if self.workspace is not None and self.workspace.read_only and not dry_run:
            self.notify(
                _("The store is open read-only (another ssi-tui holds it): nothing can be loaded."),
                severity="error",
                markup=False,
            )
            return
        self.running = True
        self.doing = _("loading…")
        self._state(_("Checking {path}…").format(path=plain(str(path))))
        self.update_status()
        self.run_worker(partial(self._loading, path, dry_run), group="import-form", exclusive=True)

    async def _loading(self, path: Path, dry_run: bool) -> None:
        from ssi_tui.app.transfer import load_file

        try:
            line = await load_file(self.ssi, path, dry_run=dry_run)
        finally:
            self.running = False
        self._state(line)
        self.last_run = _("last run: {what}").format(what=line.rstrip("."))
        self.update_status()
        self._focus_path()

    @work(thread=True, exclusive=True, group="import")
    @guarded(N_("the import"))
    def run_import(self, path: str, dry_run: bool) -> None:
        """Read the export off the UI thread; hold the store lock only to match and save."""
        from ssi_tui.services.errors import DataFileError, InputError, StoreError
        from ssi_tui.services.imports import (
            ArchiveError,
            CalendarError,
            ImportResult,
            calendar_files,
            calendars_only,
            import_calendars,
            import_export,
        )

        workspace = self.workspace
        if workspace is None:
            return
        where = Path(path).expanduser()
        result = ImportResult()
        try:
            calendars = calendar_files(where)
            if not (calendars and calendars_only(where)):
                result.export = import_export(
                    workspace,
                    where,
                    dry_run=dry_run,
                    progress=lambda event: self.post_message(ImportProgressed(event)),
                    lock=workspace.lock,
                )
            result.calendars = import_calendars(
                workspace, calendars, dry_run=dry_run, lock=workspace.lock
            )
        except (ArchiveError, CalendarError, InputError, DataFileError) as error:
            self.post_message(ImportFailed(_("Cannot import"), str(error)))
            return
        except StoreError as error:
            self.post_message(ImportFailed(_("Not saved"), str(error)))
            return
        except OSError as error:
            from ssi_tui.services.errors import os_error_line

            self.post_message(ImportFailed(_("Cannot import"), os_error_line(error)))
            return
        self.post_message(ImportFinished(result))

    @on(ImportProgressed)
    def _import_progressed(self, message: ImportProgressed) -> None:
        self._progress(message.value)

    @on(ImportFailed)
    def _import_failed(self, message: ImportFailed) -> None:
        self._failed(message.title, message.error)

    @on(ImportFinished)
    def _import_finished(self, message: ImportFinished) -> None:
        self._finished(message.value)

    # -- on the UI thread --------------------------------------------------------------
    def _state(self, text: str) -> None:
        self.query_one("#import-state", Static).update(literal(text))

    def _progress(self, event: ImportProgress) -> None:
        if not event.file:
            if 0 < event.done < event.total:  # (a large import says how far its save is)
                self._state(
                    _("Saving new activities: {done} of {count}…").format(
                        done=number(event.done), count=number(event.total)
                    )
                )
            else:
                self._state(_("Saving {count} new activities…").format(count=number(event.total)))
            return
        bar = self._bars.get(event.file)
        if bar is None:
            bar = self._bars[event.file] = ProgressBar(show_eta=False)
            row = Horizontal(Label(literal(event.file)), bar, classes="import-file")
            self.query_one("#import-progress", VerticalScroll).mount(row)
        bar.update(total=max(event.total, 1), progress=min(event.done, max(event.total, 1)))

    def _failed(self, title: str, message: str) -> None:
        self.running = False
        self.query_one("#import-progress", VerticalScroll).display = False
        self._state(_("{name}: {value}").format(name=title, value=message))
        self.notify(message, title=title, severity="error", timeout=10, markup=False)
        self.last_run = _("last run: {what}").format(what=title.lower())
        self.update_status()
        self._focus_path()

    def _finished(self, result: ImportResult) -> None:
        self.running = False
        table = self.query_one("#import-summary", DataTable)
        table.clear()
        summary = result.export
        for name, report in summary.files.items() if summary is not None else ():
            self._row(name, report.rows, report.imported, report.duplicates, len(report.errors))
        for calendar in result.calendars:
            self._row(
                calendar.file,
                calendar.events,
                calendar.added,
                calendar.unchanged + calendar.dismissed,
                len(calendar.bad),
            )
        # The table now says it all: the bars make room for it.
        self.query_one("#import-progress", VerticalScroll).display = False
        headline = result.headline()
        if summary is not None:
            owner = summary.owner.describe() if summary.owner else _("not detected")
            self._state(headline + " " + _("Owner: {owner}.").format(owner=owner))
        else:
            self._state(headline)
        details = [_details(summary)] if summary is not None else []
        details.extend("\n".join(calendar.lines()[2:]) for calendar in result.calendars)
        self.query_one("#import-detail", Static).update(literal("\n".join(details), multiline=True))
        self.notify(headline, title=_("Import"), markup=False)
        self.last_run = _("last run: {what}").format(what=headline.rstrip("."))
        self.update_status()
        self._focus_path()  # Escape leaves it for the table and the screen keys
        if result.changed:
            self.ssi.data_changed()

    def _row(self, name: str, rows: int, imported: int, duplicates: int, errors: int) -> None:
        self.query_one("#import-summary", DataTable).add_row(
            cell(name),
            cell(str(rows), justify="right"),
            cell(str(imported), justify="right"),
            cell(str(duplicates), justify="right"),
            cell(str(errors), justify="right", style="red" if errors else ""),
            key=name,
        )


def _details(summary: ImportSummary) -> str:
    """Bad rows (first few per file) and ignored files, as plain lines."""
    lines = list(summary.change_lines(5))
    for name, report in summary.files.items():
        lines.extend(f"{name}: {warning}" for warning in report.warnings)
        for error in report.errors[:ERRORS_SHOWN]:
            lines.append(
                _("{file} line {line}: {error}").format(
                    file=name, line=error.line, error=error.error
                )
            )
        if len(report.errors) > ERRORS_SHOWN:
            more = len(report.errors) - ERRORS_SHOWN
            lines.append(_("{file}: … {count} more bad rows").format(file=name, count=more))
    if summary.ignored_files:
        lines.append(
            _("Ignored {files}: {names}").format(
                files=counted(len(summary.ignored_files), "file", "files"),
                names=", ".join(summary.ignored_files[:8]),
            )
        )
    if not summary.files:
        lines.append(_("No LinkedIn export file was found there."))
    return "\n".join(lines)
