"""Weekly history, the official comparison and the review: what Trends, `history`, `readings`
and the Markdown review show (history lives here only; `daily.history` computes it)."""

from __future__ import annotations

import heapq
from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ssi_tui.domain.review import (
    OfficialComparison,
    WeekRow,
    compare_reading,
    latest_reading,
    weekly_rows,
)
from ssi_tui.domain.scoring import contribution_rank
from ssi_tui.exports.markdown import AgendaLine, Review
from ssi_tui.services.workspace import week_ends
from ssi_tui.wording import N_, _

if TYPE_CHECKING:
    from ssi_tui.domain.agenda import AgendaItem
    from ssi_tui.services.workspace import Workspace

WEEK_CHOICES = (12, 26, 52)
TOP_ACTIVITIES = 10


def _agenda_line(item: AgendaItem, section: str, workspace: Workspace) -> AgendaLine:
    plan = item.plan
    kind = workspace.catalog.kinds.get(plan.kind)
    parts = [_(kind.label) if kind else plan.kind]
    parts += [part for part in (plan.audience, plan.who) if part]
    if plan.personalised:
        parts.append(_("personalised"))
    if plan.note:
        parts.append(plan.note)
    # an item's status: done or skipped, else its section (the Markdown words it: `_`)
    status = {"done": N_("done"), "skipped": N_("skipped")}.get(item.status, section)
    return AgendaLine(when=item.date, title=" · ".join(parts), status=status)


class ReviewService:
    """The scores over time, against the official readings."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._store = workspace.store

    def weekly_history(
        self, as_of: date, weeks: int, window_days: int | None = None
    ) -> list[WeekRow]:
        """The last `weeks` weeks (ending on Sundays up to `as_of`), oldest first, with readings."""
        totals = self.workspace.history(week_ends(as_of, weeks), window_days)
        return weekly_rows(totals, self._store.readings.all())

    def latest_comparison(self, as_of: date) -> OfficialComparison | None:
        """The latest reading up to `as_of` against our estimate as of that reading's date."""
        reading = latest_reading(self._store.readings.all(), as_of)
        if reading is None:
            return None
        (totals,) = self.workspace.history([reading.date])
        return compare_reading(reading, totals.pillars, reading.date)

    def active_days(self, end: date, days: int = 365) -> Counter[date]:
        """How many activities were logged on each day of the `days` days ending on `end`."""
        start = end - timedelta(days=days - 1)
        return Counter(activity.date for activity in self._store.activities.between(start, end))

    def agenda(self, as_of: date) -> list[AgendaLine]:
        """The planner's agenda as of a date: overdue, today, and the rest of the week."""
        workspace = self.workspace
        agenda = workspace.planner.agenda(as_of)
        return [
            *(_agenda_line(item, N_("overdue"), workspace) for item in agenda.overdue),
            *(_agenda_line(item, N_("today"), workspace) for item in agenda.today),
            *(_agenda_line(item, N_("this week"), workspace) for item in agenda.week),
        ]

    def gather(self, as_of: date, weeks: int = 12, window_days: int | None = None) -> Review:
        """Scores and flags as of `as_of`, the trend of the last `weeks` weeks and the top
        activities."""
        report = self.workspace.report(as_of, window_days)
        contributions = [
            item for item in report.breakdown.contributions if item.weighted > 0 or item.raw > 0
        ]
        return Review(
            report=report,
            history=self.weekly_history(as_of, weeks, window_days),
            comparison=self.latest_comparison(as_of),
            top=heapq.nsmallest(TOP_ACTIVITIES, contributions, key=contribution_rank),
            agenda=self.agenda(as_of),
        )
