"""Shown when the store cannot be opened: repair a damaged segment from a backup, restore a
backup, start afresh, or quit."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from ssi_tui.app.registry import bindings_for
from ssi_tui.app.screens.backups import reason_text, size_text
from ssi_tui.app.tables import Choices
from ssi_tui.services import backups as data_backups
from ssi_tui.services.errors import StoreError
from ssi_tui.wording import _


class RecoveryScreen(ModalScreen[bool]):
    """Offer the backups of an unreadable store (the store itself is never overwritten)."""

    DEFAULT_CSS = """
    RecoveryScreen { align: center middle; }
    #recovery { width: 76; max-height: 100%; border: thick $error; }
    #recovery OptionList { height: auto; max-height: 8; }
    #recovery-buttons { height: auto; margin-top: 1; }
    #recovery-buttons Button { margin-right: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("recovery")

    def __init__(self, data_dir: Path, message: str, corrupt: bool) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.message = message
        self.corrupt = corrupt
        self.backups = data_backups.backups(data_dir)

    def compose(self) -> ComposeResult:
        """The problem, the backups, the choices."""
        with Vertical(id="recovery", classes="dialog"):
            yield Static(Content.styled(_("Your store cannot be opened"), "bold $text-error"))
            yield Static(Content(self.message), id="recovery-message")
            if self.corrupt and self.backups:
                yield Static(
                    _("Restore a backup (the unreadable store is kept aside, never deleted):")
                )
                yield Choices(
                    *(
                        Option(
                            f"{b.name}  ({reason_text(b.reason)}, {size_text(b.size)})", id=b.name
                        )
                        for b in self.backups
                    ),
                    id="backups",
                )
            with Horizontal(id="recovery-buttons"):
                if self.corrupt and self.backups and "segment" in self.message:
                    # A damaged segment: put back a good copy, keeping every later save.
                    yield Button(_("Repair"), id="repair", variant="success")
                if self.corrupt and self.backups:
                    yield Button(_("Restore selected"), id="restore", variant="primary")
                if self.corrupt:
                    yield Button(_("Start empty"), id="fresh", variant="warning")
                yield Button(_("Quit"), id="quit")

    @on(Button.Pressed, "#restore")
    def _restore(self) -> None:
        options = self.query_one("#backups", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        self._do_restore(self.backups[index].name)

    @on(OptionList.OptionSelected, "#backups")
    def _restore_selected(self, event: OptionList.OptionSelected) -> None:
        self._do_restore(event.option.id)

    @on(Button.Pressed, "#repair")
    def _repair(self) -> None:
        try:
            repaired = data_backups.repair(self.data_dir)
        except StoreError as error:
            self.notify(str(error), title=_("Repair failed"), severity="error", markup=False)
            return
        names = ", ".join(
            _("{segment} (from {backup})").format(segment=segment, backup=backup)
            for segment, backup in repaired
        )
        done = _("Put back {names}").format(names=names) if names else _("Nothing to repair")
        self.notify(done, markup=False)
        self.dismiss(True)

    @on(Button.Pressed, "#fresh")
    def _fresh(self) -> None:
        self._do_restore(None)

    def _do_restore(self, name: str | None) -> None:
        try:
            data_backups.restore(self.data_dir, name)
        except StoreError as error:
            self.notify(str(error), title=_("Restore failed"), severity="error", markup=False)
            return
        done = _("Restored {name}").format(name=name) if name else _("Started with an empty store")
        self.notify(done, markup=False)
        self.dismiss(True)

    @on(Button.Pressed, "#quit")
    def action_quit_app(self) -> None:
        """Leave without touching anything."""
        self.dismiss(False)
