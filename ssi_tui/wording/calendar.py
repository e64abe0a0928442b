"""The words of a calendar import's summary (`ssi_tui.importers.calendar_merge` counts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ssi_tui.wording import _, counted, number, plural


def _skipped(why: str, count: int) -> str:
    """'3 declined' (the events left out for this reason)."""
    if why == "declined":
        text = plural(count, "{n} declined", "{n} declined")
    elif why == "cancelled":
        text = plural(count, "{n} cancelled", "{n} cancelled")
    elif why == "private":
        text = plural(count, "{n} private", "{n} private")
    elif why == "alone":
        text = plural(count, "{n} with no one else", "{n} with no one else")
    elif why == "future":
        text = plural(count, "{n} still to come", "{n} still to come")
    else:
        text = "{n} " + why
    return text.format(n=number(count))


BAD_SHOWN = 5


class Counts(Protocol):
    """What a calendar import counted."""

    file: str
    events: int
    meetings: int
    added: int
    moved: int
    removed: int
    unchanged: int
    dismissed: int
    contacts_added: int
    contacts_updated: int
    with_accounts: int
    with_audiences: int
    kinds: Mapping[str, int]
    skipped: Mapping[str, int]
    bad: Sequence[str]
    own: Sequence[str]
    dry_run: bool


def _kind(kind: str, count: int) -> str:
    if kind == "meeting":
        return counted(count, "meeting", "meetings")
    if kind == "call":
        return counted(count, "call", "calls")
    if kind == "event":
        return counted(count, "event", "events")
    return f"{number(count)} {kind}"


def headline(summary: Counts) -> str:
    """One sentence: what was (or would be) added, moved and removed."""
    dry = summary.dry_run
    activities = counted(summary.added, "activity", "activities")
    if summary.kinds:
        parts = ", ".join(_kind(kind, n) for kind, n in sorted(summary.kinds.items()))
        activities = f"{activities} ({parts})"
    contacts = counted(summary.contacts_added, "contact", "contacts")
    if dry:
        text = _("Dry run: would add {activities} and {contacts}")
    else:
        text = _("Added {activities} and {contacts}")
    text = text.format(activities=activities, contacts=contacts)
    if summary.contacts_updated:
        done = _(", would complete {n}") if dry else _(", completed {n}")
        text += done.format(n=number(summary.contacts_updated))
    if summary.moved:
        text += (_("; would move {n}") if dry else _("; moved {n}")).format(n=number(summary.moved))
    if summary.removed:
        removed = _("; would remove {n} cancelled") if dry else _("; removed {n} cancelled")
        text += removed.format(n=number(summary.removed))
    return text + "."


def lines(summary: Counts) -> list[str]:
    """The human summary, one fact per line."""
    found = [
        _("{file}: {events}, {meetings} with someone else.").format(
            file=summary.file,
            events=counted(summary.events, "event", "events"),
            meetings=counted(summary.meetings, "past meeting", "past meetings"),
        ),
        headline(summary),
        _("With a target account: {accounts}; with a goal audience: {audiences}.").format(
            accounts=number(summary.with_accounts), audiences=number(summary.with_audiences)
        ),
    ]
    known = summary.unchanged + summary.dismissed
    if known:
        line = _("Already imported: {n}").format(n=number(known))
        if summary.dismissed:
            line += _(" ({n} deleted by you, left out)").format(n=number(summary.dismissed))
        found.append(line + ".")
    skipped = [_skipped(why, n) for why, n in sorted(summary.skipped.items())]
    if skipped:
        found.append(_("Left out: {reasons}.").format(reasons=", ".join(skipped)))
    if summary.own:
        found.append(
            _("You are: {addresses} (not counted as someone met).").format(
                addresses=", ".join(summary.own)
            )
        )
    else:
        found.append(_("Your address was not found: every attendee counts (see --me)."))
    if summary.bad:
        count = len(summary.bad)
        found.append(
            plural(count, "{n} bad event skipped:", "{n} bad events skipped:").format(
                n=number(count)
            )
        )
        found.extend(f"  {line}" for line in summary.bad[:BAD_SHOWN])
        if count > BAD_SHOWN:
            found.append("  " + _("… {n} more (see --json)").format(n=number(count - BAD_SHOWN)))
    if summary.dry_run:
        found.append(_("Dry run: nothing was saved."))
    return found
