"""The store's backups, newest first, each checked: Enter on one asks, then restores it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from ssi_tui.app.registry import bindings_for, with_keys
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.tables import Table
from ssi_tui.app.text import cell
from ssi_tui.wording import N_, _, counted, number
from ssi_tui.wording.labels import backup_reason

if TYPE_CHECKING:
    from ssi_tui.services.backups import Backup, BackupCheck


def reason_text(reason: str) -> str:
    """Why a backup was taken, in words."""
    return backup_reason(reason)


def size_text(size: int) -> str:
    """A size in KiB or MiB, as a person reads it."""
    if size >= 1024 * 1024:
        return _("{size} MiB").format(size=number(size / (1024 * 1024), 1))
    return _("{size} KiB").format(size=number(max(size, 1) / 1024))


class BackupsScreen(ModalScreen["Backup | None"]):
    """Pick a backup to put back; dismisses with it once confirmed, None to leave things be."""

    DEFAULT_CSS = """
    BackupsScreen { align: center middle; }
    #backups-box { width: 96; max-width: 100%; height: auto; max-height: 100%;
                   border: thick $primary; }
    #backups-table { height: auto; max-height: 12; }
    #backups-note { color: $text-muted; margin-top: 1; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("backups")
    AUTO_FOCUS = "#backups-table"

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.backups: list[tuple[Backup, BackupCheck]] = []

    def compose(self) -> ComposeResult:
        """A title, the table, what restoring does and the keys."""
        with Vertical(id="backups-box", classes="dialog"):
            yield Static(Content.styled(_("Restore a backup"), "bold"))
            yield Table(id="backups-table", cursor_type="row", zebra_stripes=True)
            yield Static(_("Checking the backups…"), id="backups-note")

    def on_mount(self) -> None:
        """Columns, then the backups (listed and checked in a thread)."""
        table = self.query_one(DataTable)
        for key, header in (
            ("taken", _("Taken")),
            ("reason", _("Why")),
            ("size", _("Size")),
            ("activities", _("Activities")),
            ("contacts", _("Contacts")),
            ("state", _("State")),
        ):
            table.add_column(header, key=key)
        self.list_backups()

    @work(thread=True, exclusive=True, group="backups-list")
    def list_backups(self) -> None:
        """Every backup of the data dir with what checking it found (off the UI thread)."""
        from ssi_tui.services import backups as data_backups

        try:
            found = [(b, data_backups.check(b)) for b in data_backups.backups(self.data_dir)]
        except OSError as error:
            self.app.call_from_thread(
                self._note, _("Cannot list the backups: {why}").format(why=error)
            )
            return
        sizes = {backup.name: backup.size for backup, _check in found}
        self.app.call_from_thread(self._show, found, sizes)

    def _note(self, text: str) -> None:
        self.query_one("#backups-note", Static).update(Content(text))

    def _show(self, found: list[tuple[Backup, BackupCheck]], sizes: dict[str, int]) -> None:
        self.backups = found
        table = self.query_one(DataTable)
        for backup, check in found:
            count = "-" if check.activities is None else number(check.activities)
            contacts = "-" if check.contacts is None else number(check.contacts)
            table.add_row(
                cell(f"{backup.taken:%Y-%m-%d %H:%M}"),
                cell(reason_text(backup.reason)),
                cell(size_text(sizes[backup.name]), justify="right"),
                cell(count, justify="right"),
                cell(contacts, justify="right"),
                cell(
                    _("ok") if check.ok else _("damaged: {why}").format(why=check.problem),
                    style="" if check.ok else "red",
                ),
                key=backup.name,
            )
        if not found:
            text = _(
                "No backups yet in {folder}: one is taken on the first save of each day, "
                "before an upgrade and before a restore."
            ).format(folder=self.data_dir / "backups")
        else:
            text = _(
                "Enter restores the selected backup, after asking: the store as it is now is "
                "backed up first, so a restore can itself be taken back."
            )
        self._note(text + " " + with_keys(self.app, _("{backups.close}: close.")))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.backups):
            self._confirm(*self.backups[index])

    @work(exclusive=True, group="backups-form")
    async def _confirm(self, backup: Backup, check: BackupCheck) -> None:
        if not check.ok:
            self.notify(
                _("Backup {name} is damaged ({why}); choose another.").format(
                    name=backup.name, why=check.problem
                ),
                title=_("Not restored"),
                severity="error",
                markup=False,
            )
            return
        holds = (
            _("activities")
            if check.activities is None
            else counted(check.activities, "activity", "activities")
        )
        question = _("Restore the backup of {taken}?").format(
            taken=f"{backup.taken:%Y-%m-%d %H:%M}"
        )
        detail = _(
            "It holds {holds}; it replaces everything in the store now. The store as it is now "
            "is backed up first (listed here afterwards), so you can go back."
        ).format(holds=holds)
        if await self.app.push_screen_wait(ConfirmScreen(question, detail, yes=N_("Restore"))):
            self.dismiss(backup)
