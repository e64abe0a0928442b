"""Trends: weekly raw, weighted and official scores as a chart, and a heatmap of active days."""

from __future__ import annotations

from collections import Counter
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from ssi_tui.app.messages import TrendsLoaded
from ssi_tui.app.registry import key_display, with_keys
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.widgets.heatmap import ActivityHeatmap
from ssi_tui.app.widgets.trend_chart import TrendChart, legend, trend_series
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.review import WeekRow
from ssi_tui.services.review import WEEK_CHOICES
from ssi_tui.services.workspace import Workspace
from ssi_tui.wording import N_, _, day
from ssi_tui.wording.labels import pillar_label


class TrendsScreen(BaseScreen, screen_id="trends"):
    """The last 12, 26 or 52 weeks, pillar by pillar, and the year's active days."""

    DEFAULT_CSS = """
    #trends { height: 1fr; }
    #trend-chart { height: 1fr; min-height: 6; border: round $primary; }
    #trend-legend { height: auto; padding: 0 1; }
    #heatmap { height: auto; padding: 0 1; }
    """

    weeks: reactive[int] = reactive(12)
    pillars: reactive[frozenset[str]] = reactive(frozenset(PILLARS))

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[WeekRow] | None = None

    def compose_body(self) -> ComposeResult:
        """Chart (pillar toggles in its bottom border), heatmap."""
        with Vertical(id="trends"):
            yield TrendChart(id="trend-chart")
            yield Static(legend(), id="trend-legend")
            yield ActivityHeatmap(id="heatmap")

    def on_mount(self) -> None:
        """Title the panels, then follow the data."""
        self.query_one("#trend-chart").border_title = _("Weekly scores")
        self._show_legend()
        super().on_mount()

    def status_detail(self) -> str:
        """Weeks shown and as of when."""
        return _("last {weeks} weeks as of {day}").format(weeks=self.weeks, day=day(self.ssi.today))

    def refresh_data(self) -> None:
        """Recompute the history and the active days in a worker."""
        if self.rows is None:
            self.query_one(TrendChart).loading = True
        self.compute(self.ssi.today)

    def compute(self, as_of: date) -> None:
        """52 weeks of history (12 and 26 are slices of it) and a year of active days."""

        def fetch(workspace: Workspace) -> tuple[list[WeekRow], Counter[date], date]:
            review = workspace.review
            return review.weekly_history(as_of, max(WEEK_CHOICES)), review.active_days(as_of), as_of

        self.load(N_("the trends"), fetch, TrendsLoaded, group="trends")

    @on(TrendsLoaded)
    def _trends_loaded(self, message: TrendsLoaded) -> None:
        self._loaded(*message.value)

    def _loaded(self, rows: list[WeekRow], days: Counter[date], as_of: date) -> None:
        self.rows = rows
        self.query_one(TrendChart).loading = False
        self.query_one(ActivityHeatmap).show(days, as_of)
        self._draw()
        self.update_status()

    def _draw(self) -> None:
        if self.rows is None:
            return
        chosen = [pillar for pillar in PILLARS if pillar in self.pillars]
        series = trend_series(self.rows[-self.weeks :], chosen)
        if len(chosen) == len(PILLARS):
            title = _("SSI total (0-100), last {weeks} weeks").format(weeks=self.weeks)
        else:
            title = _("{pillars} (0-{most}), last {weeks} weeks").format(
                pillars=" + ".join(pillar_label(pillar, short=True) for pillar in chosen),
                most=25 * len(chosen),
                weeks=self.weeks,
            )
        self.query_one(TrendChart).show(series, title)

    def _show_legend(self) -> None:
        marks = "  ".join(
            f"{key_display(self.app, f'trends.{pillar}')} "
            f"{'■' if pillar in self.pillars else '□'} {pillar_label(pillar, short=True)}"
            for pillar in PILLARS
        )
        weeks = with_keys(self.app, _("{weeks} weeks ({{trends.weeks}})").format(weeks=self.weeks))
        self.query_one(TrendChart).border_subtitle = f"{marks} · {weeks}"

    def watch_weeks(self) -> None:
        """Redraw for another span (no recompute: 12 and 26 weeks are slices of 52)."""
        if self.is_mounted:
            self._show_legend()
            self._draw()
            self.update_status()

    def watch_pillars(self) -> None:
        """Redraw with other pillars."""
        if self.is_mounted:
            self._show_legend()
            self._draw()

    def action_cycle_weeks(self) -> None:
        """12 → 26 → 52 weeks."""
        position = WEEK_CHOICES.index(self.weeks) if self.weeks in WEEK_CHOICES else 0
        self.weeks = WEEK_CHOICES[(position + 1) % len(WEEK_CHOICES)]

    def action_toggle_pillar(self, pillar: str) -> None:
        """Add a pillar to the chart or take it out (at least one stays)."""
        if pillar in self.pillars:
            if len(self.pillars) == 1:
                self.app.bell()
                return
            self.pillars = self.pillars - {pillar}
        else:
            self.pillars = self.pillars | {pillar}

    def action_all_pillars(self) -> None:
        """All four pillars: the total out of 100."""
        self.pillars = frozenset(PILLARS)
