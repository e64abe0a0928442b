"""Readings: what LinkedIn's SSI page showed, over time, beside our raw estimate."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable

from ssi_tui.app.messages import RowsLoaded
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.forms import reading_form
from ssi_tui.app.tables import filled, selected_key
from ssi_tui.app.text import cell
from ssi_tui.domain.models import SSIReading
from ssi_tui.domain.report import Report

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
        yield DataTable(id="reading-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Columns."""
        table = self.query_one(DataTable)
        for key, header in COLUMNS:
            table.add_column(header, key=key)
        super().on_mount()

    def status_detail(self) -> str:
        """Count."""
        return f"{self.query_one(DataTable).row_count} readings"

    def refresh_data(self) -> None:
        """Reload (our estimates are computed in a worker)."""
        self.load_readings()

    def load_readings(self) -> None:
        """Readings with our raw and weighted estimate as of each reading's date."""
        self.load("the readings", lambda ws: ws.readings.with_estimates(), RowsLoaded)

    @on(RowsLoaded)
    def _rows_loaded(self, message: RowsLoaded) -> None:
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
        workspace = self.workspace
        if workspace is None:
            return
        self.app.push_screen(reading_form(workspace), self._save)

    def _save(self, values: dict[str, Any] | None) -> None:
        workspace = self.workspace
        if values is None or workspace is None:
            return

        def added(result: tuple[SSIReading, list[str]]) -> None:
            _reading, warnings = result
            if warnings:
                self.notify("\n".join(warnings), severity="warning", markup=False, timeout=10)

        self.ssi.save(lambda ws: ws.readings.add_undoably(values), then=added)

    def action_delete(self) -> None:
        """Delete the selected reading."""
        reading_id = selected_key(self.query_one(DataTable))
        if reading_id is None:
            return
        self.ssi.save(lambda ws: ws.readings.delete_undoably(reading_id))
