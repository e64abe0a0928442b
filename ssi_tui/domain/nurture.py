"""Relationship nurturing: each contact's audience, stay-in-touch cadence and last interaction,
and the losing-touch list (contacts past their cadence, most overdue first)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ssi_tui.domain.alignment import GoalIndex
from ssi_tui.domain.models import Activity, Contact, Goals
from ssi_tui.domain.text import fold


@dataclass(slots=True)
class Touches:
    """What the activity log says about each contact (by folded name), up to a date."""

    last: dict[str, date] = field(default_factory=dict)
    audiences: dict[str, Counter[str]] = field(default_factory=dict)
    latest_audience: dict[str, tuple[date, str]] = field(default_factory=dict)

    @classmethod
    def build(cls, activities: Iterable[Activity], as_of: date) -> Touches:
        """One pass over the log: latest activity of any kind, and audiences used, per contact."""
        touches = cls()
        last, audiences, latest_audience = touches.last, touches.audiences, touches.latest_audience
        for activity in activities:
            if not activity.contact or activity.date > as_of:
                continue
            key = fold(activity.contact)
            day = activity.date
            seen = last.get(key)
            if seen is None or day > seen:
                last[key] = day
            if activity.audience:
                counts = audiences.get(key)
                if counts is None:
                    counts = audiences[key] = Counter()
                counts[activity.audience] += 1
                latest = latest_audience.get(key)
                if latest is None or day >= latest[0]:
                    latest_audience[key] = (day, activity.audience)
        return touches

    def activity_audience(self, key: str) -> str | None:
        """The audience most often set on activities with a contact (ties: the latest)."""
        counts = self.audiences.get(key)
        if not counts:
            return None
        if len(counts) == 1:
            return next(iter(counts))
        top = max(counts.values())
        leaders = {name for name, count in counts.items() if count == top}
        latest = self.latest_audience[key][1]
        return latest if latest in leaders else min(leaders)


def contact_audience(contact: Contact, goals: Goals | GoalIndex, touches: Touches) -> str | None:
    """The contact's own audience, else the one of activities with them, else the goals' view
    (target account, then role keywords in the title)."""
    if contact.audience:
        return contact.audience
    from_log = touches.activity_audience(contact.key)
    if from_log:
        return from_log
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    account = index.account(contact.company)
    if account is not None:
        return account.audience
    return index.role(contact.title)


@dataclass(frozen=True, slots=True)
class TouchStatus:
    """How long since a contact was last in touch, against their cadence."""

    contact: Contact
    audience: str | None
    cadence: int
    last: date
    since_connection: bool
    days_since: int

    @property
    def overdue_days(self) -> int:
        """Days past the cadence (0 or less: not due yet)."""
        return self.days_since - self.cadence

    @property
    def ratio(self) -> float:
        """Days overdue as a share of the cadence: the losing-touch order."""
        return self.overdue_days / self.cadence

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui contacts --losing-touch --json`."""
        return {
            "id": self.contact.id,
            "name": self.contact.name,
            "company": self.contact.company,
            "title": self.contact.title,
            "audience": self.audience,
            "cadence_days": self.cadence,
            "last_interaction": self.last.isoformat(),
            "last_is_connection_date": self.since_connection,
            "days_since": self.days_since,
            "days_overdue": self.overdue_days,
            "overdue_ratio": round(self.ratio, 3),
        }


def touch_status(
    contact: Contact,
    goals: Goals | GoalIndex,
    touches: Touches,
    as_of: date,
) -> TouchStatus | None:
    """A contact's status, or None when they have no cadence or were never in touch.

    The cadence is the contact's own, else their audience's in the goals (untargeted contacts
    have none). Without any activity, the connection date stands for the last interaction.
    """
    index = goals if isinstance(goals, GoalIndex) else GoalIndex(goals)
    key = contact.key
    audience = contact.audience or touches.activity_audience(key)
    if audience is None:
        audience = contact_audience(contact, index, touches)
    cadence = contact.cadence_days or index.goals.cadence_for(audience)
    if cadence is None:
        return None
    last = touches.last.get(key)
    since_connection = False
    if last is None:
        if contact.connected_on is None or contact.connected_on > as_of:
            return None
        last, since_connection = contact.connected_on, True
    return TouchStatus(contact, audience, cadence, last, since_connection, (as_of - last).days)


def losing_touch(
    contacts: Sequence[Contact], activities: Iterable[Activity], goals: Goals, as_of: date
) -> list[TouchStatus]:
    """Contacts past their cadence, most overdue first (days overdue ÷ cadence), then by name."""
    touches = Touches.build(activities, as_of)
    index = GoalIndex(goals)
    overdue = []
    for contact in contacts:
        status = touch_status(contact, index, touches, as_of)
        if status is not None and status.overdue_days > 0:
            overdue.append(status)
    overdue.sort(key=lambda status: (-status.ratio, -status.overdue_days, status.contact.key))
    return overdue
