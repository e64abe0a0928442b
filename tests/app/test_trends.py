"""Pilot tests of the Trends view on the demo data: chart, pillar toggles, weeks, heatmap."""

from __future__ import annotations

from datetime import timedelta

import pytest

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.help import HelpScreen
from ssi_tui.app.screens.trends import TrendsScreen
from ssi_tui.app.widgets.heatmap import ActivityHeatmap, activity_level, grid_start
from ssi_tui.app.widgets.trend_chart import TrendChart, trend_series
from ssi_tui.domain.models import PILLARS
from ssi_tui.services.workspace import week_ends

from .conftest import TODAY, settle


def trends(app: SSIApp) -> TrendsScreen:
    screen = app.screen
    assert isinstance(screen, TrendsScreen)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_trends_on_the_demo_data(demo_app: SSIApp, size: tuple[int, int]) -> None:
    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = trends(demo_app)
        assert demo_app.current_mode == "trends"
        assert screen.rows is not None and len(screen.rows) == 52
        assert [row.week_end for row in screen.rows] == week_ends(TODAY, 52)
        assert any(row.official is not None for row in screen.rows[-12:])

        # The chart shows the same numbers as the history (12 weeks by default).
        chart = screen.query_one(TrendChart)
        assert chart.size.height >= 8 and chart.size.width >= 60
        assert chart.region.bottom <= size[1] - 1  # above the footer
        series = trend_series(screen.rows[-12:], PILLARS)
        assert len(series.raw) == 12 and series.maximum == 100
        with demo_app.workspace.lock:
            expected = demo_app.workspace.review.weekly_history(TODAY, 12)
        assert series.raw == pytest.approx([row.raw for row in expected])
        assert series.weighted == pytest.approx([row.weighted for row in expected])
        rendered = chart.render().plain
        assert "SSI total (0-100), last 12 weeks" in rendered
        # The legend is outside the plot and names each series by its own glyph.
        assert "official" not in rendered and "weighted" not in rendered
        legend = str(screen.query_one("#trend-legend").render())
        assert "⠤⠤ raw" in legend and "▄▄ weighted" in legend and "● official" in legend
        assert "▄" in rendered or "▀" in rendered  # weighted: a line of blocks
        assert any("\u2801" <= char <= "\u28ff" for char in rendered)  # raw: braille
        assert screen.query_one("#trend-legend").region.bottom <= size[1] - 1

        # Heatmap: one cell per day of the last year, the demo's active days lit.
        heatmap = screen.query_one(ActivityHeatmap)
        assert heatmap.region.bottom <= size[1] - 1
        assert heatmap.end == TODAY
        with demo_app.workspace.lock:
            logged = {
                activity.date
                for activity in demo_app.workspace.store.activities.between(
                    TODAY - timedelta(days=364), TODAY
                )
            }
        assert {day for day, count in heatmap.counts.items() if count} == logged
        text = heatmap.render().plain
        lines = text.splitlines()
        assert len(lines) == 9  # months, seven weekdays, legend
        assert lines[1].startswith("Mon") and lines[7].startswith("Sun")
        cells = "".join(lines[1:8]).count("■") + "".join(lines[1:8]).count("·")
        assert cells == 365
        assert "".join(lines[1:8]).count("■") == len(logged)
        assert f"Active days: {len(logged)} in the last year" in text


async def test_pillar_toggles_and_week_switch(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = trends(demo_app)
        chart = screen.query_one(TrendChart)
        await pilot.press("1", "2", "4")  # brand, find, relate off: engage alone
        await settle(pilot)
        assert screen.pillars == frozenset({"engage"})
        assert "Engage (0-25), last 12 weeks" in chart.render().plain
        assert "3 ■ Engage" in str(chart.border_subtitle)
        assert "1 □ Brand" in str(chart.border_subtitle)
        await pilot.press("3")  # the last one stays
        assert screen.pillars == frozenset({"engage"})
        await pilot.press("0")
        assert screen.pillars == frozenset(PILLARS)
        for weeks in (26, 52, 12):
            await pilot.press("w")
            await settle(pilot)
            assert screen.weeks == weeks
            assert f"last {weeks} weeks" in chart.render().plain
        await pilot.press("question_mark")
        assert isinstance(demo_app.screen, HelpScreen)
        await pilot.press("escape")


async def test_trends_on_an_empty_store(empty_app: SSIApp) -> None:
    async with empty_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        screen = trends(empty_app)
        assert screen.rows is not None and all(row.raw == 0 for row in screen.rows)
        assert "Active days: 0 in the last year" in screen.query_one(ActivityHeatmap).render().plain


def test_heatmap_levels_and_grid() -> None:
    assert activity_level(0, 10) == 0
    assert activity_level(1, 1) == 4
    assert [activity_level(count, 8) for count in (1, 2, 3, 5, 8)] == [1, 1, 2, 3, 4]
    start = grid_start(TODAY, 53)
    assert start.weekday() == 0
    assert start <= TODAY - timedelta(days=364) < start + timedelta(weeks=1)
