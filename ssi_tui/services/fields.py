"""Values typed in a form or on the command line: weights, counts, comma-separated lists."""

from __future__ import annotations

from ssi_tui.services.errors import InputError


def parse_weight(text: str | float | None) -> float:
    """A weight typed by the user ("60", "2,5"): a number ≥ 0, else an `InputError`."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError("type a weight, e.g. 60 (weights are relative)", "weight")
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise InputError(f"not a number: {text!r}", "weight") from None
    if not 0 <= value <= 1_000_000 or value != value:
        raise InputError(f"weight must be 0-1000000, got {text}", "weight")
    return value


def parse_count(text: str | int | None, field: str, low: int, high: int) -> int:
    """A whole number typed by the user, from `low` to `high`, else an `InputError`."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(f"type a number, {low}-{high}", field)
    try:
        value = int(str(text).strip())
    except ValueError:
        raise InputError(f"not a whole number: {text!r}", field) from None
    if not low <= value <= high:
        raise InputError(f"must be {low}-{high}, got {value}", field)
    return value


def split_list(text: str | list[str] | None) -> list[str]:
    """Comma-separated text (or a list) → its non-blank items."""
    if text is None:
        return []
    items = text.split(",") if isinstance(text, str) else text
    return [item.strip() for item in items if item.strip()]
