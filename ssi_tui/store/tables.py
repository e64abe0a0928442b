"""Repositories over the store's tables: what screens and commands call, never TinyDB itself."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.models import ProfileChecklist, ProfileHistory, SSIReading
from ssi_tui.store.activities import Activities
from ssi_tui.store.contacts import Contacts
from ssi_tui.store.documents import activity_from_doc, normalise_profile_url
from ssi_tui.store.errors import NotFoundError
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.store.registry import TableSpec
    from ssi_tui.store.repository import Store

Model = TypeVar("Model", bound=BaseModel)
# What to do about a stored record that no longer validates, when nothing better applies.
RESTORE_REMEDY = "restore a backup (`ssi-tui restore --list`)"


class Singleton(Generic[Model]):
    """A table holding one document (goals, checklist)."""

    def __init__(self, store: Store, spec: TableSpec) -> None:
        self._store = store
        self._table = spec.name
        self._model = cast("type[Model]", spec.model)

    def get(self) -> Model:
        """The stored value, or the model's defaults when nothing is stored yet."""
        document = self._store.table_data(self._table).get("1")
        if document is None:
            return self._model()
        return self._model.model_validate(document["value"])

    def set(self, value: Model) -> Model:
        """Replace the stored value."""
        self._store.put_document(self._table, 1, {"value": value.model_dump(mode="json")})
        return value

    def is_default(self) -> bool:
        """Whether nothing but the model's defaults is stored (a `load --merge` may replace it)."""
        return self.get() == self._model()

    def export(self) -> Any:
        """The value as the export's section holds it."""
        return self.get().model_dump(mode="json")


class Checklist(Singleton[ProfileChecklist]):
    """The profile checklist, and every earlier state of it with the day it was recorded (in
    the same document: a score as of a date uses the checklist in force that day)."""

    def history(self, undated_since: date | None = None) -> ProfileHistory:
        """Every recorded state, oldest first. A checklist saved before states were dated
        counts from `undated_since` (e.g. the first activity), or from always when None."""
        document = self._store.table_data(self._table).get("1")
        if document is None:
            return ProfileHistory()
        entries = document.get("history")
        if entries:
            return ProfileHistory.model_validate({"entries": entries})
        since = undated_since or date.min
        return ProfileHistory.model_validate(
            {"entries": [{"since": since, "checklist": document["value"]}]}
        )

    def document(self, value: ProfileChecklist, on: date | None = None) -> dict[str, Any]:
        """The stored document once `value` is recorded as in force from `on` (default: the
        system's today)."""
        day = on or date.today()
        history = self.history(undated_since=day) if self.history().entries else ProfileHistory()
        changed = history.changed(day, value)
        return {
            "value": value.model_dump(mode="json"),
            "history": [entry.model_dump(mode="json") for entry in changed.entries],
        }

    def restore(self, history: ProfileHistory) -> None:
        """Replace every recorded state (a `load` of an export)."""
        self._store.put_document(
            self._table,
            1,
            {
                "value": history.current.model_dump(mode="json"),
                "history": [entry.model_dump(mode="json") for entry in history.entries],
            },
        )

    def export_history(self) -> list[dict[str, Any]]:
        """Every recorded state, as the export's `checklist_history` section holds them."""
        return self.history().model_dump(mode="json")["entries"]

    def set(self, value: ProfileChecklist, on: date | None = None) -> ProfileChecklist:
        """Record `value` as the checklist from `on` (default: the system's today) on."""
        self._store.put_document(self._table, 1, self.document(value, on))
        return value


class Settings:
    """Small user preferences (theme…), as one key-value document."""

    def __init__(self, store: Store, spec: TableSpec) -> None:
        self._store = store
        self._table = spec.name

    def all(self) -> dict[str, Any]:
        """Every setting."""
        document = self._store.table_data(self._table).get("1")
        return dict(document["value"]) if document else {}

    def replace(self, values: dict[str, Any]) -> None:
        """Replace every setting at once (a `load` of an export)."""
        self._store.put_document(self._table, 1, {"value": dict(values)})

    def is_default(self) -> bool:
        """Whether no setting is stored."""
        return not self.all()

    def export(self) -> dict[str, Any]:
        """Every setting, as the export's section holds them."""
        return self.all()

    def get(self, key: str, default: Any = None) -> Any:
        """One setting."""
        return self.all().get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Save one setting."""
        values = self.all()
        values[key] = value
        self.replace(values)


class Records(Generic[Model]):
    """A small table of models with an `id` field (readings, plans…), kept in the hot file."""

    def __init__(self, store: Store, spec: TableSpec) -> None:
        self._store = store
        self._table = spec.name
        self._model = cast("type[Model]", spec.model)
        self._order = spec.order
        self._raw = spec.raw_documents
        self.noun = spec.name.removesuffix("s").replace("_", " ")
        self._remedy = spec.remedy

    def all(self) -> list[Model]:
        """Every record, ordered. A stored document that no longer validates (edited by hand) is
        left out rather than blocking the rest: `problems()` names it."""
        return self._valid(self._store.table_data(self._table).values())

    def since(self, first: date) -> list[Model]:
        """The valid records whose order field (a date) is `first` or later, ordered; the
        others are not even validated (a report reads only the recent ones)."""
        bound = first.isoformat()
        return self._valid(
            doc
            for doc in self._store.table_data(self._table).values()
            if isinstance(value := doc.get(self._order), str) and value >= bound
        )

    def _valid(self, docs: Iterable[dict[str, Any]]) -> list[Model]:
        records = []
        for doc in docs:
            try:
                records.append(self._model.model_validate(doc))
            except ValidationError:
                continue
        records.sort(key=lambda record: (getattr(record, self._order, ""), record.id))  # type: ignore[attr-defined]
        return records

    def invalid(self) -> dict[str, str]:
        """For each stored document that `all()` leaves out, its id and one line naming it, what
        is wrong and how to get rid of it."""
        found = {}
        for doc in self._store.table_data(self._table).values():
            try:
                self._model.model_validate(doc)
            except ValidationError as error:
                record_id = str(doc.get("id") or "?")
                remedy = self._remedy.format(id=record_id[:8]) if doc.get("id") else RESTORE_REMEDY
                found[record_id] = _(
                    "stored {noun} {value} is invalid ({why}) and is ignored; {remedy}"
                ).format(
                    noun=self.noun,
                    value=record_id[:8],
                    why=describe_validation_error(error, doc),
                    remedy=remedy,
                )
        return found

    def problems(self) -> list[str]:
        """The lines of `invalid()`."""
        return list(self.invalid().values())

    def count(self) -> int:
        """How many documents are stored, valid or not."""
        return len(self._store.table_data(self._table))

    def ids(self) -> set[str]:
        """The ids of every stored document, valid or not."""
        return {str(doc.get("id")) for doc in self._store.table_data(self._table).values()}

    def export(self) -> list[dict[str, Any]]:
        """The export's section: the stored documents in the order they were added, for a
        table of raw documents; else every valid record, ordered, dumped from its model."""
        if not self._raw:
            return [record.model_dump(mode="json") for record in self.all()]
        data = self._store.table_data(self._table)
        return [dict(data[key]) for key in sorted(data, key=int)]

    def add_document(self, doc: dict[str, Any]) -> None:
        """Store a new record from an export's document (already validated by the loader):
        as it is for a table of raw documents, else through the model."""
        if self._raw:
            self._store.put_document(self._table, self._store.next_doc_id(self._table), dict(doc))
        else:
            self.add(self._model.model_validate(doc))

    def remove(self, record_id: str) -> None:
        """Remove a stored document by id, valid or not."""
        doc_id, _ = self._find(record_id)
        self._store.remove_document(self._table, doc_id)

    def get(self, record_id: str) -> Model:
        """One record by id."""
        doc = self._find(record_id)[1]
        return self._model.model_validate(doc)

    def add(self, record: Model) -> Model:
        """Store a new record (or replace one with the same id)."""
        doc = record.model_dump(mode="json")
        try:
            doc_id, _ = self._find(doc["id"])
        except NotFoundError:
            doc_id = self._store.next_doc_id(self._table)
        self._store.put_document(self._table, doc_id, doc)
        return record

    update = add

    def delete(self, record_id: str) -> Model:
        """Remove a record; returns it (for undo)."""
        doc_id, doc = self._find(record_id)
        self._store.remove_document(self._table, doc_id)
        return self._model.model_validate(doc)

    def _find(self, record_id: str) -> tuple[int, dict[str, Any]]:
        for doc_id, doc in self._store.table_data(self._table).items():
            if doc.get("id") == record_id:
                return int(doc_id), doc
        raise NotFoundError(
            _("no {value} with id {record_id!r}").format(
                value=self._table[:-1], record_id=record_id
            )
        )


class Readings(Records[SSIReading]):
    """Official SSI readings, oldest first."""

    def latest(self, on_or_before: date | None = None) -> SSIReading | None:
        """The most recent reading (up to a date)."""
        readings = [r for r in self.all() if on_or_before is None or r.date <= on_or_before]
        return readings[-1] if readings else None


__all__ = [
    "Activities",
    "Checklist",
    "Contacts",
    "Readings",
    "Records",
    "Settings",
    "Singleton",
    "activity_from_doc",
    "normalise_profile_url",
]
