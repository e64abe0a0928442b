"""The command palette's own commands: log, add account, add reading, windows, screens."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from ssi_tui.app.app import SSIApp


class SSICommands(Provider):
    """ssi-tui actions, offered wherever the palette opens."""

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(title, help, callback) for every command."""
        app: SSIApp = self.app  # type: ignore[assignment]
        entries: list[tuple[str, str, Callable[[], object]]] = [
            ("Log activity…", "Open the form to log an activity", app.action_log_activity),
            ("Add target account…", "Add a company you are aiming at", app.action_add_account),
            ("Add reading…", "Record what LinkedIn's SSI page shows", app.action_add_reading),
            ("Add plan…", "Plan a recurring action (weekly, RRULE…)", app.action_add_plan),
            (
                "Import LinkedIn export…",
                "Import LinkedIn's data export (ZIP or folder) into contacts and activities",
                partial(app.action_go, "import"),
            ),
        ]
        for days in (30, 90, 365):
            entries.append(
                (
                    f"Window: {days} days",
                    f"Score the last {days} days on the dashboard",
                    partial(app.action_set_window, days),
                )
            )
        for mode, name in app.SCREEN_NAMES.items():
            entries.append(
                (f"Go to {name}", f"Switch to the {name} screen", partial(app.action_go, mode))
            )
        entries.append(("Help", "Help for the current screen and its keys", app.action_help))
        return entries

    async def discover(self) -> Hits:
        """Everything, when nothing is typed yet."""
        for title, help_text, callback in self.commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the titles."""
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
