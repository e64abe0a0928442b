"""Readings: what LinkedIn's SSI page showed, over time, beside our raw estimate."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable

from ssi_tui.app.messages import ReadingRowsLoaded
from ssi_tui.app.registry import with_keys
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.forms import reading_form
from ssi_tui.app.tables import Table, filled, selected_key
from ssi_tui.app.text import cell
from ssi_tui.domain.models import SSIReading
from ssi_tui.domain.report import Report
from ssi_tui.services.readings import DuplicateReading
from ssi_tui.wording import N_, _, counted, day, short_number

COLUMNS = (
    ("date", N_("Date")),
    ("total", N_("Total")),
    ("brand", N_("Brand")),
    ("find", N_("Find")),
    ("engage", N_("Engage")),
    ("relate", N_("Relate")),
    ("industry_rank", N_("Ind. top%")),
    ("network_rank", N_("Net. top%")),
    ("industry_avg", N_("Ind. avg")),
    ("network_avg", N_("Net. avg")),
    ("raw", N_("Our raw")),
    ("weighted", N_("Weighted")),
)


class ReadingsScreen(BaseScreen, screen_id="readings"):
    """Official SSI readings; `n` adds one."""

    AUTO_FOCUS = "#reading-table"
    DEFAULT_CSS = """
    #reading-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.readings: dict[str, SSIReading] = {}

    def compose_body(self) -> ComposeResult:
        """One table."""
        yield Table(id="reading-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns."""
        table = self.query_one(DataTable)
        for key, header in COLUMNS:
            table.add_column(_(header), key=key)
        super().on_mount()

    def status_detail(self) -> str:
        """Count."""
        return counted(self.query_one(DataTable).row_count, "reading", "readings")

    def refresh_data(self) -> None:
        """Reload (our estimates are computed in a worker)."""
        self.load_readings()

    def load_readings(self) -> None:
        """Readings with our raw and weighted estimate as of each reading's date."""
        self.load(N_("the readings"), lambda ws: ws.readings.with_estimates(), ReadingRowsLoaded)

    @on(ReadingRowsLoaded)
    def _rows_loaded(self, message: ReadingRowsLoaded) -> None:
        self._loaded(message.value)

    def _loaded(self, readings: list[tuple[SSIReading, Report]]) -> None:
        self.readings = {reading.id: reading for reading, _ in readings}
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for reading, estimate in reversed(readings):
            report = estimate.breakdown
            table.add_row(
                cell(reading.date.isoformat()),
                *(cell(getattr(reading, key), justify="right") for key, _header in COLUMNS[1:10]),
                cell(report.total_raw, justify="right"),
                cell(report.total_weighted, justify="right"),
                key=reading.id,
            )
        filled(
            table,
            self.app,
            N_(
                "No readings yet: {readings.new} records what LinkedIn's SSI page shows "
                "(linkedin.com/sales/ssi)"
            ),
        )
        if readings:
            table.move_cursor(row=min(max(row, 0), len(readings) - 1))
        self.update_status()

    def selected(self) -> SSIReading | None:
        """The reading under the cursor (from the rows shown)."""
        key = selected_key(self.query_one(DataTable))
        return self.readings.get(key) if key else None

    def action_new(self) -> None:
        """Add a reading."""
        self._reading_form(None)

    def action_edit(self) -> None:
        """Edit the selected reading."""
        reading = self.selected()
        if reading is not None:
            self._reading_form(reading)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_edit()

    @work(group="reading-form")
    async def _reading_form(self, original: SSIReading | None) -> None:
        """The form checks the values once (the readings service) and saves the reading; a day
        that has one asks to replace it; what looks doubtful (a big move) is said."""
        workspace = self.workspace
        if workspace is None:
            return
        form = reading_form(workspace.readings.check, self._saver(original), original)
        saved: tuple[SSIReading, list[str]] | None = await self.app.push_screen_wait(form)
        if saved is not None and saved[1]:
            self.notify("\n".join(saved[1]), severity="warning", markup=False, timeout=10)

    def _saver(self, original: SSIReading | None) -> Callable[[SSIReading], Awaitable[Any]]:
        async def save(reading: SSIReading) -> Any:
            if original is not None:
                return await self.ssi.write(lambda ws: ws.readings.edit_undoably(original, reading))
            try:
                return await self.ssi.write(lambda ws: ws.readings.add_undoably(reading))
            except DuplicateReading as duplicate:
                existing = duplicate.existing
                question = ConfirmScreen(
                    _("{day} has a reading already: replace {old} with {new}?").format(
                        day=day(existing.date),
                        old=short_number(existing.total),
                        new=short_number(reading.total),
                    ),
                    _("One reading a day.") + " " + with_keys(self.app, _("{app.undo} undoes it.")),
                    yes=N_("Replace"),
                )
                if not await self.app.push_screen_wait(question):
                    raise
                return await self.ssi.write(
                    lambda ws: ws.readings.add_undoably(reading, replace=True)
                )

        return save

    def action_delete(self) -> None:
        """Delete the selected reading, once confirmed (undo brings it back)."""
        reading = self.selected()
        if reading is not None:
            self._confirm_delete(reading)

    @work(group="reading-form")
    async def _confirm_delete(self, reading: SSIReading) -> None:
        question = ConfirmScreen(
            _("Remove the reading of {day} ({total})?").format(
                day=day(reading.date), total=short_number(reading.total)
            ),
            with_keys(self.app, _("{app.undo} undoes it.")),
        )
        if await self.app.push_screen_wait(question):
            self.ssi.save(lambda ws: ws.readings.delete_undoably(reading.id))
