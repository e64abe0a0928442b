"""The one-line bar at the top of every screen: where you are, which store, read-only banner."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ssi_tui.wording import _


class StatusBar(Static):
    """Screen title, store location and, when it applies, the read-only banner."""

    def show(self, title: str, detail: str, store: str, read_only: str | None) -> None:
        """Update the bar (all values shown literally). Read-only, the banner and its reason
        take a line of their own below, wrapped rather than cut on a narrow terminal."""
        parts: list[tuple[str, str] | str] = [(f" {title} ", "bold reverse"), " ", detail]
        parts.extend(["  ", (store, "dim")])
        self.set_class(bool(read_only), "-read-only")
        if read_only:
            parts.extend(["\n", (" " + _("READ-ONLY") + " ", "bold reverse"), " ", read_only])
        self.update(Content.assemble(*parts))
