"""Argument types shared by the commands: each bad value is named in a one-line message."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def whole_number(name: str, low: int, high: int, unit: str = "") -> Callable[[str], int]:
    """An argparse type accepting a whole number from `low` to `high` (e.g. relevance 1-5)."""
    suffix = f" {unit}" if unit else ""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name} must be a whole number{suffix and ' of' + suffix}, got {text!r}"
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be {low}-{high}{suffix}, got {value}")
        return value

    parse.__name__ = name  # argparse names the type in some messages
    return parse


def text(value: str) -> str:
    """An argparse type for a name or a path: not empty (an empty `--audience ''` was stored,
    and `import ''` read the current folder)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("must not be empty")
    return value


text.__name__ = "text"


relevance = whole_number("relevance", 1, 5)
