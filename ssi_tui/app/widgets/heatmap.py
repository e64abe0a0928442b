"""A calendar heatmap of active days: one cell per day, a column per week (GitHub style)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ssi_tui.wording import N_, _, month_short, number

DAY_LABELS = (N_("Mon"), "", N_("Wed"), "", N_("Fri"), "", N_("Sun"))
LABEL_WIDTH = 4
LEVEL_STYLES = ("$foreground 15%", "$success 35%", "$success 60%", "$success 80%", "$success")
EMPTY_CELL = "·"
CELL = "■"


def activity_level(count: int, busiest: int) -> int:
    """0 for an idle day, else 1-4 by the day's share of the busiest day."""
    if count <= 0:
        return 0
    if busiest <= 1:
        return 4
    return min(4, 1 + (count - 1) * 4 // busiest)


def grid_start(end: date, weeks: int) -> date:
    """The Monday of the first column, so that the last column holds `end`."""
    return end - timedelta(days=end.weekday()) - timedelta(weeks=weeks - 1)


class ActivityHeatmap(Widget):
    """Active days over the last year: rows are weekdays, columns weeks, colour the activity count."""

    DEFAULT_CSS = """
    ActivityHeatmap {
        height: 10;
        width: 1fr;
    }
    """

    counts: reactive[dict[date, int]] = reactive(dict, layout=False)
    end: reactive[date | None] = reactive(None, layout=True)  # the height follows the data

    def show(self, counts: Mapping[date, int], end: date) -> None:
        """Display the activity counts of the year ending on `end`."""
        self.end = end
        self.counts = dict(counts)

    def _weeks_and_cell(self) -> tuple[int, int]:
        room = max(1, self.size.width - LABEL_WIDTH)
        cell_width = 2 if room >= 2 * 53 else 1
        return max(1, min(53, room // cell_width)), cell_width

    def render(self) -> Content:
        """Month labels, seven weekday rows and a legend."""
        if self.end is None:
            return Content.styled(_("Loading activity…"), "dim")
        weeks, cell_width = self._weeks_and_cell()
        start = grid_start(self.end, weeks)
        first_shown = self.end - timedelta(days=364)
        busiest = max(self.counts.values(), default=0)
        lines = [self._months(start, weeks, cell_width)]
        for weekday in range(7):
            parts: list[Content | tuple[str, str]] = [
                Content((_(DAY_LABELS[weekday]) if DAY_LABELS[weekday] else "").ljust(LABEL_WIDTH))
            ]
            for week in range(weeks):
                day = start + timedelta(weeks=week, days=weekday)
                if day > self.end or day < first_shown:
                    parts.append(Content(" " * cell_width))
                    continue
                count = self.counts.get(day, 0)
                level = activity_level(count, busiest)
                glyph = CELL if level else EMPTY_CELL
                parts.append((glyph.ljust(cell_width), LEVEL_STYLES[level]))
            lines.append(Content.assemble(*parts))
        lines.append(self._legend(first_shown))
        return Content("\n").join(lines)

    def _months(self, start: date, weeks: int, cell_width: int) -> Content:
        row = [" "] * (LABEL_WIDTH + weeks * cell_width + 3)
        previous_month = None
        for week in range(weeks):
            monday = start + timedelta(weeks=week)
            if monday.month != previous_month:
                column = LABEL_WIDTH + week * cell_width
                label = month_short(monday.month)
                if week == 0 and (monday + timedelta(weeks=1)).month != monday.month:
                    label = ""  # a sliver of a month: leave the room to the next one
                if all(cell == " " for cell in row[max(0, column - 1) : column + len(label)]):
                    row[column : column + len(label)] = list(label)
                previous_month = monday.month
        return Content.styled("".join(row).rstrip(), "dim")

    def _legend(self, first_shown: date) -> Content:
        active = sum(
            1
            for day, count in self.counts.items()
            if count > 0 and first_shown <= day <= (self.end or day)
        )
        parts: list[Content | tuple[str, str]] = [
            Content(
                _("Active days: {count} in the last year").format(count=number(active))
                + "   "
                + _("less")
                + " "
            )
        ]
        parts.extend(
            (CELL if level else EMPTY_CELL, style) for level, style in enumerate(LEVEL_STYLES)
        )
        parts.append(Content(" " + _("more")))
        return Content.assemble(*parts)
