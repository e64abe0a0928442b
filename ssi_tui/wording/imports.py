"""The words of a LinkedIn export import's summary (`ssi_tui.importers.summary` counts)."""

from __future__ import annotations

from ssi_tui.wording import _, counted, number, plural


def import_headline(
    *,
    dry_run: bool,
    activities: int,
    contacts: int,
    updated: int,
    rematched: int,
    checklist: bool,
    changes: str,
    errors: int,
) -> str:
    """One sentence: what an import added (or, on a dry run, would add)."""
    added = counted(activities, "activity", "activities")
    people = counted(contacts, "contact", "contacts")
    if dry_run:
        text = _("Dry run: would add {activities} and {contacts}")
    else:
        text = _("Added {activities} and {contacts}")
    text = text.format(activities=added, contacts=people)
    if updated:
        text += (_(", would update {n}") if dry_run else _(", updated {n}")).format(
            n=number(updated)
        )
    if rematched:
        earlier = counted(rematched, "earlier activity", "earlier activities")
        matched = (
            _("; would match {earlier} with your topics")
            if dry_run
            else _("; matched {earlier} with your topics")
        )
        text += matched.format(earlier=earlier)
    if checklist:
        text += (
            _("; profile checklist would change") if dry_run else _("; profile checklist updated")
        )
    if changes:
        text += "; " + changes
    if errors:
        text += _("; {rows} skipped").format(rows=counted(errors, "bad row", "bad rows"))
    return text + "."


def changes_line(jobs: int, new: int, removed: int, joined: int, left: int) -> str:
    """'2 job changes, 1 new connection, 1 joined a target account'."""
    parts = []
    if jobs:
        parts.append(counted(jobs, "job change", "job changes"))
    if new:
        parts.append(counted(new, "new connection", "new connections"))
    if removed:
        parts.append(counted(removed, "removed connection", "removed connections"))
    if joined:
        parts.append(
            plural(joined, "{n} joined a target account", "{n} joined a target account").format(
                n=number(joined)
            )
        )
    if left:
        parts.append(
            plural(left, "{n} left a target account", "{n} left a target account").format(
                n=number(left)
            )
        )
    return ", ".join(parts)
