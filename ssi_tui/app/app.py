"""The ssi-tui Textual app: screens by key, the store loaded in a worker, saves with clear errors."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on, work
from textual.app import App
from textual.binding import BindingType
from textual.reactive import reactive

from ssi_tui.app import css_kept
from ssi_tui.app.language import Worded
from ssi_tui.app.launch import LastScores
from ssi_tui.app.messages import KeymapRead, StoreFailed, StoreOpened
from ssi_tui.app.registry import SCREENS, ScreenSpec, bindings_for, command
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.dashboard import DashboardScreen
from ssi_tui.app.take_over import ReadOnlyWatch, unguarded
from ssi_tui.app.text import capitalised, is_text_field
from ssi_tui.gcpause import resume_after_startup
from ssi_tui.wording import _

if TYPE_CHECKING:
    from textual.screen import Screen

    from ssi_tui.services.workspace import Workspace

Result = TypeVar("Result")


def _loader(screen: ScreenSpec) -> Callable[[], Screen[None]]:
    """A screen's factory that imports its module on first use."""

    def build() -> Screen[None]:
        import importlib

        module = importlib.import_module(f"ssi_tui.app.screens.{screen.module}")
        return getattr(module, screen.cls)()

    return build


class SSIApp(ReadOnlyWatch, Worded, App[None]):
    """LinkedIn SSI, raw and goal-weighted, in the terminal."""

    TITLE = "ssi-tui"
    CSS_PATH = "ssi.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {lambda: _commands()}
    # Only the dashboard is imported up front: the others (and the store, pydantic…) load after
    # the first frame, which keeps start-up close to a bare Textual app's.
    MODES: ClassVar = {
        screen.id: DashboardScreen if screen.id == "dashboard" else _loader(screen)
        for screen in SCREENS
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("app")

    data_version: reactive[int] = reactive(0)
    """Bumped after the store loads and after every save; screens refresh on it."""

    def __init__(
        self,
        data_dir: Path,
        today: date,
        *,
        demo: bool = False,
        last_scores: LastScores | None = None,
    ) -> None:
        css_kept.install()  # CSS parsed once per process, the first frame's kept between runs
        super().__init__()
        self.data_dir = data_dir
        self.today = today
        self.demo = demo
        self.workspace: Workspace | None = None
        self.read_only_reason: str | None = None
        self.load_error: str | None = None
        self.last_scores = last_scores or LastScores(data_dir, today, demo=demo)
        """The scores the dashboard last showed, being read (`app/launch.py`)."""
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ssi-writer")
        """Saves run here, one at a time and in the order asked, never on the UI thread."""
        self.undo_left = 0
        """How many changes `app.undo` can take back (the store's journal, either interface's)."""
        self.user_keymap: dict[str, str] = {}
        """The user's key overrides by command id (from `config.toml`)."""
        self.animation_level = "none"

    # -- loading ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Follow theme changes; read the user's keymap."""
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.read_keymap()

    @work(thread=True, exclusive=True, group="preview", description="last scores")
    def read_last_scores(self) -> None:
        """Read the last scores and show them while the store opens."""
        self.last_scores.read()
        from ssi_tui.app.startup import show_last_scores

        self.call_from_thread(show_last_scores, self)

    @work(thread=True, exclusive=True, group="config", description="keymap")
    def read_keymap(self) -> None:
        """Read the user's keymap (`config.toml`) off the UI thread."""
        from ssi_tui.app.keymap import read_keymap

        self.post_message(KeymapRead(read_keymap()))

    @on(KeymapRead)
    def _apply_keymap(self, message: KeymapRead) -> None:
        self.user_keymap = dict(message.keymap.bindings)
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
            if isinstance(self.screen, BaseScreen):
                self.screen.update_key_hints()
        for warning in message.keymap.warnings:
            self.notify(warning, title=_("Keymap"), severity="warning", timeout=15, markup=False)

    def on_ready(self) -> None:
        """The first frame is shown: the collector back on (`launch.py`), the store opening."""
        resume_after_startup(freeze=True)
        if self.workspace is None and self.load_error is None:
            self.read_last_scores()
            self.load_store()
        css_kept.keep_for_next_start(self, after=self.last_scores.done)

    @work(thread=True, exclusive=True, group="load", description="load")
    def load_store(self) -> None:
        """Open the store (read-only if another ssi-tui holds it) without blocking the screen."""
        from ssi_tui.app.startup import open_store

        # The last scores first: the store's imports would hold the interpreter meanwhile.
        self.last_scores.done.wait(2)
        open_store(self)

    @on(StoreOpened)
    def _store_opened(self, message: StoreOpened) -> None:
        self.undo_left = message.undo_left
        self._store_ready(
            message.workspace, message.read_only_reason, message.problems, message.theme
        )

    @on(StoreFailed)
    def _store_failed(self, message: StoreFailed) -> None:
        if message.recover:
            self._show_recovery(message.error, message.corrupt)
        else:
            self._load_failed(message.error)

    def _store_ready(
        self,
        workspace: Workspace,
        read_only_reason: str | None,
        problems: list[str],
        theme: str | None = None,
    ) -> None:
        self.workspace = workspace
        self.read_only_reason = read_only_reason
        self.writer_free = False
        self.start_lock_probe()
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        self.data_version += 1
        if read_only_reason:
            self.notify(
                read_only_reason,
                title=_("Store opened read-only"),
                severity="warning",
                markup=False,
            )
        for problem in problems:
            self.notify(
                problem[0].upper() + problem[1:],
                title=_("Left out"),
                severity="warning",
                timeout=20,
                markup=False,
            )

    def _load_failed(self, message: str) -> None:
        self.load_error = message
        self.data_version += 1
        self.notify(
            message, title=_("Cannot open the store"), severity="error", timeout=30, markup=False
        )

    def _show_recovery(self, message: str, corrupt: bool) -> None:
        from ssi_tui.app.screens.recovery import RecoveryScreen

        self.load_error = message
        self.data_version += 1
        self.push_screen(RecoveryScreen(self.data_dir, message, corrupt), self._after_recovery)

    def _after_recovery(self, restored: bool | None) -> None:
        if restored:
            self.load_error = None
            self.load_store()
        else:
            self.exit()

    def _remember_theme(self, _theme: object) -> None:
        if self.workspace is None or self.workspace.read_only:
            return
        theme = self.theme
        self.save(lambda workspace: workspace.settings.remember_theme(theme), refresh=False)

    # -- reading and saving ------------------------------------------------------------------
    async def read(self, fetch: Callable[[Workspace], Result]) -> Result:
        """Run a service read under the workspace's lock in a thread and await its result (the
        UI thread never reads the store). Raises what the read raises (see `user_errors`)."""
        workspace = self._open_workspace()

        def locked() -> Result:
            with workspace.lock:
                return fetch(workspace)

        return await asyncio.to_thread(locked)

    async def write(
        self,
        action: Callable[[Workspace], Result],
        success: str | None = None,
        *,
        refresh: bool = True,
    ) -> Any:
        """The one save path: run a write on the writer thread (one at a time, in the order
        asked) and await it, the UI thread never waiting on the lock. Then `success` is
        notified (a `Change` is in the store's undo journal: its words say how to undo it) and the
        screens refresh. Returns the write's result (a `Change`'s own result); raises what it
        raises (a user error: nothing changed), for the caller to show where it belongs."""
        from ssi_tui.services.undo import Change

        workspace = self._open_workspace()

        def locked() -> tuple[Result, int | None]:
            with workspace.lock:
                done = action(workspace)
                left = workspace.journal.count() if isinstance(done, Change) else None
                if refresh:  # the data changed: the calibration kept for it follows
                    workspace.calibration.keep()
                return done, left

        result: Any
        result, left = await asyncio.wrap_future(self._writer.submit(locked))
        if isinstance(result, Change):
            self.undo_left = left or 0
            self.refresh_bindings()
            after = (
                _("{key} to undo").format(key=self.undo_hint())
                if result.undoable
                else _("too large to undo (today's backup holds what was before)")
            )
            success = f"{success or capitalised(result.what)} — {after}"
            result = result.result
        if refresh:
            self.data_changed()
        if success:
            self.notify(success, markup=False)
        return result

    def save(
        self,
        action: Callable[[Workspace], Result],
        success: str | None = None,
        *,
        refresh: bool = True,
    ) -> None:
        """`write`, started from a key with nothing to do after it: a failure is an error
        notification ("Not saved"), never a crash, and changes nothing."""
        self.run_worker(partial(self.saving, action, success, refresh=refresh), group="save")

    async def saving(
        self,
        action: Callable[[Workspace], Result],
        success: str | None = None,
        *,
        refresh: bool = True,
    ) -> Any:
        """`write`, a failure notified ("Not saved"): the result, or None when it failed."""
        from ssi_tui.app.background import user_errors

        try:
            return await self.write(action, success, refresh=refresh)
        except user_errors() as error:
            self.not_saved(str(error))
            return None

    def not_saved(self, error: str) -> None:
        """Say that a write was refused, and why."""
        self.notify(error, title=_("Not saved"), severity="error", timeout=10, markup=False)

    def _open_workspace(self) -> Workspace:
        """The open workspace; an `InputError` while the store is not open yet."""
        if self.workspace is None:
            from ssi_tui.services.errors import InputError

            raise InputError(_("the store is not open yet"))
        return self.workspace

    def undo_hint(self) -> str:
        """The key that undoes, as the user's keymap binds it (e.g. 'u')."""
        from ssi_tui.app.registry import key_display

        return key_display(self, "app.undo")

    def action_undo(self) -> None:
        """Take back the last change, made here or from the command line (several in a row
        go further back)."""
        if not self.undo_left:
            self.notify(_("Nothing to undo"), markup=False)
            return
        self.run_worker(self._undo, group="save")

    async def _undo(self) -> None:
        from ssi_tui.app.background import user_errors

        try:
            undone = await self.write(lambda workspace: workspace.journal.undo())
        except user_errors() as error:
            self.notify(
                capitalised(str(error)),
                title=_("Not undone"),
                severity="error",
                timeout=10,
                markup=False,
            )
            self.undo_left = await self.read(lambda workspace: workspace.journal.count())
        else:
            self.undo_left = undone.left
            what = undone.entry.what
            if undone.entry.via != "app":
                what = _("{what} (made {where})").format(what=what, where=undone.entry.where)
            self.notify(_("Undone: {what}").format(what=what), markup=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo is dimmed while there is nothing to undo; its keys are text in a text field
        (ctrl+z included), so it is off there."""
        action, parameters = unguarded(action, parameters)
        if action == "take_over":
            return bool(self.read_only_reason and self.writer_free)
        if action == "undo":
            if is_text_field(self.focused):
                return False
            return True if self.undo_left else None
        return True

    def data_changed(self) -> None:
        """The one refresh signal: each screen shows the new data (now, or when it comes back)."""
        self.data_version += 1

    # -- navigation --------------------------------------------------------------------------
    def action_go(self, mode: str) -> None:
        """Switch to a screen by name."""
        if self.current_mode != mode:
            self.switch_mode(mode)

    def run_command(self, command_id: str) -> None:
        """Run a registered command (the palette's way in): an app action, another screen's
        command (switching to that screen first), or the current screen's."""
        entry = command(command_id)
        if entry.runs is not None:
            target = command(entry.runs)
            self.action_go(target.area)
            self.call_after_refresh(self._run_on_screen, target.run_action)
        elif entry.area == "app":
            self.call_later(self.run_action, entry.run_action)
        else:
            self.call_later(self._run_on_screen, entry.run_action)

    async def _run_on_screen(self, action: str) -> None:
        await self.run_action(action, self.screen)

    def action_help(self) -> None:
        """Help for the current screen, with its keys."""
        from ssi_tui.app.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        """Release the writer lock."""
        self._writer.shutdown(wait=True)  # a save in flight completes
        if self.workspace is not None:
            self.workspace.close()


def _commands() -> type:
    """The palette provider, imported when the palette first opens."""
    from ssi_tui.app.commands import AppCommands

    return AppCommands
