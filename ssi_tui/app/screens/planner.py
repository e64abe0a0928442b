"""Planner: the agenda (done / skip / undo), the plans with their streaks, suggested plans."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from ssi_tui.app.messages import PlannerLoaded
from ssi_tui.app.registry import with_keys
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.done_when import DoneWhenScreen
from ssi_tui.app.screens.forms import activity_choices
from ssi_tui.app.screens.plan_forms import (
    PlannerData,
    gain_cell,
    load_planner,
    plan_form,
    remove_plan_question,
)
from ssi_tui.app.tables import Choices, Table, filled, last_column_room, selected_key
from ssi_tui.app.text import cell, clipped, kind_words, plain
from ssi_tui.domain.agenda import Agenda, AgendaItem
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.suggestions import PlanSuggestion, suggestion_text
from ssi_tui.services.planner import PlanRow
from ssi_tui.wording import N_, _, counted, month_short, weekday_short
from ssi_tui.wording import day as day_text
from ssi_tui.wording.goals import no_suggestion_text

if TYPE_CHECKING:
    from ssi_tui.services.projection import Gain

STATUS_CELLS = {
    "open": (N_("to do"), "bold"),
    "done": (N_("✓ done"), "bold green"),
    "skipped": (N_("– skipped"), "dim"),
}


AGENDA_COLUMNS = ("when", "status", "kind", "audience", "who", "note")
AGENDA_HEADERS = (N_("When"), N_("Status"), N_("Kind"), N_("Audience"), N_("Who"), N_("Note"))


def agenda_when(section: str, day: date) -> str:
    """The agenda's first column: the section (overdue, today, week, recent) and the day
    (overdue: with its month)."""
    if section == "today":
        return _("Today")
    if section == "overdue":
        return _("Overdue {day}").format(day=f"{day.day:02d} {month_short(day.month)}")
    when = f"{weekday_short(day)} {day.day:02d}"
    return _("Recent {day}").format(day=when) if section == "recent" else when


class PlannerScreen(BaseScreen, screen_id="planner"):
    """What to do today and this week, the plans behind it, and plans worth adopting."""

    AUTO_FOCUS = "#agenda-table"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (160, "-wide"),
    ]
    """Below 160 columns the plans take the full width (above the suggestions): side by side,
    their "For" column was cut."""
    DEFAULT_CSS = """
    #agenda-table { height: 1fr; border: round $primary; }
    #planner-bottom { height: 45%; }
    #plan-table { width: 1fr; height: 1fr; border: round $accent; }
    #suggestions { width: 1fr; height: 1fr; border: round $warning; }
    PlannerScreen.-narrow #planner-bottom { layout: vertical; height: 55%; }
    PlannerScreen.-narrow #plan-table { width: 100%; }
    PlannerScreen.-narrow #suggestions { width: 100%; }
    DataTable:focus, OptionList:focus { border: round $success; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.data: PlannerData | None = None
        self.items: dict[str, AgendaItem] = {}
        self.plans_by_id: dict[str, Plan] = {}
        self.suggestions: dict[str, PlanSuggestion] = {}
        self._agenda_width = -1

    KEY_HINTS: ClassVar[dict[str, str]] = {
        "#suggestions": N_("Suggested plans ({planner.adopt} adopts)")
    }

    def compose_body(self) -> ComposeResult:
        """Agenda on top; plans and suggestions side by side below."""
        with Vertical(id="planner"):
            yield Table(id="agenda-table", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="planner-bottom"):
                yield Table(id="plan-table", cursor_type="row")
                yield Choices(id="suggestions")

    def on_mount(self) -> None:
        """Columns and titles."""
        agenda = self.query_one("#agenda-table", DataTable)
        agenda.border_title = _("Agenda: overdue · today · next 6 days · recently done")
        for key, header in zip(AGENDA_COLUMNS, AGENDA_HEADERS, strict=True):
            agenda.add_column(_(header), key=key)
        plans = self.query_one("#plan-table", DataTable)
        plans.border_title = _("Plans")
        for key, header in (
            ("kind", _("Kind")),
            ("for", _("For")),
            ("next", _("Next")),
            ("schedule", _("Repeats")),
            ("streak", _("Streak")),
            ("best", _("Best")),
            ("gain", _("4 wk")),
        ):
            plans.add_column(header, key=key)
        super().on_mount()

    def on_resize(self) -> None:
        """The agenda's notes are clipped to the width there is: clip them again once the
        table has its new size."""
        self.call_after_refresh(self._refill_agenda)

    def _refill_agenda(self) -> None:
        width = self.query_one("#agenda-table").size.width
        if self.data is not None and width != self._agenda_width:
            self._fill_agenda(self.data.agenda)

    def status_detail(self) -> str:
        """Today's count, overdue count, overall streak."""
        if self.data is None:
            return _("loading the agenda…")
        agenda, overall = self.data.agenda, self.data.overall
        return _("{today} to do today · {overdue} overdue · streak {streak} (best {best})").format(
            today=len(agenda.open_today),
            overdue=len(agenda.overdue),
            streak=counted(overall.current, "day", "days"),
            best=overall.best,
        )

    # -- loading --------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Reload in a worker."""
        self.load_data()

    def load_data(self) -> None:
        """Agenda, plans, streaks and suggestions, off the UI thread."""
        self.load(N_("the planner"), load_planner, PlannerLoaded)

    @on(PlannerLoaded)
    def _planner_loaded(self, message: PlannerLoaded) -> None:
        self.show(message.value)

    def show(self, data: PlannerData) -> None:
        """Fill the three tables (keeping each cursor's position)."""
        self.data = data
        self._fill_agenda(data.agenda)
        self._fill_plans(data.plans, data.plan_gains)
        self._fill_suggestions(data.suggestions, data.behind)
        self.update_status()

    def _fill_agenda(self, agenda: Agenda) -> None:
        table = self.query_one("#agenda-table", DataTable)
        self._agenda_width = table.size.width
        row = table.cursor_row
        table.clear()
        self.items = {}
        sections: list[tuple[str, list[AgendaItem]]] = [
            ("overdue", agenda.overdue),
            ("today", agenda.today),
            ("week", agenda.week),
            ("recent", agenda.handled),
        ]
        rows: list[tuple[AgendaItem, str, bool]] = []
        for label, items in sections:
            for item in items:
                self.items[item.key] = item
                rows.append((item, agenda_when(label, item.date), label == "overdue"))
        room = last_column_room(
            table.size.width,
            [
                [
                    when,
                    _(STATUS_CELLS[item.status][0]),
                    kind_words(self.app, item.plan.kind),
                    item.plan.audience or "—",
                    plain(item.plan.who) or "—",
                ]
                for item, when, _overdue in rows
            ],
            tuple(_(header) for header in AGENDA_HEADERS[:-1]),
        )
        for item, when, overdue in rows:
            text, style = (N_("✓ late"), "yellow") if item.late else STATUS_CELLS[item.status]
            table.add_row(
                cell(when, style="bold" if overdue else ""),
                Text(_(text), style=style),
                cell(kind_words(self.app, item.plan.kind)),
                cell(item.plan.audience),
                cell(item.plan.who),
                cell(clipped(plain(item.plan.note), room) if item.plan.note else ""),
                key=item.key,
            )
        filled(table, self.app, N_("Nothing planned this week: {planner.new} adds a plan"))
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))

    def _fill_plans(self, rows: list[PlanRow], gains: dict[str, Gain]) -> None:
        table = self.query_one("#plan-table", DataTable)
        row = table.cursor_row
        table.clear()
        self.plans_by_id = {}
        for plan_row in rows:
            plan = plan_row.plan
            self.plans_by_id[plan.id] = plan
            # The contact, else the company (the agenda names both): short enough for 100 columns.
            target = " · ".join(
                part for part in (plan.audience, plan.contact or plan.company) if part
            )
            streak = plan_row.streak
            table.add_row(
                cell(kind_words(self.app, plan.kind)),
                cell(target),
                cell(plan_row.next.isoformat() if plan_row.next else _("ended")),
                cell(plan_row.schedule),
                cell(str(streak.current), justify="right"),
                cell(str(streak.best), justify="right"),
                cell(gain_cell(gains.get(plan.id)), justify="right"),
                key=plan.id,
            )
        filled(
            table,
            self.app,
            N_("No plans yet: {planner.new} adds one, {planner.adopt} adopts a suggestion"),
        )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))

    def _fill_suggestions(
        self, suggestions: list[tuple[PlanSuggestion, Gain]], behind: int = 0
    ) -> None:
        options = self.query_one("#suggestions", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        self.suggestions = {item.key: item for item, _gain in suggestions}
        if not suggestions:
            options.add_option(
                Option(
                    Content.styled(no_suggestion_text(behind), "dim"),
                    disabled=True,
                )
            )
            return
        options.add_options(
            [
                Option(
                    Content.assemble(
                        (plain(suggestion_text(item)), "bold"),
                        "\n",
                        (plain(item.reason), "dim"),
                        "\n",
                        (gain.label(), "italic"),
                    ),
                    id=item.key,
                )
                for item, gain in suggestions
            ]
        )
        options.highlighted = min(highlighted or 0, len(suggestions) - 1)

    # -- selection ------------------------------------------------------------------------------
    @staticmethod
    def _cursor_key(table: DataTable[Any]) -> str | None:
        return selected_key(table)

    def selected_item(self) -> AgendaItem | None:
        """The agenda item under the cursor."""
        key = self._cursor_key(self.query_one("#agenda-table", DataTable))
        return self.items.get(key) if key else None

    def selected_plan(self) -> Plan | None:
        """The plan under the plans cursor when that table has the focus, else the agenda item's."""
        plans = self.query_one("#plan-table", DataTable)
        if plans.has_focus:
            key = self._cursor_key(plans)
            return self.plans_by_id.get(key) if key else None
        item = self.selected_item()
        return item.plan if item else None

    def selected_suggestion(self) -> PlanSuggestion | None:
        """The highlighted suggestion."""
        options = self.query_one("#suggestions", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.suggestions.get(option.id or "")

    # -- actions --------------------------------------------------------------------------------
    def _on_item(self, action: str) -> None:
        item = self.selected_item()
        if item is None:
            self.notify(
                with_keys(self.app, _("Nothing on the agenda: add a plan with {planner.new}.")),
                severity="warning",
            )
            return
        if action == "done" and item.status == "open" and item.date < self.ssi.today:
            self._done_overdue(item)
            return
        self.ssi.save(lambda ws: ws.planner.act(item, action))

    @work(group="done-form")
    async def _done_overdue(self, item: AgendaItem) -> None:
        """An overdue occurrence: done today (late) or on its day? One key each."""
        what = _("{kind} of {day}").format(
            kind=kind_words(self.app, item.plan.kind), day=day_text(item.date)
        )
        day = await self.app.push_screen_wait(DoneWhenScreen(what, item.date, self.ssi.today))
        if day is not None:
            self.ssi.save(lambda ws: ws.planner.act(item, "done", day))

    def action_done(self) -> None:
        """Mark the selected occurrence done (logs the activity, dated today; an overdue one
        asks whether it was done today or on its day)."""
        self._on_item("done")

    def action_skip(self) -> None:
        """Skip the selected occurrence."""
        self._on_item("skip")

    @on(DataTable.RowSelected, "#agenda-table")
    def _agenda_selected(self) -> None:
        self.action_done()

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_selected(self) -> None:
        self.action_adopt()

    def action_new_plan(self) -> None:
        """Open the plan form."""
        self._plan_form()

    @work(group="plan-form")
    async def _plan_form(self) -> None:
        """The form, on what a worker read; the planner checks it once, then it is added."""
        choices = await self.read(N_("the plan form"), activity_choices)
        workspace = self.workspace
        if choices is None or workspace is None:
            return
        planner = workspace.planner
        form = plan_form(
            choices,
            lambda values: planner.check_plan(values, choices.goals),
            lambda plan: self.ssi.write(lambda ws: ws.planner.add_plan_undoably(plan)),
        )
        await self.app.push_screen_wait(form)

    def action_remove_plan(self) -> None:
        """Remove the selected plan, after confirmation."""
        plan = self.selected_plan()
        if plan is None:
            self.notify(_("No plan selected."), severity="warning")
            return
        self._remove_plan(plan)

    @work(group="plan-form")
    async def _remove_plan(self, plan: Plan) -> None:
        question = remove_plan_question(plan, with_keys(self.app, "{app.undo}"))
        if await self.app.push_screen_wait(question):
            self.ssi.save(lambda ws: ws.planner.remove_plan_undoably(plan.id))

    def action_adopt(self) -> None:
        """Adopt the selected suggestion as a plan starting today."""
        suggestion = self.selected_suggestion()
        if suggestion is None:
            self.notify(_("No suggestion to adopt."), severity="warning")
            return
        self.ssi.save(lambda ws: ws.planner.adopt(suggestion))

    def action_calendar(self) -> None:
        """Export the plans as an iCalendar file (the export form, its format set)."""
        from ssi_tui.app.transfer import open_export

        open_export(self.ssi, "ics")
