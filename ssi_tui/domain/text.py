"""Cleaning of user and imported text: no control characters ever reach the store or the screen."""

from __future__ import annotations

import re
from functools import lru_cache

# C0 controls (except tab and newline, handled separately), DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Strip control characters (terminal escapes included) and surrounding blanks.

    Single-line text also has tabs and newlines folded into single spaces.
    """
    value = _CONTROL.sub("", value)
    value = value.replace("\t", " ") if multiline else _LINE_BREAKS.sub(" ", value)
    return value.strip()


def clean_optional(value: str | None, *, multiline: bool = False) -> str | None:
    """Like `clean_text`, but ``None`` and blank strings become ``None``."""
    if value is None:
        return None
    cleaned = clean_text(value, multiline=multiline)
    return cleaned or None


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Case- and blank-insensitive form of a name, for matching."""
    return " ".join(value.casefold().split())
