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
from ssi_tui.paths import package_data_dir


@dataclass(frozen=True, slots=True)
class DemoData:
    """Everything a demo store starts with."""

    goals: Goals
    checklist: ProfileChecklist
    contacts: list[Contact]
    activities: list[Activity]
    readings: list[SSIReading]


def _dated(entry: dict[str, Any], today: date) -> dict[str, Any]:
    fields = dict(entry)
    fields["date"] = today - timedelta(days=int(fields.pop("days_ago")))
    return fields


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
            Contact.model_validate({**entry, "source": "demo", "id": f"demo-contact-{index}"})
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
    except ValidationError as error:
        raise DataFileError(f"{source}: {describe_validation_error(error)}") from None
    return DemoData(goals, checklist, contacts, activities, readings)
