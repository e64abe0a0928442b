"""What every screen shares: the status bar, the footer, and refreshing when the data changes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input

from ssi_tui.app.background import load
from ssi_tui.app.messages import LoadFailed
from ssi_tui.app.registry import SCREENS_BY_ID, bindings_for, with_keys
from ssi_tui.app.widgets.keybar import KeyBar
from ssi_tui.app.widgets.status import StatusBar
from ssi_tui.wording import _

if TYPE_CHECKING:
    from textual.message import Message

    from ssi_tui.app.app import SSIApp
    from ssi_tui.services.workspace import Workspace


Method = TypeVar("Method", bound=Callable[..., Any])
T = TypeVar("T")


def _screen_commands(screen_id: str) -> type:
    """The palette provider of a screen's commands (imported when the palette first opens)."""
    from ssi_tui.app.commands import provider_for

    return provider_for(screen_id)


class BaseScreen(Screen[None]):
    """A main screen: status bar, body, footer; `refresh_data` runs when the store changes.

    A subclass names its entry in the registry (`class X(BaseScreen, screen_id="goals")`): its
    title, help and bindings come from there (`commands.toml`), declared nowhere else.
    """

    SCREEN_ID: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = ""
    HELP: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = bindings_for("screen")
    KEY_HINTS: ClassVar[dict[str, str]] = {}
    """Border titles that name keys: widget selector → text with `{command.id}` references."""

    def __init_subclass__(cls, screen_id: str | None = None, **kwargs: Any) -> None:
        if screen_id is not None:
            spec = SCREENS_BY_ID[screen_id]
            cls.SCREEN_ID = screen_id
            cls.TITLE_TEXT = spec.title
            cls.HELP = spec.help
            cls.BINDINGS = bindings_for(screen_id)
            cls.COMMANDS = {partial(_screen_commands, screen_id)}
        super().__init_subclass__(**kwargs)

    def __init__(self) -> None:
        super().__init__()
        self._seen_version = -1

    @property
    def ssi(self) -> SSIApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def workspace(self) -> Workspace | None:
        """The open workspace, or None while loading."""
        return self.ssi.workspace

    def compose(self) -> ComposeResult:
        """Status bar, the screen's body, footer."""
        yield StatusBar(id="status")
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        """Follow the app's data version (the one refresh signal)."""
        self.update_key_hints()
        self.watch(self.app, "data_version", self._data_version_changed, init=False)
        self._maybe_refresh()

    def on_screen_resume(self) -> None:
        """Catch up on a data version bumped while another screen was showing."""
        self.update_key_hints()
        self._maybe_refresh()

    def _data_version_changed(self, _version: int) -> None:
        if self.is_current:
            self._maybe_refresh()

    def _maybe_refresh(self) -> None:
        self.update_status()
        version = self.ssi.data_version
        if self.workspace is None or version == self._seen_version:
            return
        self._seen_version = version
        self.refresh_data()

    def update_key_hints(self) -> None:
        """Show the keys bound now in the titles that name keys (`KEY_HINTS`)."""
        for selector, text in self.KEY_HINTS.items():
            self.query_one(selector).border_title = with_keys(self.app, _(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether a key acts now: `check_command` sees the command itself (a command that
        writes reaches here wrapped in `guard_write`)."""
        from ssi_tui.app.take_over import unguarded

        return self.check_command(*unguarded(action, parameters))

    def check_command(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A screen's `check_action`, on the command's own action and parameters."""
        return True

    async def action_guard_write(self, action: str) -> None:
        """A command that writes: run it on this screen, unless the store is read-only."""
        await self.ssi.action_guard_write(action, self)

    def status_detail(self) -> str:
        """The middle part of the status bar."""
        return ""

    def update_status(self) -> None:
        """Redraw the status bar."""
        app = self.ssi
        store = _("demo data (throw-away copy)") if app.demo else str(app.data_dir)
        if app.workspace is None:
            detail = app.load_error or _("Opening your store…")
        else:
            detail = self.status_detail()
        self.query_one(StatusBar).show(_(self.TITLE_TEXT), detail, store, app.read_only_reason)

    def refresh_data(self) -> None:
        """Reload what the screen shows from the workspace."""

    def action_leave_field(self) -> None:
        """Escape from a text field: back to the screen's table, so the keys work again."""
        from textual.widgets import DataTable

        if isinstance(self.focused, Input):
            tables = self.query(DataTable)
            if tables:
                tables.first().focus()
            else:
                self.set_focus(None)

    @on(Input.Submitted, ".filters Input")
    def _filter_submitted(self) -> None:
        """Enter in a filter box goes to the results."""
        self.action_leave_field()

    def load(
        self,
        what: str,
        fetch: Callable[[Workspace], T],
        message: Callable[[T], Message],
        *,
        group: str | None = None,
    ) -> None:
        """Run a service call in a worker and post its result as `message` (see
        `ssi_tui.app.background.load`); an error is a "Cannot show `what`" notification."""
        load(self, what, fetch, message, group=group or f"{self.SCREEN_ID}-load")

    async def read(self, what: str, fetch: Callable[[Workspace], T]) -> T | None:
        """Await a service read (in a thread, under the workspace's lock: `SSIApp.read`), for a
        worker that goes on with its result, e.g. the data a form offers; a failure is a
        "Cannot show `what`" notification and None."""
        from ssi_tui.app.background import user_errors

        try:
            return await self.ssi.read(fetch)
        except user_errors() as error:
            self.post_message(LoadFailed(what, str(error)))
            return None

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        message.stop()
        self.notify(
            message.error,
            title=_("Cannot show {what}").format(what=_(message.what)),
            severity="error",
            timeout=15,
            markup=False,
        )


def guarded(what: str) -> Callable[[Method], Method]:
    """For a worker method of a screen or widget: a store, goals or rules error becomes a
    `LoadFailed` message (an error notification), never the end of the app."""

    def decorate(method: Method) -> Method:
        @wraps(method)
        def run(self: MessagePump, *args: Any, **kwargs: Any) -> Any:
            from ssi_tui.app.background import user_errors

            try:
                return method(self, *args, **kwargs)
            except user_errors() as error:
                self.post_message(LoadFailed(what, str(error)))
                return None

        return run  # type: ignore[return-value]

    return decorate
