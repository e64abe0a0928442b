"""A parsed export against the store: which rows are new, which contacts match, one save.

Activities are new when their stable key is not stored yet; people match a contact by
normalised profile URL, else by name (unless both have different profile URLs). A matched
contact is updated in place (same id), never duplicated.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import date
from itertools import chain, count
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.alignment import GoalIndex
from ssi_tui.domain.models import MAX_EMAILS, MAX_TOPICS, Activity, Contact, ProfileChecklist
from ssi_tui.domain.network import account_move
from ssi_tui.domain.text import fold
from ssi_tui.gcpause import paused_gc
from ssi_tui.importers.changes import ChangeWatch, NewContact, StoredContact
from ssi_tui.importers.csvfiles import RowError
from ssi_tui.importers.drafts import Draft
from ssi_tui.importers.people import Person, profile_key
from ssi_tui.importers.reader import ParsedExport, ProgressCallback
from ssi_tui.importers.summary import FileReport, ImportProgress, ImportSummary
from ssi_tui.store.documents import Document, activity_doc_defaults, contact_doc_defaults
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.store.repository import Store

SOURCE = "linkedin-export"
COUNT_LIMIT = 10_000  # the checklist's bound on skill and recommendation counts


def apply_import(
    store: Store,
    parsed: ParsedExport,
    *,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    today: date | None = None,
) -> ImportSummary:
    """Add what is new to the store in one transaction (nothing at all on a dry run).

    Rows dated after `today` are reported as bad rows and left out (a clock or export error:
    no score could count them). Consumes `parsed` (its drafts are released as they are saved).
    """
    with paused_gc(freeze=True):
        return _apply(store, parsed, dry_run, progress, today)


def _apply(
    store: Store,
    parsed: ParsedExport,
    dry_run: bool,
    progress: ProgressCallback | None,
    today: date | None,
) -> ImportSummary:
    summary = ImportSummary(
        owner=parsed.owner, files=parsed.files, ignored_files=parsed.ignored, dry_run=dry_run
    )
    watch = ChangeWatch(store, today or date.today())
    contacts = resolve_people(store, parsed.people.all, summary, watch)
    topics_found: dict[str, tuple[str, ...]] = {}
    new = new_drafts(store, parsed.drafts, summary.files, today, topics_found)
    parsed.drafts = []  # the new ones are all in `new`: let the duplicates go
    summary.activities_added = len(new)
    rematched = rematch_topics(store, topics_found)
    summary.activities_rematched = len(rematched)
    checklist = updated_checklist(store.checklist.get(), parsed.profile)
    summary.checklist_updated = checklist is not None
    for file in parsed.profile_files:
        _count_profile_file(summary.files[file], changed=checklist is not None)
    summary.changes = watch.changes
    if watch.changes:
        index = GoalIndex(store.goals.get())
        for change in watch.changes:
            move = account_move(change, index)
            if move is not None:
                summary.moves.append((change.name, *move))
    if dry_run or not (new or contacts or rematched or checklist is not None or watch.changes):
        return summary
    total = len(new)
    if progress is not None:
        progress(ImportProgress("", 0, total))
    store.save_import(
        chain(activities(new), rematched),
        contacts,
        checklist,
        changes=watch.changes,
        progress=None if progress is None else _saving(progress, total),
    )
    if progress is not None:
        progress(ImportProgress("", total, total))
    return summary


def _saving(progress: ProgressCallback, total: int) -> Callable[[int], None]:
    """What reports a large save's progress (activities written so far) as import progress."""
    return lambda done: progress(ImportProgress("", min(done, total), total))


def match_contact(store: Store, person: Person) -> StoredContact | None:
    """The stored contact this person is: same profile URL, else same name without another URL."""
    if person.key:
        doc = store.contacts.document_by_key(person.key)
        if doc is not None:
            return StoredContact.of(doc)
    if person.name:
        doc = store.contacts.document_by_name(person.name)
        if doc is not None and (
            person.key is None or profile_key(doc.get("profile_url")) in (None, person.key)
        ):
            return StoredContact.of(doc)
    return None


def resolve_people(
    store: Store, people: list[Person], summary: ImportSummary, watch: ChangeWatch | None = None
) -> list[Contact | Document]:
    """Match everyone against the contacts; returns the contacts to save: the stored ones that
    changed (models) and the new ones (their documents). `watch` sees what changed in the
    network (job changes, new and removed connections).

    A new contact's document is made directly, in the form `Contact.model_dump(mode="json")`
    gives, without a model (15 µs of validation each: 0.45 s for 30,000 connections): its
    values are clean already (names through `clean`, URLs through `full_url`, the address
    through `email_address`), which the importer's fuzz test checks by validating each one."""
    pending: dict[str, Contact] = {}
    added: list[Document] = []
    ids = id_sequence()
    defaults = contact_doc_defaults()
    matching = store.contacts.count() > 0  # (a first import: no one to match, 0.1 s saved)
    for person in people:
        stored = match_contact(store, person) if matching else None
        # A contact is compared as stored (no model: 15 µs of validation each, twice per
        # person on a re-import) until this import changes it.
        existing: Contact | StoredContact | None = stored
        if stored is not None:
            existing = pending.get(stored.id, stored)
        if existing is not None and person.contact:
            changed = _changes(existing, person)
            if changed:
                if existing.id not in pending:
                    summary.contacts_updated += 1
                model = existing if isinstance(existing, Contact) else existing.model()
                existing = model.model_copy(update=changed)
                pending[existing.id] = existing
        elif existing is None and person.contact:
            day = person.connected_on
            added.append(
                {
                    **defaults,
                    "id": next(ids),
                    "name": person.name,
                    "company": person.company,
                    "title": person.title,
                    "profile_url": person.url,
                    "connected_on": day.isoformat() if day else None,
                    "emails": [person.email] if person.email else [],
                    "source": SOURCE,
                }
            )
            summary.contacts_added += 1
            if watch is not None:
                watch.matched(None, person, NewContact(added[-1]["id"], person.name))
            person.resolved_name = person.name
            person.resolved_company = person.company
            person.resolved_title = person.title
            continue
        if watch is not None:
            watch.matched(stored, person, existing if person.contact else None)
        if existing is not None:
            person.resolved_name = existing.name
            person.resolved_company = existing.company
            person.resolved_title = existing.title
        else:
            person.resolved_name = person.name
            person.resolved_company = person.company
            person.resolved_title = person.title
    for contact in watch.removed(SOURCE) if watch is not None else ():
        if contact.id not in pending:
            summary.contacts_updated += 1
        pending[contact.id] = pending.get(contact.id, contact).model_copy(
            update={"connected_on": None}
        )
    return [*pending.values(), *added]


def _changes(contact: Contact | StoredContact, person: Person) -> dict[str, Any]:
    """What the export knows better: its company and title (at export time), the URL, the date."""
    changes: dict[str, Any] = {}
    if person.url and not contact.profile_url:
        changes["profile_url"] = person.url
    if person.company and person.company != contact.company:
        changes["company"] = person.company
    if person.title and person.title != contact.title:
        changes["title"] = person.title
    if person.connected_on and person.connected_on != contact.connected_on:
        changes["connected_on"] = person.connected_on
    if person.email and person.email not in contact.emails and len(contact.emails) < MAX_EMAILS:
        changes["emails"] = (*contact.emails, person.email)
    return changes


def new_drafts(
    store: Store,
    drafts: list[Draft],
    files: dict[str, FileReport],
    today: date | None = None,
    topics_found: dict[str, tuple[str, ...]] | None = None,
) -> list[Draft]:
    """The drafts whose key is neither stored nor seen earlier in this export; those dated after
    `today` go to their file's bad rows instead. The topics matched in the text of a row already
    stored go to `topics_found`, by key."""
    seen: set[str] = set()
    new: list[Draft] = []
    has_external = store.activities.has_external if store.activities.count() else _nowhere
    for draft in drafts:
        report = files[draft.file]
        if today is not None and draft.date > today:
            report.errors.append(
                RowError(
                    draft.line,
                    _("date {value} is after today ({today})").format(
                        value=draft.date.isoformat(), today=today
                    ),
                )
            )
            continue
        if draft.key in seen or has_external(draft.key):
            report.duplicates += 1
            if topics_found is not None and draft.topics:
                topics_found[draft.key] = draft.topics
            continue
        seen.add(draft.key)
        report.imported += 1
        new.append(draft)
    return new


def _nowhere(key: str) -> bool:
    """`has_external` of an empty store."""
    return False


def rematch_topics(store: Store, topics_found: dict[str, tuple[str, ...]]) -> list[Activity]:
    """The activities already imported whose row's text holds goal topics they do not have yet,
    with those added (after the user adds topics to the goals, importing the same export again
    finds them). Topics are only ever added: one the user gave an activity by hand stays."""
    updated: list[Activity] = []
    for key, activity in store.activities.by_external(set(topics_found)).items():
        have = {fold(topic) for topic in activity.topics}
        extra = tuple(topic for topic in topics_found[key] if fold(topic) not in have)
        if extra and len(activity.topics) < MAX_TOPICS:
            topics = (*activity.topics, *extra)[:MAX_TOPICS]
            updated.append(activity.model_copy(update={"topics": topics}))
    return updated


def activities(drafts: list[Draft]) -> Iterator[dict[str, Any]]:
    """The new activities' stored documents, oldest first, consuming `drafts` as it goes (to
    keep memory low).

    The audience is left to the goals (company and title decide it at scoring time). Documents
    are made directly, in the form `Activity.model_dump(mode="json")` gives, without a model or
    pydantic validation: every value is already clean (names and notes through `clean_text`,
    kinds from the mapping, real dates), which the importer's tests check by validating every
    imported activity and comparing it with its document.
    """
    # Newest first, popped from the end: the store indexes them oldest first, which is cheap.
    drafts.sort(key=attrgetter("date"), reverse=True)
    ids = id_sequence()
    defaults = activity_doc_defaults()
    # One string per day, and the defaults' empty list for no topics, shared by the documents
    # (nothing mutates a stored document): 15 MB less for 130,000 rows.
    days: dict[date, str] = {}
    no_topics = defaults["topics"]
    copy = defaults.copy  # (a copy's values set in place: no dict grown key by key)
    while drafts:
        draft = drafts.pop()
        person = draft.person
        day = days.get(draft.date)
        if day is None:
            day = days[draft.date] = draft.date.isoformat()
        doc = copy()
        doc["id"] = next(ids)
        doc["kind"] = draft.kind
        doc["date"] = day
        if person is not None:
            doc["contact"] = person.resolved_name
            doc["company"] = draft.company or person.resolved_company
            doc["title"] = draft.title or person.resolved_title
        else:
            doc["contact"] = None
            doc["company"] = draft.company or None
            doc["title"] = draft.title or None
        doc["personalised"] = draft.personalised
        doc["channel"] = "linkedin"
        doc["note"] = draft.note
        doc["topics"] = list(draft.topics[:MAX_TOPICS]) if draft.topics else no_topics
        doc["source"] = SOURCE
        doc["external_id"] = draft.key
        yield doc


def id_sequence() -> Iterator[str]:
    """Fresh ids, 32 hex digits like `new_id()`'s: a random 64-bit prefix and a counter
    (unique without a random draw per row, which costs more than the rest of a contact)."""
    return map(f"{secrets.token_hex(8)}{{:016x}}".format, count(1))  # (in C: no frame per id)


def updated_checklist(current: ProfileChecklist, facts: dict[str, Any]) -> ProfileChecklist | None:
    """The checklist with what the export says about the profile, or None if nothing changes."""
    if not facts:
        return None
    bounded = {
        name: min(value, COUNT_LIMIT)
        if isinstance(value, int) and not isinstance(value, bool)
        else value
        for name, value in facts.items()
    }
    updated = ProfileChecklist.model_validate({**current.model_dump(), **bounded})
    return updated if updated != current else None


def _count_profile_file(report: FileReport, *, changed: bool) -> None:
    good = report.rows - len(report.errors)
    if changed:
        report.imported = good
    else:
        report.duplicates = good
