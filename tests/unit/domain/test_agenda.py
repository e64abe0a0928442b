"""Agenda buckets, occurrence statuses and streaks (pure domain, fixed dates)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from ssi_tui.domain.agenda import (
    Ledger,
    build_agenda,
    open_occurrences,
    overall_streak,
    plan_streak,
)
from ssi_tui.domain.models import Activity
from ssi_tui.domain.plans import Plan, PlanEvent

AS_OF = date(2026, 11, 26)  # a Thursday


def day(offset: int) -> date:
    return AS_OF + timedelta(days=offset)


def plan(rule: str = "FREQ=DAILY", start: int = -30, **fields: Any) -> Plan:
    return Plan(kind=fields.pop("kind", "comment"), rule=rule, start=day(start), **fields)


def done(p: Plan, occurrence: int, on: int | None = None) -> Activity:
    return Activity(
        kind=p.kind,
        date=day(occurrence if on is None else on),
        source="plan",
        plan_id=p.id,
        occurrence=day(occurrence),
    )


def skip(p: Plan, occurrence: int) -> PlanEvent:
    return PlanEvent(plan_id=p.id, occurrence=day(occurrence))


def test_buckets_overdue_today_week_and_handled() -> None:
    daily = plan(start=-20)
    ledger = Ledger.build(
        [done(daily, -1), done(daily, -2, on=-1), done(daily, 1, on=0)], [skip(daily, -3)]
    )
    agenda = build_agenda([daily], ledger, AS_OF)
    assert [item.date for item in agenda.overdue] == [day(n) for n in range(-14, -3)]
    assert all(item.status == "open" for item in agenda.overdue)
    assert [(item.date, item.status) for item in agenda.today] == [(AS_OF, "open")]
    assert [item.date for item in agenda.week] == [day(n) for n in range(1, 7)]
    assert agenda.week[0].status == "done"  # done a day early
    assert [(item.date, item.status) for item in agenda.handled] == [
        (day(-1), "done"),
        (day(-2), "done"),
        (day(-3), "skipped"),
    ]
    assert agenda.handled[2].event_id is not None and agenda.handled[0].activity_id is not None
    assert len(agenda.open_today) == 1


def test_overdue_stops_at_fourteen_days_and_at_the_plan_start() -> None:
    assert [i.date for i in build_agenda([plan(start=-40)], Ledger(), AS_OF).overdue][0] == day(-14)
    assert [i.date for i in build_agenda([plan(start=-2)], Ledger(), AS_OF).overdue] == [
        day(-2),
        day(-1),
    ]
    future = build_agenda([plan(start=3)], Ledger(), AS_OF)
    assert future.overdue == [] and future.today == [] and future.week[0].date == day(3)


def test_ended_plans_and_counts_leave_the_agenda() -> None:
    until = plan(start=-5, until=day(-4))
    counted = plan(start=-5, count=2)
    agenda = build_agenda([until, counted], Ledger(), AS_OF)
    assert sorted(item.date for item in agenda.overdue) == [day(-5), day(-5), day(-4), day(-4)]
    assert agenda.today == [] and agenda.week == []


def test_items_are_ordered_by_date_then_kind_and_serialise() -> None:
    posts = plan("FREQ=WEEKLY;BYDAY=TH", start=-7, kind="post", audience="prospects")
    comments = plan(start=0, kind="comment", contact="Ada", company="Acme")
    agenda = build_agenda([posts, comments], Ledger(), AS_OF)
    assert [item.plan.kind for item in agenda.today] == ["comment", "post"]
    data = agenda.as_dict()
    assert set(data) == {"overdue", "today", "week"}
    first = data["today"][0]
    assert {"plan_id", "date", "kind", "audience", "contact"} <= set(first)
    assert first["contact"] == "Ada" and first["date"] == AS_OF.isoformat()
    assert agenda.today[0].key == f"{comments.id}@{AS_OF.isoformat()}"


def test_open_occurrences_are_overdue_then_today() -> None:
    daily = plan(start=-3)
    ledger = Ledger.build([done(daily, -2)], [skip(daily, -1)])
    assert open_occurrences(daily, ledger, AS_OF) == [day(-3), AS_OF]


def test_duplicate_done_keeps_the_earliest() -> None:
    daily = plan(start=-3)
    early, late = done(daily, -2, on=-2), done(daily, -2, on=-1)
    ledger = Ledger.build([late, early], [])
    assert ledger.done[(daily.id, day(-2))] is early
    assert ledger.on_time(daily.id, day(-2))


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        # (occurrence offset, what happened): done on time, late, skipped, missed (nothing)
        ({}, (0, 0)),
        ({-3: "done", -2: "done", -1: "done"}, (3, 3)),
        ({-3: "done", -2: "done", -1: "done", 0: "done"}, (4, 4)),  # today done counts
        ({-3: "done", -2: "missed", -1: "done"}, (1, 1)),
        # Late: missed on its day, a break that doing it late does not mend.
        ({-3: "done", -2: "late", -1: "done"}, (1, 1)),
        ({-3: "late", -2: "late", -1: "late"}, (0, 0)),
        ({-3: "done", -2: "skip", -1: "done"}, (2, 2)),  # a skip neither counts nor breaks
        ({-3: "early", -2: "done", -1: "done"}, (3, 3)),  # done early is on time
        ({-3: "done", -2: "done", -1: "missed"}, (0, 2)),  # yesterday missed: streak lost
    ],
)
def test_plan_streak(events: dict[int, str], expected: tuple[int, int]) -> None:
    daily = plan(start=-3)
    activities, skips = [], []
    for offset, what in events.items():
        if what == "done":
            activities.append(done(daily, offset))
        elif what == "late":
            activities.append(done(daily, offset, on=offset + 1))
        elif what == "early":
            activities.append(done(daily, offset, on=offset - 2))
        elif what == "skip":
            skips.append(skip(daily, offset))
    streak = plan_streak(daily, Ledger.build(activities, skips), AS_OF)
    assert (streak.current, streak.best) == expected


def test_streak_since_and_today_open_does_not_break() -> None:
    weekly = plan("FREQ=WEEKLY;BYDAY=TH", start=-21)
    ledger = Ledger.build([done(weekly, -21), done(weekly, -14), done(weekly, -7)], [])
    streak = plan_streak(weekly, ledger, AS_OF)
    assert (streak.current, streak.best, streak.since) == (3, 3, day(-21))
    tomorrow = plan_streak(weekly, ledger, day(1))
    assert tomorrow.current == 0 and tomorrow.best == 3  # today's occurrence was missed


def test_overall_streak_counts_days_with_everything_done() -> None:
    daily = plan(start=-4)
    weekly = plan("FREQ=WEEKLY;BYDAY=TU", start=-9, kind="post")  # Tuesdays: -9, -2
    activities = [done(daily, n) for n in (-4, -3, -2, -1)] + [done(weekly, -9)]
    ledger = Ledger.build(activities, [])
    # Day -2: the daily one done, the weekly one missed → the run restarts after it.
    assert overall_streak([daily, weekly], ledger, AS_OF).current == 1
    fixed = Ledger.build([*activities, done(weekly, -2)], [])
    result = overall_streak([daily, weekly], fixed, AS_OF)
    assert (result.current, result.best) == (5, 5)  # days -9, -4, -3, -2, -1
    skipped = Ledger.build(activities, [skip(weekly, -2)])
    assert overall_streak([daily, weekly], skipped, AS_OF).current == 5
    assert overall_streak([], Ledger(), AS_OF).current == 0
    # The weekly one of day -2 done late (on day -1): day -2 stays a break.
    late = Ledger.build([*activities, done(weekly, -2, on=-1)], [])
    assert overall_streak([daily, weekly], late, AS_OF).current == 1
