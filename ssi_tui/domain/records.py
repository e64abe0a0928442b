"""A light, read-only view of a stored activity, for scoring tens of thousands of them fast.

It has the same attribute names as `Activity`, so every scoring and flag function accepts
either. Building one from a stored document costs a fraction of a pydantic model.
"""

from __future__ import annotations

from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple


class ActivityRecord(NamedTuple):
    """An activity as stored, read-only."""

    id: str
    kind: str
    date: date
    audience: str | None = None
    contact: str | None = None
    company: str | None = None
    title: str | None = None
    personalised: bool = False
    relevance: int = 3
    channel: str = "linkedin"
    note: str = ""
    topics: tuple[str, ...] = ()
    source: str = "manual"
    plan_id: str | None = None
    occurrence: date | None = None
    external_id: str | None = None

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ActivityRecord:
        """From a stored document (dates parsed strictly; missing fields take their defaults)."""
        try:
            (
                id_,
                kind,
                day,
                audience,
                contact,
                company,
                title,
                personalised,
                relevance,
                channel,
                note,
                source,
                plan_id,
                occurrence,
                external_id,
            ) = _every_field(doc)
            topics = doc.get("topics")
        except KeyError:  # a document written before a field existed
            return cls._from_partial_doc(doc)
        return _new_tuple(
            cls,
            (
                id_,
                kind,
                _parse_date(day),
                audience,
                contact,
                company,
                title,
                bool(personalised),
                relevance,
                channel,
                note,
                tuple(topics) if topics else (),
                source,
                plan_id,
                _parse_date(occurrence) if occurrence else None,
                external_id,
            ),
        )

    @classmethod
    def _from_partial_doc(cls, doc: dict[str, Any]) -> ActivityRecord:
        get = doc.get
        occurrence = get("occurrence")
        return _new_tuple(
            cls,
            (
                doc["id"],
                doc["kind"],
                _parse_date(doc["date"]),
                get("audience"),
                get("contact"),
                get("company"),
                get("title"),
                bool(get("personalised", False)),
                get("relevance", 3),
                get("channel", "linkedin"),
                get("note", ""),
                tuple(get("topics") or ()),
                get("source", "manual"),
                get("plan_id"),
                _parse_date(occurrence) if occurrence else None,
                get("external_id"),
            ),
        )


# Every field in one C call (the store writes every field of every activity); records are built
# by the ten thousand for a history, and this is most of the cost of a cold one. Topics came
# later: documents written before them lack the key, so it is read on its own.
_every_field = itemgetter(*(name for name in ActivityRecord._fields if name != "topics"))
_parse_date = date.fromisoformat
_new_tuple = (
    tuple.__new__
)  # skips NamedTuple's argument handling: records are built by the thousand


class DayLists(list):  # type: ignore[type-arg]
    """Activities (or records) in date order, with the same objects grouped by day in `days`:
    a scorer groups them without a pass, and a day whose list is the same object as last time
    is known unchanged without comparing its activities one by one (the store hands out a new
    list when a day's activities change)."""

    days: dict[date, list[Any]]
