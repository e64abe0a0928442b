"""Activity log: a paged, sortable, filterable table; add, edit, delete with undo."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select

from ssi_tui.app.messages import ActivityLog, ActivityRowsLoaded, RowsFiltered
from ssi_tui.app.screens.base import BaseScreen, guarded
from ssi_tui.app.screens.forms import activity_choices, activity_form
from ssi_tui.app.tables import Table, filled, selected_key
from ssi_tui.app.text import cell
from ssi_tui.domain.models import PILLARS, Activity
from ssi_tui.domain.text import fold
from ssi_tui.services.activities import ActivityRow as Row
from ssi_tui.services.workspace import Workspace
from ssi_tui.wording import N_, _, counted, number
from ssi_tui.wording.labels import pillar_label

PAGE_SIZE = 500
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
NUMERIC = ("date", "raw", "weighted", "counted_raw", "counted_weighted")  # sorted largest first


def matches(row: Row, text: str, pillar: Any, audience: Any, kind: Any) -> bool:
    """Whether a row passes the filters."""
    activity = row.activity
    if pillar is not Select.NULL and row.pillar != pillar:
        return False
    if audience is not Select.NULL and row.audience != audience:
        return False
    if kind is not Select.NULL and activity.kind != kind:
        return False
    if text:
        haystack = " ".join(
            filter(
                None,
                [
                    activity.kind,
                    activity.contact,
                    activity.company,
                    activity.title,
                    activity.note,
                    row.audience,
                ],
            )
        )
        return text in fold(haystack)
    return True


class ActivityLogScreen(BaseScreen, screen_id="activities"):
    """Every activity, newest first; `n` logs one."""

    AUTO_FOCUS = "#activity-table"
    DEFAULT_CSS = """
    #activity-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Row] = []
        self.by_id: dict[str, Activity] = {}
        self.visible_rows: list[Row] = []
        self.page = 0
        self.sort_column = "date"
        self.sort_reverse = True

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
        """Counts and page."""
        pages = max(1, -(-len(self.visible_rows) // PAGE_SIZE))
        header = HEADERS[COLUMNS.index(self.sort_column)]
        return _("{shown} of {all} · page {page}/{pages} · sorted by {column}").format(
            shown=number(len(self.visible_rows)),
            all=counted(len(self.rows), "activity", "activities"),
            page=self.page + 1,
            pages=pages,
            column=_(header).lower(),
        )

    def refresh_data(self) -> None:
        """Reload rows in a worker."""
        self.load_rows()

    def load_rows(self) -> None:
        """Build the rows off the UI thread (100,000 activities take a moment), with the
        filters' choices."""

        def fetch(workspace: Workspace) -> ActivityLog:
            audiences = [item.name for item in workspace.goals.get().audiences]
            return ActivityLog(workspace.activities.rows(), audiences, workspace.activities.kinds())

        self.load(N_("the activity log"), fetch, ActivityRowsLoaded)

    @on(ActivityRowsLoaded)
    def _rows_loaded(self, message: ActivityRowsLoaded) -> None:
        log = message.value
        self.rows = log.rows
        self.by_id = {row.activity.id: row.activity for row in log.rows}
        self.query_one("#filter-audience", Select).set_options(
            [(name, name) for name in log.audiences]
        )
        self.query_one("#filter-kind", Select).set_options([(kind, kind) for kind in log.kinds])
        self.apply_filters()

    @on(Input.Changed, "#filter-text")
    @on(Select.Changed, ".filters Select")
    def apply_filters(self) -> None:
        """Filter and sort all rows in a worker (100,000 rows must not freeze typing)."""
        self.filter_rows(
            self.rows,
            fold(self.query_one("#filter-text", Input).value),
            self.query_one("#filter-pillar", Select).value,
            self.query_one("#filter-audience", Select).value,
            self.query_one("#filter-kind", Select).value,
            self.sort_column,
            self.sort_reverse,
        )

    @work(thread=True, exclusive=True, group="filter", description="filter")
    @guarded(N_("the filtered activities"))
    def filter_rows(
        self,
        rows: list[Row],
        text: str,
        pillar: Any,
        audience: Any,
        kind: Any,
        column: str,
        reverse: bool,
    ) -> None:
        """The filtered, sorted rows, then the first page."""
        selected = [row for row in rows if matches(row, text, pillar, audience, kind)]
        selected.sort(key=lambda row: (row.key(column), row.activity.id), reverse=reverse)
        self.post_message(RowsFiltered(selected))

    @on(RowsFiltered)
    def _filtered(self, message: RowsFiltered) -> None:
        self.visible_rows = message.value
        self.page = 0
        self.show_page()

    def show_page(self) -> None:
        """Put the current page in the table."""
        table = self.query_one(DataTable)
        table.clear()
        start = self.page * PAGE_SIZE
        for row in self.visible_rows[start : start + PAGE_SIZE]:
            activity = row.activity
            cells = {
                "date": cell(activity.date.isoformat()),
                "kind": cell(activity.kind),
                "raw": cell(row.raw, justify="right"),
                "weighted": cell(row.weighted, justify="right"),
                "pillar": cell(pillar_label(row.pillar, short=True)),
                "audience": cell(row.shown_audience),
                "contact": cell(activity.contact),
                "company": cell(activity.company),
                "channel": cell(_("in") if activity.channel == "linkedin" else _("off")),
                "counted_raw": cell(number(row.counted_raw, 2), justify="right"),
                "counted_weighted": cell(number(row.counted_weighted, 2), justify="right"),
            }
            table.add_row(*(cells[column] for column in COLUMNS), key=activity.id)
        filled(table, self.app, self.empty_hint())
        self.update_status()
        self.refresh_bindings()

    def check_command(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Page keys only when there is another page."""
        if action == "page":
            target = self.page + int(parameters[0])  # type: ignore[call-overload]
            return 0 <= target * PAGE_SIZE < max(1, len(self.visible_rows))
        return True

    def action_page(self, step: int) -> None:
        """Next or previous page."""
        target = self.page + step
        if 0 <= target * PAGE_SIZE < max(1, len(self.visible_rows)):
            self.page = target
            self.show_page()

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, column in NUMERIC
        self.apply_filters()

    def action_cycle_sort(self) -> None:
        """Sort by the next column."""
        position = COLUMNS.index(self.sort_column)
        self.sort_column = COLUMNS[(position + 1) % len(COLUMNS)]
        self.sort_reverse = self.sort_column in NUMERIC
        self.apply_filters()

    def action_focus_filter(self) -> None:
        """Jump to the text filter."""
        self.query_one("#filter-text", Input).focus()

    def empty_hint(self) -> str:
        """What an empty log says: nothing logged yet, or nothing matches the filter."""
        if self.visible_rows or self.workspace is None:
            return ""
        filtered = self.query_one("#filter-text", Input).value.strip()
        if filtered:
            return N_("Nothing matches the filter ({activities.filter} to change it)")
        return N_(
            "No activity yet: {activities.new} logs one, or import your LinkedIn export "
            "({app.go_import})"
        )

    def selected(self) -> Activity | None:
        """The activity under the cursor (from the rows shown: no store read)."""
        key = selected_key(self.query_one(DataTable))
        return self.by_id.get(key) if key else None

    def action_new(self) -> None:
        """Log a new activity."""
        self._activity_form(None)

    def action_edit(self) -> None:
        """Edit the selected activity."""
        activity = self.selected()
        if activity is not None:
            self._activity_form(activity)

    @work(group="activity-form")
    async def _activity_form(self, original: Activity | None) -> None:
        """The form, on what a worker read: it checks the values once (the activities service)
        and saves the activity it returns."""
        choices = await self.read(N_("the activity form"), activity_choices)
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
        activity = self.selected()
        if activity is None:
            return
        self.ssi.save(lambda ws: ws.activities.delete_undoably(activity.id))
