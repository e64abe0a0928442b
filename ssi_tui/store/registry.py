"""Every table of the store, declared once: what the store builds, checks, exports and loads.

`Store` builds one repository per entry (`store.<name>`), `Store.problems()` asks the record
tables for the documents they leave out, and the JSON export and `ssi-tui load`
(ssi_tui/exports/) walk `EXPORTED` in order, by kind. Registering a table here is all it takes
for it to be stored, reported, exported and loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist, SSIReading
from ssi_tui.domain.network import ConnectionChange
from ssi_tui.domain.plans import Plan, PlanEvent
from ssi_tui.store.activities import Activities
from ssi_tui.store.contacts import Contacts
from ssi_tui.store.tables import RESTORE_REMEDY, Checklist, Readings, Records, Settings, Singleton

Kind = Literal["meta", "singleton", "records", "activities", "contacts"]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table: its name in store.json (and in the export), what it holds and how.

    kinds: `singleton` one document holding a value (`model`, or a plain mapping when None);
    `records` small validated records with an `id`, kept in store.json; `activities` and
    `contacts` the bulk tables, hot in store.json and in history segments; `meta` the store's
    own bookkeeping (no repository, never exported).
    """

    name: str
    kind: Kind
    model: type[BaseModel] | None = None
    repository: type[Any] | None = None  # built as repository(store, spec)
    exported: bool = True
    order: str = "date"  # records: the field `all()` sorts by (then the id)
    remedy: str = RESTORE_REMEDY  # records: how a user gets rid of an invalid document
    # records: exported and loaded as the stored documents themselves (not re-dumped from the
    # model), in the order they were added
    raw_documents: bool = False
    # whether what this table holds (records, or a value other than the defaults) makes a store
    # non-empty for `ssi-tui load`
    content: bool = True
    history_section: str | None = None  # singleton: the export section of its dated states
    optional: bool = False  # exported, but a file written before it existed may lack it


TABLES: tuple[TableSpec, ...] = (
    TableSpec("meta", "meta", exported=False),
    TableSpec("goals", "singleton", Goals, Singleton),
    TableSpec(
        "checklist",
        "singleton",
        ProfileChecklist,
        Checklist,
        content=False,
        history_section="checklist_history",
    ),
    TableSpec("settings", "singleton", None, Settings, content=False),
    TableSpec("readings", "records", SSIReading, Readings),
    TableSpec("contacts", "contacts", Contact, Contacts),
    TableSpec("activities", "activities", Activity, Activities),
    TableSpec(
        "plans",
        "records",
        Plan,
        Records,
        order="start",
        remedy="remove it with `ssi-tui plan remove {id}`",
        raw_documents=True,
    ),
    TableSpec(
        "plan_events",
        "records",
        PlanEvent,
        Records,
        order="occurrence",
        raw_documents=True,
        content=False,
    ),
    # What imports saw change in the network (job changes, new and removed connections).
    TableSpec(
        "connection_changes",
        "records",
        ConnectionChange,
        Records,
        content=False,
        optional=True,
    ),
    # Deleted activities and contacts still in a segment, and import keys not to bring back.
    TableSpec("tombstones", "singleton", exported=False),
    # The last changes that can be undone, with the records as they were (store/journal.py).
    TableSpec("journal", "singleton", exported=False),
)
BY_NAME = {spec.name: spec for spec in TABLES}
REPOSITORIES = tuple(spec for spec in TABLES if spec.repository is not None)
EXPORTED = tuple(spec for spec in TABLES if spec.exported)
RECORDS = tuple(spec for spec in TABLES if spec.kind == "records")
SINGLETONS = tuple(spec for spec in EXPORTED if spec.kind == "singleton")
# The exported tables of many documents: the bulk ones first, then the small record tables.
COLLECTIONS = tuple(
    spec for kind in ("activities", "contacts", "records") for spec in EXPORTED if spec.kind == kind
)


def table(name: str) -> TableSpec:
    """The declaration of one table (KeyError if there is none)."""
    return BY_NAME[name]
