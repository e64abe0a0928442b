"""Losing touch: audience resolution, cadences, last interaction and the overdue order."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from ssi_tui.domain.models import Activity, Contact
from ssi_tui.domain.nurture import Touches, contact_audience, losing_touch, touch_status
from tests.goals import GOALS, TODAY


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def act(contact: str, days: int, kind: str = "comment", **fields: Any) -> Activity:
    return Activity(kind=kind, date=ago(days), contact=contact, **fields)


def names(contacts: list[Contact], activities: list[Activity]) -> list[str]:
    return [status.contact.name for status in losing_touch(contacts, activities, GOALS, TODAY)]


def test_order_is_days_overdue_over_cadence() -> None:
    contacts = [
        Contact(name="Pia", audience="prospects"),  # 30 d cadence, 45 d ago: 15/30 = 0.5
        Contact(name="Paul", audience="partners"),  # 45 d, 135 d ago: 90/45 = 2.0
        Contact(name="Rita", audience="recruiters"),  # 60 d, 90 d ago: 0.5 too, but 30 days late
        Contact(name="Pete", audience="prospects"),  # 30 d, 20 d ago: not due
        Contact(name="Rob", audience="recruiters"),  # 60 d, 150 d ago: 90/60 = 1.5
    ]
    activities = [
        act("Pia", 45),
        act("Paul", 135),
        act("Rita", 90),
        act("Pete", 20),
        act("Rob", 150),
    ]
    assert names(contacts, activities) == ["Paul", "Rob", "Rita", "Pia"]
    statuses = losing_touch(contacts, activities, GOALS, TODAY)
    assert (statuses[0].cadence, statuses[0].overdue_days, statuses[0].ratio) == (45, 90, 2.0)
    assert statuses[0].as_dict()["days_overdue"] == 90


def test_exactly_at_the_cadence_is_not_overdue_yet() -> None:
    contacts = [Contact(name="Pia", audience="prospects")]
    assert names(contacts, [act("Pia", 30)]) == []
    assert names(contacts, [act("Pia", 31)]) == ["Pia"]


def test_last_interaction_is_the_latest_activity_of_any_kind_case_insensitive() -> None:
    contacts = [Contact(name="Ada Lovelace", audience="prospects")]
    activities = [
        act("ada  LOVELACE", 40, kind="message_received"),
        act("Ada Lovelace", 10, kind="meeting", channel="off"),
        act("Ada Lovelace", 70, kind="call", source="plan"),
    ]
    assert names(contacts, activities) == []
    touches = Touches.build(activities, TODAY)
    assert touches.last["ada lovelace"] == ago(10)
    assert names(contacts, activities[:1] + activities[2:]) == ["Ada Lovelace"]


def test_activities_after_the_as_of_date_are_ignored() -> None:
    contacts = [Contact(name="Pia", audience="prospects")]
    activities = [act("Pia", 60), act("Pia", -3)]
    assert names(contacts, activities) == ["Pia"]


def test_cadence_override_and_untargeted_contacts() -> None:
    contacts = [
        Contact(name="Quick", audience="recruiters", cadence_days=7),
        Contact(name="Nobody", company="Initech", title="Engineer"),  # no audience, no cadence
        Contact(name="Own", company="Initech", title="Engineer", cadence_days=10),
    ]
    activities = [act("Quick", 10), act("Nobody", 400), act("Own", 12)]
    statuses = losing_touch(contacts, activities, GOALS, TODAY)
    assert [(s.contact.name, s.cadence, s.audience) for s in statuses] == [
        ("Quick", 7, "recruiters"),
        ("Own", 10, None),
    ]


def test_goal_cadence_replaces_the_default() -> None:
    goals = GOALS.model_copy(update={"cadence": {"prospects": 10}})
    contacts = [Contact(name="Pia", audience="prospects")]
    assert [s.cadence for s in losing_touch(contacts, [act("Pia", 11)], goals, TODAY)] == [10]


def test_audience_precedence_contact_then_activities_then_goals() -> None:
    touches = Touches.build(
        [
            act("Logged", 5, audience="partners"),
            act("Logged", 4, audience="recruiters"),
            act("Logged", 3, audience="partners"),
            act("Tie", 5, audience="partners"),
            act("Tie", 2, audience="recruiters"),
        ],
        TODAY,
    )
    own = Contact(name="Logged", audience="prospects", company="Fabrikam")
    assert contact_audience(own, GOALS, touches) == "prospects"
    by_log = Contact(name="Logged", company="Contoso", title="Talent partner")
    assert contact_audience(by_log, GOALS, touches) == "partners"  # most frequent
    assert contact_audience(Contact(name="Tie"), GOALS, touches) == "recruiters"  # latest of a tie
    by_account = Contact(name="New", company="fabrikam", title="Head of Sales")
    assert contact_audience(by_account, GOALS, touches) == "partners"
    by_role = Contact(name="New", company="Initech", title="Senior Recruiter")
    assert contact_audience(by_role, GOALS, touches) == "recruiters"
    assert contact_audience(Contact(name="New"), GOALS, touches) is None


def test_connection_date_stands_in_when_nothing_was_logged() -> None:
    contacts = [
        Contact(name="Linked", audience="prospects", connected_on=ago(50)),
        Contact(name="Never", audience="prospects"),  # never in touch: cannot be losing touch
        Contact(name="Soon", audience="prospects", connected_on=TODAY + timedelta(days=2)),
    ]
    (status,) = losing_touch(contacts, [], GOALS, TODAY)
    assert status.contact.name == "Linked" and status.since_connection
    assert status.last == ago(50) and status.overdue_days == 20
    assert touch_status(contacts[1], GOALS, Touches(), TODAY) is None
