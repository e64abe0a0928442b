"""The weekly trend chart: raw, goal-weighted and official scores of the chosen pillars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual_plotext import PlotextPlot

from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.review import WeekRow
from ssi_tui.wording import N_, _, month_short, short_number

RAW_COLOR = "cyan"
WEIGHTED_COLOR = "green"
OFFICIAL_COLOR = "orange"
# Each series has its own glyphs as well as its own colour (readable in monochrome and by
# colour-blind users): raw a thin braille line, weighted a line of blocks, official dots.
RAW_MARKER = "braille"
WEIGHTED_MARKER = "hd"
OFFICIAL_MARKER = "●"
LEGEND = (
    ("⠤⠤", RAW_COLOR, N_("raw (what LinkedIn sees)")),
    ("▄▄", WEIGHTED_COLOR, N_("weighted (for your goals)")),
    ("●", OFFICIAL_COLOR, N_("official readings")),
)


def legend() -> Content:
    """The chart's legend, one line, outside the plot: each series' glyph in its colour."""
    return Content("  ").join(
        Content.assemble((glyph, f"bold {color}"), f" {_(label)}") for glyph, color, label in LEGEND
    )


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """What the chart plots: one value per week for raw and weighted, official where recorded."""

    labels: list[str]
    raw: list[float]
    weighted: list[float]
    official: list[tuple[int, float]]
    maximum: float


def trend_series(rows: Sequence[WeekRow], pillars: Sequence[str]) -> TrendSeries:
    """Sum the chosen pillars week by week (all four: the totals out of 100)."""
    chosen = [pillar for pillar in PILLARS if pillar in pillars]
    official = [
        (index, sum(row.official.pillar(pillar) for pillar in chosen))
        for index, row in enumerate(rows)
        if row.official is not None
    ]
    return TrendSeries(
        labels=[f"{row.week_end.day:02d} {month_short(row.week_end.month)}" for row in rows],
        raw=[sum(row.totals.pillars[pillar].raw for pillar in chosen) for row in rows],
        weighted=[sum(row.totals.pillars[pillar].weighted for pillar in chosen) for row in rows],
        official=official,
        maximum=25.0 * len(chosen),
    )


class TrendChart(PlotextPlot):
    """Weekly lines for raw and weighted, markers for the official readings."""

    def show(self, series: TrendSeries, title: str) -> None:
        """Replace what is plotted."""
        plt = self.plt
        plt.clear_figure()
        plt.title(title)
        weeks = len(series.labels)
        if weeks:
            xs = list(range(weeks))
            plt.plot(xs, series.raw, color=RAW_COLOR, marker=RAW_MARKER)
            plt.plot(xs, series.weighted, color=WEIGHTED_COLOR, marker=WEIGHTED_MARKER)
            if series.official:
                plt.scatter(
                    [index for index, _ in series.official],
                    [value for _, value in series.official],
                    color=OFFICIAL_COLOR,
                    marker=OFFICIAL_MARKER,
                )
            step = max(1, weeks // 6)
            ticks = list(range(weeks - 1, -1, -step))[::-1]
            plt.xticks(ticks, [series.labels[index] for index in ticks])
            plt.xlim(-0.5, weeks - 0.5)
        plt.ylim(0, series.maximum)
        levels = [series.maximum * step / 4 for step in range(5)]
        plt.yticks(levels, [short_number(round(level, 1)) for level in levels])
        self.refresh()
