"""What scoring reads, as one object: the activities and everything they are judged against."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ssi_tui.domain.alignment import AlignmentCache, ContactIndex
from ssi_tui.domain.catalog import Catalog, Rules
from ssi_tui.domain.models import Goals, ProfileChecklist, ProfileHistory, SSIReading
from ssi_tui.domain.network import ConnectionChange
from ssi_tui.domain.points import DayPoints

# A plain checklist applies every day; a history gives the one in force each day.
Checklist = ProfileChecklist | ProfileHistory | None


@dataclass(frozen=True, slots=True)
class ScoringInput:
    """The inputs of a score, a history or a report.

    `activities` (activities or the store's records) must cover the windows asked for, and, for
    a report, the rules' window before the latest reading. `first_activity` is the store's
    first activity date (None: taken from `activities`). With `cache`, a report after one save
    re-scores only the day that changed.
    """

    activities: Sequence[Any]
    goals: Goals
    catalog: Catalog
    rules: Rules
    checklist: Checklist = None
    readings: Sequence[SSIReading] = ()
    contacts: ContactIndex | None = None
    cache: AlignmentCache | None = None
    first_activity: date | None = None
    changes: Sequence[ConnectionChange] = ()  # what imports saw change in the network
    # Each day's points from `first` to `last`, kept between scores (`services/day_rows.py`);
    # None: computed from `activities`, which must then cover those days.
    days: Callable[[date, date], DayPoints] | None = None
