"""The contacts repository: reads from the in-memory index, writes through the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.alignment import ContactFacts
from ssi_tui.domain.models import Contact
from ssi_tui.domain.text import fold
from ssi_tui.store.errors import NotFoundError
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.store.registry import TableSpec
    from ssi_tui.store.repository import Store


class Contacts:
    """All contacts, indexed by id, case-insensitive name and normalised profile URL."""

    def __init__(self, store: Store, spec: TableSpec | None = None) -> None:
        self._store = store
        self._index = store.indexes.contacts

    def facts(self) -> dict[str, ContactFacts]:
        """What scoring may use as evidence, by folded name: each contact's audience (set by the
        user), company and title. The same mapping object is handed out until one of these
        changes (scoring caches compare it by identity); built on first use."""
        return self._index.facts()

    @property
    def generation(self) -> int:
        """Moves on whenever the facts scoring reads (`facts`) may have changed."""
        return self._index.generation

    def count(self) -> int:
        """How many contacts are stored."""
        return self._index.count()

    def get(self, contact_id: str) -> Contact:
        """One contact by id."""
        doc = self._index.document(contact_id)
        if doc is None:
            raise NotFoundError(
                _("no contact with id {contact_id!r}").format(contact_id=contact_id)
            )
        return Contact.model_validate(doc)

    def find(self, name: str) -> Contact | None:
        """The contact with this name, compared case- and blank-insensitively."""
        contact_id = self._index.id_by_name(name)
        return self.get(contact_id) if contact_id else None

    def by_url(self, url: str) -> Contact | None:
        """The contact with this LinkedIn profile URL (normalised)."""
        contact_id = self._index.id_by_url(url)
        return self.get(contact_id) if contact_id else None

    def document_by_name(self, name: str) -> dict[str, Any] | None:
        """`find`'s stored document, no model built (do not mutate): for comparing many."""
        contact_id = self._index.id_by_name(name)
        return self._index.document(contact_id) if contact_id else None

    def document_by_key(self, key: str) -> dict[str, Any] | None:
        """The stored document of the contact whose profile URL normalises to `key` (`/in/<slug>`,
        as `documents.normalise_profile_url` gives it), no model built (do not mutate): for
        comparing many."""
        contact_id = self._index.id_by_key(key)
        return self._index.document(contact_id) if contact_id else None

    def documents(self) -> Iterable[dict[str, Any]]:
        """Every stored contact document, no model built (do not mutate): for comparing many
        (an import's 30,000 people: a model each cost 15 µs of validation)."""
        return self._index.documents()

    def by_email(self, address: str) -> Contact | None:
        """The contact with this e-mail address (compared without case)."""
        contact_id = self._index.id_by_email(address)
        return self.get(contact_id) if contact_id else None

    def all(self) -> list[Contact]:
        """Every contact, by name."""
        contacts = [Contact.model_validate(doc) for doc in self._index.documents()]
        contacts.sort(key=lambda contact: (contact.key, contact.id))
        return contacts

    def names(self) -> list[str]:
        """Every contact name (for type-ahead)."""
        return sorted((doc["name"] for doc in self._index.documents()), key=fold)

    def export(self) -> list[dict[str, Any]]:
        """Every contact as JSON-ready documents, by name (the export's section)."""
        return [contact.model_dump(mode="json") for contact in self.all()]

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
