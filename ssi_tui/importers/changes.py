"""What an import sees change in the network, while it matches the export's people against the
contacts (see `domain/network.py`): the contacts hold the last import's facts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ssi_tui.domain.models import Contact
from ssi_tui.domain.network import ConnectionChange, same_position

if TYPE_CHECKING:
    from ssi_tui.importers.people import Person
    from ssi_tui.store.repository import Store


class NewContact(NamedTuple):
    """A contact the import adds (saved as a document: `merge.resolve_people`)."""

    id: str
    name: str


class ChangeWatch:
    """Collects job changes, new and removed connections; new ones only once the store knew
    connections before (a first import finds everyone new: that is no news)."""

    def __init__(self, store: Store, today: date) -> None:
        self.today = today
        self.known = [contact for contact in store.contacts.all() if contact.connected_on]
        self.changes: list[ConnectionChange] = []
        self._connected: set[str] = set()  # contacts matched by a connection of the export

    def matched(
        self, stored: Contact | None, person: Person, saved: Contact | NewContact | None
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
                gone.append(contact.model_copy(update={"connected_on": None}))
        return gone

    def _add(
        self,
        kind: str,
        contact: Contact | NewContact,
        *,
        before: Contact | None = None,
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
