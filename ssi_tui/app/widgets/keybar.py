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
from ssi_tui.wording import _


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

    def _keys(self) -> tuple[list[KeyEntry], list[KeyEntry], KeyEntry | None, KeyEntry | None]:
        """Each shown action once: the screen's own keys, the go-to-screen keys, help, and the
        palette key."""
        own: list[KeyEntry] = []
        screens: list[KeyEntry] = []
        help_entry: KeyEntry | None = None
        palette: KeyEntry | None = None
        seen: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            entry = KeyEntry(
                binding.key,
                self.app.get_key_display(binding),
                _(binding.description) if binding.show else binding.description,
                enabled,
            )
            if binding.key == palette_key:
                palette = entry
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                if binding.action == "help":
                    help_entry = entry
                elif binding.action.startswith("go("):
                    screens.append(entry)
                else:
                    own.append(entry)
        return own, screens, help_entry, palette

    def _layout(self, width: int) -> list[tuple[KeyEntry | None, Content]]:
        """What fits in `width`: every key with its description; else the go-to-screen keys
        folded into one `screens d g a…` group; else without the keys that cannot act now;
        else without that group; then the screen's own keys dropped from the right. Help always
        stays (it lists every key)."""
        key_style = self.get_visual_style("keybar--key")
        description_style = self.get_visual_style("keybar--description")
        own, screens, help_entry, palette = self._keys()

        def full(entries: list[KeyEntry]) -> list[tuple[KeyEntry | None, Content]]:
            return [(entry, self._item(entry, key_style, description_style)) for entry in entries]

        def cells(items: list[tuple[KeyEntry | None, Content]]) -> int:
            return sum(part.cell_length for _, part in items)

        folded: list[tuple[KeyEntry | None, Content]] = []
        if screens:
            folded = [
                (None, Content.styled(" " + _("screens"), description_style)),  # type: ignore[arg-type]
                *(
                    (entry, Content.styled(f" {plain(entry.display)}", key_style))  # type: ignore[arg-type]
                    for entry in screens
                ),
                (None, Content(" ")),
            ]
        last = full([help_entry] if help_entry else [])
        mine = full(own)
        enabled = full([entry for entry in own if entry.enabled])
        items = mine + full(screens) + last
        # Short of room: fold the screens' keys, then leave out what cannot act now (a dimmed
        # undo with nothing to undo), then the folded group.
        for keys, group in ((mine, folded), (enabled, folded), (enabled, [])):
            if cells(items) <= width:
                break
            mine = keys
            items = mine + group + last
        while cells(items) > width and mine:
            mine.pop()
            items = mine + last
        if palette is not None:
            palette_part = self._item(palette, key_style, description_style)
            gap = width - cells(items) - palette_part.cell_length
            if gap > 0:
                items += [(None, Content(" " * gap)), (palette, palette_part)]
        return items

    def render(self) -> Content:
        """The keys, left to right (see `_layout`), the palette key right-aligned if there is room."""
        parts: list[Content] = []
        spans: list[KeySpan] = []
        column = 0
        for entry, part in self._layout(self.size.width):
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
