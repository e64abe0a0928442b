"""The JSON export: every table of the store in one documented, versioned document.

The shape is described in docs/export-format.md; `ssi-tui load` reads it back (exports/loader.py).
The sections are the exported tables of the store's registry (`ssi_tui.store.registry`), in
its order; a singleton with dated states adds their section right after its own.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ssi_tui import __version__
from ssi_tui.store.registry import EXPORTED, RECORDS

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

EXPORT_FORMAT = "ssi-tui-export"
EXPORT_VERSION = 1
# The small record tables kept as their stored documents (plans, plan events).
RECORD_TABLES = tuple(spec.name for spec in RECORDS if spec.raw_documents)
SECTIONS = tuple(spec.name for spec in EXPORTED)


def export_document(store: Store, exported_on: date) -> dict[str, Any]:
    """Everything in the store as one JSON-ready document (version 1)."""
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generator": f"ssi-tui {__version__}",
        "exported_on": exported_on.isoformat(),
    }
    for spec in EXPORTED:
        repository = store.repository(spec.name)
        document[spec.name] = repository.export()
        if spec.history_section:
            document[spec.history_section] = repository.export_history()
    return document
