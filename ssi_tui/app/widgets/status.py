"""The one-line bar at the top of every screen: where you are, which store, read-only banner."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusBar(Static):
    """Screen title, store location and, when it applies, the read-only banner."""

    def show(self, title: str, detail: str, store: str, read_only: str | None) -> None:
        """Update the bar (all values shown literally)."""
        parts: list[tuple[str, str] | str] = [(f" {title} ", "bold reverse"), " ", detail]
        if read_only:
            self.add_class("-read-only")
            parts.extend(["  ", (" READ-ONLY ", "bold reverse"), " ", read_only])
        else:
            self.remove_class("-read-only")
            parts.extend(["  ", (store, "dim")])
        self.update(Content.assemble(*parts))
