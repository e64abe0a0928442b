"""The dashboard's agenda panel: today's planned actions, the overdue count, the streak."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.widget import Widget

from ssi_tui.app.background import load
from ssi_tui.app.messages import AgendaLoaded
from ssi_tui.app.registry import with_keys
from ssi_tui.app.text import kind_words, plain
from ssi_tui.wording import N_, _, days_short

if TYPE_CHECKING:
    from ssi_tui.app.app import SSIApp
    from ssi_tui.domain.agenda import Agenda, AgendaItem, Streak
    from ssi_tui.services.workspace import Workspace

MARKS = {"open": ("☐ ", "bold"), "done": ("✓ ", "bold $text-success"), "skipped": ("– ", "dim")}


def item_line(item: AgendaItem, kind: str) -> Content:
    """One of today's items: mark, kind (in words), audience, contact/company (literal)."""
    mark, style = MARKS[item.status]
    details = " · ".join(part for part in (item.plan.audience, item.plan.who) if part)
    return Content.assemble(
        (mark, style),
        (plain(kind), "dim" if item.status != "open" else ""),
        (f" · {plain(details)}" if details else "", "dim"),
    )


class AgendaPanel(Widget):
    """Loads today's agenda itself (in a worker) whenever the data changes."""

    DEFAULT_CSS = """
    AgendaPanel { height: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.agenda: Agenda | None = None
        self.streak: Streak | None = None

    @property
    def ssi(self) -> SSIApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        """Follow the app's data version."""
        self.watch(self.app, "data_version", self._changed, init=True)

    def _changed(self, _version: int) -> None:
        if self.ssi.workspace is not None:
            self.load()

    def load(self) -> None:
        """Today's agenda and the overall streak, off the UI thread (quiet on errors: the
        planner screen names the problem)."""

        def fetch(workspace: Workspace) -> tuple[Agenda, Streak]:
            return workspace.planner.agenda(), workspace.planner.overall_streak()

        load(self, N_("the agenda"), fetch, AgendaLoaded, group="agenda-panel", quiet=True)

    @on(AgendaLoaded)
    def _agenda_loaded(self, message: AgendaLoaded) -> None:
        message.stop()
        self.show(*message.value)

    def show(self, agenda: Agenda | None, streak: Streak | None = None) -> None:
        """Display an agenda (None: loading)."""
        self.agenda = agenda
        self.streak = streak
        self.refresh(layout=True)

    def _lines(self) -> list[Content]:
        agenda = self.agenda
        if agenda is None:
            return [Content.styled(_("Loading the agenda…"), "dim")]
        if not (agenda.today or agenda.overdue or agenda.week):
            return [
                Content.styled(
                    with_keys(self.app, _("Nothing planned: {app.go_planner} opens the planner.")),
                    "dim",
                )
            ]
        streak = self.streak.current if self.streak else 0
        header = Content.assemble(
            (_("{count} to do").format(count=len(agenda.open_today)), "bold"),
            " · ",
            (
                _("{count} overdue").format(count=len(agenda.overdue)),
                "bold $text-warning" if agenda.overdue else "dim",
            ),
            " · " + _("streak {days}").format(days=days_short(streak)),
        )
        return [
            header,
            *(item_line(item, kind_words(self.app, item.plan.kind)) for item in agenda.today),
        ]

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """As many lines as it has (the CSS caps it)."""
        return len(self._lines())

    def render(self) -> Content:
        """Header, then today's items; what does not fit becomes '+N more'."""
        lines = self._lines()
        room = self.content_size.height or len(lines)
        if len(lines) > room and room >= 2:
            hidden = len(lines) - room + 1
            lines = [
                *lines[: room - 1],
                Content.styled(
                    _("+{count} more: {where}").format(
                        count=hidden,
                        where=with_keys(self.app, _("{app.go_planner} opens the planner")),
                    ),
                    "dim",
                ),
            ]
        return Content("\n").join(lines)
