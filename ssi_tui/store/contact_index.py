"""The in-memory index of contacts: by id, and by name, profile URL and e-mail address and
the facts scoring reads, built on first use (see `store/indexes.py`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ssi_tui.domain.alignment import ContactFacts
from ssi_tui.domain.text import fold
from ssi_tui.store.documents import normalise_profile_url

Document = dict[str, Any]


def _facts_of(doc: Document) -> ContactFacts | None:
    audience, company, title = doc.get("audience"), doc.get("company"), doc.get("title")
    if audience is None and company is None and title is None:
        return None
    return ContactFacts(audience, company, title)


def _fact_key(doc: Document) -> tuple[str, ContactFacts | None]:
    return fold(doc["name"]), _facts_of(doc)


Lookups = tuple[dict[str, str], dict[str, str], dict[str, str]]  # by name, by URL, by e-mail


class ContactIndex:
    """Every contact document by id; by folded name and profile URL, and the facts scoring uses,
    built on first use (30,000 contacts take ~80 ms that most commands never need)."""

    def __init__(self) -> None:
        self.rebuild({})

    generation = 0
    """Moves on whenever what scoring reads of the contacts may have changed (`facts`)."""

    def rebuild(self, docs: dict[str, Document]) -> None:
        """Reset from merged documents."""
        self.generation += 1
        self._docs = docs
        self._keys: Lookups | None = None
        self._facts: dict[str, ContactFacts] | None = None

    def _add_keys(self, keys: Lookups, doc: Document) -> None:
        """Index by folded name (the first contact keeps a shared name), profile URL and
        e-mail addresses."""
        by_name, by_url, by_email = keys
        by_name.setdefault(fold(doc["name"]), doc["id"])
        url = normalise_profile_url(doc.get("profile_url"))
        if url:
            by_url[url] = doc["id"]
        for address in doc.get("emails") or ():
            by_email.setdefault(address, doc["id"])

    def _lookups(self) -> Lookups:
        if self._keys is None:
            keys: Lookups = ({}, {}, {})
            for doc in self._docs.values():
                self._add_keys(keys, doc)
            self._keys = keys
        return self._keys

    def add(self, doc: Document) -> None:
        """Index a saved document (replacing the one with the same id)."""
        old = self._docs.get(doc["id"])
        generation = self.generation  # (`remove` moves it on; a same-facts edit must not)
        if old is not None:
            self.remove(old)
        if old is None or _fact_key(old) != _fact_key(doc):
            # A new contact without facts changes none; every other difference may.
            generation += _facts_of(doc) is not None or old is not None
        self.generation = generation
        self._docs[doc["id"]] = doc
        if self._facts is not None and self._facts.get(fold(doc["name"])) != _facts_of(doc):
            self._facts = None
        if self._keys is not None:
            self._add_keys(self._keys, doc)

    def remove(self, doc: Document) -> None:
        """Forget a deleted document."""
        self._docs.pop(doc["id"], None)
        self.generation += 1
        if self._facts is not None and fold(doc["name"]) in self._facts:
            self._facts = None
        if self._keys is None:
            return
        by_name, by_url, by_email = self._keys
        if by_name.get(fold(doc["name"])) == doc["id"]:
            del by_name[fold(doc["name"])]
        url = normalise_profile_url(doc.get("profile_url"))
        if url and by_url.get(url) == doc["id"]:
            del by_url[url]
        for address in doc.get("emails") or ():
            if by_email.get(address) == doc["id"]:
                del by_email[address]

    def document(self, contact_id: str) -> Document | None:
        """The stored document of a contact (do not mutate), or None."""
        return self._docs.get(contact_id)

    def documents(self) -> Iterable[Document]:
        """Every stored contact document (do not mutate)."""
        return self._docs.values()

    def count(self) -> int:
        """How many contacts are indexed."""
        return len(self._docs)

    def id_by_name(self, name: str) -> str | None:
        """The id of the contact with this name (compared folded)."""
        return self._lookups()[0].get(fold(name))

    def id_by_url(self, url: str) -> str | None:
        """The id of the contact with this profile URL (normalised)."""
        key = normalise_profile_url(url)
        return self.id_by_key(key) if key else None

    def id_by_key(self, key: str) -> str | None:
        """`id_by_url` for a URL normalised already (`normalise_profile_url`: `/in/<slug>`)."""
        return self._lookups()[1].get(key)

    def id_by_email(self, address: str) -> str | None:
        """The id of the contact with this e-mail address (compared without case)."""
        return self._lookups()[2].get(address.strip().casefold())

    def facts(self) -> dict[str, ContactFacts]:
        """Each contact's audience, company and title by folded name; the same mapping object
        until one of these changes (scoring caches compare it by identity)."""
        if self._facts is None:
            facts: dict[str, ContactFacts] = {}
            for doc in self._docs.values():
                found = _facts_of(doc)
                if found is not None:
                    facts[fold(doc["name"])] = found
            self._facts = facts
        return self._facts
