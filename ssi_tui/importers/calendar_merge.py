"""A calendar's meetings against the store: the activities to add, move or remove, the people
to add or complete, in one save.

Each meeting becomes one activity, off LinkedIn, with the person who counts most for the goals
as its contact (a target account's person first, then one whose audience weighs most, then one
already known). People are matched by e-mail first, then by name; someone not known yet becomes
a contact (the calendar's name for them, else their address) unless the meeting is a large
event. The company comes from the contact, else from the address's domain when it is a target
account's. A meeting imported before keeps its activity: moved, the activity's date follows;
cancelled or declined since, the activity goes; deleted by hand, it stays deleted. Event titles
are stored only when asked (`keep_titles`), descriptions never.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.alignment import GoalIndex
from ssi_tui.domain.models import MAX_EMAILS, Activity, Contact, Goals
from ssi_tui.domain.text import fold
from ssi_tui.importers.calendar import Attendee, CalendarRead, Meeting
from ssi_tui.importers.merge import id_sequence
from ssi_tui.wording import calendar as wording

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

SOURCE = "calendar"


@dataclass(slots=True)
class CalendarSummary:
    """What a calendar import did (or, on a dry run, would do)."""

    file: str
    events: int = 0
    meetings: int = 0  # past events with someone else
    added: int = 0
    moved: int = 0
    removed: int = 0
    unchanged: int = 0  # imported before
    dismissed: int = 0  # imported before, then deleted by hand: left out
    contacts_added: int = 0
    contacts_updated: int = 0
    with_accounts: int = 0  # meetings with someone at a target account
    with_audiences: int = 0  # meetings with someone in a goal audience
    kinds: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    bad: list[str] = field(default_factory=list)
    own: tuple[str, ...] = ()
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        """The summary as one JSON object (`ssi-tui import FILE.ics --json`)."""
        return {
            "file": self.file,
            "events": self.events,
            "meetings": self.meetings,
            "activities_added": self.added,
            "activities_moved": self.moved,
            "activities_removed": self.removed,
            "already_imported": self.unchanged,
            "deleted_by_you": self.dismissed,
            "contacts_added": self.contacts_added,
            "contacts_updated": self.contacts_updated,
            "with_target_accounts": self.with_accounts,
            "with_goal_audiences": self.with_audiences,
            "kinds": dict(sorted(self.kinds.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "bad_events": list(self.bad),
            "own_addresses": list(self.own),
            "dry_run": self.dry_run,
        }

    @property
    def changed(self) -> bool:
        """Whether the import saved anything."""
        return not self.dry_run and bool(
            self.added or self.moved or self.removed or self.contacts_added or self.contacts_updated
        )

    def headline(self) -> str:
        """One sentence: what was (or would be) added, moved and removed."""
        return wording.headline(self)

    def lines(self) -> list[str]:
        """The human summary, one fact per line."""
        return wording.lines(self)


def apply_calendar(
    store: Store,
    read: CalendarRead,
    summary: CalendarSummary,
    *,
    keep_titles: bool = False,
    dry_run: bool = False,
) -> CalendarSummary:
    """Match the meetings against the store and save what changes, in one transaction."""
    summary.events, summary.meetings = read.events, len(read.meetings)
    summary.skipped, summary.bad, summary.own = read.skipped, read.bad, read.own
    goals = store.goals.get()
    people = _People(store, goals)
    activities = store.activities
    stored = activities.by_external(
        {meeting.key for meeting in read.meetings} | read.cancelled | _series_keys(store, read)
    )
    new: list[Activity] = []
    moved: list[Activity] = []
    removed = [stored[key].id for key in sorted(read.cancelled) if key in stored]
    removed.extend(_gone_from_series(read, stored))
    ids = id_sequence()
    for meeting in read.meetings:
        before = stored.get(meeting.key)
        if before is not None:
            summary.unchanged += before.date == meeting.day
            if before.date != meeting.day:
                moved.append(before.model_copy(update={"date": meeting.day}))
            continue
        if activities.has_external(meeting.key):
            summary.dismissed += 1
            continue
        contact, company, aimed = people.counterpart(meeting)
        summary.with_accounts += aimed[0]
        summary.with_audiences += aimed[1]
        summary.kinds[meeting.kind] += 1
        new.append(
            Activity(
                id=next(ids),
                kind=meeting.kind,
                date=meeting.day,
                contact=contact.name if contact else None,
                company=company,
                title=contact.title if contact else None,
                channel="off",
                note=(meeting.title or "") if keep_titles else "",
                source=SOURCE,
                external_id=meeting.key,
            )
        )
    summary.added, summary.moved, summary.removed = len(new), len(moved), len(removed)
    contacts = people.to_save()
    summary.contacts_added, summary.contacts_updated = people.added, people.updated
    if dry_run or not (new or moved or removed or contacts):
        return summary
    with store.transaction():
        store.save_import(chain(new, moved), contacts)
        for activity_id in removed:
            store.delete_activity(activity_id)
    return summary


def _series_keys(store: Store, read: CalendarRead) -> set[str]:
    """The stored keys of occurrences of the file's repeating events."""
    if not read.series:
        return set()
    prefixes = {f"ics:{uid}/" for uid in read.series}
    return {
        key
        for key in store.activities.external_ids()
        if key.startswith("ics:") and key.rpartition("/")[0] + "/" in prefixes
    }


def _gone_from_series(read: CalendarRead, stored: dict[str, Activity]) -> list[str]:
    """Occurrences imported before that a repeating event no longer has (an EXDATE added, the
    series shortened), within the span it was read over."""
    gone = []
    for key, activity in stored.items():
        uid = key.removeprefix("ics:").rpartition("/")[0]
        keys = read.series.get(uid)
        if keys is None or key in keys or key in read.cancelled:
            continue
        if read.window_start is None or activity.date >= read.window_start:
            gone.append(activity.id)
    return gone


class _People:
    """The attendees as contacts: found by e-mail, then name; new ones and completed ones
    gathered to be saved once."""

    def __init__(self, store: Store, goals: Goals) -> None:
        self.store = store
        self.goals = goals
        self.index = GoalIndex(goals, store.contacts.facts())
        self.pending: dict[str, Contact] = {}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        self.ids = id_sequence()
        self.added = self.updated = 0

    def counterpart(self, meeting: Meeting) -> tuple[Contact | None, str | None, tuple[int, int]]:
        """The contact an activity names, its company, and whether anyone there is at a target
        account, in a goal audience."""
        best: tuple[tuple[float, bool, bool], Contact | None, str | None] | None = None
        accounts = audiences = 0
        for attendee in meeting.attendees:
            contact = self.contact(attendee, create=meeting.kind != "event")
            account = self.goals.account_for(attendee.email) if attendee.email else None
            company = (contact.company if contact else None) or (account.name if account else None)
            title = contact.title if contact else None
            evidence, found = self.index.evidence(None, company, title)
            audience = (contact.audience if contact else None) or (
                evidence[0][0] if evidence else None
            )
            accounts |= found is not None
            audiences |= audience is not None and self.goals.weight(audience) > 0
            known = contact is not None and contact.id not in self.pending
            rank = (self.goals.weight(audience), found is not None, known)
            if best is None or rank > best[0]:
                best = (rank, contact, company)
        if best is None:
            return None, None, (accounts, audiences)
        return best[1], best[2], (accounts, audiences)

    def contact(self, attendee: Attendee, *, create: bool) -> Contact | None:
        """The contact this attendee is (completed with the address), or a new one."""
        found = self._find(attendee)
        if found is not None:
            email = attendee.email
            if email and email not in found.emails and len(found.emails) < MAX_EMAILS:
                if found.id not in self.pending:
                    self.updated += 1
                found = found.model_copy(update={"emails": (*found.emails, email)})
                self._keep(found)
            return found
        if not create:
            return None
        account = self.goals.account_for(attendee.email) if attendee.email else None
        contact = Contact(
            id=next(self.ids),
            name=attendee.name or attendee.email or "?",
            company=account.name if account else None,
            emails=(attendee.email,) if attendee.email else (),
            source=SOURCE,
        )
        self.added += 1
        self._keep(contact)
        return contact

    def _find(self, attendee: Attendee) -> Contact | None:
        contacts = self.store.contacts
        if attendee.email:
            pending = self.by_email.get(attendee.email)
            if pending is not None:
                return self.pending[pending]
            found = contacts.by_email(attendee.email)
            if found is not None:
                return self.pending.get(found.id, found)
        if attendee.name:
            pending = self.by_name.get(fold(attendee.name))
            if pending is not None:
                return self.pending[pending]
            found = contacts.find(attendee.name)
            if found is not None and not (attendee.email and found.emails):
                # a namesake with other addresses is someone else
                return self.pending.get(found.id, found)
        return None

    def _keep(self, contact: Contact) -> None:
        self.pending[contact.id] = contact
        self.by_name.setdefault(contact.key, contact.id)
        for address in contact.emails:
            self.by_email[address] = contact.id

    def to_save(self) -> list[Contact]:
        """The new and completed contacts."""
        return list(self.pending.values())
