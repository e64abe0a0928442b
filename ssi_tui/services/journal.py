"""Undo: the last changes, made from the app or the command line, kept in the store.

A service method that can be undone is decorated with `@undoable` and returns a `Change` (its
result and a few words saying what it did). The decorator runs it as one atomic save that also
keeps, in the store's journal (store/journal.py), every record it wrote as it was before.
`Journal.undo()` puts the newest entry's records back — whichever interface made the change —
after checking that nothing the journal does not track (an import, a load) changed them since.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

from ssi_tui.services.errors import InputError
from ssi_tui.services.undo import Change
from ssi_tui.store import journal as store_journal
from ssi_tui.wording import N_, _

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

P = ParamSpec("P")
T = TypeVar("T")
# Above this many records an entry is not kept (its images would weigh on every save of the
# store); the change says it cannot be undone, and the day's backup still holds what was before.
MAX_RECORDS = 2000
VIA = {"app": N_("in the app"), "cli": N_("from the command line")}


class HasWorkspace(Protocol):
    """A service: it knows its workspace."""

    @property
    def workspace(self) -> Workspace: ...


S = TypeVar("S", bound=HasWorkspace)


def undoable(
    method: Callable[Concatenate[S, P], Change[T]],
) -> Callable[Concatenate[S, P], Change[T]]:
    """Make a service method's change undoable: it runs through `Journal.run`."""

    @functools.wraps(method)
    def run(self: S, *args: P.args, **kwargs: P.kwargs) -> Change[T]:
        return self.workspace.journal.run(lambda: method(self, *args, **kwargs))

    return run


@dataclass(frozen=True, slots=True)
class Entry:
    """One change that can be undone, as a user reads it."""

    what: str
    at: str  # when it was made, "YYYY-MM-DD HH:MM"
    via: str  # "app" or "cli"
    records: int

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (`ssi-tui undo --list --json`)."""
        return {"what": self.what, "at": self.at, "via": self.via, "records": self.records}

    @property
    def where(self) -> str:
        """E.g. 'in the app on 2026-12-05 14:02'."""
        via = _(VIA[self.via]) if self.via in VIA else self.via
        return _("{via} on {at}").format(via=via, at=self.at)


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo took back, and how many changes are left to undo."""

    entry: Entry
    left: int


class Journal:
    """The undo journal of one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.via = "cli"  # the app sets "app"
        self._running = 0

    # -- recording ----------------------------------------------------------------------------
    def run(self, action: Callable[[], Change[T]]) -> Change[T]:
        """Run an undoable change as one atomic save with its journal entry (a change made
        inside another undoable change is part of it)."""
        if self._running:
            return action()
        store = self.workspace.store
        self._running += 1
        try:
            with store.transaction(), store.recording() as recorder:
                change = action()
                images = recorder.images
                if not images:
                    return change
                if len(images) > MAX_RECORDS:
                    return Change(change.result, change.what, undoable=False)
                records = [
                    {
                        "table": table,
                        "key": key,
                        "slot": slot,
                        "before": before,
                        "after": store_journal.digest(store_journal.image(store, table, key)),
                    }
                    for (table, key), (slot, before) in images.items()
                ]
                entry = {
                    "what": change.what,
                    "at": store.clock().isoformat(timespec="minutes").replace("T", " "),
                    "via": self.via,
                    "records": records,
                }
                store_journal.set_entries(store, [*store_journal.entries(store), entry])
                return change
        finally:
            self._running -= 1

    def record(self, action: Callable[[], T], what: Callable[[T], str]) -> T:
        """Run a write undoably (`run`), `what` wording its result (a command's change)."""

        def change() -> Change[T]:
            result = action()
            return Change(result, what(result))

        return self.run(change).result

    # -- reading ------------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """The changes that can be undone, newest first."""
        return [_entry(raw) for raw in reversed(store_journal.entries(self.workspace.store))]

    def count(self) -> int:
        """How many changes can be undone."""
        return len(store_journal.entries(self.workspace.store))

    # -- undoing ------------------------------------------------------------------------------
    def undo(self) -> Undone:
        """Take back the newest change (one atomic save); an `InputError` when there is none,
        or when a record it wrote was changed since by something undo does not track (that
        entry is then dropped, so that the next undo goes further back)."""
        store = self.workspace.store
        kept = store_journal.entries(store)
        if not kept:
            raise InputError(_("nothing to undo"))
        raw = kept[-1]
        entry = _entry(raw)
        records = raw.get("records")
        if not isinstance(records, list) or not all(map(_readable, records)):
            store_journal.set_entries(store, kept[:-1])
            raise InputError(
                _(
                    "cannot undo “{what}”: its entry in the store was edited by hand; nothing "
                    "was undone, and that step is dropped (undo again goes further back)"
                ).format(what=entry.what)
            )
        changed = [
            record
            for record in records
            if store_journal.digest(store_journal.image(store, record["table"], record["key"]))
            != record.get("after")
        ]
        with store.transaction():
            store_journal.set_entries(store, kept[:-1])
            if not changed:
                for record in reversed(records):
                    store_journal.put_back(
                        store, record["table"], record["key"], record.get("slot"), record["before"]
                    )
        if changed:
            raise InputError(
                _(
                    "cannot undo “{what}” ({where}): {record} it changed was changed since by an "
                    "import or a load; nothing was undone, and that step is dropped (undo again "
                    "goes further back)"
                ).format(what=entry.what, where=entry.where, record=_noun(changed[0]["table"]))
            )
        return Undone(entry, len(kept) - 1)


def _readable(record: object) -> bool:
    """Whether a journal record is what `run` writes (a hand edit could break it)."""
    return (
        isinstance(record, dict)
        and record.get("table") in store_journal.RECORDED
        and isinstance(record.get("key"), str)
        and isinstance(record.get("before"), dict | None)
        and isinstance(record.get("slot"), int | None)
    )


def _entry(raw: dict[str, Any]) -> Entry:
    return Entry(
        what=str(raw.get("what", _("a change"))),
        at=str(raw.get("at", "?")),
        via=str(raw.get("via", "?")),
        records=len(raw.get("records", [])),
    )


def _noun(table: str) -> str:
    nouns = {
        "activities": N_("an activity"),
        "contacts": N_("a contact"),
        "readings": N_("a reading"),
        "plans": N_("a plan"),
        "plan_events": N_("a skipped occurrence"),
        "goals": N_("the goals"),
        "checklist": N_("the profile checklist"),
    }
    return _(nouns[table]) if table in nouns else _("a record")
