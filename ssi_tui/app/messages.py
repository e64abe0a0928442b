"""The messages the app's workers post: one type per result, handled with `@on`.

A worker never touches a widget: it posts one of these, and the screen (or widget) that
started it shows the result on the UI thread. `LoadFailed` is every load's error path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

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
    from ssi_tui.services.activity_log import LogPage, LogQuery, Reading
    from ssi_tui.services.contacts import ContactRow
    from ssi_tui.services.imports import ImportProgress, ImportResult
    from ssi_tui.services.workspace import StartState, Workspace

# Each worker's result is a message of its own type whose `value` is typed: the screen that
# asked for it handles it with `@on`, on the UI thread. (Plain classes, not dataclasses: the
# module is on the first frame's path, and 21 generated dataclasses took 10 ms to import.)


class Loaded(Message):
    """A worker's result, as `value` (each subclass says its type)."""

    value: Any

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


class ScoresReady(Loaded):
    """The dashboard's report (scores and flags) is computed."""

    value: Report


class LogChoices(Loaded):
    """The activity log's filter choices: the goal audiences and the activity kinds."""

    value: tuple[list[str], list[str]]


class LogPageLoaded(Loaded):
    """A page of the activity log, and the view it belongs to."""

    value: tuple[LogQuery, LogPage]


class LogReading(Loaded):
    """How far the pass over the history a filtered or sorted view needs has come."""

    value: Reading


class ContactList(NamedTuple):
    """What the Contacts screen shows: its rows, and the goals its audience form offers."""

    rows: list[ContactRow]
    goals: Goals


class ContactRowsLoaded(Loaded):
    """The contacts are read."""

    value: ContactList


class ReadingRowsLoaded(Loaded):
    """The official readings are read, each with our estimate on its date."""

    value: list[tuple[SSIReading, Report]]


class TrendsLoaded(Loaded):
    """The weekly history, the active days, and the day they are as of."""

    value: tuple[list[WeekRow], Counter[date], date]


class LosingTouchLoaded(Loaded):
    """Who is losing touch, as of today."""

    value: list[TouchStatus]


class PlannerLoaded(Loaded):
    """The agenda, plans, streaks and suggestions."""

    value: PlannerData


class AgendaLoaded(Loaded):
    """Today's agenda and the overall streak (the dashboard's panel)."""

    value: tuple[Agenda, Streak]


class ImportProgressed(Loaded):
    """An import moved on (a file read, rows matched)."""

    value: ImportProgress


class ImportFinished(Loaded):
    """An import is done (or counted, in a dry run): its summaries (export, calendars)."""

    value: ImportResult


class ImportFailed(Message):
    """An import stopped: nothing was saved."""

    def __init__(self, title: str, error: str) -> None:
        super().__init__()
        self.title = title
        self.error = error


class LoadFailed(Message):
    """A worker could not load what a screen shows (`what`): the store said `error`."""

    def __init__(self, what: str, error: str) -> None:
        super().__init__()
        self.what = what
        self.error = error


class StoreOpened(Message):
    """The store is open (read-only, with the reason, if another ssi-tui holds it), with the
    theme the user chose last and how many changes the journal can undo."""

    def __init__(
        self,
        workspace: Workspace,
        read_only_reason: str | None,
        problems: list[str],
        theme: str | None = None,
        undo_left: int = 0,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.read_only_reason = read_only_reason
        self.problems = problems
        self.theme = theme
        self.undo_left = undo_left


class StoreFailed(Message):
    """The store could not be opened; `recover` when a backup could help (corrupt, newer)."""

    def __init__(self, error: str, recover: bool = False, corrupt: bool = False) -> None:
        super().__init__()
        self.error = error
        self.recover = recover
        self.corrupt = corrupt


class KeymapRead(Message):
    """The user's `config.toml` keymap has been read (in a worker): the app applies it."""

    def __init__(self, keymap: Keymap) -> None:
        super().__init__()
        self.keymap = keymap


class GoalsLoaded(Loaded):
    """The goals, this week's objectives, the profile checklist and its completeness."""

    value: GoalsData


class StartChecked(Loaded):
    """What the store holds yet (goals, activity, readings): the first-run guide or scores."""

    value: StartState


class HistoryChecked(Loaded):
    """The history segments a large store had not read are whole (`Store.check_history`)."""

    value: None
