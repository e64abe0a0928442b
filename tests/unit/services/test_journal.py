"""The undo journal: every undoable change, undone, leaves the store exactly as before; the
journal lives in the store (a reopened store, another interface), refuses to overwrite what
changed since, and a change that fails halfway leaves nothing behind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity, Audience, Contact
from ssi_tui.services.errors import InputError
from ssi_tui.services.undo import Change
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store, registry
from ssi_tui.store import journal as store_journal
from tests.goals import GOALS, TODAY

READING = {
    "date": "-2d",
    "total": "62",
    "brand": "15",
    "find": "15",
    "engage": "16",
    "relate": "16",
}


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a user has, as the export holds it (plans in the order they were added)."""
    return {spec.name: store.repository(spec.name).export() for spec in registry.EXPORTED}


def seeded(workspace: Workspace) -> Workspace:
    """Some of everything: activities (one with a contact), a plan with a skip, a reading."""
    service = workspace.activities
    for days, kind in ((1, "post"), (3, "comment")):
        service.add(service.build({"kind": kind, "date": TODAY - timedelta(days=days)}))
    service.add(service.build({"kind": "meeting", "date": TODAY, "contact": "Ada Lovelace"}))
    plan = workspace.planner.add_plan(
        {"kind": "comment", "rule": "daily", "start": TODAY - timedelta(days=5)}
    )
    workspace.planner.skip(plan.id, TODAY - timedelta(days=4))
    workspace.readings.add(READING)
    return workspace


def first_activity(workspace: Workspace, kind: str) -> Activity:
    return next(a for a in workspace.activities.between(None, None) if a.kind == kind)


CHANGES: dict[str, Callable[[Workspace], Change[Any]]] = {
    "log with a new contact": lambda ws: ws.activities.log_undoably(
        ws.activities.build({"kind": "message_sent", "contact": "Grace Hopper", "date": TODAY})
    ),
    "edit": lambda ws: ws.activities.update_undoably(
        first_activity(ws, "post"),
        first_activity(ws, "post").model_copy(update={"note": "edited", "relevance": 5}),
    ),
    "delete": lambda ws: ws.activities.delete_undoably(first_activity(ws, "comment").id),
    "done late": lambda ws: ws.planner.act(
        next(i for i in ws.planner.agenda().overdue if i.status == "open"), "done"
    ),
    "skip": lambda ws: ws.planner.act(ws.planner.agenda().today[0], "skip"),
    "plan added": lambda ws: ws.planner.add_plan_undoably({"kind": "post", "rule": "weekly"}),
    "plan removed with its skips": lambda ws: ws.planner.remove_plan_undoably(
        ws.planner.all_plans()[0].id
    ),
    "adopt": lambda ws: ws.planner.adopt(ws.planner.suggestions()[0]),
    "reading added": lambda ws: ws.readings.add_undoably({**READING, "date": "-1d"}),
    "reading replaced": lambda ws: ws.readings.add_undoably(
        {**READING, "total": "63", "relate": "17"}, replace=True
    ),
    "reading edited": lambda ws: ws.readings.edit_undoably(
        ws.readings.all()[0], {**READING, "total": "61", "relate": "15"}
    ),
    "reading deleted": lambda ws: ws.readings.delete_undoably(ws.readings.all()[0].id),
    "goals: weight": lambda ws: ws.goals.save_audience(
        "prospects", Audience(name="prospects", weight=70)
    ),
    "goals: rename": lambda ws: ws.goals.save_audience(
        "prospects", Audience(name="clients", weight=60)
    ),
    "goals: audience removed": lambda ws: ws.goals.remove_audience_undoably("prospects"),
    "goals: roles and topics": lambda ws: ws.goals.set_roles_undoably(
        "prospects", "buyer", "supply chain"
    ),
    "checklist": lambda ws: ws.goals.toggle_item("photo"),
    "contact audience": lambda ws: ws.contacts.set_audience_undoably(
        ws.store.contacts.all()[0].id, "partners"
    ),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_undo_restores_the_store_exactly(workspace: Workspace, name: str) -> None:
    seeded(workspace)
    store = workspace.store
    before = snapshot(store)
    change = CHANGES[name](workspace)
    assert snapshot(store) != before, "the change changed nothing"
    assert change.undoable and workspace.journal.count() == 1
    undone = workspace.journal.undo()
    assert undone.entry.what == change.what and undone.left == 0
    assert snapshot(store) == before
    assert workspace.journal.count() == 0
    with pytest.raises(InputError, match="nothing to undo"):
        workspace.journal.undo()


def test_the_journal_is_kept_in_the_store_and_goes_back_step_by_step(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store.open(data) as store:
        store.goals.set(GOALS)
        workspace = seeded(Workspace(store, TODAY))
        before = snapshot(store)
        CHANGES["log with a new contact"](workspace)
        middle = snapshot(store)
        CHANGES["goals: rename"](workspace)
    with Store.open(data) as store:  # another process, another interface
        workspace = Workspace(store, TODAY)
        assert [entry.what for entry in workspace.journal.entries()][1].startswith("logged")
        assert workspace.journal.entries()[0].via == "cli"
        assert workspace.journal.undo().left == 1
        assert snapshot(store) == middle
        workspace.journal.undo()
        assert snapshot(store) == before


def test_a_change_inside_another_is_one_step(workspace: Workspace) -> None:
    seeded(workspace)
    workspace.goals.save_audience("prospects", Audience(name="clients", weight=60))
    assert workspace.journal.count() == 1  # the rename saved goals, contacts and activities


def test_twenty_steps_are_kept(workspace: Workspace) -> None:
    for index in range(25):
        workspace.goals.set_roles_undoably("prospects", f"word{index}")
    assert workspace.journal.count() == store_journal.DEPTH == 20
    assert workspace.journal.entries()[0].what == "role keywords of prospects saved"


def test_a_record_changed_since_is_never_overwritten(workspace: Workspace) -> None:
    seeded(workspace)
    store = workspace.store
    CHANGES["reading added"](workspace)
    logged = CHANGES["log with a new contact"](workspace).result[0]
    # changed by something the journal does not track (as an import or a load would)
    store.activities.update(logged.model_copy(update={"note": "changed elsewhere"}))
    with pytest.raises(InputError, match="changed since by an import or a load"):
        workspace.journal.undo()
    assert store.activities.get(logged.id).note == "changed elsewhere"  # untouched
    assert workspace.journal.count() == 1  # that step dropped: the next undo goes back further
    assert workspace.journal.undo().entry.what.startswith("reading of")


def test_a_change_that_fails_halfway_leaves_nothing(workspace: Workspace) -> None:
    seeded(workspace)
    store = workspace.store
    before = snapshot(store)
    on_disk = store.path.read_bytes()

    def half() -> Change[None]:
        store.contacts.add(Contact(name="Half Done"))
        raise InputError("refused after a first write")

    with pytest.raises(InputError):
        workspace.journal.run(half)
    assert snapshot(store) == before and store.path.read_bytes() == on_disk
    assert store.contacts.find("Half Done") is None and workspace.journal.count() == 0


def test_an_activity_kept_in_a_history_segment_comes_back(workspace: Workspace) -> None:
    seeded(workspace)
    store = workspace.store
    store.compact()
    before = snapshot(store)
    tombstones = store.table_data("tombstones").get("1")
    workspace.activities.delete_undoably(first_activity(workspace, "comment").id)
    workspace.journal.undo()
    assert snapshot(store) == before
    assert store.table_data("tombstones").get("1") in (
        tombstones,
        {"value": {"activities": [], "contacts": [], "imports": []}},
    )


def test_an_entry_edited_by_hand_is_refused_and_dropped(workspace: Workspace) -> None:
    seeded(workspace)
    store = workspace.store
    CHANGES["reading added"](workspace)
    CHANGES["plan added"](workspace)
    entries = store_journal.entries(store)
    entries[-1]["records"] = [{"table": "nowhere"}]
    store_journal.set_entries(store, entries)
    with pytest.raises(InputError, match="edited by hand"):
        workspace.journal.undo()
    assert workspace.journal.undo().entry.what.startswith("reading of")


def test_commands_made_changes_are_worded_and_undone(workspace: Workspace) -> None:
    seeded(workspace)
    before = snapshot(workspace.store)
    planner = workspace.planner
    plan = planner.all_plans()[0]
    activity = workspace.journal.record(
        lambda: planner.done_next(plan.id), lambda done: f"done: {done.kind}"
    )
    assert activity.kind == "comment" and workspace.journal.entries()[0].what == "done: comment"
    workspace.journal.undo()
    assert snapshot(workspace.store) == before
