"""The footer: the screen's keys on one line, drawn by a single widget.

Textual's `Footer` mounts one widget per key and recomposes all of them whenever the bindings
change (every focus move). That was a third of the app's time to its first frame; this bar
renders the same keys as one line of content and only repaints when the bindings change. Keys
are clickable like the stock footer's, and the palette key sits on the right.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from ssi_tui.app.text import plain


class KeySpan(NamedTuple):
    """Where one key is drawn (columns start ≤ x < end) and what pressing it sends."""

    start: int
    end: int
    key: str
    enabled: bool


class KeyEntry(NamedTuple):
    """A binding as the bar shows it."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """One line: `key description` for each shown binding of the focused screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keybar--key",
        "keybar--description",
        "keybar--hover",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .keybar--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._spans: list[KeySpan] = []
        self._hover: int | None = None

    def on_mount(self) -> None:
        """Repaint when the screen's bindings change (focus moved, screen switched)."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        """Stop following the screen."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _keys(self) -> tuple[list[KeyEntry], KeyEntry | None, bool]:
        """Each shown action once, help last; the palette key; whether help is there."""
        shown: list[KeyEntry] = []
        help_entry: KeyEntry | None = None
        palette: KeyEntry | None = None
        seen: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            entry = KeyEntry(
                binding.key, self.app.get_key_display(binding), binding.description, enabled
            )
            if binding.key == palette_key:
                palette = entry
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                if binding.action == "help":
                    help_entry = entry
                else:
                    shown.append(entry)
        if help_entry is not None:
            shown.append(help_entry)
        return shown, palette, help_entry is not None

    def render(self) -> Content:
        """The keys, left to right; what does not fit is dropped from the right, help kept last."""
        styles = (
            self.get_visual_style("keybar--key"),
            self.get_visual_style("keybar--description"),
        )
        shown, palette, has_help = self._keys()
        width = self.size.width
        items = [(entry, self._item(entry, *styles)) for entry in shown]
        keep_last = 1 if has_help else 0
        while len(items) > keep_last and sum(part.cell_length for _, part in items) > width:
            del items[-1 - keep_last]
        used = sum(part.cell_length for _, part in items)
        if palette is not None:
            palette_part = self._item(palette, *styles)
            gap = width - used - palette_part.cell_length
            if gap > 0:
                items.append((None, Content(" " * gap)))
                items.append((palette, palette_part))
        parts: list[Content] = []
        spans: list[KeySpan] = []
        column = 0
        for entry, part in items:
            if entry is not None:
                if not entry.enabled:
                    part = part.stylize("dim")
                if self._hover == len(spans):
                    part = part.stylize(self.get_visual_style("keybar--hover"))
                spans.append(KeySpan(column, column + part.cell_length, entry.key, entry.enabled))
            parts.append(part)
            column += part.cell_length
        self._spans = spans
        return Content("").join(parts)

    @staticmethod
    def _item(entry: KeyEntry, key_style: object, description_style: object) -> Content:
        return Content.assemble(
            (f" {plain(entry.display)}", key_style),  # type: ignore[arg-type]
            (f" {plain(entry.description)} " if entry.description else " ", description_style),  # type: ignore[arg-type]
        )

    def _span_at(self, x: int) -> int | None:
        for index, span in enumerate(self._spans):
            if span.start <= x < span.end:
                return index
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Highlight the key under the pointer."""
        hover = self._span_at(event.x)
        if hover != self._hover:
            self._hover = hover
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        """Nothing highlighted once the pointer leaves."""
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """A click on a key presses it."""
        index = self._span_at(event.x)
        if index is None:
            return
        span = self._spans[index]
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()
