"""`ssi-tui plan …`, `agenda`, `done`, `contacts --losing-touch`: output and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ssi_tui.store import Store
from tests.goals import GOALS

from .conftest import run

GOALS_JSON = json.dumps(GOALS.to_file())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    goals = tmp_path / "goals.json"
    goals.write_text(GOALS_JSON, encoding="utf-8")
    assert run("goals", "load", str(goals), "--data-dir", str(directory))[0] == 0
    return directory


def in_store(data_dir: Path) -> tuple[int, int, int]:
    """(plans, skip events, plan activities) stored."""
    with Store.open(data_dir, read_only=True) as store:
        activities = [a for a in store.activities.all() if a.plan_id]
        return len(store.plans.all()), len(store.plan_events.all()), len(activities)


def test_plan_add_list_agenda_done_remove(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    status, out, err = run(
        "plan", "add", "message_sent", "--rule", "FREQ=WEEKLY;BYDAY=TU,TH", "--audience",
        "prospects", "--contact", "Ada", "--personalised", "--start", "-2w", "--note", "Ping", *d
    )  # fmt: skip
    assert status == 0, err
    assert "weekly on Tue, Thu from 2026-11-12" in out and "next 2026-11-26" in out
    status, out, _ = run("plan", "list", "--json", *d)
    (plan,) = json.loads(out)
    assert plan["rule"] == "FREQ=WEEKLY;BYDAY=TU,TH" and plan["personalised"] is True
    assert plan["id"] and plan["schedule"] == "weekly on Tue, Thu" and plan["streak"] == 0
    status, out, _ = run("agenda", "--json", *d)
    agenda = json.loads(out)
    assert set(agenda) == {"overdue", "today", "week"}
    assert [item["date"] for item in agenda["overdue"]] == [
        "2026-11-12",
        "2026-11-17",
        "2026-11-19",
        "2026-11-24",
    ]
    assert [item["date"] for item in agenda["today"]] == ["2026-11-26"]
    assert [item["date"] for item in agenda["week"]] == ["2026-12-01"]
    item = agenda["today"][0]
    assert {key: item[key] for key in ("plan_id", "kind", "audience", "contact")} == {
        "plan_id": plan["id"],
        "kind": "message_sent",
        "audience": "prospects",
        "contact": "Ada",
    }
    status, out, err = run("done", plan["id"][:6], *d)
    assert status == 0, err  # today is an occurrence day: today's, not the oldest overdue
    assert "Done: message_sent of 2026-11-26" in out and "logged on 2026-11-26" in out
    assert "late" not in out
    status, out, _ = run("done", plan["id"], "--date", "yesterday", *d)
    assert "of 2026-11-12" in out and "logged on 2026-11-25 — late" in out
    status, out, _ = run("done", plan["id"], "--occurrence", "2026-11-19", "--date", "-1w", *d)
    assert "of 2026-11-19" in out and "logged on 2026-11-19" in out and "late" not in out
    with Store.open(data_dir, read_only=True) as store:
        logged = sorted(
            (a for a in store.activities.all() if a.plan_id == plan["id"]),
            key=lambda a: a.occurrence,
        )
    assert [(a.occurrence.isoformat(), a.date.isoformat(), a.source) for a in logged] == [
        ("2026-11-12", "2026-11-25", "plan"),
        ("2026-11-19", "2026-11-19", "plan"),
        ("2026-11-26", "2026-11-26", "plan"),
    ]
    assert logged[0].personalised and logged[0].note == "Ping"
    status, out, _ = run("skip", plan["id"], *d)  # the oldest open one: today's is done
    assert status == 0 and out == f"Skipped: message_sent of 2026-11-17 (plan {plan['id'][:8]})\n"
    status, out, _ = run("agenda", *d)
    assert status == 0 and "1 overdue" in out and "2026-11-24 Tue" in out and "Ada" in out
    assert "Streak:" in out
    status, out, _ = run("agenda", "--as-of", "-1w", "--json", *d)
    assert json.loads(out)["today"][0]["date"] == "2026-11-19"
    status, out, _ = run("plan", "remove", plan["id"][:8], *d)
    assert status == 0 and "Removed plan" in out
    assert in_store(data_dir) == (0, 0, 3)


BAD_ADDS = [
    (["--rule", "FREQ=WEEKLY;BYDAY=XX"], "invalid rule 'FREQ=WEEKLY;BYDAY=XX'"),
    (["--rule", "fortnightly"], "unknown preset 'fortnightly'"),
    (["--rule", "FREQ=HOURLY"], "by day at most"),
    (["--rule", "weekly", "--start", "next blursday"], "--start: cannot read date"),
    (["--rule", "weekly", "--until", "31/31/2026"], "--until: cannot read date"),
    (["--rule", "weekly", "--start", "2026-12-10", "--until", "2026-12-01"], "is before the start"),
    (["--rule", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"], "no occurrence"),
    (["--rule", "weekly", "--audience", "martians"], "unknown audience 'martians'"),
    (["--rule", "weekly", "--until", "2026-12-30", "--count", "3"], "not allowed with"),
    (["--rule", "weekly", "--count", "none"], "count must be a whole number"),
    (["--rule", "FREQ=DAILY;COUNT=2", "--count", "3"], "given twice"),
]


@pytest.mark.parametrize(("options", "message"), BAD_ADDS)
def test_bad_plan_input_exits_2_with_one_line_and_saves_nothing(
    data_dir: Path, options: list[str], message: str
) -> None:
    status, out, err = run("plan", "add", "comment", *options, "--data-dir", str(data_dir))
    assert status == 2
    assert out == ""
    assert message in err and err.count("\n") == 1
    assert in_store(data_dir) == (0, 0, 0)


def test_unknown_kind_is_named(data_dir: Path) -> None:
    status, _, err = run("plan", "add", "tweet", "--rule", "weekly", "--data-dir", str(data_dir))
    assert status == 2 and "unknown activity kind 'tweet'" in err
    assert in_store(data_dir) == (0, 0, 0)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["done", "nope"], "no plan id starts with 'nope'"),
        (["done", "66d"], "give at least 4 characters of the plan id"),
        (["done", "PLAN", "--date", "tomorrow"], "is in the future"),
        (["done", "PLAN", "--date", "someday"], "--date: cannot read date"),
        (["agenda", "--as-of", "soon"], "--as-of: cannot read date"),
        (["plan", "remove", "nope"], "no plan id starts with 'nope'"),
        (["contacts", "--as-of", "-1w"], "--as-of only applies with --losing-touch"),
        (["contacts", "--losing-touch", "--as-of", "blursday"], "--as-of: cannot read date"),
        (["plan", "adopt", "99"], "no suggestion 99"),
    ],
)
def test_other_bad_input(data_dir: Path, argv: list[str], message: str) -> None:
    d = ("--data-dir", str(data_dir))
    assert (
        run("plan", "add", "comment", "--rule", "daily", "--start", "-3d", "--note", "x", *d)[0]
        == 0
    )
    plan_id = json.loads(run("plan", "list", "--json", *d)[1])[0]["id"]
    argv = [plan_id if value == "PLAN" else value for value in argv]
    status, _, err = run(*argv, *d)
    assert status == 2
    assert message in err and err.count("\n") == 1
    assert in_store(data_dir) == (1, 0, 0)


def test_done_with_nothing_open_names_the_next_occurrence(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    run("plan", "add", "post", "--rule", "weekly", "--start", "tomorrow", *d)
    plan_id = json.loads(run("plan", "list", "--json", *d)[1])[0]["id"]
    status, _, err = run("done", plan_id, *d)
    assert status == 2 and "next: 2026-11-27" in err
    assert in_store(data_dir) == (1, 0, 0)


def test_losing_touch(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    for name, audience, days in (("Pia", "prospects", "-45d"), ("Paul", "partners", "-135d")):
        run("log", "comment", "--contact", name, "--audience", audience, "--date", days, *d)
    run("log", "comment", "--contact", "Recent", "--audience", "prospects", *d)
    status, out, _ = run("contacts", "--losing-touch", "--json", *d)
    assert status == 0
    rows = json.loads(out)
    assert [(row["name"], row["days_overdue"], row["cadence_days"]) for row in rows] == [
        ("Paul", 90, 45),
        ("Pia", 15, 30),
    ]
    status, out, _ = run("contacts", "--losing-touch", *d)
    assert out.index("Paul") < out.index("Pia") and "2 contacts losing touch" in out
    status, out, _ = run("contacts", "--losing-touch", "--as-of", "-20d", "--json", *d)
    assert [row["name"] for row in json.loads(out)] == ["Paul"]
    status, out, _ = run("contacts", "--json", *d)
    assert len(json.loads(out)) == 3  # the plain list is unchanged


def test_suggest_and_adopt(data_dir: Path) -> None:
    d = ("--data-dir", str(data_dir))
    status, out, _ = run("plan", "suggest", "--json", *d)
    suggestions = json.loads(out)
    gains = [item["projected_gain"]["weighted"] for item in suggestions]
    assert gains == sorted(gains, reverse=True)  # ranked by what each would add
    number, objective = next(
        (n, item) for n, item in enumerate(suggestions, 1) if item["source"] == "objective"
    )
    assert objective["kind"] == "message_sent" and objective["audience"] == "prospects"
    status, out, _ = run("plan", "adopt", str(number), *d)
    assert status == 0 and "Adopted as plan" in out and "weekly on Mon, Wed, Fri" in out
    (plan,) = json.loads(run("plan", "list", "--json", *d)[1])
    assert plan["kind"] == "message_sent" and plan["personalised"] is True
    after = json.loads(run("plan", "suggest", "--json", *d)[1])
    assert objective["key"] not in [item["key"] for item in after]
    status, out, _ = run("plan", "suggest", *d)
    assert out.startswith("1. ") and "why:" in out


def test_suggestion_ids_are_stable_across_adopts_and_the_week_is_said(tmp_path: Path) -> None:
    """`plan adopt 1` then `plan adopt 2` adopted the wrong plan (the list renumbers): ids do
    not move. Once every objective behind is planned, the week is not called on track."""
    export = tmp_path / "demo.json"
    assert run("--demo", "export", "--format", "json", "-o", str(export))[0] == 0
    d = ("--data-dir", str(tmp_path / "data"))
    assert run("load", *d, str(export))[0] == 0
    first = json.loads(run("plan", "suggest", "--json", *d)[1])
    ids = [item["id"] for item in first]
    assert len(ids) >= 3 and all(item.startswith("s") for item in ids)
    assert len(set(ids)) == len(ids)
    status, out, _ = run("plan", "adopt", ids[1], *d)  # the second, by its id
    assert status == 0 and "Adopted as plan" in out
    after = json.loads(run("plan", "suggest", "--json", *d)[1])
    assert [item["id"] for item in after] == [ids[0], *ids[2:]]  # the others kept theirs
    status, _, err = run("plan", "adopt", ids[1], *d)
    assert status == 2 and "no suggestion with id" in err
    for item in after:
        assert run("plan", "adopt", item["id"], *d)[0] == 0
    status, out, _ = run("plan", "suggest", *d)
    assert out == (
        "No suggestions: 3 objectives behind this week, all already planned (see the "
        "agenda); no flag asks for a plan.\n"
    )


def test_demo_has_an_agenda_and_suggestions() -> None:
    status, out, err = run("--demo", "agenda", "--json")
    assert status == 0, err
    agenda = json.loads(out)
    assert agenda["today"] and agenda["week"]
    status, out, _ = run("--demo", "plan", "list", "--json")
    plans = json.loads(out)
    assert len(plans) >= 3 and max(plan["streak"] for plan in plans) >= 3
    status, out, _ = run("--demo", "plan", "suggest", "--json")
    assert {item["source"] for item in json.loads(out)} == {"objective", "flag"}
    status, out, _ = run("--demo", "contacts", "--losing-touch", "--json")
    assert len(json.loads(out)) >= 2


def test_a_hand_broken_plan_is_named_left_out_and_removable(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.put_document(
            "plans",
            1,
            {"id": "bad0beef", "kind": "post", "rule": "FREQ=NEVER", "start": "2026-11-01"},
        )
    status, _, _ = run("plan", "add", "comment", "--rule", "daily", "--data-dir", str(data_dir))
    assert status == 0
    for argv in (["plan", "list"], ["agenda"]):
        status, out, err = run(*argv, "--data-dir", str(data_dir))
        assert status == 0, err
        assert "comment" in out.lower()  # the valid plan still works
        assert err.count("\n") == 1
        assert err.startswith("ssi-tui: warning: stored plan bad0beef is invalid (")
        assert "FREQ=NEVER" in err and "`ssi-tui plan remove bad0beef`" in err
    status, _, err = run("done", "bad0", "--data-dir", str(data_dir))
    assert status == 2 and "stored plan bad0beef is invalid" in err and err.count("\n") == 1
    status, out, err = run("plan", "remove", "bad0", "--data-dir", str(data_dir))
    assert (status, out, err) == (0, "Removed the invalid plan bad0beef\n", "")
    status, out, err = run("plan", "list", "--data-dir", str(data_dir))
    assert status == 0 and err == "" and "1 plan\n" in out
