"""The weekly trend chart: raw, goal-weighted and official scores of the chosen pillars."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual_plotext import PlotextPlot

from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.review import WeekRow

RAW_COLOR = "cyan"
WEIGHTED_COLOR = "green"
OFFICIAL_COLOR = "orange"


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
        labels=[row.week_end.strftime("%d %b") for row in rows],
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
            plt.plot(xs, series.raw, label="raw", color=RAW_COLOR, marker="braille")
            plt.plot(xs, series.weighted, label="weighted", color=WEIGHTED_COLOR, marker="braille")
            if series.official:
                plt.scatter(
                    [index for index, _ in series.official],
                    [value for _, value in series.official],
                    label="official",
                    color=OFFICIAL_COLOR,
                    marker="●",
                )
            step = max(1, weeks // 6)
            ticks = list(range(weeks - 1, -1, -step))[::-1]
            plt.xticks(ticks, [series.labels[index] for index in ticks])
            plt.xlim(-0.5, weeks - 0.5)
        plt.ylim(0, series.maximum)
        self.refresh()
