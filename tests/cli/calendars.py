"""Calendars written the way Google Calendar, Outlook and Apple Calendar write them (built here:
no real person's calendar in the repo). Today is 2026-11-26; the user is me@example.com."""

from __future__ import annotations

from pathlib import Path


def write(path: Path, *lines: str) -> Path:
    """A calendar file with these lines, CRLF-ended, long lines folded at 75 octets."""
    folded: list[str] = []
    for line in lines:
        while len(line.encode()) > 75:
            folded.append(line[:74])
            line = " " + line[74:]
        folded.append(line)
    path.write_bytes(("\r\n".join(folded) + "\r\n").encode())
    return path


def event(uid: str, *lines: str) -> tuple[str, ...]:
    return ("BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261126T080000Z", *lines, "END:VEVENT")


ME = "ORGANIZER;CN=Me Myself:mailto:me@example.com"
ANN = "ATTENDEE;CN=Ann Lee;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:ann@contoso.com"
ME_ACCEPTED = "ATTENDEE;CN=Me Myself;PARTSTAT=ACCEPTED:mailto:me@example.com"
ME_DECLINED = "ATTENDEE;CN=Me Myself;PARTSTAT=DECLINED:mailto:me@example.com"
ROOM = "ATTENDEE;CUTYPE=ROOM;CN=Room 4;PARTSTAT=ACCEPTED:mailto:c_188@resource.calendar.google.com"


def google(path: Path, *extra: tuple[str, ...]) -> Path:
    """Google: X-WR-TIMEZONE and X-WR-CALNAME (the owner's address), times in UTC, a weekly
    series with an EXDATE and an occurrence moved (RECURRENCE-ID), a Meet link, an all-day
    conference, a room, and the events an import leaves out."""
    parts = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:me@example.com",
        "X-WR-TIMEZONE:Europe/Paris",
        # weekly on Mondays 10:00 Paris, from Nov 2; Nov 9 skipped; Nov 16 moved to Tue 17
        *event(
            "weekly-1@google.com",
            "DTSTART:20261102T090000Z",
            "DTEND:20261102T093000Z",
            "RRULE:FREQ=WEEKLY;BYDAY=MO",
            "EXDATE:20261109T090000Z",
            "SUMMARY:Weekly sync with Contoso",
            ME,
            ANN,
            ME_ACCEPTED,
            ROOM,
            "DESCRIPTION:Agenda: pricing\\, next steps. A long description that a calendar "
            "writes over several folded lines and that an import never stores anywhere.",
        ),
        *event(
            "weekly-1@google.com",
            "RECURRENCE-ID:20261116T090000Z",
            "DTSTART:20261117T130000Z",
            "DTEND:20261117T133000Z",
            "SUMMARY:Weekly sync with Contoso (moved)",
            ME,
            ANN,
            ME_ACCEPTED,
        ),
        *event(
            "meet-2@google.com",
            "DTSTART:20261120T150000Z",
            "DTEND:20261120T153000Z",
            "SUMMARY:Intro",
            "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij",
            ME,
            "ATTENDEE;CN=Bob Stone;PARTSTAT=NEEDS-ACTION:mailto:bob@fabrikam.com",
        ),
        *event(
            "summit-3@google.com",
            "DTSTART;VALUE=DATE:20261112",
            "DTEND;VALUE=DATE:20261113",
            "SUMMARY:Cloud summit",
            "ATTENDEE;CN=Ann Lee;PARTSTAT=ACCEPTED:mailto:ann@contoso.com",
            ME_ACCEPTED,
        ),
        *event("declined-4@google.com", "DTSTART:20261118T100000Z", ME, ANN, ME_DECLINED),
        *event("cancelled-5@google.com", "DTSTART:20261119T100000Z", "STATUS:CANCELLED", ME, ANN),
        *event("private-6@google.com", "DTSTART:20261119T120000Z", "CLASS:PRIVATE", ME, ANN),
        *event("alone-7@google.com", "DTSTART:20261119T140000Z", "SUMMARY:Focus time"),
        *event("future-8@google.com", "DTSTART:20261210T100000Z", ME, ANN),
    ]
    for lines in extra:
        parts.extend(lines)
    parts.append("END:VCALENDAR")
    return write(path, *parts)


WINDOWS_ZONE = (
    "BEGIN:VTIMEZONE",
    "TZID:W. Europe Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
)
CUSTOM_ZONE = tuple(
    line.replace("TZID:W. Europe Standard Time", "TZID:Customized Time Zone")
    for line in WINDOWS_ZONE
)


def outlook(path: Path) -> Path:
    """Outlook: Windows zone names with their VTIMEZONE (and a 'Customized Time Zone'), quoted
    CNs ("Lee, Ann"), attendees without CN, a Teams link, the user the usual ORGANIZER (no
    calendar name), a New York evening that is the next day in Paris."""
    return write(
        path,
        "BEGIN:VCALENDAR",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        *WINDOWS_ZONE,
        *CUSTOM_ZONE,
        *event(
            "040000008200E00074C5B7101A82E00800000000A1",
            'DTSTART;TZID="W. Europe Standard Time":20261110T233000',
            'DTEND;TZID="W. Europe Standard Time":20261110T235900',
            "SUMMARY:Late call",
            'ORGANIZER;CN="Me Myself":mailto:me@example.com',
            'ATTENDEE;CN="Lee, Ann";RSVP=TRUE:mailto:ann@contoso.com',
            "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19",
        ),
        *event(
            "040000008200E00074C5B7101A82E00800000000B2",
            "DTSTART;TZID=America/New_York:20261113T200000",
            "SUMMARY:Dinner",
            'ORGANIZER;CN="Me Myself":mailto:me@example.com',
            "ATTENDEE;RSVP=TRUE:mailto:carl@northwind.example",
        ),
        *event(
            "040000008200E00074C5B7101A82E00800000000C3",
            "DTSTART;TZID=Customized Time Zone:20261116T090000",
            "RRULE:FREQ=DAILY;COUNT=3",
            "SUMMARY:Onboarding",
            'ORGANIZER;CN="Me Myself":mailto:me@example.com',
            "ATTENDEE;PARTSTAT=ACCEPTED:mailto:dana@fabrikam.com",
        ),
        *event(
            "040000008200E00074C5B7101A82E00800000000D4",
            "DTSTART:20261117T090000Z",
            "SUMMARY:Their meeting",
            'ORGANIZER;CN="Eve Hart":mailto:eve@contoso.com',
            'ATTENDEE;CN="Me Myself";PARTSTAT=ACCEPTED:mailto:me@example.com',
        ),
        "END:VCALENDAR",
    )


def apple(path: Path) -> Path:
    """Apple Calendar: floating times, attendees as urn:uuid values with an EMAIL parameter,
    an all-day DATE value, a series with an EXDATE."""
    return write(
        path,
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Apple Inc.//macOS 15.1//EN",
        "CALSCALE:GREGORIAN",
        *event(
            "5D1C2E-APPLE-1",
            "DTSTART:20261118T183000",
            "DTEND:20261118T193000",
            "SUMMARY:Coffee with Frank",
            'ATTENDEE;CN="Frank Ode";CUTYPE=INDIVIDUAL;EMAIL="frank@contoso.com";'
            "PARTSTAT=ACCEPTED:urn:uuid:00000000-0000-0000-0000-000000000001",
            'ATTENDEE;CN="Me Myself";CUTYPE=INDIVIDUAL;EMAIL="me@example.com";'
            "PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:me@example.com",
            'ORGANIZER;CN="Me Myself";EMAIL="me@example.com":mailto:me@example.com',
        ),
        *event(
            "5D1C2E-APPLE-2",
            "DTSTART;VALUE=DATE:20261105",
            "SUMMARY:Trade fair",
            'ATTENDEE;CN="Gina Moss":mailto:gina@fabrikam.com',
            'ORGANIZER;CN="Me Myself":mailto:me@example.com',
        ),
        *event(
            "5D1C2E-APPLE-3",
            "DTSTART;TZID=Europe/Paris:20261102T080000",
            "RRULE:FREQ=WEEKLY;UNTIL=20261123T230000Z",
            "EXDATE;TZID=Europe/Paris:20261109T080000",
            "SUMMARY:Phone call with Hugo",
            'ATTENDEE;CN="Hugo Pr";PARTSTAT=ACCEPTED:mailto:hugo@example.org',
            'ORGANIZER;CN="Me Myself":mailto:me@example.com',
        ),
        "END:VCALENDAR",
    )
