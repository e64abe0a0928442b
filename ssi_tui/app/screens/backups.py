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
from ssi_tui.wording import counted

if TYPE_CHECKING:
    from ssi_tui.services.backups import Backup, BackupCheck

REASONS = {"daily": "daily", "pre-restore": "before a restore"}


def reason_text(reason: str) -> str:
    """Why a backup was taken, in words."""
    if reason.startswith("pre-migration"):
        return "before an upgrade"
    return REASONS.get(reason, reason)


def size_text(size: int) -> str:
    """A size in KiB or MiB, as a person reads it."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):,.1f} MiB"
    return f"{max(size, 1) / 1024:,.0f} KiB"


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
            yield Static(Content.styled("Restore a backup", "bold"))
            yield Table(id="backups-table", cursor_type="row", zebra_stripes=True)
            yield Static("Checking the backups…", id="backups-note")

    def on_mount(self) -> None:
        """Columns, then the backups (listed and checked in a thread)."""
        table = self.query_one(DataTable)
        for key, header in (
            ("taken", "Taken"),
            ("reason", "Why"),
            ("size", "Size"),
            ("activities", "Activities"),
            ("contacts", "Contacts"),
            ("state", "State"),
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
            self.app.call_from_thread(self._note, f"Cannot list the backups: {error}")
            return
        sizes = {backup.name: backup.size for backup, _check in found}
        self.app.call_from_thread(self._show, found, sizes)

    def _note(self, text: str) -> None:
        self.query_one("#backups-note", Static).update(Content(text))

    def _show(self, found: list[tuple[Backup, BackupCheck]], sizes: dict[str, int]) -> None:
        self.backups = found
        table = self.query_one(DataTable)
        for backup, check in found:
            count = "-" if check.activities is None else f"{check.activities:,}"
            contacts = "-" if check.contacts is None else f"{check.contacts:,}"
            table.add_row(
                cell(f"{backup.taken:%Y-%m-%d %H:%M}"),
                cell(reason_text(backup.reason)),
                cell(size_text(sizes[backup.name]), justify="right"),
                cell(count, justify="right"),
                cell(contacts, justify="right"),
                cell(
                    "ok" if check.ok else f"damaged: {check.problem}",
                    style="" if check.ok else "red",
                ),
                key=backup.name,
            )
        if not found:
            text = (
                f"No backups yet in {self.data_dir / 'backups'}: one is taken on the first save "
                "of each day, before an upgrade and before a restore."
            )
        else:
            text = (
                "Enter restores the selected backup, after asking: the store as it is now is "
                "backed up first, so a restore can itself be taken back."
            )
        self._note(with_keys(self.app, f"{text} {{backups.close}}: close."))

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.backups):
            self._confirm(*self.backups[index])

    @work(exclusive=True, group="backups-form")
    async def _confirm(self, backup: Backup, check: BackupCheck) -> None:
        if not check.ok:
            self.notify(
                f"Backup {backup.name} is damaged ({check.problem}); choose another.",
                title="Not restored",
                severity="error",
                markup=False,
            )
            return
        holds = (
            "activities"
            if check.activities is None
            else counted(check.activities, "activity", "activities")
        )
        question = f"Restore the backup of {backup.taken:%Y-%m-%d %H:%M}?"
        detail = (
            f"It holds {holds}; it replaces everything in the store now. The store as "
            "it is now is backed up first (listed here afterwards), so you can go back."
        )
        if await self.app.push_screen_wait(ConfirmScreen(question, detail, yes="Restore")):
            self.dismiss(backup)
