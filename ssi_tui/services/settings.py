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
