"""The application layer's hub: one store, the catalog, the rules and today, and the services.

`Workspace` is what a command or a screen works with. Scores come from `report` and `history`;
everything else goes through one service per area (`workspace.activities`, `.goals`,
`.contacts`, `.readings`, `.planner`, `.review`, `.settings`), each owning its rules and
validation. Opening a workspace (and the demo) is `ssi_tui.services.opening`.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from ssi_tui.domain.alignment import AlignmentCache
from ssi_tui.domain.catalog import Catalog, Rules, default_catalog, default_rules
from ssi_tui.domain.daily import history_of
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.report import Report, build_report
from ssi_tui.domain.scoring import PillarTotals, window_start
from ssi_tui.gcpause import paused_gc
from ssi_tui.services.errors import InputError
from ssi_tui.store import Store, StoreError

if TYPE_CHECKING:
    from ssi_tui.services.activities import ActivityService
    from ssi_tui.services.activity_log import ActivityLog
    from ssi_tui.services.calibration import CalibrationService
    from ssi_tui.services.contacts import ContactService
    from ssi_tui.services.day_rows import DayRowsService
    from ssi_tui.services.goals import GoalsService
    from ssi_tui.services.journal import Journal
    from ssi_tui.services.planner import Planner
    from ssi_tui.services.projection import ProjectionService
    from ssi_tui.services.readings import ReadingService
    from ssi_tui.services.review import ReviewService
    from ssi_tui.services.settings import SettingsService

__all__ = ["InputError", "Workspace", "week_ends"]


@dataclass(frozen=True, slots=True)
class StartState:
    """What a store holds yet, for the first-run guide."""

    has_goals: bool
    has_activities: bool
    has_readings: bool

    @property
    def first_run(self) -> bool:
        """No activity at all: nothing to score yet, the guide instead."""
        return not self.has_activities


@dataclass
class Workspace:
    """What a command or a screen works with."""

    store: Store
    today: date
    catalog: Catalog = field(default_factory=default_catalog)
    rules: Rules = field(default_factory=default_rules)
    alignments: AlignmentCache = field(default_factory=AlignmentCache)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    """One caller at a time: the app's background reads and its writer take it (the store
    itself is not thread-safe); the UI thread never waits on it."""
    judged: str | None = field(default=None, repr=False, compare=False)
    """A digest of the sources of the catalog and rules (`last_scores.judged_key`), when the
    workspace was opened from them: the last scores are kept only then."""
    todays: tuple[int, Report] | None = field(default=None, repr=False, compare=False)
    """Today's report as the dashboard shows it, and the store's `saves` when it was made."""

    # -- the services -------------------------------------------------------------------------
    @cached_property
    def activities(self) -> ActivityService:
        """Log, edit, delete and list activities."""
        from ssi_tui.services.activities import ActivityService

        return ActivityService(self)

    @cached_property
    def activity_log(self) -> ActivityLog:
        """The activity log a page at a time (filtered, sorted)."""
        from ssi_tui.services.activity_log import ActivityLog

        return ActivityLog(self)

    @cached_property
    def goals(self) -> GoalsService:
        """Audiences, weights, roles, accounts, objectives and the profile checklist."""
        from ssi_tui.services.goals import GoalsService

        return GoalsService(self)

    @cached_property
    def contacts(self) -> ContactService:
        """Contacts with their effective audience and last interaction."""
        from ssi_tui.services.contacts import ContactService

        return ContactService(self)

    @cached_property
    def readings(self) -> ReadingService:
        """Official SSI readings: one validation for the form and the command line."""
        from ssi_tui.services.readings import ReadingService

        return ReadingService(self)

    @cached_property
    def planner(self) -> Planner:
        """Plans, their occurrences, the agenda and suggestions."""
        from ssi_tui.services.planner import Planner

        return Planner(self)

    @cached_property
    def review(self) -> ReviewService:
        """Weekly history, the official comparison and the review."""
        from ssi_tui.services.review import ReviewService

        return ReviewService(self)

    @cached_property
    def calibration(self) -> CalibrationService:
        """The raw estimate calibrated on the official readings."""
        from ssi_tui.services.calibration import CalibrationService

        return CalibrationService(self)

    @cached_property
    def projection(self) -> ProjectionService:
        """What-if: scores with hypothetical activity, saving nothing."""
        from ssi_tui.services.projection import ProjectionService

        return ProjectionService(self)

    @cached_property
    def day_rows(self) -> DayRowsService:
        """Each day's points, kept for histories (in memory, and on disk between runs)."""
        from ssi_tui.services.day_rows import DayRowsService

        return DayRowsService(self)

    @cached_property
    def journal(self) -> Journal:
        """Undo: the last changes made from any interface, kept in the store."""
        from ssi_tui.services.journal import Journal

        return Journal(self)

    @cached_property
    def settings(self) -> SettingsService:
        """The user's settings kept in the store (the theme)."""
        from ssi_tui.services.settings import SettingsService

        return SettingsService(self)

    # -- the store as a whole -----------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        """Whether another ssi-tui holds the store (nothing can be saved)."""
        return self.store.read_only

    def problems(self) -> list[str]:
        """Stored records left out because they no longer validate (the file was edited)."""
        return self.store.problems()

    def check_history(self) -> None:
        """Check the history a large store has not read yet (`Store.check_history`)."""
        self.store.check_history()

    def start_state(self) -> StartState:
        """How far a new user is: goals set, activity logged or imported, readings recorded
        (a store with no activity at all gets the first-run guide, not scores)."""
        store = self.store
        return StartState(
            has_goals=bool(store.goals.get().audiences),
            has_activities=store.activities.count() > 0,
            has_readings=store.readings.count() > 0,
        )

    def close(self) -> None:
        """Keep what is worth keeping between runs, then release the store (and its lock).

        Kept only if no reader is at work (a worker still scoring when the app quits): never
        waited for, never saved halfway through a change."""
        try:
            if self.lock.acquire(blocking=False):
                try:
                    # (a cache is only an optimisation: failing to make one never stops a close)
                    with suppress(StoreError, OSError, ValueError):
                        self._keep()
                finally:
                    self.lock.release()
        finally:
            self.store.close()

    def _keep(self) -> None:
        """The days' points, and today's report as the dashboard showed it (scored again if
        the store was saved since: only the days that changed are)."""
        if "day_rows" in self.__dict__:
            self.day_rows.keep()
        if self.todays is not None and not self.read_only and self.judged is not None:
            from ssi_tui.services.last_scores import keep

            if self.todays[0] != self.store.saves:
                self.report()
            keep(self, *self.todays)

    # -- scores ---------------------------------------------------------------------------
    def scoring_input(self, start: date | None, end: date | None) -> ScoringInput:
        """What scoring reads from the store: the activities from `start` to `end` and
        everything they are judged against."""
        store = self.store
        first = store.activities.first_date()
        return ScoringInput(
            activities=store.activities.records_between(start, end),
            goals=store.goals.get(),
            catalog=self.catalog,
            rules=self.rules,
            checklist=store.checklist.history(undated_since=first),
            readings=store.readings.all(),
            contacts=store.contacts.facts(),
            cache=self.alignments,
            days=self.day_rows.points,
            first_activity=first,
            # (the account_change flag looks back a few weeks: only those are read)
            changes=store.connection_changes.since(
                (end or self.today)
                - timedelta(days=int(self.rules.flags.account_change.get("days", 30)))
            ),
        )

    def report(
        self, as_of: date | None = None, window_days: int | None = None, *, calibrated: bool = True
    ) -> Report:
        """Scores and flags as of a date (default today) over a window (default from the rules),
        with the calibration on the official readings unless it is off (or not `calibrated`)."""
        as_of = as_of or self.today
        window = window_days or self.rules.scoring.window_days
        start = window_start(as_of, window)
        # The official comparison is made on the latest recent reading's date, over the rules'
        # own window: its activities must be at hand too.
        recent = [reading.date for reading in self.store.readings.all() if reading.date <= as_of]
        if recent:
            start = min(start, window_start(max(recent), self.rules.scoring.window_days))
        with paused_gc():  # thousands of scored activities and contributions, no cycles
            report = build_report(self.scoring_input(start, as_of), as_of, window)
        if not calibrated:
            return report
        report = replace(report, calibration=self.calibration.applied())
        if as_of == self.today and window == self.rules.scoring.window_days:
            self.todays = (self.store.saves, report)
        return report

    def history(
        self, week_ends: Sequence[date], window_days: int | None = None
    ) -> list[PillarTotals]:
        """Pillar scores as of each date."""
        if not week_ends:
            return []
        window = window_days or self.rules.scoring.window_days
        start = window_start(min(week_ends), window)
        store = self.store
        # Records and rows kept as long as the store, no cycles: frozen out of the way of the
        # collector (its next full pass walked them all: 0.14 s at a million).
        with paused_gc(freeze=True):
            days = self.day_rows.points(start, max(week_ends))
        checklist = store.checklist.history(undated_since=store.activities.first_date())
        return history_of(days, week_ends, window, store.goals.get(), self.rules, checklist)


def week_ends(as_of: date, weeks: int) -> list[date]:
    """The last `weeks` Sundays on or before `as_of`, oldest first (a projection's weeks end
    on the next Sundays: `dates.next_week_ends`)."""
    days_since_sunday = (as_of.weekday() + 1) % 7
    last_sunday = as_of - timedelta(days=days_since_sunday)
    ends = [last_sunday - timedelta(weeks=index) for index in range(weeks)]
    return sorted(ends)
