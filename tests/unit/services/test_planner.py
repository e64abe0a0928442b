"""The planner over a real store: plans, done / skip / undo, suggestions and adoption."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.services.planner import Planner
from ssi_tui.services.workspace import InputError, Workspace
from ssi_tui.store import Store

from .conftest import TODAY


def day(offset: int) -> date:
    return TODAY + timedelta(days=offset)


def add(planner: Planner, **fields: Any) -> Any:
    return planner.add_plan({"kind": "comment", "rule": "daily", "start": day(-5), **fields})


def plan_activities(planner: Planner) -> list[Activity]:
    return [activity for activity in planner.store.activities.all() if activity.plan_id]


def test_add_plan_stores_the_preset_as_an_rrule(planner: Planner, tmp_path: Path) -> None:
    plan = add(planner, rule="weekly", audience="Prospects", contact="Ada", note="hi")
    assert plan.rule == "FREQ=WEEKLY;BYDAY=SA"  # the start, day(-5), is a Saturday
    assert plan.audience == "prospects"
    assert planner.all_plans() == [plan]
    planner.store.close()
    with Store.open(tmp_path / "data", read_only=True) as reopened:
        assert reopened.plans.all() == [plan]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "tweet"}, "unknown activity kind 'tweet'"),
        ({"audience": "martians"}, "unknown audience 'martians'"),
        ({"rule": "sometimes"}, "unknown preset 'sometimes'"),
        ({"rule": "FREQ=WEEKLY;BYDAY=XX"}, "invalid rule"),
        ({"until": day(-6)}, "is before the start"),
        ({"until": day(5), "count": 2}, "not both"),
        ({"rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31"}, "no occurrence"),
        ({"rule": "weekly", "count": 0}, "count must be"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_saved(
    planner: Planner, fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(InputError) as caught:
        add(planner, **fields)
    assert message in str(caught.value)
    assert planner.all_plans() == []


def test_find_plan_by_id_or_unique_prefix(planner: Planner) -> None:
    first = add(planner, id="abcd1111")
    add(planner, id="abcd2222")
    assert planner.find_plan("abcd1111") == first
    assert planner.find_plan("abcd1") == first
    with pytest.raises(InputError, match="'abcd' matches 2 of them .abcd1111, abcd2222."):
        planner.find_plan("abcd")
    with pytest.raises(InputError, match="give at least 4 characters of the plan id"):
        planner.find_plan("abc")  # too short to be a prefix
    with pytest.raises(InputError, match="no plan id starts with 'zzzz'"):
        planner.find_plan("zzzz")


def test_mark_done_logs_the_linked_activity(planner: Planner) -> None:
    plan = add(planner, audience="prospects", contact="Ada Lovelace", company="Contoso")
    activity = planner.mark_done(plan.id, day(-2), done_on=day(-2))  # done on its day
    assert activity.source == "plan" and activity.plan_id == plan.id
    assert activity.occurrence == day(-2) and activity.date == day(-2)
    assert (activity.kind, activity.audience, activity.contact, activity.company) == (
        "comment",
        "prospects",
        "Ada Lovelace",
        "Contoso",
    )
    assert planner.store.contacts.find("ada lovelace") is not None  # a new name is a contact
    early = planner.mark_done(plan.id, day(2))
    assert early.date == TODAY  # an occurrence still to come is done today
    late = planner.mark_done(plan.id, day(-3), done_on=TODAY)
    assert late.date == TODAY and late.occurrence == day(-3)
    agenda = planner.agenda()
    assert {item.date for item in agenda.handled if item.status == "done"} == {day(-2), day(-3)}
    assert agenda.week[1].status == "done"


@pytest.mark.parametrize(
    ("occurrence", "done_on", "message"),
    [
        (-6, None, "not an occurrence"),  # before the start
        (-2, 1, "after today"),
        (2, -8, "more than 7 days before"),
        (9, None, "more than a week ahead"),
    ],
)
def test_mark_done_refuses_impossible_dates(
    planner: Planner, occurrence: int, done_on: int | None, message: str
) -> None:
    plan = add(planner)
    with pytest.raises(InputError, match=message):
        planner.mark_done(plan.id, day(occurrence), None if done_on is None else day(done_on))
    assert plan_activities(planner) == []


def test_weekly_plan_refuses_an_off_day(planner: Planner) -> None:
    plan = add(planner, rule="weekly")  # Saturdays
    with pytest.raises(InputError, match="not an occurrence"):
        planner.mark_done(plan.id, TODAY)


def test_done_next_ticks_the_day_done_then_the_earliest_open(planner: Planner) -> None:
    """Today is itself an occurrence day: `done` ticks today's (the CLI ticked the oldest
    overdue one, and the agenda still showed today's); then the overdue ones, late."""
    plan = add(planner, start=day(-2))
    first = planner.done_next(plan.id)
    assert (first.occurrence, first.date) == (TODAY, TODAY)
    assert TODAY not in {item.date for item in planner.agenda().today if item.status == "open"}
    late = planner.done_next(plan.id)
    assert (late.occurrence, late.date) == (day(-2), TODAY)  # done today: late
    yesterday = planner.done_next(plan.id, done_on=day(-1))
    assert (yesterday.occurrence, yesterday.date) == (day(-1), day(-1))  # on its day
    with pytest.raises(InputError, match="nothing open .*next: 2026-11-27"):
        planner.done_next(plan.id)


def test_done_next_with_an_occurrence_and_skip_next(planner: Planner) -> None:
    plan = add(planner, start=day(-3))
    picked = planner.done_next(plan.id, occurrence=day(-2))
    assert (picked.occurrence, picked.date) == (day(-2), TODAY)
    assert planner.skip_next(plan.id).occurrence == TODAY  # today's first
    assert planner.skip_next(plan.id).occurrence == day(-3)  # then the earliest open
    with pytest.raises(InputError, match="already done"):
        planner.skip_next(plan.id, day(-2))


def test_a_late_done_does_not_extend_the_streak(planner: Planner) -> None:
    """The app's `x` on an overdue item logged it on its day and counted it on time: the
    streak jumped. Done today, it is late: counted today, the streak left as it was."""
    plan = add(planner, start=day(-3))
    for offset in (-3, -2):
        planner.mark_done(plan.id, day(offset), done_on=day(offset))
    assert planner.plan_rows()[0].streak.current == 0  # yesterday's missed
    planner.mark_done(plan.id, day(-1))  # yesterday's, done today: late
    assert planner.plan_rows()[0].streak.current == 0  # as it was: not 3, nor 2
    assert planner.overall_streak().current == 0
    planner.mark_done(plan.id, TODAY)
    assert planner.plan_rows()[0].streak.current == 1  # today's, on time, starts a new run


def test_done_next_ignores_occurrences_older_than_two_weeks(planner: Planner) -> None:
    plan = add(planner, start=day(-30), rule="FREQ=DAILY;INTERVAL=4")  # -14, -10… not today
    assert planner.done_next(plan.id).occurrence == day(-14)


def test_done_next_on_an_ended_plan(planner: Planner) -> None:
    plan = add(planner, start=day(-40), until=day(-20))
    with pytest.raises(InputError, match="the plan has ended"):
        planner.done_next(plan.id)


def test_skip_and_undo(planner: Planner) -> None:
    plan = add(planner)
    event = planner.skip(plan.id, day(-1))
    assert planner.store.plan_events.all() == [event]
    assert day(-1) not in [item.date for item in planner.agenda().overdue]
    with pytest.raises(InputError, match="already skipped"):
        planner.skip(plan.id, day(-1))
    with pytest.raises(InputError, match="already skipped"):
        planner.mark_done(plan.id, day(-1))
    assert planner.undo(plan.id, day(-1)) == "skipped"
    assert planner.store.plan_events.all() == []
    assert day(-1) in [item.date for item in planner.agenda().overdue]
    with pytest.raises(InputError, match="nothing to undo"):
        planner.undo(plan.id, day(-1))


def test_undo_done_deletes_the_activity(planner: Planner) -> None:
    plan = add(planner)
    activity = planner.mark_done(plan.id, TODAY)
    with pytest.raises(InputError, match="already done"):
        planner.mark_done(plan.id, TODAY)
    with pytest.raises(InputError, match="already done"):
        planner.skip(plan.id, TODAY)
    assert planner.undo(plan.id, TODAY) == "done"
    assert activity.id not in {a.id for a in planner.store.activities.all()}
    assert planner.agenda().today[0].status == "open"


def test_apply_agenda_actions(planner: Planner) -> None:
    add(planner)
    item = planner.agenda().today[0]
    assert planner.apply(item, "done").startswith("Done: comment of 2026-11-26")
    assert planner.apply(item, "undo").startswith("Undone (done)")
    assert planner.apply(item, "skip") == "Skipped: comment of 2026-11-26"


def test_remove_plan_drops_its_skips_but_keeps_its_activities(planner: Planner) -> None:
    plan = add(planner)
    other = add(planner, kind="post")
    planner.mark_done(plan.id, day(-1))
    planner.skip(plan.id, day(-2))
    planner.skip(other.id, day(-2))
    assert planner.remove_plan(plan.id[:6]) == plan
    assert planner.all_plans() == [other]
    assert [event.plan_id for event in planner.store.plan_events.all()] == [other.id]
    assert len(plan_activities(planner)) == 1


def test_plan_rows_show_schedule_next_and_streak(planner: Planner) -> None:
    plan = add(planner, rule="FREQ=WEEKLY;BYDAY=TU,TH", start=day(-9))  # Tue 17 Nov
    for offset in (-9, -7, -2):
        planner.mark_done(plan.id, day(offset), done_on=day(offset))
    (row,) = planner.plan_rows()
    assert row.schedule == "weekly on Tue, Thu"
    assert row.next == TODAY
    assert (row.streak.current, row.streak.best) == (3, 3)
    assert row.as_dict()["id"] == plan.id and row.as_dict()["streak"] == 3
    assert planner.overall_streak().current == 3


def log(workspace: Workspace, kind: str, offset: int = 0, **fields: Any) -> Activity:
    return workspace.activities.log({"kind": kind, "date": day(offset), **fields})[0]


def keys(planner: Planner) -> list[str]:
    return [suggestion.key for suggestion in planner.suggestions()]


def test_objective_suggestion_appears_when_behind_and_disappears_when_met(
    planner: Planner, workspace: Workspace
) -> None:
    key = "objective:message_sent:prospects:p"
    assert key in keys(planner)
    (suggestion,) = [s for s in planner.suggestions() if s.key == key]
    assert suggestion.rule == "FREQ=WEEKLY;BYDAY=MO,WE,FR"  # 3 a week
    assert suggestion.personalised and "0 of 3" in suggestion.reason
    for offset in (-3, -2):  # Monday and Tuesday of this week
        log(workspace, "message_sent", offset, audience="prospects", personalised=True)
    log(workspace, "message_sent", -1, audience="prospects")  # not personalised: does not count
    log(workspace, "message_sent", -4, audience="prospects", personalised=True)  # last week
    assert key in keys(planner)
    log(workspace, "message_sent", 0, audience="prospects", personalised=True)
    assert key not in keys(planner)


def test_flag_suggestion_disappears_when_the_flag_is_no_longer_raised(
    planner: Planner, workspace: Workspace
) -> None:
    wanted = ("follow_up", "prospects", "contoso")
    assert wanted in [s.target for s in planner.suggestions()]  # neglected account Contoso
    (suggestion,) = [s for s in planner.suggestions() if s.target == wanted]
    assert suggestion.source == "flag" and "Contoso" in suggestion.reason
    log(workspace, "comment", -1, company="Contoso")
    assert wanted not in [s.target for s in planner.suggestions()]


def test_adopting_creates_the_plan_and_retires_the_suggestion(planner: Planner) -> None:
    before = planner.suggestions()
    target = next(s for s in before if s.company == "Contoso")
    plan = planner.adopt(target).result
    assert (plan.kind, plan.audience, plan.company, plan.start) == (
        "follow_up",
        "prospects",
        "Contoso",
        TODAY,
    )
    assert plan.rule == "FREQ=WEEKLY;BYDAY=TH" and plan.personalised
    after = planner.suggestions()
    assert target.key not in [s.key for s in after]
    assert len(after) == len(before) - 1


def test_an_account_plan_covers_the_audience_and_an_ended_plan_covers_nothing(
    planner: Planner,
) -> None:
    key = "objective:message_sent:prospects:p"
    ended = add(planner, kind="message_sent", audience="prospects", start=day(-20), until=day(-10))
    assert key in keys(planner)
    planner.remove_plan(ended.id)
    add(planner, kind="message_sent", audience="prospects", company="Contoso", rule="weekly")
    assert key not in keys(planner)
