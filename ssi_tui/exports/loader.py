"""`ssi-tui load`: read a JSON export, validate all of it, then write it into the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from ssi_tui.domain.catalog import DataFileError, describe_validation_error
from ssi_tui.domain.models import (
    Activity,
    Contact,
    Goals,
    ProfileChecklist,
    ProfileHistory,
    SSIReading,
)
from ssi_tui.exports.document import EXPORT_FORMAT, EXPORT_VERSION, RECORD_TABLES, SECTIONS
from ssi_tui.store.errors import NotFoundError, StoreError, StoreWriteError

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

MAX_FILE_BYTES = 512 * 1024 * 1024
HEADER_KEYS = ("format", "version", "generator", "exported_on")
# Sections a file may lack (written by an earlier ssi-tui).
OPTIONAL_SECTIONS = ("checklist_history",)
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class ExportContents:
    """A validated export, ready to write."""

    goals: Goals
    checklist: ProfileChecklist
    settings: dict[str, Any]
    readings: list[SSIReading]
    contacts: list[Contact]
    activities: list[Activity]
    records: dict[str, list[dict[str, Any]]]
    checklist_history: ProfileHistory


@dataclass(slots=True)
class LoadSummary:
    """What `load` wrote, and what it kept from the store (with --merge)."""

    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """One line per table."""
        lines = []
        for name in ("activities", "contacts", "readings", *RECORD_TABLES):
            kept = self.kept.get(name, 0)
            extra = f" ({kept} already in the store, kept as they were)" if kept else ""
            lines.append(f"  {name.replace('_', ' ')}: {self.added.get(name, 0)} added{extra}")
        for name in ("goals", "checklist", "settings"):
            if name in self.added:
                lines.append(f"  {name}: {'restored' if self.added[name] else 'kept the store’s'}")
        return "\n".join(lines)


def read_export(path: Path) -> ExportContents:
    """Read and validate an export file; any problem is one `DataFileError` naming the place."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{path}: {size} bytes is larger than an export can be ({MAX_FILE_BYTES} bytes)"
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{path}: not UTF-8 text, so not an ssi-tui JSON export") from None
    except OSError as error:
        raise DataFileError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(f"{path}: not valid JSON (line {error.lineno}): {error.msg}") from None
    except RecursionError:
        raise DataFileError(f"{path}: nested too deeply to be an ssi-tui export") from None
    return parse_export(data, str(path))


def _models(source: str, section: str, items: Any, model: type[Model]) -> list[Model]:
    if not isinstance(items, list):
        raise DataFileError(f"{source}: {section} must be a list")
    result = []
    for index, item in enumerate(items):
        try:
            result.append(model.model_validate(item))
        except ValidationError as error:
            raise DataFileError(
                f"{source}: {section}[{index}].{describe_validation_error(error)}"
            ) from None
    _unique(source, section, [getattr(item, "id") for item in result])  # noqa: B009
    return result


def _unique(source: str, section: str, ids: Sequence[str]) -> None:
    seen: set[str] = set()
    for index, record_id in enumerate(ids):
        if record_id in seen:
            raise DataFileError(f"{source}: {section}[{index}]: id {record_id!r} appears twice")
        seen.add(record_id)


def _one(source: str, section: str, value: Any, model: type[Model]) -> Model:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise DataFileError(f"{source}: {section}.{describe_validation_error(error)}") from None


def _records(source: str, section: str, items: Any) -> list[dict[str, Any]]:
    """Plans and plan events: checked against their model, kept as the raw stored documents."""
    from ssi_tui.domain.plans import Plan, PlanEvent

    model = {"plans": Plan, "plan_events": PlanEvent}[section]
    _models(source, section, items, model)
    return [dict(item) for item in items]


def parse_export(data: Any, source: str = "export") -> ExportContents:
    """Validate a parsed export document (format, version, every record) before anything is written."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise DataFileError(
            f'{source}: not an ssi-tui export (expected an object with "format": "{EXPORT_FORMAT}")'
        )
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise DataFileError(f"{source}: version must be a whole number, got {version!r}")
    if version > EXPORT_VERSION:
        raise DataFileError(
            f"{source}: written by a newer ssi-tui (export version {version}; this version reads "
            f"up to {EXPORT_VERSION}): upgrade ssi-tui to load it"
        )
    unknown = sorted(set(data) - set(SECTIONS) - set(HEADER_KEYS) - set(OPTIONAL_SECTIONS))
    if unknown:
        raise DataFileError(f"{source}: unknown section {unknown[0]!r}")
    missing = [name for name in SECTIONS if name not in data]
    if missing:
        raise DataFileError(f"{source}: section {missing[0]!r} is missing")
    settings = data["settings"]
    if not isinstance(settings, dict):
        raise DataFileError(f"{source}: settings must be an object")
    return ExportContents(
        goals=_one(source, "goals", data["goals"], Goals),
        checklist=_one(source, "checklist", data["checklist"], ProfileChecklist),
        settings=dict(settings),
        readings=_models(source, "readings", data["readings"], SSIReading),
        contacts=_models(source, "contacts", data["contacts"], Contact),
        activities=_models(source, "activities", data["activities"], Activity),
        records={table: _records(source, table, data[table]) for table in RECORD_TABLES},
        checklist_history=_one(
            source,
            "checklist_history",
            {"entries": data.get("checklist_history", [])},
            ProfileHistory,
        ),
    )


def store_contents(store: Store) -> list[str]:
    """What makes a store non-empty for `load` (activities, contacts, readings, plans, goals)."""
    parts = []
    for name, count in (
        ("activities", store.activities.count()),
        ("contacts", store.contacts.count()),
        ("readings", len(store.table_data("readings"))),
        ("plans", len(store.table_data("plans"))),
    ):
        if count:
            parts.append(f"{count} {name}")
    if store.goals.get() != Goals():
        parts.append("goals")
    return parts


def _known_ids(store: Store, table: str) -> set[str]:
    return {str(doc.get("id")) for doc in store.table_data(table).values()}


def _has(repository: Any, record_id: str) -> bool:
    try:
        repository.get(record_id)
    except NotFoundError:
        return False
    return True


def restore(store: Store, contents: ExportContents, *, merge: bool = False) -> LoadSummary:
    """Write a validated export into the store.

    Into an empty store everything is written. With `merge`, records whose id is already in the
    store (and contacts whose name is) are kept as they are, and the store's own goals, checklist
    and settings win over the file's. Activities, contacts and the checklist are one commit; the
    small tables (goals, settings, readings, plans, plan events) follow.
    """
    activities = [item for item in contents.activities if not _has(store.activities, item.id)]
    names = {contact.key for contact in store.contacts.all()} if merge else set()
    contacts = []
    for contact in contents.contacts:
        if contact.key in names or _has(store.contacts, contact.id):
            continue
        names.add(contact.key)
        contacts.append(contact)
    known_readings = _known_ids(store, "readings")
    readings = [reading for reading in contents.readings if reading.id not in known_readings]
    records = {
        table: [doc for doc in contents.records[table] if doc["id"] not in _known_ids(store, table)]
        for table in RECORD_TABLES
    }
    take_goals = not merge or store.goals.get() == Goals()
    take_checklist = not merge or store.checklist.get() == ProfileChecklist()
    settings = {**contents.settings, **store.settings.all()} if merge else contents.settings

    # The one big commit first: if it fails, nothing at all was written.
    store.save_import(activities, contacts, contents.checklist if take_checklist else None)
    try:
        if take_checklist and contents.checklist_history.entries:
            store.checklist.restore(contents.checklist_history)
        if take_goals:
            store.goals.set(contents.goals)
        if settings != store.settings.all():
            store.put_document("settings", 1, {"value": settings})
        for reading in readings:
            store.readings.add(reading)
        for table in RECORD_TABLES:
            for doc in records[table]:
                store.put_document(table, store.next_doc_id(table), doc)
    except StoreError as error:
        raise StoreWriteError(
            f"{error}. The activities and contacts were loaded but not everything else: run "
            "the same `ssi-tui load FILE --merge` again to finish"
        ) from None
    return LoadSummary(
        added={
            "activities": len(activities),
            "contacts": len(contacts),
            "readings": len(readings),
            **{table: len(records[table]) for table in RECORD_TABLES},
            "goals": int(take_goals),
            "checklist": int(take_checklist),
            "settings": int(not merge),
        },
        kept={
            "activities": len(contents.activities) - len(activities),
            "contacts": len(contents.contacts) - len(contacts),
            "readings": len(contents.readings) - len(readings),
            **{
                table: len(contents.records[table]) - len(records[table]) for table in RECORD_TABLES
            },
        },
    )
