"""The question before an overdue occurrence is ticked: done today (late), or on its day."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ssi_tui.app.registry import bindings_for, with_keys
from ssi_tui.wording import _, day


class DoneWhenScreen(ModalScreen[date | None]):
    """Asks when an overdue occurrence was done; dismisses with that day (None: not now).

    Done today, it is late: it counts in today's scores and leaves the streak as it was. Done
    on its day (the tick was forgotten), it is on time."""

    DEFAULT_CSS = """
    DoneWhenScreen { align: center middle; }
    #done-when { width: 64; max-width: 100%; height: auto; max-height: 100%;
                 border: thick $warning; }
    #done-when-question { text-style: bold; }
    #done-when-detail, #done-when-keys { color: $text-muted; margin-top: 1; }
    #done-when-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    #done-when-buttons Button { margin-left: 1; min-width: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("when")
    AUTO_FOCUS = "#done-today"

    def __init__(self, what: str, occurrence: date, today: date) -> None:
        super().__init__()
        self.what = what
        self.occurrence = occurrence
        self.today = today

    def compose(self) -> ComposeResult:
        """The question, what each answer means, the keys, the buttons."""
        when = day(self.occurrence)
        with Vertical(id="done-when", classes="dialog"):
            yield Static(
                Content(
                    _("{what}: done today, or on its day ({day})?").format(what=self.what, day=when)
                ),
                id="done-when-question",
            )
            yield Static(
                Content(
                    _(
                        "Today: it is late, counted in today's scores, and the streak stays as "
                        "it was. On its day: you did it on {day} and only the tick was missing."
                    ).format(day=when)
                ),
                id="done-when-detail",
            )
            yield Static(
                Content(
                    with_keys(
                        self.app,
                        _(
                            "{when.today}: today · {when.on_day}: on its day · {when.cancel}: not now"
                        ),
                    )
                ),
                id="done-when-keys",
            )
            with Horizontal(id="done-when-buttons"):
                yield Button(_("Today"), id="done-today", variant="primary")
                yield Button(_("On its day"), id="done-on-day")
                yield Button(_("Cancel"), id="done-cancel")

    @on(Button.Pressed, "#done-today")
    def action_today(self) -> None:
        """Done today: late."""
        self.dismiss(self.today)

    @on(Button.Pressed, "#done-on-day")
    def action_on_day(self) -> None:
        """Done on the occurrence's day."""
        self.dismiss(self.occurrence)

    @on(Button.Pressed, "#done-cancel")
    def action_cancel(self) -> None:
        """Not now: nothing is ticked."""
        self.dismiss(None)
