"""Readings: what LinkedIn's SSI page showed, over time, beside our raw estimate."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import DataTable

from ssi_tui.app.messages import ReadingRowsLoaded
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.forms import reading_form
from ssi_tui.app.tables import Table, filled, selected_key
from ssi_tui.app.text import cell
from ssi_tui.domain.models import SSIReading
from ssi_tui.domain.report import Report
from ssi_tui.wording import counted

COLUMNS = (
    ("date", "Date"),
    ("total", "Total"),
    ("brand", "Brand"),
    ("find", "Find"),
    ("engage", "Engage"),
    ("relate", "Relate"),
    ("industry_rank", "Ind. top%"),
    ("network_rank", "Net. top%"),
    ("industry_avg", "Ind. avg"),
    ("network_avg", "Net. avg"),
    ("raw", "Our raw"),
    ("weighted", "Weighted"),
)


class ReadingsScreen(BaseScreen, screen_id="readings"):
    """Official SSI readings; `n` adds one."""

    AUTO_FOCUS = "#reading-table"
    DEFAULT_CSS = """
    #reading-table { height: 1fr; }
    """

    def compose_body(self) -> ComposeResult:
        """One table."""
        yield Table(id="reading-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns."""
        table = self.query_one(DataTable)
        for key, header in COLUMNS:
            table.add_column(header, key=key)
        super().on_mount()

    def status_detail(self) -> str:
        """Count."""
        return counted(self.query_one(DataTable).row_count, "reading")

    def refresh_data(self) -> None:
        """Reload (our estimates are computed in a worker)."""
        self.load_readings()

    def load_readings(self) -> None:
        """Readings with our raw and weighted estimate as of each reading's date."""
        self.load("the readings", lambda ws: ws.readings.with_estimates(), ReadingRowsLoaded)

    @on(ReadingRowsLoaded)
    def _rows_loaded(self, message: ReadingRowsLoaded) -> None:
        self._loaded(message.value)

    def _loaded(self, readings: list[tuple[SSIReading, Report]]) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for reading, estimate in reversed(readings):
            report = estimate.breakdown
            table.add_row(
                cell(reading.date.isoformat()),
                *(cell(getattr(reading, key), justify="right") for key, _ in COLUMNS[1:10]),
                cell(report.total_raw, justify="right"),
                cell(report.total_weighted, justify="right"),
                key=reading.id,
            )
        filled(
            table,
            self.app,
            "No readings yet: {readings.new} records what LinkedIn's SSI page shows "
            "(linkedin.com/sales/ssi)",
        )
        self.update_status()

    def action_new(self) -> None:
        """Add a reading."""
        self._reading_form()

    @work(group="reading-form")
    async def _reading_form(self) -> None:
        """The form checks the values once (the readings service) and saves the reading; what
        looks doubtful about it (a total that is not the pillars' sum, a big move) is said."""
        workspace = self.workspace
        if workspace is None:
            return
        form = reading_form(
            workspace.readings.check,
            lambda reading: self.ssi.write(lambda ws: ws.readings.add_undoably(reading)),
        )
        added: tuple[SSIReading, list[str]] | None = await self.app.push_screen_wait(form)
        if added is not None and added[1]:
            self.notify("\n".join(added[1]), severity="warning", markup=False, timeout=10)

    def action_delete(self) -> None:
        """Delete the selected reading."""
        reading_id = selected_key(self.query_one(DataTable))
        if reading_id is None:
            return
        self.ssi.save(lambda ws: ws.readings.delete_undoably(reading_id))
