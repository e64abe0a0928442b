"""Stored documents read back: the activity model rebuilt without validation, profile URLs."""

from __future__ import annotations

from datetime import date
from functools import cache, lru_cache
from typing import Any
from urllib.parse import unquote

from ssi_tui.domain.models import Activity, Contact

Document = dict[str, Any]


@lru_cache(maxsize=1 << 16)  # an import asks for each person's URL again with every message
def normalise_profile_url(url: str | None) -> str | None:
    """The lowercased, URL-decoded `/in/<slug>` of a LinkedIn profile URL (None if there is none)."""
    if not url:
        return None
    text = unquote(url).strip().lower()
    marker = text.find("/in/")
    if marker < 0:
        return None
    slug = text[marker + 4 :].split("/")[0].split("?")[0].split("#")[0]
    return f"/in/{slug}" if slug else None


ACTIVITY_DEFAULTS = {
    name: field.default
    for name, field in Activity.model_fields.items()
    if not field.is_required() and field.default_factory is None
}
ACTIVITY_FIELDS = frozenset(Activity.model_fields)


def activity_from_doc(doc: Document) -> Activity:
    """Rebuild an activity from a stored document, fast.

    Documents were validated when saved, so this skips pydantic's validation (what
    `model_construct` does, without its per-field overhead: ~10x faster, which matters for a
    52-week history over tens of thousands of activities). Unknown keys are dropped, the date is
    parsed strictly, and the domain tolerates odd values in a hand-edited store.
    """
    if doc.keys() <= ACTIVITY_FIELDS:  # the usual case: one C-level merge, no filtering
        values = {**ACTIVITY_DEFAULTS, **doc}
        fields_set = set(doc)
    else:
        values = dict(ACTIVITY_DEFAULTS)
        values.update((key, value) for key, value in doc.items() if key in ACTIVITY_FIELDS)
        fields_set = set(doc) & values.keys()
    values["date"] = date.fromisoformat(doc["date"])
    topics = values["topics"]
    if topics.__class__ is not tuple:  # JSON keeps a list
        values["topics"] = tuple(topics) if topics else ()
    if values.get("occurrence"):
        values["occurrence"] = date.fromisoformat(values["occurrence"])
    activity = Activity.__new__(Activity)
    object.__setattr__(activity, "__dict__", values)
    object.__setattr__(activity, "__pydantic_fields_set__", fields_set)
    object.__setattr__(activity, "__pydantic_extra__", None)
    object.__setattr__(activity, "__pydantic_private__", None)
    return activity


@cache
def contact_doc_defaults() -> Document:
    """Every field of a stored contact document, in order, with its default (JSON form), as
    `activity_doc_defaults` for activities."""
    return Contact.model_validate({"name": "-"}).model_dump(mode="json")


@cache
def activity_doc_defaults() -> Document:
    """Every field of a stored activity document, in order, with its default (JSON form): a
    document made as `{**activity_doc_defaults(), ...}` is what `model_dump(mode="json")` gives
    for the same values."""
    return Activity.model_validate({"kind": "post", "date": "2000-01-01"}).model_dump(mode="json")
