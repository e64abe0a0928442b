"""The demo dataset (data/demo.json), dated relative to today so it always looks current."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ssi_tui.domain.catalog import Catalog, DataFileError, describe_validation_error
from ssi_tui.domain.goals_file import parse_goals
from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist, SSIReading
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.recurrence import RuleError, occurrences, parse_rule
from ssi_tui.paths import package_data_dir


@dataclass(frozen=True, slots=True)
class DemoData:
    """Everything a demo store starts with."""

    goals: Goals
    checklist: ProfileChecklist
    contacts: list[Contact]
    activities: list[Activity]
    readings: list[SSIReading]
    plans: list[Plan]
    checklist_history: list[tuple[date, ProfileChecklist]]


def _dated(entry: dict[str, Any], today: date) -> dict[str, Any]:
    fields = dict(entry)
    fields["date"] = today - timedelta(days=int(fields.pop("days_ago")))
    return fields


def _connected(entry: dict[str, Any], today: date) -> dict[str, Any]:
    fields = dict(entry)
    if "connected_days_ago" in fields:
        fields["connected_on"] = today - timedelta(days=int(fields.pop("connected_days_ago")))
    return fields


def _plans(
    entries: list[dict[str, Any]], today: date, catalog: Catalog
) -> tuple[list[Plan], list[Activity]]:
    """Demo plans, and an activity for each occurrence listed as done (on its day)."""
    plans: list[Plan] = []
    done: list[Activity] = []
    for index, entry in enumerate(entries):
        fields = dict(entry)
        start = today - timedelta(days=int(fields.pop("start_days_ago")))
        done_days = [today - timedelta(days=int(days)) for days in fields.pop("done_days_ago", [])]
        try:
            recurrence = parse_rule(fields.pop("rule"), start)
        except RuleError as error:
            raise DataFileError(f"demo plan {index}: {error}") from None
        plan = Plan.model_validate(
            {**fields, "id": f"demo-plan-{index}", "rule": recurrence.rule, "start": start}
        )
        plans.append(plan)
        due = set(occurrences(plan.recurrence, start, start, today))
        for day in sorted(set(done_days) & due):
            done.append(
                Activity(
                    id=f"demo-plan-{index}-{day.isoformat()}",
                    kind=plan.kind,
                    date=day,
                    audience=plan.audience,
                    contact=plan.contact,
                    company=plan.company,
                    personalised=plan.personalised,
                    channel=catalog.kind(plan.kind).default_channel,
                    note=plan.note,
                    source="plan",
                    plan_id=plan.id,
                    occurrence=day,
                )
            )
    return plans, done


def load_demo(today: date, catalog: Catalog, path: Path | None = None) -> DemoData:
    """Read the demo dataset, dating every entry `days_ago` days before `today`."""
    path = path or package_data_dir() / "demo.json"
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise DataFileError(f"{source}: cannot read the demo data: {error}") from None
    goals = parse_goals(data.get("goals", {}), f"{source} goals", catalog)
    try:
        checklist = ProfileChecklist.model_validate(data.get("checklist", {}))
        contacts = [
            Contact.model_validate(
                {**_connected(entry, today), "source": "demo", "id": f"demo-contact-{index}"}
            )
            for index, entry in enumerate(data.get("contacts", []))
        ]
        readings = [
            SSIReading.model_validate({**_dated(entry, today), "id": f"demo-reading-{index}"})
            for index, entry in enumerate(data.get("readings", []))
        ]
        activities = []
        for index, entry in enumerate(data.get("activities", [])):
            fields = _dated(entry, today)
            fields.setdefault("channel", catalog.kind(fields["kind"]).default_channel)
            activities.append(
                Activity.model_validate({**fields, "source": "demo", "id": f"demo-{index:04d}"})
            )
        plans, done = _plans(data.get("plans", []), today, catalog)
        # Earlier states of the profile, oldest first; the current one is in force since the
        # first activity when no history says otherwise.
        history = [
            (
                today - timedelta(days=int(entry["days_ago"])),
                ProfileChecklist.model_validate(entry["checklist"]),
            )
            for entry in data.get("checklist_history", [])
        ]
        if not history:
            first = min((activity.date for activity in [*activities, *done]), default=today)
            history = [(first, checklist)]
    except ValidationError as error:
        raise DataFileError(f"{source}: {describe_validation_error(error)}") from None
    except DataFileError as error:
        raise DataFileError(f"{source}: {error}") from None
    return DemoData(goals, checklist, contacts, [*activities, *done], readings, plans, history)
