"""The application layer shared by the command line and the app: store + catalog + rules + today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ssi_tui.domain.alignment import AlignmentCache
from ssi_tui.domain.catalog import Catalog, Rules, default_catalog, default_rules
from ssi_tui.domain.daily import history
from ssi_tui.domain.demo import load_demo
from ssi_tui.domain.models import Activity, Contact, Goals
from ssi_tui.domain.report import Report, build_report
from ssi_tui.domain.scoring import PillarTotals, window_start
from ssi_tui.gcpause import paused_gc
from ssi_tui.store import Store


class InputError(ValueError):
    """Bad user input: the message names the bad value; nothing was stored."""


@dataclass
class Workspace:
    """What a command or a screen works with."""

    store: Store
    today: date
    catalog: Catalog = field(default_factory=default_catalog)
    rules: Rules = field(default_factory=default_rules)
    alignments: AlignmentCache = field(default_factory=AlignmentCache)

    # -- scores ---------------------------------------------------------------------------
    def report(self, as_of: date | None = None, window_days: int | None = None) -> Report:
        """Scores and flags as of a date (default today) over a window (default from the rules)."""
        as_of = as_of or self.today
        window = window_days or self.rules.scoring.window_days
        readings = self.store.readings.all()
        start = window_start(as_of, window)
        # The official comparison is made on the latest recent reading's date, over the rules'
        # own window: its activities must be at hand too.
        recent = [reading.date for reading in readings if reading.date <= as_of]
        if recent:
            start = min(start, window_start(max(recent), self.rules.scoring.window_days))
        first = self.store.activities.first_date()
        with paused_gc():  # thousands of scored activities and contributions, no cycles
            activities = self.store.activities.records_between(start, as_of)
            return build_report(
                activities,
                self.store.goals.get(),
                self.catalog,
                self.rules,
                as_of,
                window,
                self.store.checklist.history(undated_since=first),
                readings,
                cache=self.alignments,
                contacts=self.store.contacts.facts(),
                first_activity=first,
            )

    def history(
        self, week_ends: Sequence[date], window_days: int | None = None
    ) -> list[PillarTotals]:
        """Pillar scores as of each date."""
        if not week_ends:
            return []
        window = window_days or self.rules.scoring.window_days
        with paused_gc():  # tens of thousands of records and rows, no cycles
            activities = self.store.activities.records_between(
                window_start(min(week_ends), window), max(week_ends)
            )
            return history(
                activities,
                self.store.goals.get(),
                self.catalog,
                self.rules,
                week_ends,
                window,
                self.store.checklist.history(undated_since=self.store.activities.first_date()),
                cache=self.alignments,
                contacts=self.store.contacts.facts(),
            )

    # -- activities -----------------------------------------------------------------------
    def check_audience(self, audience: str | None, goals: Goals | None = None) -> str | None:
        """Normalise an audience name; refuse one that is not in the goals (when goals name any)."""
        if audience is None or not audience.strip():
            return None
        name = " ".join(audience.casefold().split())
        goals = goals or self.store.goals.get()
        known = [item.name for item in goals.audiences]
        if known and name not in known:
            raise InputError(
                f"unknown audience {audience!r}; audiences in your goals: {', '.join(known)}"
            )
        return name

    def build_activity(self, fields: dict[str, Any]) -> Activity:
        """Validate fields into an activity: known kind, known audience, default channel from the kind."""
        kind = self.catalog.kinds.get(fields.get("kind", ""))
        if kind is None:
            raise InputError(
                f"unknown activity kind {fields.get('kind')!r}; valid kinds: {', '.join(sorted(self.catalog.kinds))}"
            )
        values = {key: value for key, value in fields.items() if value is not None}
        values["audience"] = self.check_audience(values.get("audience"))
        values.setdefault("channel", kind.default_channel)
        values.setdefault("date", self.today)
        from pydantic import ValidationError

        from ssi_tui.domain.catalog import describe_validation_error

        try:
            activity = Activity.model_validate(values)
        except ValidationError as error:
            raise InputError(describe_validation_error(error)) from None
        if activity.date > self.today:
            raise InputError(
                f"date {activity.date.isoformat()} is in the future "
                f"(today is {self.today.isoformat()}): log what you have done"
            )
        return activity

    def log_activity(self, fields: dict[str, Any]) -> tuple[Activity, Contact | None]:
        """Store a new activity; a contact name not yet known creates the contact (one save each)."""
        activity = self.build_activity(fields)
        created: Contact | None = None
        if activity.contact and self.store.contacts.find(activity.contact) is None:
            created = Contact(
                name=activity.contact,
                company=activity.company,
                title=activity.title,
                audience=activity.audience,
                source=activity.source if activity.source != "plan" else "manual",
            )
            self.store.save_bulk(
                [activity.model_dump(mode="json")],
                [created.model_dump(mode="json")],
                force_hot=True,
            )
        else:
            self.store.activities.add(activity)
        return activity, created


def seed_demo(store: Store, today: date, catalog: Catalog | None = None) -> None:
    """Fill an empty store with the demo dataset, dated relative to `today`."""
    catalog = catalog or default_catalog()
    demo = load_demo(today, catalog)
    store.goals.set(demo.goals)
    for since, checklist in demo.checklist_history:
        store.checklist.set(checklist, on=since)
    for reading in demo.readings:
        store.readings.add(reading)
    store.save_bulk(
        [activity.model_dump(mode="json") for activity in demo.activities],
        [contact.model_dump(mode="json") for contact in demo.contacts],
    )
    for plan in demo.plans:
        store.plans.add(plan)


def week_ends(as_of: date, weeks: int) -> list[date]:
    """The last `weeks` Sundays on or before `as_of`, oldest first."""
    days_since_sunday = (as_of.weekday() + 1) % 7
    last_sunday = as_of - timedelta(days=days_since_sunday)
    ends = [last_sunday - timedelta(weeks=index) for index in range(weeks)]
    return sorted(ends)


def demo_dir(base: Path) -> Path:
    """Where a throw-away demo store lives inside a temporary directory."""
    return base / "ssi-tui-demo"
