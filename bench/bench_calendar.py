"""Benchmark: `ssi-tui import FILE.ics` of a synthetic calendar, 5,000 events over 3 years.

    python bench/bench_calendar.py          # build the calendar in a temp dir, import, print

The calendar is written as Google Calendar exports it (X-WR-TIMEZONE, X-WR-CALNAME, UTC times,
DTSTAMP/CREATED/LAST-MODIFIED/SEQUENCE/TRANSP lines, folded descriptions with a Meet link,
a reminder per event, a room): 4,880 single events with 1-4 other people, 100 weekly series
with an end (a few hundred occurrences each year, some moved by an override) and 20 overrides.
The import runs in a fresh child process as the command line runs it, into an empty store.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import COMPANIES, FIRST, LAST  # noqa: E402

SEED = 20261206
EVENTS = 5_000
SERIES = 100
OVERRIDES = 20
END = datetime(2026, 11, 25, 17, 0)
START = END - timedelta(days=3 * 365)


def _fold(line: str) -> list[str]:
    parts = []
    while len(line) > 74:
        parts.append(line[:74])
        line = " " + line[74:]
    parts.append(line)
    return parts


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def build_calendar(path: Path) -> Path:
    """Write the synthetic calendar; returns its path."""
    rng = random.Random(SEED)
    people = [
        (f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(COMPANIES)) for _ in range(1500)
    ]
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:owner@bench.example",
        "X-WR-TIMEZONE:Europe/Paris",
    ]
    for number in range(EVENTS - OVERRIDES):
        start = START + timedelta(days=rng.randrange(3 * 365), hours=rng.randrange(10))
        start = start.replace(minute=rng.choice((0, 30)))
        series = number < SERIES
        body = [
            "BEGIN:VEVENT",
            f"DTSTART:{_stamp(start)}",
            f"DTEND:{_stamp(start + timedelta(minutes=30))}",
        ]
        if series:
            body.append(f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(10, 60)}")
        body += [
            f"DTSTAMP:{_stamp(END)}",
            "ORGANIZER;CN=Owner:mailto:owner@bench.example",
            f"UID:{number:06d}bench@google.com",
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Owner;"
            "X-NUM-GUESTS=0:mailto:owner@bench.example",
        ]
        for _ in range(rng.randrange(1, 5)):
            name, company = rng.choice(people)
            address = f"{name.lower().replace(' ', '.')}@{company.lower().replace(' ', '')}.com"
            body.append(
                "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                f"CN={name};X-NUM-GUESTS=0:mailto:{address}"
            )
        if rng.random() < 0.2:
            body.append(
                "ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Room 4;"
                "X-NUM-GUESTS=0:mailto:c_1889@resource.calendar.google.com"
            )
        body += [
            f"CREATED:{_stamp(start - timedelta(days=3))}",
            "DESCRIPTION:Agenda\\n- where we are\\n- next steps\\n\\nJoin with Google Meet: "
            "https://meet.google.com/abc-defg-hij\\nOr dial: (FR) +33 1 23 45 67 89 PIN: 123456#",
            f"LAST-MODIFIED:{_stamp(start - timedelta(days=1))}",
            "LOCATION:",
            "SEQUENCE:0",
            "STATUS:CONFIRMED",
            f"SUMMARY:{rng.choice(('Sync', 'Intro', 'Catch-up', 'Review', 'Lunch'))} {number}",
            "TRANSP:OPAQUE",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "DESCRIPTION:This is an event reminder",
            "TRIGGER:-P0DT0H10M0S",
            "END:VALARM",
            "END:VEVENT",
        ]
        for line in body:
            lines.extend(_fold(line))
        if series and number < OVERRIDES:
            moved = start + timedelta(weeks=2)
            lines += [
                "BEGIN:VEVENT",
                f"DTSTART:{_stamp(moved + timedelta(hours=2))}",
                f"RECURRENCE-ID:{_stamp(moved)}",
                f"UID:{number:06d}bench@google.com",
                "ORGANIZER;CN=Owner:mailto:owner@bench.example",
                f"ATTENDEE;CN={people[number][0]};PARTSTAT=ACCEPTED:mailto:p{number}@x.com",
                "SUMMARY:Moved",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path


CHILD = """
import json, sys, time
from datetime import date
from ssi_tui.cli.main import main
import io
out = io.StringIO()
start = time.perf_counter()
status = main(["import", sys.argv[1], "--json", "--data-dir", sys.argv[2]],
              today=date(2026, 11, 26), stdout=out)
elapsed = time.perf_counter() - start
summary = json.loads(out.getvalue())["calendars"][0]
print(json.dumps({"status": status, "seconds": elapsed, "added": summary["activities_added"],
                  "events": summary["events"], "contacts": summary["contacts_added"]}))
"""


def calendar_seconds(work: Path) -> tuple[float, dict[str, int]]:
    """Build the calendar in `work`, import it in a child process; (seconds, counts)."""
    path = build_calendar(work / "calendar.ics")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(work / "calendar-store")],
        check=True,
        capture_output=True,
        text=True,
        env={"TZ": "Europe/Paris", "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parent.parent,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return float(found["seconds"]), found


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="ssi-bench-calendar-") as tmp:
        seconds, counts = calendar_seconds(Path(tmp))
        print(f"calendar_s {seconds:.2f} ({counts})")
