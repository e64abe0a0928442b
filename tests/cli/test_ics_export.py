"""Plans out to any calendar app: `ssi-tui export --format ics`, read back with icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from ssi_tui.domain.catalog import default_catalog
from ssi_tui.domain.plans import Plan
from ssi_tui.exports.ics import plans_calendar, read_settings, summary_of

from .conftest import run, store_with

STAMP = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
WEEKLY = Plan(
    id="plan-weekly-1",
    kind="comment",
    rule="FREQ=WEEKLY;BYDAY=MO",
    start=date(2026, 11, 2),
    until=date(2026, 12, 28),
    audience="prospects",
    contact="Ada Example",
    company="Contoso",
    note="A line about their post; 100% personal, no template",
)
MONTHLY = Plan(
    id="plan-monthly-2", kind="meeting", rule="FREQ=MONTHLY;BYMONTHDAY=15",
    start=date(2026, 11, 15), count=6,
)  # fmt: skip


def calendar_of(
    decided: dict[str, list[date]], zone: str = "Europe/Paris"
) -> tuple[bytes, Calendar]:
    data = plans_calendar([WEEKLY, MONTHLY], decided, default_catalog(), read_settings(zone), STAMP)
    return data, Calendar.from_ical(data)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_rrule_exdates_alarm_and_uid_survive_a_round_trip() -> None:
    skipped = [date(2026, 11, 9), date(2026, 11, 16)]
    data, calendar = calendar_of({WEEKLY.id: skipped})
    weekly = events(calendar)["plan-weekly-1@ssi-tui"]
    rule = weekly["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO"]
    (until,) = rule["UNTIL"]
    assert until.tzinfo is not None and until.date() == date(2026, 12, 28)  # 23:59:59 Paris
    start = weekly.decoded("dtstart")
    assert (start.date(), start.hour, str(start.tzinfo)) == (date(2026, 11, 2), 9, "Europe/Paris")
    assert weekly.decoded("duration") == timedelta(minutes=10)  # a comment
    exdates = [value.dt.date() for value in weekly["exdate"].dts]
    assert exdates == skipped
    (alarm,) = weekly.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(minutes=-10)
    assert str(weekly["summary"]) == "Comment — Ada Example (Contoso)"
    assert "For: prospects" in str(weekly["description"])
    assert "ssi-tui done plan-wee" in str(weekly["description"])
    monthly = events(calendar)["plan-monthly-2@ssi-tui"]
    assert monthly["rrule"]["COUNT"] == [6] and "exdate" not in monthly
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    assert b"100% personal\\, no template" in data.replace(b"\r\n ", b"")  # text escaped


def test_a_second_export_after_a_change_keeps_uids_and_raises_sequence() -> None:
    _, first = calendar_of({WEEKLY.id: [date(2026, 11, 9)]})
    _, second = calendar_of({WEEKLY.id: [date(2026, 11, 9), date(2026, 11, 16)]})
    before, after = events(first), events(second)
    assert set(before) == set(after)
    assert int(after["plan-weekly-1@ssi-tui"]["sequence"]) == 2
    assert int(before["plan-weekly-1@ssi-tui"]["sequence"]) == 1
    assert after["plan-weekly-1@ssi-tui"].decoded("last-modified") > before[
        "plan-weekly-1@ssi-tui"
    ].decoded("last-modified")
    assert int(after["plan-monthly-2@ssi-tui"]["sequence"]) == 0


def test_no_alarm_and_utc_when_the_system_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = read_settings("UTC")
    quiet = type(settings)(settings.start, 0, settings.minutes, "UTC")
    data = plans_calendar([WEEKLY], {}, default_catalog(), quiet, STAMP)
    calendar = Calendar.from_ical(data)
    assert not calendar.walk("VALARM")
    assert summary_of(Plan(kind="post", rule="FREQ=DAILY", start=date(2026, 11, 1)),
                      default_catalog()) == "Post"  # fmt: skip


def test_the_cli_writes_the_plans_calendar(tmp_path: Path) -> None:
    data = store_with(
        tmp_path,
        ("plan", "add", "comment", "--rule", "weekly", "--start", "2026-11-02"),
        ("plan", "add", "meeting", "--rule", "monthly", "--start", "2026-11-15", "--count", "3"),
    )
    target = tmp_path / "plans.ics"
    status, _out, err = run("export", "--data-dir", str(data), "-o", str(target))
    assert status == 0 and "ics" in err
    calendar = Calendar.from_ical(target.read_bytes())
    assert len(calendar.walk("VEVENT")) == 2
    status, out, _ = run("export", "--data-dir", str(data), "--format", "ics")
    assert status == 0 and out.startswith("BEGIN:VCALENDAR")


def test_the_time_of_day_and_the_reminder_are_options(tmp_path: Path) -> None:
    data = store_with(tmp_path, ("plan", "add", "comment", "--rule", "weekly"))
    status, out, _ = run(
        "export", "--data-dir", str(data), "--format", "ics", "--at", "08:30", "--alarm", "0"
    )
    assert status == 0
    (event,) = Calendar.from_ical(out.encode()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.hour, start.minute) == (8, 30) and not event.walk("VALARM")
    status, _, err = run("export", "--data-dir", str(data), "--format", "ics", "--at", "25:00")
    assert status == 2 and "not a time of day" in err and len(err.strip().splitlines()) <= 2
    status, _, err = run("export", "--data-dir", str(data), "--format", "md", "--alarm", "5")
    assert status == 2 and "--alarm applies to --format ics only" in err


def test_agenda_gives_the_next_weeks_as_single_events() -> None:
    data = plans_calendar(
        [WEEKLY],
        {WEEKLY.id: [date(2026, 11, 30)]},
        default_catalog(),
        read_settings("Europe/Paris"),
        STAMP,
        agenda=(date(2026, 11, 26), date(2026, 12, 23)),
    )
    calendar = Calendar.from_ical(data)
    found = {str(e["uid"]): e.decoded("dtstart").date() for e in calendar.walk("VEVENT")}
    # Mondays 30 Nov (done: left out), 7, 14, 21 Dec; none repeats
    assert found == {
        f"plan-weekly-1-{day}@ssi-tui": date.fromisoformat(day)
        for day in ("2026-12-07", "2026-12-14", "2026-12-21")
    }
    assert not any("rrule" in event for event in calendar.walk("VEVENT"))
    assert len(calendar.walk("VALARM")) == 3


def test_agenda_from_the_cli(tmp_path: Path) -> None:
    data = store_with(tmp_path, ("plan", "add", "comment", "--rule", "daily"))
    status, out, _ = run("export", "--data-dir", str(data), "--format", "ics", "--agenda", "1")
    assert status == 0 and len(Calendar.from_ical(out.encode()).walk("VEVENT")) == 7
    status, _, err = run("export", "--data-dir", str(data), "--format", "csv", "--agenda", "2")
    assert status == 2 and "--agenda applies to --format ics only" in err


def test_a_user_calendar_toml_overrides_the_shipped_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("SSI_TUI_CONFIG_DIR", str(config))
    (config / "calendar.toml").write_text(
        'start = "08:30"\nalarm_minutes = 0\n[minutes]\ncomment = 5\n'
        "[meetings]\nevent_attendees = 3\n",
        encoding="utf-8",
    )
    settings = read_settings("UTC")
    assert (settings.start.hour, settings.start.minute, settings.alarm_minutes) == (8, 30, 0)
    assert settings.duration("comment") == timedelta(minutes=5)
    assert settings.duration("meeting") == timedelta(minutes=60)  # the shipped value
    from ssi_tui.exports.ics import calendar_config

    assert calendar_config().meetings.event_attendees == 3
    assert calendar_config().meetings.call_words[0] == "call"  # shipped, kept
    (config / "calendar.toml").write_text('start = "25:00"\n', encoding="utf-8")
    directory = store_with(tmp_path, ("plan", "add", "comment", "--rule", "weekly"))
    status, _, err = run("export", "-o", str(tmp_path / "p.ics"), "--data-dir", str(directory))
    assert status == 2 and "calendar.toml" in err and "start" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "p.ics").exists()
    (config / "calendar.toml").write_text("[meetings]\ncall_wordz = []\n", encoding="utf-8")
    status, _, err = run("export", "-o", str(tmp_path / "p.ics"), "--data-dir", str(directory))
    assert status == 2 and "call_wordz" in err
