"""Activity log: a paged, sortable, filterable table; add, edit, delete with undo."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select
from textual.worker import get_current_worker

from ssi_tui.app.messages import LoadFailed, LogChoices, LogPageLoaded, LogReading
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.forms import activity_choices, activity_form
from ssi_tui.app.tables import Table, filled, selected_key
from ssi_tui.app.text import cell, kind_words
from ssi_tui.domain.models import PILLARS, Activity
from ssi_tui.services.activity_log import NUMERIC, PAGE_SIZE, LogPage, LogQuery, Reading
from ssi_tui.wording import N_, _, counted, number
from ssi_tui.wording.labels import pillar_label

# Column → header, in the order shown: date, kind and the points first, so that a narrow
# terminal cuts the details (contact, company, channel), never the scores. Raw and Wtd: the
# activity's own points; "now": what it counts for in today's score (after decay and the
# daily caps).
COLUMN_HEADERS = {
    "date": N_("Date"),
    "kind": N_("Kind"),
    "raw": N_("Raw"),
    "weighted": N_("Wtd"),
    "pillar": N_("Pillar"),
    "audience": N_("Audience"),
    "contact": N_("Contact"),
    "company": N_("Company"),
    "channel": N_("Ch."),
    "counted_raw": N_("Raw now"),
    "counted_weighted": N_("Wtd now"),
}
COLUMNS = tuple(COLUMN_HEADERS)
HEADERS = tuple(COLUMN_HEADERS.values())
STEP = 0.2  # seconds of the pass over the history per hold of the store's lock


class ActivityLogScreen(BaseScreen, screen_id="activities"):
    """Every activity, newest first; `n` logs one."""

    AUTO_FOCUS = "#activity-table"
    DEFAULT_CSS = """
    #activity-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.view = LogQuery()
        self.shown = LogPage([], 0, 0, 0)
        self.reading: Reading | None = None  # the pass a filter or sort waits for, if any
        self._offered: dict[str, list[str]] = {}  # each filter's choices

    def compose_body(self) -> ComposeResult:
        """Filters above the table."""
        with Horizontal(id="activity-filters", classes="filters"):
            yield Input(
                placeholder=_("filter: contact, company, note…"), id="filter-text", compact=True
            )
            yield Select(
                [(pillar_label(pillar, short=True), pillar) for pillar in PILLARS],
                prompt=_("pillar"),
                id="filter-pillar",
                compact=True,
            )
            yield Select([], prompt=_("audience"), id="filter-audience", compact=True)
            yield Select([], prompt=_("kind"), id="filter-kind", compact=True)
        table: DataTable[Any] = Table(id="activity-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        """Columns, then follow the data."""
        table = self.query_one(DataTable)
        for key, header in zip(COLUMNS, HEADERS, strict=True):
            table.add_column(_(header), key=key)
        super().on_mount()

    def status_detail(self) -> str:
        """Counts and page; how far the history is read while a view waits for it."""
        shown = self.shown
        if self.reading is not None and self.reading.count:
            return _("Reading the history for this view… {percent}%").format(
                percent=self.reading.done * 100 // self.reading.count
            )
        header = HEADERS[COLUMNS.index(self.view.sort)]
        return _("{shown} of {all} · page {page}/{pages} · sorted by {column}").format(
            shown=number(shown.total),
            all=counted(shown.count, "activity", "activities"),
            page=shown.offset // PAGE_SIZE + 1,
            pages=max(1, -(-shown.total // PAGE_SIZE)),
            column=_(header).lower(),
        )

    def refresh_data(self) -> None:
        """The filters' choices and the page shown, read again (after a save, say)."""
        self.load(
            N_("the activity log"),
            lambda ws: ([item.name for item in ws.goals.get().audiences], ws.activities.kinds()),
            LogChoices,
            group="activity-choices",
        )
        self.fetch(self.view, self.shown.offset)

    @on(LogChoices)
    def _choices_loaded(self, message: LogChoices) -> None:
        audiences, kinds = message.value
        self._set_choices("#filter-audience", audiences)
        self._set_choices("#filter-kind", kinds, lambda kind: kind_words(self.app, kind))

    def _set_choices(
        self, selector: str, values: list[str], words: Callable[[str], str] = str
    ) -> None:
        """A filter's choices, each shown as `words` says (what it has selected kept while it
        is still offered)."""
        if self._offered.get(selector) != values:
            self._offered[selector] = values
            options = [(words(value), value) for value in values]
            self.query_one(selector, Select).set_options(options)

    @on(Input.Changed, "#filter-text")
    @on(Select.Changed, ".filters Select")
    def apply_filters(self) -> None:
        """The first page of the view the filters and the sort make."""
        self.view = LogQuery(
            text=self.query_one("#filter-text", Input).value,
            pillar=self._selected("#filter-pillar"),
            audience=self._selected("#filter-audience"),
            kind=self._selected("#filter-kind"),
            sort=self.view.sort,
            reverse=self.view.reverse,
        )
        self.fetch(self.view, 0)

    def _selected(self, selector: str) -> str | None:
        value = self.query_one(selector, Select).value
        return None if value is Select.NULL else str(value)

    @work(thread=True, exclusive=True, group="log-page", description="activity log page")
    def fetch(self, query: LogQuery, offset: int) -> None:
        """A page of a view, read off the UI thread. A view that needs the pass over the history
        makes it in steps, the lock let go between them (a save never waits for the pass),
        saying how far it is; a newer page asked for ends this one (the pass goes on from where
        it is). Once the page is shown, the pass is made ahead for the filters to come, while
        the log is on screen."""
        from ssi_tui.app.background import user_errors

        worker = get_current_worker()
        workspace = self.workspace
        if workspace is None:
            return
        try:
            while not worker.is_cancelled:
                with workspace.lock:
                    page = workspace.activity_log.page(query, offset, PAGE_SIZE, budget=STEP)
                if isinstance(page, LogPage):
                    self.post_message(LogPageLoaded((query, page)))
                    break
                self.post_message(LogReading(page))
            while not worker.is_cancelled and self.is_current:
                with workspace.lock:
                    if workspace.activity_log.prepare(budget=STEP):
                        return
        except user_errors() as error:
            self.post_message(LoadFailed(N_("the activity log"), str(error)))

    @on(LogReading)
    def _reading(self, message: LogReading) -> None:
        self.reading = message.value
        self.update_status()

    @on(LogPageLoaded)
    def _page_loaded(self, message: LogPageLoaded) -> None:
        query, page = message.value
        if query != self.view:
            return  # (a page of a view left since)
        self.reading = None
        self.shown = page
        self.show_page()

    def show_page(self) -> None:
        """Put the page in the table (the cursor kept on its row when it is still there)."""
        table = self.query_one(DataTable)
        kept = selected_key(table)
        table.clear()
        for row in self.shown.rows:
            cells = {
                "date": cell(row.date.isoformat()),
                "kind": cell(kind_words(self.app, row.kind)),
                "raw": cell(row.raw, justify="right"),
                "weighted": cell(row.weighted, justify="right"),
                "pillar": cell(pillar_label(row.pillar, short=True)),
                "audience": cell(row.shown_audience),
                "contact": cell(row.contact),
                "company": cell(row.company),
                "channel": cell(_("in") if row.channel == "linkedin" else _("off")),
                "counted_raw": cell(number(row.counted_raw, 2), justify="right"),
                "counted_weighted": cell(number(row.counted_weighted, 2), justify="right"),
            }
            table.add_row(*(cells[column] for column in COLUMNS), key=row.id)
        filled(table, self.app, self.empty_hint())
        if kept is not None and kept in table.rows:
            table.move_cursor(row=table.get_row_index(kept))
        self.update_status()
        self.refresh_bindings()

    def check_command(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Page keys only when there is another page."""
        if action == "page":
            return self._page_start(int(parameters[0])) is not None  # type: ignore[call-overload]
        return True

    def _page_start(self, step: int) -> int | None:
        start = self.shown.offset + step * PAGE_SIZE
        return start if 0 <= start < self.shown.total else None

    def action_page(self, step: int) -> None:
        """Next or previous page."""
        start = self._page_start(step)
        if start is not None:
            self.fetch(self.view, start)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        reverse = not self.view.reverse if column == self.view.sort else column in NUMERIC
        self._sort(column, reverse)

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        column = COLUMNS[(COLUMNS.index(self.view.sort) + 1) % len(COLUMNS)]
        self._sort(column, column in NUMERIC)

    def _sort(self, column: str, reverse: bool) -> None:
        self.view = replace(self.view, sort=column, reverse=reverse)
        self.fetch(self.view, 0)

    def action_focus_filter(self) -> None:
        """Jump to the text filter."""
        self.query_one("#filter-text", Input).focus()

    def empty_hint(self) -> str:
        """What an empty log says: nothing logged yet, or nothing matches the filter."""
        if self.shown.total or self.workspace is None:
            return ""
        filtered = self.query_one("#filter-text", Input).value.strip()
        if filtered:
            return N_("Nothing matches the filter ({activities.filter} to change it)")
        return N_(
            "No activity yet: {activities.new} logs one, or import your LinkedIn export "
            "({app.go_import})"
        )

    def selected(self) -> str | None:
        """The id of the activity under the cursor."""
        return selected_key(self.query_one(DataTable))

    def action_new(self) -> None:
        """Log a new activity."""
        self._activity_form(None)

    def action_edit(self) -> None:
        """Edit the selected activity."""
        activity_id = self.selected()
        if activity_id is not None:
            self._activity_form(activity_id)

    @work(group="activity-form")
    async def _activity_form(self, activity_id: str | None) -> None:
        """The form, on what a worker read (the activity edited too): it checks the values once
        (the activities service) and saves the activity it returns."""
        choices = await self.read(N_("the activity form"), activity_choices)
        original = None
        if activity_id is not None and choices is not None:
            original = await self.read(
                N_("the activity"), lambda ws: ws.activities.get(activity_id)
            )
            if original is None:
                return
        workspace = self.workspace
        if choices is None or workspace is None:
            return
        service = workspace.activities

        def save(activity: Activity) -> Awaitable[Any]:
            if original is None:
                return self.ssi.write(lambda ws: ws.activities.log_undoably(activity))
            return self.ssi.write(lambda ws: ws.activities.update_undoably(original, activity))

        form = activity_form(
            choices,
            check=lambda values: service.check(values, choices.goals, original),
            save=save,
            activity=original,
        )
        await self.app.push_screen_wait(form)

    def action_delete(self) -> None:
        """Delete the selected activity (the app's undo brings it back)."""
        activity_id = self.selected()
        if activity_id is None:
            return
        self.ssi.save(lambda ws: ws.activities.delete_undoably(activity_id))
