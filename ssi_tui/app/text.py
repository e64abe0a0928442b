"""User text on screen: always literal (never markup), control characters stripped."""

from __future__ import annotations

import sys
from typing import Any

from rich.text import Text
from textual.content import Content

from ssi_tui.domain.text import clean_text
from ssi_tui.wording import number


def plain(value: object, *, multiline: bool = False) -> str:
    """Clean text for display; None becomes an empty string."""
    if value is None:
        return ""
    return clean_text(str(value), multiline=multiline)


def literal(value: object, *, multiline: bool = False) -> Content:
    """A Content that shows `value` exactly, whatever brackets it holds."""
    return Content(plain(value, multiline=multiline))


def cell(value: object, *, justify: str = "left", style: str = "") -> Text:
    """A DataTable cell: Rich Text, so strings are never parsed as markup."""
    if value is None or value == "":
        return Text("—", style="dim", justify=justify)  # type: ignore[arg-type]
    if isinstance(value, float):
        return Text(number(value, 1), justify=justify, style=style)  # type: ignore[arg-type]
    return Text(plain(value), justify=justify, style=style)  # type: ignore[arg-type]


def kind_words(app: Any, kind: str) -> str:
    """An activity kind as a sentence names it, in the user's language ('message sent',
    'message envoyé'), from the open store's catalog; its id while none is open (or for a kind
    the catalog does not know). The forms take either (`Catalog.find`), the command line ids."""
    workspace = getattr(app, "workspace", None)
    return kind if workspace is None else workspace.catalog.label(kind)


def capitalised(text: str) -> str:
    """`text` with its first letter upper-case (the rest untouched: names keep their case)."""
    return text[:1].upper() + text[1:]


def clipped(value: str, width: int) -> str:
    """`value` cut to `width` characters, an ellipsis marking the cut (the whole of it is in
    the row's form)."""
    return value if len(value) <= width else value[: width - 1].rstrip(" ,") + "…"


# Where Textual defines its text fields: checked without importing them (TextArea alone takes
# 30 ms to import, and the first frame asks whether undo applies).
_TEXT_FIELDS = (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea"))


def is_text_field(widget: object) -> bool:
    """Whether `widget` takes typed text (an Input or a TextArea): keys are text there. A
    class never imported has no instance, so only the imported ones are checked."""
    for module_name, class_name in _TEXT_FIELDS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(widget, getattr(module, class_name)):
            return True
    return False
