"""The ssi-tui Textual app: screens by key, the store loaded in a worker, saves with clear errors."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from ssi_tui.app.messages import DataChanged
from ssi_tui.app.screens.dashboard import DashboardScreen
from ssi_tui.store.errors import StoreCorruptError, StoreError, StoreLockedError, StoreVersionError

if TYPE_CHECKING:
    from textual.screen import Screen

    from ssi_tui.workspace import Workspace

Result = TypeVar("Result")
DEFAULT_THEME = "textual-dark"


class SSIApp(App[None]):
    """LinkedIn SSI, raw and goal-weighted, in the terminal."""

    TITLE = "ssi-tui"
    CSS_PATH = "ssi.tcss"
    COMMANDS: ClassVar = App.COMMANDS | {lambda: _commands()}
    # Only the dashboard is imported up front: the others (and the store, pydantic…) load after
    # the first frame, which keeps start-up close to a bare Textual app's.
    MODES: ClassVar = {
        "dashboard": DashboardScreen,
        "goals": lambda: _screen("goals", "GoalsScreen"),
        "activities": lambda: _screen("activities", "ActivityLogScreen"),
        "contacts": lambda: _screen("contacts", "ContactsScreen"),
        "readings": lambda: _screen("readings", "ReadingsScreen"),
        "planner": lambda: _screen("planner", "PlannerScreen"),
        "trends": lambda: _screen("trends", "TrendsScreen"),
        "import": lambda: _screen("importer", "ImportScreen"),
    }
    DEFAULT_MODE = "dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "go('dashboard')", "Dash"),
        Binding("g", "go('goals')", "Goals"),
        Binding("a", "go('activities')", "Log"),
        Binding("c", "go('contacts')", "Contacts"),
        Binding("r", "go('readings')", "Readings"),
        Binding("p", "go('planner')", "Plan"),
        Binding("t", "go('trends')", "Trends"),
        Binding("i", "go('import')", "Import"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
    ]
    SCREEN_NAMES: ClassVar[dict[str, str]] = {
        "dashboard": "Dashboard",
        "goals": "Goals",
        "activities": "Activity log",
        "contacts": "Contacts",
        "readings": "Readings",
        "planner": "Planner",
        "trends": "Trends",
        "import": "Import",
    }

    data_version: reactive[int] = reactive(0)
    """Bumped after the store loads and after every save; screens refresh on it."""

    def __init__(self, data_dir: Path, today: date, *, demo: bool = False) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.today = today
        self.demo = demo
        self.workspace: Workspace | None = None
        self.read_only_reason: str | None = None
        self.load_error: str | None = None
        self.lock = threading.RLock()
        self.animation_level = "none"

    # -- loading ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        """Follow theme changes; the store opens once the first frame is on screen."""
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def on_ready(self) -> None:
        """The first frame is displayed: open the store in a worker."""
        if self.workspace is None and self.load_error is None:
            self.load_store()

    @work(thread=True, exclusive=True, group="load", description="load")
    def load_store(self) -> None:
        """Open the store (read-only if another ssi-tui holds it) without blocking the screen."""
        from ssi_tui.domain.catalog import DataFileError
        from ssi_tui.planning import events_table, plans_table
        from ssi_tui.store.repository import Store
        from ssi_tui.workspace import Workspace, seed_demo

        reason: str | None = None
        try:
            try:
                store = Store.open(self.data_dir)
            except StoreLockedError as error:
                store = Store.open(self.data_dir, read_only=True)
                reason = f"Read-only: {error}"
            if self.demo and store.activities.count() == 0:
                seed_demo(store, self.today)
            from ssi_tui.domain.catalog import default_catalog, load_user_rules

            rules = load_user_rules(None if self.demo else self.data_dir)
            workspace = Workspace(store, self.today, default_catalog(), rules)
            # Open the planner's tables too, so that their problems are reported as well.
            plans_table(store)
            events_table(store)
            problems = store.problems()
        except (StoreCorruptError, StoreVersionError) as error:
            self.call_from_thread(
                self._show_recovery, str(error), isinstance(error, StoreCorruptError)
            )
            return
        except (StoreError, DataFileError, OSError) as error:
            self.call_from_thread(self._load_failed, str(error))
            return
        self.call_from_thread(self._store_ready, workspace, reason, problems)

    def _store_ready(
        self, workspace: Workspace, read_only_reason: str | None, problems: list[str]
    ) -> None:
        self.workspace = workspace
        self.read_only_reason = read_only_reason
        theme = workspace.store.settings.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.data_version += 1
        if read_only_reason:
            self.notify(
                read_only_reason, title="Store opened read-only", severity="warning", markup=False
            )
        for problem in problems:
            self.notify(
                problem[0].upper() + problem[1:],
                title="Left out",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def _load_failed(self, message: str) -> None:
        self.load_error = message
        self.data_version += 1
        self.notify(
            message, title="Cannot open the store", severity="error", timeout=30, markup=False
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
        if self.workspace is None or self.workspace.store.read_only:
            return
        with self.lock:
            try:
                if self.workspace.store.settings.get("theme") != self.theme:
                    self.workspace.store.settings.set("theme", self.theme)
            except StoreError as error:
                self.notify(str(error), title="Theme not saved", severity="warning", markup=False)

    # -- saving ------------------------------------------------------------------------------
    def save(
        self, action: Callable[[Workspace], Result], success: str | None = None
    ) -> Result | None:
        """Run a write against the workspace; a failure becomes an error notification, never a crash."""
        from ssi_tui.domain.catalog import DataFileError
        from ssi_tui.workspace import InputError

        if self.workspace is None:
            self.notify("The store is not open yet.", severity="warning")
            return None
        with self.lock:
            try:
                result = action(self.workspace)
            except (StoreError, InputError, DataFileError) as error:
                self.notify(
                    str(error), title="Not saved", severity="error", timeout=10, markup=False
                )
                return None
        self.data_changed()
        if success:
            self.notify(success, markup=False)
        return result

    def data_changed(self) -> None:
        """Tell every screen the data changed."""
        self.data_version += 1
        self.screen.post_message(DataChanged())

    # -- navigation --------------------------------------------------------------------------
    def action_go(self, mode: str) -> None:
        """Switch to a screen by name."""
        if self.current_mode != mode:
            self.switch_mode(mode)

    def _on_mode_screen(self, mode: str, action: str, *args: object) -> None:
        """Switch to a screen, then run one of its actions once it is shown."""
        self.action_go(mode)

        def run() -> None:
            getattr(self.screen, action)(*args)

        self.call_after_refresh(run)

    def action_log_activity(self) -> None:
        """Open the activity form (on the activity log)."""
        self._on_mode_screen("activities", "action_new")

    def action_add_reading(self) -> None:
        """Open the reading form (on the readings screen)."""
        self._on_mode_screen("readings", "action_new")

    def action_add_plan(self) -> None:
        """Open the plan form (on the planner)."""
        self._on_mode_screen("planner", "action_new_plan")

    def action_add_account(self) -> None:
        """Open the target account form (on the goals screen)."""
        self._on_mode_screen("goals", "action_add_account")

    def action_set_window(self, days: int) -> None:
        """Score the last `days` days on the dashboard."""
        self._on_mode_screen("dashboard", "set_window", days)

    def action_help(self) -> None:
        """Help for the current screen, with its keys."""
        from ssi_tui.app.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def on_unmount(self) -> None:
        """Release the writer lock."""
        if self.workspace is not None:
            self.workspace.store.close()


def _commands() -> type:
    """The palette provider, imported when the palette first opens."""
    from ssi_tui.app.commands import SSICommands

    return SSICommands


def _screen(module: str, name: str) -> Screen[None]:
    """Import and build a screen on first use."""
    import importlib

    return getattr(importlib.import_module(f"ssi_tui.app.screens.{module}"), name)()
