"""The user's settings kept in the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


class SettingsService:
    """Named settings (the app's theme today)."""

    def __init__(self, workspace: Workspace) -> None:
        self._store = workspace.store

    @property
    def theme(self) -> str | None:
        """The theme last chosen, if any."""
        theme = self._store.settings.get("theme")
        return theme if isinstance(theme, str) else None

    def remember_theme(self, theme: str) -> bool:
        """Keep `theme` for the next start (nothing is written when it is already kept or the
        store is read-only); whether it was written."""
        if self._store.read_only or self.theme == theme:
            return False
        self._store.settings.set("theme", theme)
        return True

    @property
    def own_addresses(self) -> tuple[str, ...]:
        """The user's e-mail addresses, as a calendar import last learnt them (`--me`)."""
        found = self._store.settings.get("own_addresses")
        if not isinstance(found, list):
            return ()
        return tuple(address for address in found if isinstance(address, str))

    def remember_own_addresses(self, addresses: tuple[str, ...]) -> None:
        """Keep the user's addresses for the next calendar imports."""
        if addresses and addresses != self.own_addresses and not self._store.read_only:
            self._store.settings.set("own_addresses", list(addresses))
