"""The JSON export: every table of the store in one documented, versioned document.

The shape is described in docs/export-format.md; `ssi-tui load` reads it back (exports/loader.py).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ssi_tui import __version__

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

EXPORT_FORMAT = "ssi-tui-export"
EXPORT_VERSION = 1
RECORD_TABLES = ("plans", "plan_events")
SECTIONS = (
    "goals",
    "checklist",
    "settings",
    "readings",
    "contacts",
    "activities",
    *RECORD_TABLES,
)


def raw_records(store: Store, table: str) -> list[dict[str, Any]]:
    """The stored documents of a small table (plans, plan events), in the order they were added."""
    data = store.table_data(table)
    return [dict(data[key]) for key in sorted(data, key=int)]


def export_document(store: Store, exported_on: date) -> dict[str, Any]:
    """Everything in the store as one JSON-ready document (version 1)."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generator": f"ssi-tui {__version__}",
        "exported_on": exported_on.isoformat(),
        "goals": store.goals.get().model_dump(mode="json"),
        "checklist": store.checklist.get().model_dump(mode="json"),
        "checklist_history": store.checklist.history().model_dump(mode="json")["entries"],
        "settings": store.settings.all(),
        "readings": [reading.model_dump(mode="json") for reading in store.readings.all()],
        "contacts": [contact.model_dump(mode="json") for contact in store.contacts.all()],
        "activities": [activity.model_dump(mode="json") for activity in store.activities.all()],
        **{table: raw_records(store, table) for table in RECORD_TABLES},
    }
