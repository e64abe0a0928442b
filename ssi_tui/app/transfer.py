"""Data in and out from the app: export (Markdown, CSV, JSON) to a file, load a JSON export,
restore a backup. The work is the services' (`ssi_tui.services.transfer`, `…backups`); this
module asks, confirms and says what was done."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.widgets import Input, Select

from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.form import FormField, FormScreen
from ssi_tui.services.errors import InputError
from ssi_tui.services.transfer import (
    EXPORT_FORMATS,
    ExportTarget,
    check_export_target,
    default_export_name,
)
from ssi_tui.wording import N_, _, counted, number

if TYPE_CHECKING:
    from ssi_tui.app.app import SSIApp
    from ssi_tui.services.backups import Backup

FORMAT_LABELS = {"md": N_("Markdown"), "csv": N_("CSV"), "json": N_("JSON"), "ics": N_("Calendar")}


def home_path(path: Path) -> str:
    """A path as a user types it: under the home folder as `~/…`."""
    home = Path.home()
    try:
        return f"~/{path.relative_to(home)}"
    except ValueError:
        return str(path)


class ExportForm(FormScreen):
    """The export form: choosing another format changes the offered file's extension."""

    @on(Select.Changed, "#field-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        field = self.query_one("#field-path", Input)
        path = Path(field.value)
        known = {f".{name}" for name in EXPORT_FORMATS}
        if isinstance(event.value, str) and path.suffix.lower() in known:
            field.value = str(path.with_suffix(f".{event.value}"))


def export_form(app: SSIApp, name: str = "md") -> FormScreen:
    """Format (Markdown review, CSV log, JSON everything) and the file, offered in the home
    folder under a dated name; a file already there is replaced only once confirmed."""
    options = [
        (_("{name}: {value}").format(name=_(FORMAT_LABELS[key]), value=_(item.what)), key)
        for key, item in EXPORT_FORMATS.items()
    ]
    fields = [
        FormField("format", N_("Format"), "select", value=name, options=options, allow_blank=False),
        FormField(
            "path",
            N_("File"),
            value=home_path(Path.home() / default_export_name(name, app.today)),
            placeholder=N_("the file to write (~ is your home folder)"),
        ),
    ]

    def preview(values: dict[str, object]) -> str:
        chosen = values.get("format")
        if chosen not in EXPORT_FORMATS:
            return ""
        return _("Writes {what}, readable by you only. Nothing in the store changes.").format(
            what=_(EXPORT_FORMATS[str(chosen)].description)
        )

    async def save(target: ExportTarget) -> Path:
        if target.path.exists():
            replace = await app.push_screen_wait(
                ConfirmScreen(
                    _("Replace {path}?").format(path=target.path),
                    _("A file of that name is there already; it is replaced by this export."),
                    yes=N_("Replace"),
                )
            )
            if not replace:
                raise InputError(_("not replaced: give another name"), "path")
        return await app.read(lambda workspace: _export(workspace, target))

    return ExportForm(
        _("Export"),
        fields,
        check_export_target,
        save=save,
        submit_label=N_("Export"),
        focus="path",
        preview=preview,
    )


def _export(workspace: object, target: ExportTarget) -> Path:
    from ssi_tui.services.transfer import export_to

    return export_to(workspace, target)  # type: ignore[arg-type]


def open_export(app: SSIApp, name: str = "md") -> None:
    """Ask for the format (`name` first) and the file, write the export, say where it went."""

    def done(path: Path | None) -> None:
        if path is not None:
            app.notify(
                _("Exported to {path} (readable by you only)").format(path=path),
                title=_("Export"),
                markup=False,
            )

    app.push_screen(export_form(app, name), done)


async def load_file(app: SSIApp, path: Path, *, dry_run: bool = False) -> str:
    """Check the JSON export at `path`, say what it holds and what loading does to the store,
    and load it once confirmed (merged, what the store holds winning, when the store is not
    empty). Returns one line on what happened, for the screen that asked."""
    from ssi_tui.app.background import user_errors
    from ssi_tui.services.transfer import load_previewed, preview_load

    try:
        preview = await app.read(lambda workspace: preview_load(workspace, path))
    except user_errors() as error:
        app.notify(str(error), title=_("Cannot load"), severity="error", timeout=15, markup=False)
        return _("Cannot load: {why}").format(why=error)
    holds = ", ".join(preview.contents.holds()) or _("nothing")
    if preview.merge:
        effect = _(
            "The store holds {held}: what it holds is kept as it is (goals and settings too) "
            "and the rest is added."
        ).format(held=", ".join(preview.held))
    else:
        effect = _("The store is empty: everything in the file is loaded.")
    if dry_run:
        return _("Dry run: {file} holds {holds}. {effect} Nothing was loaded.").format(
            file=path.name, holds=holds, effect=effect
        )
    question = _("Load {file}?").format(file=path.name)
    detail = _("It holds {holds}. {effect} Loading is not undone by undo.").format(
        holds=holds, effect=effect
    )
    if not await app.push_screen_wait(ConfirmScreen(question, detail, yes=N_("Load"))):
        return _("Not loaded.")
    try:
        summary = await app.write(lambda workspace: load_previewed(workspace, preview))
    except user_errors() as error:
        app.not_saved(str(error))
        return _("Not loaded: {why}").format(why=error)
    added = counted(summary.added.get("activities", 0), "activity", "activities")
    contacts = counted(summary.added.get("contacts", 0), "contact", "contacts")
    kept = sum(summary.kept.get(name, 0) for name in ("activities", "contacts"))
    line = _("Loaded {file}: {activities} and {contacts} added.").format(
        file=path.name, activities=added, contacts=contacts
    )
    if kept:
        line = _(
            "Loaded {file}: {activities} and {contacts} added ({kept} already in the store, kept as they were)."
        ).format(file=path.name, activities=added, contacts=contacts, kept=number(kept))
    app.notify(
        _("Loaded {path}:").format(path=path) + "\n" + summary.describe(),
        title=_("Load"),
        markup=False,
    )
    return line


async def restore_backup(app: SSIApp, backup: Backup) -> None:
    """Replace the store with `backup` (checked first; the store as it is now is backed up
    before), closing the store and opening it again."""
    from ssi_tui.app.background import user_errors
    from ssi_tui.services import backups as data_backups

    workspace, app.workspace = app.workspace, None
    app.undo_left = 0

    def run() -> data_backups.Restored:
        if workspace is not None:
            with workspace.lock:
                workspace.close()
        return data_backups.restore(app.data_dir, backup.name)

    try:
        restored = await asyncio.wrap_future(app._writer.submit(run))
    except user_errors() as error:
        app.notify(str(error), title=_("Not restored"), severity="error", timeout=15, markup=False)
    else:
        lines = [
            _("Restored backup {name} (taken {taken}).").format(
                name=backup.name, taken=f"{backup.taken:%Y-%m-%d %H:%M}"
            )
        ]
        if restored.kept is not None:
            lines.append(
                _("The store as it was is backup {name}: restore it to go back.").format(
                    name=restored.kept.name
                )
            )
        if restored.set_aside is not None:
            lines.append(
                _("The unreadable store was set aside as {path}.").format(path=restored.set_aside)
            )
        app.notify(
            " ".join(lines),
            title=_("Restore"),
            timeout=15,
            markup=False,
        )
    app.load_store()
