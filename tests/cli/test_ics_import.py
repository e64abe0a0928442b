"""Meetings in: `ssi-tui import FILE.ics` on calendars as Google, Outlook and Apple write them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.domain.models import Goals
from ssi_tui.store import Store

from . import calendars
from .calendars import ANN
from .conftest import run

GOALS = Goals.model_validate(
    {
        "audiences": {"prospects": 60, "partners": 25, "recruiters": 15},
        "accounts": [
            {"name": "Contoso", "audience": "prospects", "domains": ["contoso.com"]},
            {"name": "Fabrikam", "audience": "partners", "domains": ["fabrikam.com"]},
        ],
    }
)


@pytest.fixture(autouse=True)
def paris(monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's days are Paris days."""
    monkeypatch.setenv("TZ", "Europe/Paris")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    goals = tmp_path / "goals.json"
    goals.write_text(json.dumps(GOALS.to_file()), encoding="utf-8")
    assert run("goals", "load", str(goals), "--data-dir", str(directory))[0] == 0
    return directory


def imported(directory: Path, path: Path, *options: str) -> dict:
    status, out, err = run("import", str(path), "--json", *options, "--data-dir", str(directory))
    assert status == 0, err
    return json.loads(out)["calendars"][0]


def activities(directory: Path) -> dict[str, object]:
    with Store.open(directory, read_only=True) as store:
        return {a.external_id: a for a in store.activities.all() if a.source == "calendar"}


def contacts(directory: Path) -> dict[str, object]:
    with Store.open(directory, read_only=True) as store:
        return {c.name: c for c in store.contacts.all()}


def test_google_calendar_meetings_become_activities(store_dir: Path, tmp_path: Path) -> None:
    summary = imported(store_dir, calendars.google(tmp_path / "google.ics"))
    assert summary["own_addresses"] == ["me@example.com"]  # X-WR-CALNAME
    assert summary["skipped"] == {
        "alone": 1, "cancelled": 1, "declined": 1, "future": 1, "private": 1,
    }  # fmt: skip
    assert summary["bad_events"] == []
    found = activities(store_dir)
    weekly = sorted((a.date, key) for key, a in found.items() if key.startswith("ics:weekly-1"))
    assert weekly == [
        (date(2026, 11, 2), "ics:weekly-1@google.com/20261102T090000Z"),
        (date(2026, 11, 17), "ics:weekly-1@google.com/20261116T090000Z"),  # moved, same key
        (date(2026, 11, 23), "ics:weekly-1@google.com/20261123T090000Z"),
    ]  # Nov 9 is an EXDATE
    meet = found["ics:meet-2@google.com"]
    assert (meet.kind, meet.contact, meet.company, meet.channel) == (
        "call", "Bob Stone", "Fabrikam", "off",
    )  # fmt: skip
    summit = found["ics:summit-3@google.com"]
    assert (summit.kind, summit.date) == ("event", date(2026, 11, 12))  # all day
    monday = found["ics:weekly-1@google.com/20261102T090000Z"]
    assert (monday.kind, monday.contact, monday.company) == ("meeting", "Ann Lee", "Contoso")
    assert monday.note == ""  # titles are not kept unless asked
    people = contacts(store_dir)
    assert set(people) == {"Ann Lee", "Bob Stone"}  # not the room, not the user
    assert people["Ann Lee"].emails == ("ann@contoso.com",)
    assert people["Ann Lee"].company == "Contoso"
    assert summary["kinds"] == {"call": 1, "event": 1, "meeting": 3}
    assert summary["with_target_accounts"] == 5 and summary["with_goal_audiences"] == 5


def test_reimport_adds_nothing_and_a_dry_run_saves_nothing(store_dir: Path, tmp_path: Path) -> None:
    path = calendars.google(tmp_path / "google.ics")
    dry = imported(store_dir, path, "--dry-run")
    assert dry["activities_added"] == 5 and activities(store_dir) == {}
    first = imported(store_dir, path)
    again = imported(store_dir, path)
    assert first["activities_added"] == 5
    assert (again["activities_added"], again["contacts_added"], again["already_imported"]) == (
        0, 0, 5,
    )  # fmt: skip
    assert len(activities(store_dir)) == 5


def test_moved_cancelled_and_deleted_by_hand(store_dir: Path, tmp_path: Path) -> None:
    path = calendars.google(tmp_path / "google.ics")
    imported(store_dir, path)
    meet = activities(store_dir)["ics:meet-2@google.com"]
    assert run("activity", "delete", meet.id, "--data-dir", str(store_dir))[0] == 0
    text = path.read_text()
    text = text.replace("DTSTART;VALUE=DATE:20261112", "DTSTART;VALUE=DATE:20261113")  # moved
    text = text.replace(  # the Nov 23 occurrence cancelled since
        "EXDATE:20261109T090000Z", "EXDATE:20261109T090000Z,20261123T090000Z"
    )
    path.write_text(text)
    summary = imported(store_dir, path)
    assert (summary["activities_moved"], summary["activities_removed"]) == (1, 1)
    assert summary["deleted_by_you"] == 1 and summary["activities_added"] == 0
    found = activities(store_dir)
    assert found["ics:summit-3@google.com"].date == date(2026, 11, 13)
    assert "ics:meet-2@google.com" not in found  # stays deleted
    assert "ics:weekly-1@google.com/20261123T090000Z" not in found


def test_outlook_zones_quoted_names_and_the_usual_organizer(
    store_dir: Path, tmp_path: Path
) -> None:
    summary = imported(store_dir, calendars.outlook(tmp_path / "outlook.ics"))
    assert summary["own_addresses"] == ["me@example.com"]  # the most common ORGANIZER
    assert summary["bad_events"] == []
    by_uid = {key[-2:]: a for key, a in activities(store_dir).items() if "/" not in key}
    late = by_uid["A1"]
    assert (late.date, late.kind, late.contact) == (date(2026, 11, 10), "call", "Lee, Ann")
    assert by_uid["B2"].date == date(2026, 11, 14)  # 20:00 in New York is 02:00 in Paris
    assert by_uid["B2"].contact == "carl@northwind.example"  # no CN: the address
    assert by_uid["D4"].contact == "Eve Hart"  # the organizer who invited the user
    onboarding = sorted(a.date for key, a in activities(store_dir).items() if "C3/" in key)
    assert onboarding == [date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 18)]


def test_apple_floating_times_and_email_parameters(store_dir: Path, tmp_path: Path) -> None:
    summary = imported(store_dir, calendars.apple(tmp_path / "apple.ics"), "--keep-titles")
    found = activities(store_dir)
    coffee = found["ics:5D1C2E-APPLE-1"]
    assert (coffee.date, coffee.contact, coffee.company) == (
        date(2026, 11, 18), "Frank Ode", "Contoso",
    )  # fmt: skip
    assert coffee.note == "Coffee with Frank"  # --keep-titles
    fair = found["ics:5D1C2E-APPLE-2"]
    assert (fair.kind, fair.date, fair.contact, fair.company) == (
        "event", date(2026, 11, 5), None, "Fabrikam",
    )  # fmt: skip
    calls = sorted(a.date for key, a in found.items() if "APPLE-3/" in key)
    assert calls == [date(2026, 11, 2), date(2026, 11, 16), date(2026, 11, 23)]
    assert {found[key].kind for key in found if "APPLE-3/" in key} == {"call"}
    assert summary["contacts_added"] == 2  # Frank, Hugo; not Gina: an event's people are not
    assert contacts(store_dir)["Frank Ode"].emails == ("frank@contoso.com",)


def test_people_matched_by_email_then_by_name(store_dir: Path, tmp_path: Path) -> None:
    with Store.open(store_dir) as store:
        from ssi_tui.domain.models import Contact

        store.contacts.add(Contact(name="Annie Lee", emails=("ann@contoso.com",)))
        store.contacts.add(Contact(name="Bob Stone", company="Fabrikam Ltd", title="CTO"))
    imported(store_dir, calendars.google(tmp_path / "google.ics"))
    people = contacts(store_dir)
    assert set(people) == {"Annie Lee", "Bob Stone"}
    assert people["Bob Stone"].emails == ("bob@fabrikam.com",)  # completed
    assert activities(store_dir)["ics:meet-2@google.com"].title == "CTO"


def test_the_weighted_score_and_invisible_effort_see_the_meetings(
    store_dir: Path, tmp_path: Path
) -> None:
    before = json.loads(run("score", "--json", "--data-dir", str(store_dir))[1])
    imported(store_dir, calendars.google(tmp_path / "google.ics"))
    after = json.loads(run("score", "--json", "--data-dir", str(store_dir))[1])
    assert after["total"]["weighted"] > before["total"]["weighted"]
    assert "invisible_effort" in {flag["id"] for flag in after["flags"]}


def test_me_is_remembered(store_dir: Path, tmp_path: Path) -> None:
    path = calendars.outlook(tmp_path / "outlook.ics")
    summary = imported(store_dir, path, "--me", "Eve@Contoso.com", "--dry-run")
    assert summary["own_addresses"] == ["eve@contoso.com"]
    imported(store_dir, path, "--me", "me@example.com", "--me", "eve@contoso.com")
    again = imported(store_dir, path, "--dry-run")
    assert again["own_addresses"] == ["eve@contoso.com", "me@example.com"]
    status, _, err = run("import", str(path), "--me", "nobody", "--data-dir", str(store_dir))
    assert status == 2 and "not an e-mail address: 'nobody'" in err


def test_a_folder_with_an_export_and_a_calendar(store_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/annlee,ann@contoso.com,Contoso,Head of IT,"
        "01 Mar 2025\n",
        encoding="utf-8",
    )
    calendars.google(folder / "google.ics")
    status, out, err = run("import", str(folder), "--data-dir", str(store_dir))
    assert status == 0, err
    assert "Connections.csv" in out and "google.ics: 9 events" in out
    people = contacts(store_dir)
    assert people["Ann Lee"].emails == ("ann@contoso.com",)  # from the export, matched
    assert set(people) == {"Ann Lee", "Bob Stone"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"First Name,Last Name\n", "is not an iCalendar file"),
        (b"", "is not an iCalendar file"),
        (b"\x89PNG\r\n\x1a\n", "is not an iCalendar file"),
    ],
)
def test_not_a_calendar_is_one_line_and_nothing_stored(
    store_dir: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    status, out, err = run("import", str(path), "--data-dir", str(store_dir))
    assert status == 2 and message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and activities(store_dir) == {}


def test_limits_refuse_the_file_or_the_event(
    store_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui.importers import ical_lines

    path = calendars.google(
        tmp_path / "google.ics",
        calendars.event("minutely@x", "DTSTART:20261101T090000Z", "RRULE:FREQ=MINUTELY", ANN),
        calendars.event(
            "forever@x", "DTSTART:20000103T090000Z", "RRULE:FREQ=DAILY;BYHOUR=9,17", ANN
        ),
        calendars.event("bad-date@x", "DTSTART:2026-11-01", ANN),
        calendars.event("huge@x", "DTSTART:20261101T090000Z", "SUMMARY:" + "x" * 300_000, ANN),
    )
    summary = imported(store_dir, path)
    bad = "\n".join(summary["bad_events"])
    assert "event minutely@x (line" in bad and "every hour or more often" in bad
    assert "event forever@x" in bad and "more than 4,000 occurrences" in bad
    assert "event bad-date@x" in bad and "is not a date" in bad
    assert "event huge@x" in bad and "SUMMARY is over 256 KB" in bad
    assert summary["activities_added"] == 5  # the rest went on

    monkeypatch.setattr(ical_lines, "MAX_EVENTS", 3)
    status, _, err = run("import", str(path), "--data-dir", str(store_dir))
    assert status == 2 and "holds more than 3 events" in err
    monkeypatch.setattr(ical_lines, "MAX_FILE_BYTES", 1000)
    status, _, err = run("import", str(path), "--data-dir", str(store_dir))
    assert status == 2 and "more than a calendar export holds" in err


def test_a_50_mb_description_is_refused_without_reading_it(store_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "huge.ics"
    with path.open("wb") as handle:
        handle.write(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDESCRIPTION:")
        handle.write(b"\r\n " + b"y" * 50 * 1024 * 1024)
        handle.write(b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    status, _, err = run("import", str(path), "--data-dir", str(store_dir))
    assert status == 2 and "huge.ics is 50 MB" in err and "export a shorter period" in err


def test_a_folder_of_calendars_among_other_files(store_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "calendars"
    (folder / "notes").mkdir(parents=True)
    (folder / "notes" / "todo.txt").write_text("call Ann", encoding="utf-8")
    (folder / "README.md").write_text("my calendars", encoding="utf-8")
    calendars.google(folder / "google.ics")
    status, out, err = run("import", str(folder), "--data-dir", str(store_dir))
    assert status == 0, err
    assert out.startswith("google.ics: 9 events") and "No LinkedIn export file" not in out


def test_a_meeting_later_today_is_still_to_come(tmp_path: Path) -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from ssi_tui.domain.calendar_config import MeetingRules
    from ssi_tui.importers.calendar import read_meetings

    path = calendars.google(tmp_path / "google.ics")
    monday, paris = date(2026, 11, 23), ZoneInfo("Europe/Paris")  # the weekly sync: 09:00 UTC

    def keys(now: datetime | None) -> set[str]:
        read = read_meetings(path, monday, paris, rules=MeetingRules(), now=now)
        return {meeting.key for meeting in read.meetings}

    key = "ics:weekly-1@google.com/20261123T090000Z"
    assert key not in keys(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))
    assert key in keys(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))
    assert key in keys(None)  # a day given by hand: the whole day counts
