"""The table registry: every table it declares is a repository, is checked, exported and loaded."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from ssi_tui.domain.models import (
    Activity,
    Audience,
    Contact,
    Goals,
    ProfileChecklist,
    SSIReading,
)
from ssi_tui.domain.network import ConnectionChange
from ssi_tui.domain.plans import Plan, PlanEvent
from ssi_tui.exports.document import SECTIONS, export_document
from ssi_tui.exports.loader import parse_export, restore
from ssi_tui.store import Store, StoreCorruptError, registry, schema

from .conftest import write_sealed

TODAY = date(2026, 11, 26)
PLAN = Plan(kind="comment", rule="FREQ=WEEKLY;BYDAY=MO", start=date(2026, 11, 2))
# One thing to store per exported table: a new table must say here what it holds.
SAMPLES: dict[str, Any] = {
    "goals": Goals(audiences=[Audience(name="recruiters", weight=1)]),
    "checklist": ProfileChecklist(photo=True, skills=5),
    "settings": {"theme": "nord"},
    "readings": SSIReading(
        date=date(2026, 11, 20), total=60, brand=15, find=15, engage=15, relate=15
    ),
    "contacts": Contact(name="Ada Example", company="Example Co"),
    "activities": Activity(kind="comment", date=date(2026, 11, 24)),
    "plans": PLAN,
    "plan_events": PlanEvent(plan_id=PLAN.id, occurrence=date(2026, 11, 23)),
    "connection_changes": ConnectionChange(
        date=date(2026, 11, 26),
        kind="job",
        name="Ada Example",
        company_before="Contoso",
        company_after="Fabrikam",
    ),
}
# A stored document that no longer validates, per record table.
INVALID: dict[str, dict[str, Any]] = {
    "readings": {"id": "bad-reading-1", "date": "2026-11-20", "total": 500},
    "plans": {"id": "bad-plan-1234", "kind": "comment", "rule": "FREQ=NEVER", "start": "x"},
    "plan_events": {"id": "bad-event-123", "plan_id": "p", "occurrence": "not a date"},
    "connection_changes": {"id": "bad-change-12", "date": "2026-11-26", "kind": "fired"},
}
# A damaged document per table checked when the store opens (then no store can stand in).
DAMAGED: dict[str, dict[str, Any]] = {
    "goals": {"1": {"value": {"audiences": [{"name": "x", "weight": -1}]}}},
    "checklist": {"1": {"value": {"skills": "many"}}},
    "settings": {"1": {"value": ["not", "a", "mapping"]}},
    "activities": {"1": {"id": "a1", "kind": "comment"}},
    "contacts": {"1": {"id": "c1"}},
}


def fill(store: Store) -> None:
    """Store every sample through its table's repository."""
    for spec in registry.EXPORTED:
        sample = SAMPLES[spec.name]
        repository = store.repository(spec.name)
        if spec.name == "settings":
            repository.replace(sample)
        elif spec.kind == "singleton":
            repository.set(sample)
        else:
            repository.add(sample)


def test_every_table_has_a_repository_attribute_and_a_place_in_store_json(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for spec in registry.REPOSITORIES:
            assert isinstance(getattr(store, spec.name), spec.repository)
            assert store.repository(spec.name) is getattr(store, spec.name)
        assert isinstance(store.plans.all(), list) and isinstance(store.plan_events.all(), list)
    assert tuple(spec.name for spec in registry.TABLES) == schema.TABLES
    stored = orjson.loads((tmp_path / "store.json").read_bytes())
    assert set(stored) == {*schema.TABLES, "checksum"}  # sealed: store/integrity.py


def test_the_samples_cover_every_exported_table() -> None:
    assert set(SAMPLES) == {spec.name for spec in registry.EXPORTED}
    assert set(INVALID) == {spec.name for spec in registry.RECORDS}
    assert set(DAMAGED) | set(INVALID) == set(SAMPLES)


@pytest.mark.parametrize("table", sorted(INVALID))
def test_an_invalid_record_of_every_record_table_shows_in_problems(
    tmp_path: Path, table: str
) -> None:
    with Store.open(tmp_path) as store:
        store.put_document(table, store.next_doc_id(table), INVALID[table])
    with Store.open(tmp_path) as store:  # a fresh store: nothing opened its tables before
        problems = store.problems()
        assert store.repository(table).all() == []
    noun = table.removesuffix("s").replace("_", " ")
    assert len(problems) == 1
    assert problems[0].startswith(f"stored {noun} {INVALID[table]['id'][:8]} is invalid")


def test_a_corrupt_plan_shows_in_problems_without_opening_the_planner(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        store.plans.add(PLAN)
    path = tmp_path / "store.json"
    data = orjson.loads(path.read_bytes())
    data["plans"]["1"]["rule"] = "FREQ=SOMETIMES"
    write_sealed(path, data)
    with Store.open(tmp_path, read_only=True) as store:
        problems = store.problems()
    assert len(problems) == 1
    assert problems[0].startswith(f"stored plan {PLAN.id[:8]} is invalid")
    assert "ssi-tui plan remove" in problems[0]


@pytest.mark.parametrize("table", sorted(DAMAGED))
def test_a_damaged_document_of_every_other_table_refuses_the_store(
    tmp_path: Path, table: str
) -> None:
    with Store.open(tmp_path):
        pass
    path = tmp_path / "store.json"
    data = orjson.loads(path.read_bytes())
    data[table] = DAMAGED[table]
    write_sealed(path, data)
    with pytest.raises(StoreCorruptError):
        Store.open(tmp_path)


def test_every_exported_table_is_a_section_and_round_trips_through_load(tmp_path: Path) -> None:
    with Store.open(tmp_path / "first") as store:
        fill(store)
        first = export_document(store, TODAY)
    for spec in registry.EXPORTED:
        assert spec.name in SECTIONS
        assert first[spec.name], f"{spec.name} was not exported"
    with Store.open(tmp_path / "second") as store:
        summary = restore(store, parse_export(first))
        second = export_document(store, TODAY)
    assert second == first
    for spec in registry.COLLECTIONS:
        assert summary.added[spec.name] == 1
        assert f"{spec.name.replace('_', ' ')}: 1 added" in summary.describe()
