"""What an import sees change in the network, while it matches the export's people against the
contacts (see `domain/network.py`): the contacts hold the last import's facts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ssi_tui.domain.models import Contact
from ssi_tui.domain.network import ConnectionChange, same_position

if TYPE_CHECKING:
    from ssi_tui.importers.people import Person
    from ssi_tui.store.repository import Store


class StoredContact(NamedTuple):
    """What an import compares of a stored contact, read from its document: it was validated
    when it was saved, and a model is built (`model`) only for a contact the import changes."""

    id: str
    name: str
    company: str | None
    title: str | None
    profile_url: str | None
    connected_on: date | None
    emails: tuple[str, ...]
    source: str | None
    doc: dict[str, Any]

    @classmethod
    def of(cls, doc: dict[str, Any]) -> StoredContact:
        """The view of a stored document."""
        day = doc.get("connected_on")
        return cls(
            doc["id"],
            doc["name"],
            doc.get("company"),
            doc.get("title"),
            doc.get("profile_url"),
            date.fromisoformat(day) if day else None,
            tuple(doc.get("emails") or ()),
            doc.get("source"),
            doc,
        )

    def model(self) -> Contact:
        """The contact as a model (validated)."""
        return Contact.model_validate(self.doc)


class NewContact(NamedTuple):
    """A contact the import adds (saved as a document: `merge.resolve_people`)."""

    id: str
    name: str


class ChangeWatch:
    """Collects job changes, new and removed connections; new ones only once the store knew
    connections before (a first import finds everyone new: that is no news)."""

    def __init__(self, store: Store, today: date) -> None:
        self.today = today
        self.known = [
            StoredContact.of(doc) for doc in store.contacts.documents() if doc.get("connected_on")
        ]
        self.changes: list[ConnectionChange] = []
        self._connected: set[str] = set()  # contacts matched by a connection of the export

    def matched(
        self,
        stored: StoredContact | None,
        person: Person,
        saved: Contact | StoredContact | NewContact | None,
    ) -> None:
        """One person of the export matched (`stored`: the contact as it was, `saved`: as it
        is saved, or None when the person is not a contact)."""
        if person.connected_on is None or saved is None:
            return
        self._connected.add(saved.id)
        if stored is None or stored.connected_on is None:
            if self.known:
                self._add("new", saved, after=person)
            return
        moved = (
            stored.company and person.company and not same_position(stored.company, person.company)
        )
        promoted = stored.title and person.title and not same_position(stored.title, person.title)
        if moved or promoted:
            self._add("job", saved, before=stored, after=person)

    def removed(self, source: str) -> list[Contact]:
        """The imported connections the export no longer lists (after every person was
        matched): each becomes a change, and its contact is returned with `connected_on`
        cleared (they are no longer connected), to be saved."""
        if not self._connected:  # no Connections file in this export: nothing to compare
            return []
        gone = []
        for contact in self.known:
            if contact.id not in self._connected and contact.source == source:
                self._add("removed", contact, before=contact)
                gone.append(contact.model().model_copy(update={"connected_on": None}))
        return gone

    def _add(
        self,
        kind: str,
        contact: Contact | StoredContact | NewContact,
        *,
        before: StoredContact | None = None,
        after: Person | None = None,
    ) -> None:
        self.changes.append(
            ConnectionChange(
                date=self.today,
                kind=kind,  # type: ignore[arg-type]
                name=contact.name,
                contact_id=contact.id,
                company_before=before.company if before else None,
                title_before=before.title if before else None,
                company_after=after.company if after else None,
                title_after=after.title if after else None,
            )
        )
