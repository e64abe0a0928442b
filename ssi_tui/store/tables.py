"""Repositories over the store's tables: what screens and commands call, never TinyDB itself."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import unquote

from pydantic import BaseModel, ValidationError

from ssi_tui.domain.alignment import ContactFacts
from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.models import (
    Activity,
    Contact,
    Goals,
    ProfileChecklist,
    ProfileHistory,
    SSIReading,
)
from ssi_tui.domain.records import ActivityRecord
from ssi_tui.domain.text import fold
from ssi_tui.store.errors import NotFoundError

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

Model = TypeVar("Model", bound=BaseModel)
# What to do about a stored record that no longer validates, when nothing better applies.
RESTORE_REMEDY = "restore a backup (`ssi-tui restore --list`)"


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


class Singleton(Generic[Model]):
    """A table holding one document (goals, checklist)."""

    def __init__(self, store: Store, table: str, model: type[Model]) -> None:
        self._store = store
        self._table = table
        self._model = model

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


class Checklist(Singleton[ProfileChecklist]):
    """The profile checklist, and every earlier state of it with the day it was recorded (in
    the same document: a score as of a date uses the checklist in force that day)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store, "checklist", ProfileChecklist)

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

    def set(self, value: ProfileChecklist, on: date | None = None) -> ProfileChecklist:
        """Record `value` as the checklist from `on` (default: the system's today) on."""
        self._store.put_document(self._table, 1, self.document(value, on))
        return value


class Settings:
    """Small user preferences (theme…), as one key-value document."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self) -> dict[str, Any]:
        """Every setting."""
        document = self._store.table_data("settings").get("1")
        return dict(document["value"]) if document else {}

    def get(self, key: str, default: Any = None) -> Any:
        """One setting."""
        return self.all().get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Save one setting."""
        values = self.all()
        values[key] = value
        self._store.put_document("settings", 1, {"value": values})


class Records(Generic[Model]):
    """A small table of models with an `id` field (readings, plans…), kept in the hot file."""

    def __init__(
        self,
        store: Store,
        table: str,
        model: type[Model],
        order: str = "date",
        *,
        remedy: str = RESTORE_REMEDY,
    ) -> None:
        self._store = store
        self._table = table
        self._model = model
        self._order = order
        self.noun = table.removesuffix("s").replace("_", " ")
        self._remedy = remedy

    def all(self) -> list[Model]:
        """Every record, ordered. A stored document that no longer validates (edited by hand) is
        left out rather than blocking the rest: `problems()` names it."""
        records = []
        for doc in self._store.table_data(self._table).values():
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
                found[record_id] = (
                    f"stored {self.noun} {record_id[:8]} is invalid "
                    f"({describe_validation_error(error)}) and is ignored; {remedy}"
                )
        return found

    def problems(self) -> list[str]:
        """The lines of `invalid()`."""
        return list(self.invalid().values())

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
        raise NotFoundError(f"no {self._table[:-1]} with id {record_id!r}")


class Readings(Records[SSIReading]):
    """Official SSI readings, oldest first."""

    def latest(self, on_or_before: date | None = None) -> SSIReading | None:
        """The most recent reading (up to a date)."""
        readings = [r for r in self.all() if on_or_before is None or r.date <= on_or_before]
        return readings[-1] if readings else None


_ACTIVITY_DEFAULTS = {
    name: field.default
    for name, field in Activity.model_fields.items()
    if not field.is_required() and field.default_factory is None
}
_ACTIVITY_FIELDS = frozenset(Activity.model_fields)


def activity_from_doc(doc: dict[str, Any]) -> Activity:
    """Rebuild an activity from a stored document, fast.

    Documents were validated when saved, so this skips pydantic's validation (what
    `model_construct` does, without its per-field overhead: ~10x faster, which matters for a
    52-week history over tens of thousands of activities). Unknown keys are dropped, the date is
    parsed strictly, and the domain tolerates odd values in a hand-edited store.
    """
    if doc.keys() <= _ACTIVITY_FIELDS:  # the usual case: one C-level merge, no filtering
        values = {**_ACTIVITY_DEFAULTS, **doc}
        fields_set = set(doc)
    else:
        values = dict(_ACTIVITY_DEFAULTS)
        values.update((key, value) for key, value in doc.items() if key in _ACTIVITY_FIELDS)
        fields_set = set(doc) & values.keys()
    values["date"] = date.fromisoformat(doc["date"])
    if values.get("occurrence"):
        values["occurrence"] = date.fromisoformat(values["occurrence"])
    activity = Activity.__new__(Activity)
    object.__setattr__(activity, "__dict__", values)
    object.__setattr__(activity, "__pydantic_fields_set__", fields_set)
    object.__setattr__(activity, "__pydantic_extra__", None)
    object.__setattr__(activity, "__pydantic_private__", None)
    return activity


class Activities:
    """All activities: history segments plus the hot table, indexed by date in memory."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._models: dict[str, Activity] = {}
        self._records: dict[str, ActivityRecord] = {}

    # -- index maintenance (called by the store) ---------------------------------------
    def rebuild(self, docs: dict[str, dict[str, Any]], dismissed: set[str] | None = None) -> None:
        """Reset the in-memory index from merged documents (and the import keys of deleted
        imported activities)."""
        self._docs = docs
        by_date = [(doc["date"], activity_id) for activity_id, doc in docs.items()]
        # (date, id) order in two stable sorts on one string each: half the time of sorting
        # the tuples themselves on 100,000 activities (tuple comparisons are slow).
        by_date.sort(key=itemgetter(1))
        by_date.sort(key=itemgetter(0))
        self._by_date = by_date
        self._external = {doc["external_id"] for doc in docs.values() if doc.get("external_id")}
        self._dismissed = dismissed or set()
        self.clear_caches()

    def clear_caches(self) -> None:
        """Forget the models and records built so far (they are rebuilt on demand)."""
        self._models.clear()
        self._records.clear()

    def _index(self, doc: dict[str, Any]) -> None:
        old = self._docs.get(doc["id"])
        if old is not None:
            self._unindex(old)
        self._docs[doc["id"]] = doc
        bisect.insort(self._by_date, (doc["date"], doc["id"]))
        if doc.get("external_id"):
            self._external.add(doc["external_id"])
            self._dismissed.discard(doc["external_id"])
        self._models.pop(doc["id"], None)
        self._records.pop(doc["id"], None)

    def _unindex(self, doc: dict[str, Any]) -> None:
        key = (doc["date"], doc["id"])
        position = bisect.bisect_left(self._by_date, key)
        if position < len(self._by_date) and self._by_date[position] == key:
            del self._by_date[position]
        self._docs.pop(doc["id"], None)
        self._models.pop(doc["id"], None)
        self._records.pop(doc["id"], None)
        if doc.get("external_id"):
            self._external.discard(doc["external_id"])

    # -- reads ---------------------------------------------------------------------------
    def count(self) -> int:
        """How many activities are stored."""
        return len(self._docs)

    def _model(self, activity_id: str) -> Activity:
        model = self._models.get(activity_id)
        if model is None:
            model = activity_from_doc(self._docs[activity_id])
            self._models[activity_id] = model
        return model

    def get(self, activity_id: str) -> Activity:
        """One activity by id."""
        if activity_id not in self._docs:
            raise NotFoundError(f"no activity with id {activity_id!r}")
        return self._model(activity_id)

    def all(self) -> list[Activity]:
        """Every activity, oldest first."""
        return [self._model(activity_id) for _, activity_id in self._by_date]

    def between(self, start: date | None, end: date | None) -> list[Activity]:
        """Activities dated from `start` to `end` inclusive (either may be open), oldest first."""
        low = bisect.bisect_left(self._by_date, (start.isoformat(),)) if start else 0
        high = (
            bisect.bisect_left(self._by_date, ((end.isoformat() + "~"),))
            if end
            else len(self._by_date)
        )
        return [self._model(activity_id) for _, activity_id in self._by_date[low:high]]

    def records_between(self, start: date | None, end: date | None) -> list[ActivityRecord]:
        """Like `between`, as light read-only records (what scoring needs; kept between calls)."""
        low = bisect.bisect_left(self._by_date, (start.isoformat(),)) if start else 0
        high = (
            bisect.bisect_left(self._by_date, ((end.isoformat() + "~"),))
            if end
            else len(self._by_date)
        )
        records = self._records
        docs = self._docs
        result = []
        for _, activity_id in self._by_date[low:high]:
            record = records.get(activity_id)
            if record is None:
                record = records[activity_id] = ActivityRecord.from_doc(docs[activity_id])
            result.append(record)
        return result

    def first_date(self) -> date | None:
        """Date of the oldest activity."""
        return date.fromisoformat(self._by_date[0][0]) if self._by_date else None

    def has_external(self, external_id: str) -> bool:
        """Whether an imported row with this stable key is stored already, or was stored and
        then deleted by hand (an import never brings back what the user deleted)."""
        return external_id in self._external or external_id in self._dismissed

    def external_ids(self) -> set[str]:
        """Stable keys of every imported activity."""
        return set(self._external)

    # -- writes --------------------------------------------------------------------------
    def add(self, activity: Activity) -> Activity:
        """Store a new activity (or replace the one with the same id); durable on return."""
        self._store.save_activity_docs([activity.model_dump(mode="json")])
        return activity

    update = add
    restore = add

    def add_many(self, activities: Iterable[Activity]) -> int:
        """Store many activities in one atomic save (large batches go to a history segment)."""
        docs = [activity.model_dump(mode="json") for activity in activities]
        if docs:
            self._store.save_bulk(docs, [])
        return len(docs)

    def delete(self, activity_id: str) -> Activity:
        """Remove an activity; returns it so it can be restored (undo)."""
        activity = self.get(activity_id)
        self._store.delete_activity(activity_id)
        return activity


def _add_keys(
    keys: tuple[dict[str, str], dict[str, str]], contact_id: str, doc: dict[str, Any]
) -> None:
    """Index a contact by folded name (the first one keeps a shared name) and profile URL."""
    by_name, by_url = keys
    by_name.setdefault(fold(doc["name"]), contact_id)
    url = normalise_profile_url(doc.get("profile_url"))
    if url:
        by_url[url] = contact_id


def _facts_of(doc: dict[str, Any]) -> ContactFacts | None:
    audience, company, title = doc.get("audience"), doc.get("company"), doc.get("title")
    if audience is None and company is None and title is None:
        return None
    return ContactFacts(audience, company, title)


class Contacts:
    """All contacts, indexed by id, case-insensitive name and normalised profile URL."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def rebuild(self, docs: dict[str, dict[str, Any]]) -> None:
        """Reset from merged documents (the name and URL indexes are built on first use)."""
        self._docs = docs
        self._keys: tuple[dict[str, str], dict[str, str]] | None = None
        self._facts: dict[str, ContactFacts] | None = None

    def facts(self) -> dict[str, ContactFacts]:
        """What scoring may use as evidence, by folded name: each contact's audience (set by the
        user), company and title. The same mapping object is handed out until one of these
        changes (scoring caches compare it by identity); built on first use."""
        if self._facts is None:
            facts: dict[str, ContactFacts] = {}
            for doc in self._docs.values():
                found = _facts_of(doc)
                if found is not None:
                    facts[fold(doc["name"])] = found
            self._facts = facts
        return self._facts

    def _facts_changed(self, doc: dict[str, Any]) -> None:
        if self._facts is not None and self._facts.get(fold(doc["name"])) != _facts_of(doc):
            self._facts = None

    def _indexes(self) -> tuple[dict[str, str], dict[str, str]]:
        """(folded name → id, normalised profile URL → id). Built on first use: 30,000 contacts
        take ~80 ms that a score, a history or most commands never need."""
        if self._keys is None:
            keys: tuple[dict[str, str], dict[str, str]] = ({}, {})
            for contact_id, doc in self._docs.items():
                _add_keys(keys, contact_id, doc)
            self._keys = keys
        return self._keys

    def _index(self, doc: dict[str, Any]) -> None:
        old = self._docs.get(doc["id"])
        if old is not None:
            self._unindex(old)
        self._docs[doc["id"]] = doc
        self._facts_changed(doc)
        if self._keys is not None:
            _add_keys(self._keys, doc["id"], doc)

    def _unindex(self, doc: dict[str, Any]) -> None:
        self._docs.pop(doc["id"], None)
        if self._facts is not None and fold(doc["name"]) in self._facts:
            self._facts = None
        if self._keys is None:
            return
        by_name, by_url = self._keys
        if by_name.get(fold(doc["name"])) == doc["id"]:
            del by_name[fold(doc["name"])]
        url = normalise_profile_url(doc.get("profile_url"))
        if url and by_url.get(url) == doc["id"]:
            del by_url[url]

    def count(self) -> int:
        """How many contacts are stored."""
        return len(self._docs)

    def get(self, contact_id: str) -> Contact:
        """One contact by id."""
        try:
            return Contact.model_validate(self._docs[contact_id])
        except KeyError:
            raise NotFoundError(f"no contact with id {contact_id!r}") from None

    def find(self, name: str) -> Contact | None:
        """The contact with this name, compared case- and blank-insensitively."""
        contact_id = self._indexes()[0].get(fold(name))
        return self.get(contact_id) if contact_id else None

    def by_url(self, url: str) -> Contact | None:
        """The contact with this LinkedIn profile URL (normalised)."""
        key = normalise_profile_url(url)
        contact_id = self._indexes()[1].get(key) if key else None
        return self.get(contact_id) if contact_id else None

    def all(self) -> list[Contact]:
        """Every contact, by name."""
        contacts = [Contact.model_validate(doc) for doc in self._docs.values()]
        contacts.sort(key=lambda contact: (contact.key, contact.id))
        return contacts

    def names(self) -> list[str]:
        """Every contact name (for type-ahead)."""
        return sorted((doc["name"] for doc in self._docs.values()), key=fold)

    def add(self, contact: Contact) -> Contact:
        """Store a new contact (or replace the one with the same id)."""
        self._store.save_bulk([], [contact.model_dump(mode="json")])
        return contact

    update = add

    def upsert_many(self, contacts: Iterable[Contact]) -> int:
        """Store many contacts in one atomic save."""
        docs = [contact.model_dump(mode="json") for contact in contacts]
        if docs:
            self._store.save_bulk([], docs)
        return len(docs)

    def delete(self, contact_id: str) -> Contact:
        """Remove a contact; returns it."""
        contact = self.get(contact_id)
        self._store.delete_contact(contact_id)
        return contact


__all__ = [
    "Activities",
    "Checklist",
    "Contacts",
    "Goals",
    "ProfileChecklist",
    "Readings",
    "Records",
    "Settings",
    "Singleton",
    "normalise_profile_url",
]
