"""The messages the app's workers post: one type per result, handled with `@on`.

A worker never touches a widget: it posts one of these, and the screen (or widget) that
started it shows the result on the UI thread. `LoadFailed` is every load's error path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from collections import Counter
    from datetime import date

    from ssi_tui.app.keymap import Keymap
    from ssi_tui.app.screens.goal_forms import GoalsData
    from ssi_tui.app.screens.plan_forms import PlannerData
    from ssi_tui.domain.agenda import Agenda, Streak
    from ssi_tui.domain.models import Goals, SSIReading
    from ssi_tui.domain.nurture import TouchStatus
    from ssi_tui.domain.report import Report
    from ssi_tui.domain.review import WeekRow
    from ssi_tui.services.activities import ActivityRow
    from ssi_tui.services.contacts import ContactRow
    from ssi_tui.services.imports import ImportProgress, ImportResult
    from ssi_tui.services.last_scores import Preview
    from ssi_tui.services.workspace import StartState, Workspace

# Each worker's result is a message of its own type, a dataclass whose `value` is typed: the
# screen that asked for it handles it with `@on`, on the UI thread.


@dataclass
class ScoresReady(Message):
    """The dashboard's report (scores and flags) is computed."""

    value: Report


@dataclass
class ActivityLog:
    """What the activity log shows: its rows, and its filters' choices."""

    rows: list[ActivityRow]
    audiences: list[str]
    kinds: list[str]


@dataclass
class ActivityRowsLoaded(Message):
    """The activity log's rows are read."""

    value: ActivityLog


@dataclass
class RowsFiltered(Message):
    """The activity log's rows are filtered and sorted."""

    value: list[ActivityRow]


@dataclass
class ContactList:
    """What the Contacts screen shows: its rows, and the goals its audience form offers."""

    rows: list[ContactRow]
    goals: Goals


@dataclass
class ContactRowsLoaded(Message):
    """The contacts are read."""

    value: ContactList


@dataclass
class ReadingRowsLoaded(Message):
    """The official readings are read, each with our estimate on its date."""

    value: list[tuple[SSIReading, Report]]


@dataclass
class TrendsLoaded(Message):
    """The weekly history, the active days, and the day they are as of."""

    value: tuple[list[WeekRow], Counter[date], date]


@dataclass
class LosingTouchLoaded(Message):
    """Who is losing touch, as of today."""

    value: list[TouchStatus]


@dataclass
class PlannerLoaded(Message):
    """The agenda, plans, streaks and suggestions."""

    value: PlannerData


@dataclass
class AgendaLoaded(Message):
    """Today's agenda and the overall streak (the dashboard's panel)."""

    value: tuple[Agenda, Streak]


@dataclass
class ImportProgressed(Message):
    """An import moved on (a file read, rows matched)."""

    value: ImportProgress


@dataclass
class ImportFinished(Message):
    """An import is done (or counted, in a dry run): its summaries (export, calendars)."""

    value: ImportResult


@dataclass
class ImportFailed(Message):
    """An import stopped: nothing was saved."""

    title: str
    error: str


@dataclass
class LoadFailed(Message):
    """A worker could not load what a screen shows (`what`): the store said `error`."""

    what: str
    error: str


@dataclass
class StoreOpened(Message):
    """The store is open (read-only, with the reason, if another ssi-tui holds it)."""

    workspace: Workspace
    read_only_reason: str | None
    problems: list[str]
    theme: str | None = None  # the theme the user chose last (read with the store)
    undo_left: int = 0  # changes the journal can undo (made here or from the command line)


@dataclass
class ScoresPreview(Message):
    """The scores the last run showed (`services/last_scores.py`), shown while the store opens."""

    preview: Preview


@dataclass
class StoreFailed(Message):
    """The store could not be opened; `recover` when a backup could help (corrupt, newer)."""

    error: str
    recover: bool = False
    corrupt: bool = False


@dataclass
class KeymapRead(Message):
    """The user's `config.toml` keymap has been read (in a worker): the app applies it."""

    keymap: Keymap


@dataclass
class GoalsLoaded(Message):
    """The goals, this week's objectives, the profile checklist and its completeness."""

    value: GoalsData


@dataclass
class StartChecked(Message):
    """What the store holds yet (goals, activity, readings): the first-run guide or scores."""

    value: StartState
