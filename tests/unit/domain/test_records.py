"""ActivityRecord: the light read-only view scoring uses must say what the Activity model says."""

from __future__ import annotations

from datetime import date

import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.domain.records import ActivityRecord

FULL = Activity(
    id="a1",
    kind="meeting",
    date=date(2026, 11, 20),
    audience="prospects",
    contact="Alice Moreau",
    company="Northwind Traders",
    title="Head of Sales",
    personalised=True,
    relevance=5,
    channel="off",
    note="coffee",
    source="plan",
    plan_id="p1",
    occurrence=date(2026, 11, 19),
    external_id="x1",
)


def same_fields(record: ActivityRecord, activity: Activity) -> None:
    for name in ActivityRecord._fields:
        assert getattr(record, name) == getattr(activity, name), name
    assert set(ActivityRecord._fields) == set(Activity.model_fields)


def test_a_stored_document_reads_back_field_for_field() -> None:
    record = ActivityRecord.from_doc(FULL.model_dump(mode="json"))
    same_fields(record, FULL)
    assert isinstance(record.date, date) and isinstance(record.occurrence, date)


def test_a_document_missing_fields_takes_the_model_defaults() -> None:
    minimal = Activity(id="a2", kind="post", date=date(2026, 1, 2))
    record = ActivityRecord.from_doc({"id": "a2", "kind": "post", "date": "2026-01-02"})
    same_fields(record, minimal)


def test_personalised_is_a_bool_whatever_was_stored() -> None:
    doc = FULL.model_dump(mode="json") | {"personalised": 1}
    assert ActivityRecord.from_doc(doc).personalised is True


@pytest.mark.parametrize("field", ["date", "occurrence"])
def test_a_bad_date_is_refused(field: str) -> None:
    doc = FULL.model_dump(mode="json") | {field: "2026-13-40"}
    with pytest.raises(ValueError):
        ActivityRecord.from_doc(doc)
