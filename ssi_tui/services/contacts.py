"""Contacts: everyone the user works with, their effective audience and last interaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ssi_tui.domain.alignment import GoalIndex, derived_audience
from ssi_tui.domain.models import Contact
from ssi_tui.domain.text import fold
from ssi_tui.services.journal import undoable
from ssi_tui.services.undo import Change

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A contact as the contact list shows it."""

    contact: Contact
    audience: str | None  # their own, else the one their company or title points to
    derived: bool  # the audience comes from the goals (account or role), not the contact
    last: date | None  # the latest activity with them


class ContactService:
    """Read contacts with what scoring knows of them; set a contact's audience."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._store = workspace.store

    def get(self, contact_id: str) -> Contact:
        """One contact (`NotFoundError` when it is gone)."""
        return self._store.contacts.get(contact_id)

    def all(self) -> list[Contact]:
        """Every contact, by name, as stored."""
        return self._store.contacts.all()

    def names(self) -> list[str]:
        """Every contact's name, sorted (for completion)."""
        return self._store.contacts.names()

    def last_interactions(self) -> dict[str, date]:
        """The latest activity date per contact name (case- and blank-insensitive)."""
        latest: dict[str, date] = {}
        for activity in self._store.activities.all():
            if activity.contact:
                key = fold(activity.contact)
                if key not in latest or activity.date > latest[key]:
                    latest[key] = activity.date
        return latest

    def rows(self) -> list[ContactRow]:
        """Every contact, by name, with their effective audience and last interaction."""
        index = GoalIndex(self._store.goals.get())
        latest = self.last_interactions()
        rows = []
        for contact in self._store.contacts.all():
            own = contact.audience
            audience = own or derived_audience(contact.company, contact.title, index)
            rows.append(
                ContactRow(
                    contact,
                    audience,
                    own is None and audience is not None,
                    latest.get(fold(contact.name)),
                )
            )
        return rows

    def set_audience(self, contact_id: str, audience: str | None) -> Contact:
        """Give a contact an audience of the goals (None: let the goals decide)."""
        contact = self.get(contact_id)
        checked = self.workspace.goals.check_audience(audience)
        return self._store.contacts.update(contact.model_copy(update={"audience": checked}))

    @undoable
    def set_audience_undoably(self, contact_id: str, audience: str | None) -> Change[Contact]:
        """`set_audience`, undoably."""
        after = self.set_audience(contact_id, audience)
        return Change(after, f"{after.name}: audience {after.audience or 'from your goals'}")
