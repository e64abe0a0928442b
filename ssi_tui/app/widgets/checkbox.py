"""A checkbox whose mark says its state without colour (a colour-blind or monochrome terminal
showed `▐X▌` on and off alike)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class StateCheckbox(Checkbox):
    """`▐X▌` when ticked, `▐ ▌` when not."""

    def render(self) -> Content:
        """The box, its mark following the value."""
        self.BUTTON_INNER = "X" if self.value else " "
        return super().render()
