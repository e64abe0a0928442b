"""`clean_text` for imported fields, with a fast path: most fields are plain printable text."""

from __future__ import annotations

from ssi_tui.domain.text import clean_text


def clean(value: str) -> str:
    """Exactly `clean_text(value)` (single line), faster when there is nothing to remove."""
    if value.isprintable():  # no control character, tab or line break: only blanks to strip
        return value.strip()
    return clean_text(value)


def clean_or_none(value: str | None) -> str | None:
    """`clean`, with blank text as None (like `clean_optional`)."""
    if value is None:
        return None
    return clean(value) or None
