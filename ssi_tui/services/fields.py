"""Values typed in a form or on the command line: weights, counts, comma-separated lists."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ssi_tui.services.errors import InputError
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.domain.catalog import Catalog


def parse_weight(text: str | float | None) -> float:
    """A weight typed by the user ("60", "2,5"): a number ≥ 0, else an `InputError`."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(_("type a weight, e.g. 60 (weights are relative)"), "weight")
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise InputError(_("not a number: {text!r}").format(text=text), "weight") from None
    if not 0 <= value <= 1_000_000 or value != value:
        raise InputError(_("weight must be 0-1000000, got {text}").format(text=text), "weight")
    return value


def parse_count(text: str | int | None, field: str, low: int, high: int) -> int:
    """A whole number typed by the user, from `low` to `high`, else an `InputError`."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(_("type a number, {low}-{high}").format(low=low, high=high), field)
    try:
        value = int(str(text).strip())
    except ValueError:
        raise InputError(_("not a whole number: {text!r}").format(text=text), field) from None
    if not low <= value <= high:
        raise InputError(
            _("must be {low}-{high}, got {value}").format(low=low, high=high, value=value), field
        )
    return value


def split_list(text: str | list[str] | None) -> list[str]:
    """Comma-separated text (or a list) → its non-blank items."""
    if text is None:
        return []
    items = text.split(",") if isinstance(text, str) else text
    return [item.strip() for item in items if item.strip()]


def with_kind_id(catalog: Catalog, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """A form's values with its kind as an id, when it was typed as the app shows kinds (in
    words: 'message sent', 'message envoyé'); as they were otherwise (the check names what
    is wrong)."""
    kind = str(values.get("kind") or "").strip()
    found = catalog.find(kind) if kind else None
    return (
        {**values, "kind": found} if found is not None and found != values.get("kind") else values
    )
