"""The command palette's providers, generated from the registry: one for the app, one per area.

The app's provider offers what works everywhere (go to a screen, log an activity, import…);
each main screen's provider offers that screen's own commands, so the palette lists what the
screen underneath can do. Every hit runs its command through `SSIApp.run_command`, by id.
"""

from __future__ import annotations

from functools import cache, partial
from typing import TYPE_CHECKING, ClassVar

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ssi_tui.app.registry import AREAS, Command, command

if TYPE_CHECKING:
    from ssi_tui.app.app import SSIApp


class AreaCommands(Provider):
    """The palette's commands of one area (`AREA`): every command declared there for it."""

    AREA: ClassVar[str] = "app"

    def offered(self) -> list[Command]:
        """The commands to list, in the registry's order."""
        return [entry for entry in AREAS[self.AREA] if entry.palette]

    def _run(self, entry: Command) -> None:
        app: SSIApp = self.app  # type: ignore[assignment]
        app.run_command(entry.id)

    async def discover(self) -> Hits:
        """Everything, when nothing is typed yet."""
        for entry in self.offered():
            yield DiscoveryHit(
                entry.palette_title, partial(self._run, entry), help=entry.palette_help
            )

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the titles."""
        matcher = self.matcher(query)
        for entry in self.offered():
            score = matcher.match(entry.palette_title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(entry.palette_title),
                    partial(self._run, entry),
                    help=entry.palette_help,
                )


class AppCommands(AreaCommands):
    """What works from every screen; a shortcut to the current screen's own command is left to
    that screen's provider, so that it is not listed twice."""

    AREA = "app"

    def offered(self) -> list[Command]:
        """The app's commands, less those the screen underneath offers itself."""
        here = getattr(self.screen, "SCREEN_ID", "")
        return [
            entry
            for entry in super().offered()
            if entry.runs is None or command(entry.runs).area != here
        ]


@cache
def provider_for(area: str) -> type[AreaCommands]:
    """The palette provider of one screen's commands."""
    return type(f"{area.title()}Commands", (AreaCommands,), {"AREA": area})
