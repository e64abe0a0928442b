"""`ssi-tui load`: read a JSON export, validate all of it, then write it into the store."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from ssi_tui.domain.catalog import DataFileError, describe_validation_error
from ssi_tui.domain.models import ProfileChecklist, ProfileHistory
from ssi_tui.exports.document import EXPORT_FORMAT, EXPORT_VERSION, SECTIONS
from ssi_tui.store.errors import NotFoundError, StoreError, StoreWriteError
from ssi_tui.store.registry import COLLECTIONS, EXPORTED, RECORDS, SINGLETONS
from ssi_tui.wording import _, number
from ssi_tui.wording.labels import table_count, table_label

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

MAX_FILE_BYTES = 512 * 1024 * 1024
HEADER_KEYS = ("format", "version", "generator", "exported_on")
# Sections a file may lack (written by an earlier ssi-tui).
OPTIONAL_SECTIONS = tuple(spec.history_section for spec in EXPORTED if spec.history_section)
Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class ExportContents:
    """A validated export, ready to write: one entry per exported table of the registry."""

    # singletons: the model (goals, checklist), or the mapping (settings)
    values: dict[str, Any]
    # singletons with dated states: every state (the checklist's history)
    histories: dict[str, ProfileHistory]
    # activities and contacts: models; small record tables: their validated documents
    tables: dict[str, list[Any]]

    @property
    def checklist(self) -> ProfileChecklist:
        """The profile checklist of the export."""
        return self.values["checklist"]

    def holds(self) -> list[str]:
        """What the file holds, as `store_contents` words a store ('120 activities', 'goals')."""
        parts = [
            table_count(spec.name, len(self.tables[spec.name]))
            for spec in COLLECTIONS
            if spec.content and self.tables.get(spec.name)
        ]
        for spec in SINGLETONS:
            value = self.values.get(spec.name)
            if spec.content and spec.model is not None and value not in (None, spec.model()):
                parts.append(table_label(spec.name))
        return parts


@dataclass(slots=True)
class LoadSummary:
    """What `load` wrote, and what it kept from the store (with --merge)."""

    added: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """One line per table."""
        lines = []
        for spec in COLLECTIONS:
            kept = self.kept.get(spec.name, 0)
            added = _("{count} added").format(count=number(self.added.get(spec.name, 0)))
            if kept:
                added += " " + _("({count} already in the store, kept as they were)").format(
                    count=number(kept)
                )
            lines.append(f"  {table_label(spec.name)}: {added}")
        for spec in SINGLETONS:
            if spec.name in self.added:
                done = _("restored") if self.added[spec.name] else _("kept the store’s")
                lines.append(f"  {table_label(spec.name)}: {done}")
        return "\n".join(lines)


def read_export(path: Path) -> ExportContents:
    """Read and validate an export file; any problem is one `DataFileError` naming the place."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DataFileError(
                _(
                    "{path}: {size} bytes is larger than an export can be ({MAX_FILE_BYTES} bytes)"
                ).format(path=path, size=size, MAX_FILE_BYTES=MAX_FILE_BYTES)
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(_("{path}: file not found").format(path=path)) from None
    except UnicodeDecodeError:
        raise DataFileError(
            _("{path}: not UTF-8 text, so not an ssi-tui JSON export").format(path=path)
        ) from None
    except OSError as error:
        raise DataFileError(
            _("{path}: cannot read: {why}").format(path=path, why=error.strerror or error)
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(
            _("{path}: not valid JSON (line {lineno}): {msg}").format(
                path=path, lineno=error.lineno, msg=error.msg
            )
        ) from None
    except RecursionError:
        raise DataFileError(
            _("{path}: nested too deeply to be an ssi-tui export").format(path=path)
        ) from None
    return parse_export(data, str(path))


def _models(source: str, section: str, items: Any, model: type[Model]) -> list[Model]:
    if not isinstance(items, list):
        raise DataFileError(
            _("{source}: {section} must be a list").format(source=source, section=section)
        )
    result = []
    for index, item in enumerate(items):
        try:
            result.append(model.model_validate(item))
        except ValidationError as error:
            raise DataFileError(
                f"{source}: {describe_validation_error(error, {section: items}, at=(section, index))}"
            ) from None
    _unique(source, section, [getattr(item, "id") for item in result])  # noqa: B009
    return result


def _unique(source: str, section: str, ids: Sequence[str]) -> None:
    seen: set[str] = set()
    for index, record_id in enumerate(ids):
        if record_id in seen:
            raise DataFileError(
                _("{source}: {section}[{index}]: id {record_id!r} appears twice").format(
                    source=source, section=section, index=index, record_id=record_id
                )
            )
        seen.add(record_id)


def _one(source: str, section: str, value: Any, model: type[Model]) -> Model:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise DataFileError(
            f"{source}: {describe_validation_error(error, {section: value}, at=(section,))}"
        ) from None


def _records(source: str, section: str, items: Any, model: type[Model]) -> list[dict[str, Any]]:
    """Small record tables: checked against their model, kept as the documents of the file
    (a record without an id gets the one its model gave it)."""
    checked = _models(source, section, items, model)
    return [
        {**item, "id": getattr(record, "id")}  # noqa: B009
        for item, record in zip(items, checked, strict=True)
    ]


def parse_export(data: Any, source: str = "export") -> ExportContents:
    """Validate a parsed export document (format, version, every record) before anything is written."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise DataFileError(
            _(
                '{source}: not an ssi-tui export (expected an object with "format": "{EXPORT_FORMAT}")'
            ).format(source=source, EXPORT_FORMAT=EXPORT_FORMAT)
        )
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise DataFileError(
            _("{source}: version must be a whole number, got {version!r}").format(
                source=source, version=version
            )
        )
    if version > EXPORT_VERSION:
        raise DataFileError(
            _(
                "{source}: written by a newer ssi-tui (export version {version}; this version reads up to {EXPORT_VERSION}): upgrade ssi-tui to load it"
            ).format(source=source, version=version, EXPORT_VERSION=EXPORT_VERSION)
        )
    unknown = sorted(set(data) - set(SECTIONS) - set(HEADER_KEYS) - set(OPTIONAL_SECTIONS))
    if unknown:
        raise DataFileError(
            _("{source}: unknown section {value!r}").format(source=source, value=unknown[0])
        )
    missing = [spec.name for spec in EXPORTED if spec.name not in data and not spec.optional]
    if missing:
        raise DataFileError(
            _("{source}: section {value!r} is missing").format(source=source, value=missing[0])
        )
    values: dict[str, Any] = {}
    tables: dict[str, list[Any]] = {}
    for spec in EXPORTED:
        section = data.get(spec.name, [])  # (an optional section a file may lack: a list)
        if spec.kind == "singleton" and spec.model is None:
            if not isinstance(section, dict):
                raise DataFileError(
                    _("{source}: {name} must be an object").format(source=source, name=spec.name)
                )
            values[spec.name] = dict(section)
        elif spec.kind == "singleton":
            values[spec.name] = _one(source, spec.name, section, spec.model)  # type: ignore[arg-type]
        elif spec.kind == "records":
            tables[spec.name] = _records(source, spec.name, section, spec.model)  # type: ignore[arg-type]
        else:
            tables[spec.name] = _models(source, spec.name, section, spec.model)  # type: ignore[arg-type]
    histories = {
        spec.name: _one(
            source,
            spec.history_section,
            {"entries": data.get(spec.history_section, [])},
            ProfileHistory,
        )
        for spec in SINGLETONS
        if spec.history_section
    }
    return ExportContents(values=values, histories=histories, tables=tables)


def store_contents(store: Store) -> list[str]:
    """What makes a store non-empty for `load` (activities, contacts, readings, plans, goals)."""
    parts = []
    for spec in COLLECTIONS:
        count = store.repository(spec.name).count() if spec.content else 0
        if count:
            parts.append(table_count(spec.name, count))
    for spec in SINGLETONS:
        if spec.content and not store.repository(spec.name).is_default():
            parts.append(table_label(spec.name))
    return parts


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
    tables = contents.tables
    activities = [item for item in tables["activities"] if not _has(store.activities, item.id)]
    names = {contact.key for contact in store.contacts.all()} if merge else set()
    contacts = []
    for contact in tables["contacts"]:
        if contact.key in names or _has(store.contacts, contact.id):
            continue
        names.add(contact.key)
        contacts.append(contact)
    records: dict[str, list[dict[str, Any]]] = {}
    for spec in RECORDS:
        known = store.repository(spec.name).ids()
        records[spec.name] = [doc for doc in tables[spec.name] if doc["id"] not in known]
    # A singleton's value is taken from the file unless, with --merge, the store has its own;
    # a mapping (the settings) is merged key by key, the store's keys winning.
    take = {
        spec.name: not merge or store.repository(spec.name).is_default()
        for spec in SINGLETONS
        if spec.model is not None
    }

    # A checklist without its dated history (an export from before histories, or written by
    # hand) is in force from the first activity, not only from today.
    checklist_on = None
    if take["checklist"] and not contents.histories["checklist"].entries:
        dates = [item.date for item in tables["activities"]]
        first = store.activities.first_date()
        if first is not None:
            dates.append(first)
        checklist_on = min(dates, default=None)
    # The one big commit first: if it fails, nothing at all was written.
    store.save_import(
        activities,
        contacts,
        contents.checklist if take["checklist"] else None,
        checklist_on=checklist_on,
    )
    try:
        for spec in SINGLETONS:
            repository = store.repository(spec.name)
            if spec.model is None:
                current = repository.all()
                value = (
                    {**contents.values[spec.name], **current}
                    if merge
                    else contents.values[spec.name]
                )
                if value != current:
                    repository.replace(value)
            elif take[spec.name] and spec.history_section:
                # the value itself went with the big commit
                if contents.histories[spec.name].entries:
                    repository.restore(contents.histories[spec.name])
            elif take[spec.name]:
                repository.set(contents.values[spec.name])
        for spec in RECORDS:
            repository = store.repository(spec.name)
            for doc in records[spec.name]:
                repository.add_document(doc)
    except StoreError as error:
        raise StoreWriteError(
            _(
                "{error}. The activities and contacts were loaded but not everything else: run the same `ssi-tui load FILE --merge` again to finish"
            ).format(error=error)
        ) from None
    return LoadSummary(
        added={
            "activities": len(activities),
            "contacts": len(contacts),
            **{name: len(docs) for name, docs in records.items()},
            **{name: int(taken) for name, taken in take.items()},
            **{spec.name: int(not merge) for spec in SINGLETONS if spec.model is None},
        },
        kept={
            "activities": len(tables["activities"]) - len(activities),
            "contacts": len(tables["contacts"]) - len(contacts),
            **{name: len(tables[name]) - len(docs) for name, docs in records.items()},
        },
    )
