"""Contacts: everyone the user works with, their effective audience and last interaction."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ssi_tui.domain.alignment import GoalIndex
from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.models import Contact, Goals, unique_emails
from ssi_tui.domain.network import ConnectionChange, account_move
from ssi_tui.domain.text import fold
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.journal import undoable
from ssi_tui.services.plan_checks import matching_ids, prefix_problem
from ssi_tui.services.undo import Change
from ssi_tui.wording import N_, _, number, plural
from ssi_tui.wording.labels import audience_with_source

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A contact as the contact list shows it."""

    contact: Contact
    audience: str | None  # their own, else the one their company or title points to
    derived: bool  # the audience comes from the goals (account or role), not the contact
    last: date | None  # the latest activity with them
    source: str | None = None  # where the audience comes from: "set", "account" or "role"
    change: str | None = None  # what an import saw change lately: "joined Fabrikam", "new job"…

    @property
    def shown_audience(self) -> str | None:
        """E.g. 'prospects (role)'."""
        return audience_with_source(self.audience, self.source) if self.audience else None


CHANGE_DAYS = 90  # how long the contact list marks a change
CHANGE_WORDS = {"job": N_("new job"), "new": N_("new connection"), "removed": N_("removed")}


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A change an import saw in the network, and the target account it takes the person into
    or out of (judged against today's goals)."""

    change: ConnectionChange
    move: tuple[str, str] | None  # ("joined" | "left", account)

    def as_dict(self) -> dict[str, Any]:
        """The shape `ssi-tui changes --json` prints."""
        move = {"move": self.move[0], "account": self.move[1]} if self.move else None
        return {**self.change.model_dump(mode="json"), "account": move}

    def describe(self) -> str:
        """The change in one line, with the account move."""
        text = self.change.describe()
        if self.move is not None:
            joined = self.move[0] == "joined"
            text += " — " + (
                _("joined target account {account}")
                if joined
                else _("left target account {account}")
            ).format(account=self.move[1])
        return text


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
        marks = self.recent_changes()
        rows = []
        for contact in self._store.contacts.all():
            own = contact.audience
            evidence = [] if own else index.evidence(None, contact.company, contact.title)[0]
            audience, source = (own, "set") if own else (evidence[0] if evidence else (None, None))
            rows.append(
                ContactRow(
                    contact,
                    audience,
                    own is None and audience is not None,
                    latest.get(fold(contact.name)),
                    source if audience else None,
                    marks.get(contact.id),
                )
            )
        return rows

    def recent_changes(self, days: int = CHANGE_DAYS) -> dict[str, str]:
        """Contact id → what imports saw change for them in the last `days` days, the latest
        ("joined Fabrikam", "left Initech", "new job", "new connection", "removed")."""
        since = self.workspace.today - timedelta(days=days)
        marks: dict[str, str] = {}
        for row in reversed(self.changes(since)):  # oldest first: the latest wins
            if row.change.contact_id is None:
                continue
            if row.move is not None:
                moved = _("joined {account}") if row.move[0] == "joined" else _("left {account}")
                marks[row.change.contact_id] = moved.format(account=row.move[1])
            else:
                marks[row.change.contact_id] = _(CHANGE_WORDS[row.change.kind])
        return marks

    def changes(self, since: date | None = None) -> list[ChangeRow]:
        """What imports saw change in the network (from `since`), newest first."""
        index = GoalIndex(self._store.goals.get())
        return [
            ChangeRow(change, account_move(change, index))
            for change in reversed(self._store.connection_changes.all())
            if since is None or change.date >= since
        ]

    def find(self, text: str) -> Contact:
        """The contact a name (case-insensitive) or an id (or a unique prefix of 4+
        characters) names; an `InputError` saying what is wrong otherwise."""
        found = self._store.contacts.find(text)
        if found is not None:
            return found
        matches = matching_ids(text.strip().lower(), (c.id for c in self._store.contacts.all()))
        if len(matches) == 1:
            return self.get(matches[0])
        if len(matches) > 1:
            raise InputError(prefix_problem(text, matches, "contact", "`ssi-tui contacts --json`"))
        raise InputError(
            _("no contact named {name} (nor with such an id); see `ssi-tui contacts`").format(
                name=repr(text)
            )
        )

    def check_edit(
        self, original: Contact, values: Mapping[str, Any], goals: Goals | None = None
    ) -> Contact:
        """`original` with the values given (name, company, title, audience, cadence_days,
        emails),
        checked as a whole against `goals` (default: the stored ones). Whether the name is
        free is checked when saving (`edit_undoably`)."""
        update = dict(values)
        if "emails" in update:
            update["emails"] = self.check_emails(update["emails"] or ())
        if "audience" in update:
            update["audience"] = self.workspace.goals.check_audience(update["audience"], goals)
        data = {**original.model_dump(), **update}
        try:
            return Contact.model_validate(data)
        except ValidationError as error:
            raise InputError(describe_validation_error(error, data)) from None

    def check_form(self, original: Contact, values: Mapping[str, Any], goals: Goals) -> Contact:
        """The contact form's text values → the edited contact (no store read), or
        `FieldErrors` naming every bad field."""
        errors: dict[str, str] = {}
        name = (values.get("name") or "").strip()
        if not name:
            errors["name"] = _("type a name")
        days_text = str(values.get("cadence") or "").strip()
        days = int(days_text) if days_text.isdigit() else None
        if days_text and (days is None or not 1 <= days <= 3650):
            errors["cadence"] = "a number of days, 1-3650 (empty: the audience's cadence)"
        try:
            emails = self.check_emails(re.split(r"[,;\s]+", values.get("emails") or ""))
        except InputError as error:
            errors["emails"] = str(error)
            emails = original.emails
        given = {
            "emails": emails,
            "name": name,
            "company": (values.get("company") or "").strip() or None,
            "title": (values.get("title") or "").strip() or None,
            "audience": values.get("audience") or None,
            "cadence_days": days,
        }
        try:
            edited = self.check_edit(original, given, goals)
        except InputError as error:
            errors.setdefault(error.field or "", str(error))
        if errors:
            raise FieldErrors(errors)
        return edited

    @staticmethod
    def check_emails(values: Iterable[str]) -> tuple[str, ...]:
        """E-mail addresses as typed → lower-cased, each once (blanks skipped); an
        `InputError` naming the first that is not one."""
        try:
            return unique_emails(values)
        except ValueError as error:
            raise InputError(str(error), "emails") from None

    @undoable
    def edit_undoably(self, original: Contact, edited: Contact) -> Change[Contact]:
        """Save an edited contact; a new name carries the activities and plans naming them
        along (one save)."""
        store = self._store
        changed = [
            name
            for name in ("name", "company", "title", "audience", "cadence_days", "emails")
            if getattr(edited, name) != getattr(original, name)
        ]
        other = store.contacts.find(edited.name)
        if other is not None and other.id != original.id:
            raise InputError(
                _("{name} is already a contact: give another name").format(name=other.name), "name"
            )
        followed = 0
        with store.transaction():
            store.contacts.update(edited)
            if edited.name != original.name:
                mine = [
                    activity.model_copy(update={"contact": edited.name})
                    for activity in store.activities.all()
                    if activity.contact and fold(activity.contact) == original.key
                ]
                if mine:
                    store.save_bulk([a.model_dump(mode="json") for a in mine], [], force_hot=True)
                for plan in store.plans.all():
                    if plan.contact and fold(plan.contact) == original.key:
                        store.plans.update(plan.model_copy(update={"contact": edited.name}))
                followed = len(mine)
        fields = ", ".join(name.replace("cadence_days", "cadence") for name in changed)
        what = _("contact {name} edited: {fields}").format(
            name=original.name, fields=fields or _("nothing changed")
        )
        if followed:
            what += " " + plural(
                followed,
                "({count} activity follows the new name)",
                "({count} activities follow the new name)",
            ).format(count=number(followed))
        return Change(edited, what)

    def set_audience(self, contact_id: str, audience: str | None) -> Contact:
        """Give a contact an audience of the goals (None: let the goals decide)."""
        contact = self.get(contact_id)
        checked = self.workspace.goals.check_audience(audience)
        return self._store.contacts.update(contact.model_copy(update={"audience": checked}))

    @undoable
    def set_audience_undoably(self, contact_id: str, audience: str | None) -> Change[Contact]:
        """`set_audience`, undoably."""
        after = self.set_audience(contact_id, audience)
        audience = after.audience or _("from your goals")
        return Change(
            after, _("{name}: audience {audience}").format(name=after.name, audience=audience)
        )
