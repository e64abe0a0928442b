"""The messages the app's workers post: one type per result, handled with `@on`.

A worker never touches a widget: it posts one of these, and the screen (or widget) that
started it shows the result on the UI thread. `LoadFailed` is every load's error path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message

if TYPE_CHECKING:
    from ssi_tui.app.keymap import Keymap
    from ssi_tui.services.workspace import Workspace

T = TypeVar("T")


class Loaded(Message, Generic[T]):
    """A worker's result (`value`) for the screen or widget that asked for it."""

    def __init__(self, value: T) -> None:
        super().__init__()
        self.value = value


class ScoresReady(Loaded[Any]):
    """The dashboard's report (scores and flags) is computed."""


class RowsLoaded(Loaded[Any]):
    """A table's rows are read (activities, contacts, readings)."""


class RowsFiltered(Loaded[Any]):
    """The activity log's rows are filtered and sorted."""


class TrendsLoaded(Loaded[Any]):
    """The weekly history and the active days are computed."""


class LosingTouchLoaded(Loaded[Any]):
    """Who is losing touch, as of today."""


class PlannerLoaded(Loaded[Any]):
    """The agenda, plans, streaks and suggestions."""


class AgendaLoaded(Loaded[Any]):
    """Today's agenda and the overall streak (the dashboard's panel)."""


class ImportProgressed(Loaded[Any]):
    """An import moved on (a file read, rows matched)."""


class ImportFinished(Loaded[Any]):
    """An import is done (or counted, in a dry run): its summary."""


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
    """The store is open (read-only, with the reason, if another ssi-tui holds it)."""

    def __init__(self, workspace: Workspace, read_only_reason: str | None, problems: list[str]):
        super().__init__()
        self.workspace = workspace
        self.read_only_reason = read_only_reason
        self.problems = problems


class StoreFailed(Message):
    """The store could not be opened; `recover` when a backup could help (corrupt, newer)."""

    def __init__(self, error: str, *, recover: bool = False, corrupt: bool = False) -> None:
        super().__init__()
        self.error = error
        self.recover = recover
        self.corrupt = corrupt


class Saved(Message):
    """A write went through: the data changed; `then(result)` runs on the UI thread."""

    def __init__(
        self,
        result: object,
        success: str | None,
        then: Callable[[Any], object] | None,
        *,
        refresh: bool = True,
    ) -> None:
        super().__init__()
        self.result = result
        self.success = success
        self.then = then
        self.refresh = refresh  # whether the screens show the data again


class SaveFailed(Message):
    """A write was refused (bad input, read-only store, disk…): nothing changed."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class KeymapRead(Message):
    """The user's `config.toml` keymap has been read (in a worker): the app applies it."""

    def __init__(self, keymap: Keymap) -> None:
        super().__init__()
        self.keymap = keymap


class GoalsLoaded(Loaded[Any]):
    """The goals, this week's objectives, the profile checklist and its completeness."""


class StartChecked(Loaded[Any]):
    """What the store holds yet (goals, activity, readings): the first-run guide or scores."""
