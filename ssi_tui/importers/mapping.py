"""Rows → activity drafts, people and profile facts, one handler per file kind.

A handler raises ValueError for a bad row (recorded with its line; the file goes on) and returns
False for a row that is not an activity at all (a message draft).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ssi_tui.domain.profile_models import HEADLINE_LIMIT, SUMMARY_LIMIT
from ssi_tui.domain.text import clean_text, email_address, fold
from ssi_tui.importers.cleaning import clean, clean_or_none
from ssi_tui.importers.csvfiles import CsvTable, Row
from ssi_tui.importers.dates import parse_when
from ssi_tui.importers.drafts import (
    Draft,
    excerpt,
    key_digest,
    post_id,
    share_commentary,
    stable_key,
)
from ssi_tui.importers.messages import MessageLog
from ssi_tui.importers.owner import OwnerClues
from ssi_tui.importers.people import People, Person
from ssi_tui.wording import _

Handler = Callable[["Collector", Row, str], "bool | None"]
RowReader = Callable[[int, list[str]], "bool | None"]  # a handler bound to a table's columns
TopicMatcher = Callable[[str], list[str]]


class Collector:
    """Everything the rows of one export add up to (no store involved). `match_topics` gives
    the goals' topics a text holds (a post's, a comment's): only those are kept."""

    def __init__(self, match_topics: TopicMatcher | None = None) -> None:
        self.match_topics = match_topics
        self.people = People()
        self.drafts: list[Draft] = []
        self.profile: dict[str, Any] = {}
        self.owner_clues = OwnerClues()
        self.message_logs: dict[str, MessageLog] = {}
        self._occurrences: Counter[str] = Counter()

    def add(
        self,
        row: Row,
        file: str,
        kind: str,
        when: datetime,
        key: str,
        *,
        person: Person | None = None,
        company: str | None = None,
        title: str | None = None,
        personalised: bool = False,
        note: str = "",
        text: str | None = None,
        repeatable: bool = False,
    ) -> None:
        """Add one draft (text already clean); rows identical in every key field of a
        `repeatable` kind get `#n` suffixes. `text` (a post's or comment's words) is matched
        against the goals' topics and dropped."""
        if repeatable:
            self._occurrences[key] += 1
            count = self._occurrences[key]
            if count > 1:
                key = f"{key}#{count - 1}"
        self.drafts.append(
            Draft(
                kind=kind,
                date=when.date(),
                key=key,
                file=file,
                line=row.line,
                person=person,
                company=company,
                title=title,
                personalised=personalised,
                note=note,
                topics=self._topics(text),
            )
        )

    def _topics(self, text: str | None) -> tuple[str, ...] | None:
        if text is None or self.match_topics is None:
            return None
        return tuple(self.match_topics(text)) if text else ()


def _date(row: Row, column: str, style: str) -> datetime:
    return parse_when(row[column], style)


def _name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def connection(found: Collector, row: Row, file: str) -> None:
    """Connections.csv: a contact and a `connection` activity dated Connected On."""
    connection_reader(found, row.table, file)(row.line, row.fields)


_CONNECTION_COLUMNS = (
    "firstname",
    "lastname",
    "url",
    "company",
    "position",
    "connectedon",
    "emailaddress",
)


def connection_reader(found: Collector, table: CsvTable, file: str) -> RowReader:
    """`connection` for the raw records of a table (see `READERS`): what many rows share (a
    day, a company, a title) read once."""
    pick = table.picker(_CONNECTION_COLUMNS)
    days: dict[str, tuple[date, str]] = {}
    cleaned: dict[str, str | None] = {}
    get_person = found.people.get
    drafts = found.drafts

    def read(line: int, fields: list[str]) -> None:
        first, last, url, company, position, connected_on, email = pick(fields)
        known = days.get(connected_on)
        if known is None:
            day = parse_when(connected_on, "day_month_year").date()
            known = days[connected_on] = (day, day.isoformat())
        day, iso_day = known
        person = get_person(_name(first, last), url or None, contact=True)
        if person is None:
            raise ValueError(_("no name and no profile URL"))
        for raw in (company, position):
            if raw not in cleaned:
                cleaned[raw] = clean_or_none(raw)
        person.company = cleaned[company] or person.company
        person.title = cleaned[position] or person.title
        person.connected_on = day
        if email:
            person.email = email_address(email) or person.email
        key = f"connections:{iso_day}:{key_digest(person.identity)}"  # as stable_key() makes it
        drafts.append(
            Draft("connection", day, key, file, line, person, person.company, person.title)
        )

    return read


def invitation(found: Collector, row: Row, file: str) -> None:
    """Invitations.csv: OUTGOING → invitation_sent (personalised with a Message), INCOMING → received."""
    direction = row["direction"].upper()
    when = _date(row, "sentat", "us_short")
    if direction == "OUTGOING":
        found.owner_clues.outgoing_invitation(row["from"], row["inviterprofileurl"])
        person = found.people.get(row["to"], row["inviteeprofileurl"] or None)
        kind = "invitation_sent"
    elif direction == "INCOMING":
        person = found.people.get(row["from"], row["inviterprofileurl"] or None)
        kind = "invitation_received"
    else:
        raise ValueError(f"unknown Direction {row['direction']!r} (INCOMING or OUTGOING)")
    who = person.identity if person else ""
    key = stable_key("invitations", when, direction, who)
    found.add(row, file, kind, when, key, person=person, personalised=bool(row["message"]))


def message(found: Collector, row: Row, file: str) -> bool:
    """messages.csv: kept until the owner is known (see MessageLog)."""
    return message_reader(found, row.table, file)(row.line, row.fields)


def message_reader(found: Collector, table: CsvTable, file: str) -> RowReader:
    """`message` for the raw records of a table (see `READERS`)."""
    log = found.message_logs.get(file)
    if log is None:
        log = found.message_logs[file] = MessageLog(file)
    return log.reader(table)


def share(found: Collector, row: Row, file: str) -> None:
    """Shares.csv: `post` with commentary, `share` without (a bare repost)."""
    when = _date(row, "date", "iso")
    commentary = share_commentary(row.raw("sharecommentary"))
    link = row["sharelink"]
    key = stable_key("shares", when, post_id(link) if link else row["sharedurl"])
    kind = "post" if commentary else "share"
    found.add(row, file, kind, when, key, note=excerpt(commentary), text=commentary)


def comment(found: Collector, row: Row, file: str) -> None:
    """Comments.csv: `comment` (its Message has backslash-escaped quotes, undone by the reader)."""
    when = _date(row, "date", "iso")
    text = row.raw("message")
    key = stable_key("comments", when, post_id(row["link"]))
    found.add(row, file, "comment", when, key, note=excerpt(text), text=text, repeatable=True)


def _linked(kind: str, file_kind: str, note_column: str | None = None) -> Handler:
    """A `Date,…,Link` file: one `kind` activity per row, keyed on date and post id."""

    def handle(found: Collector, row: Row, file: str) -> None:
        when = _date(row, "date", "iso")
        key = stable_key(file_kind, when, post_id(row["link"]))
        note = excerpt(row[note_column]).capitalize() if note_column else ""
        found.add(row, file, kind, when, key, note=note)

    handle.__doc__ = f"A {file_kind} row: one `{kind}` activity."
    return handle


def _endorsement(kind: str, file_kind: str, role: str) -> Handler:
    def handle(found: Collector, row: Row, file: str) -> None:
        when = _date(row, "endorsementdate", "iso")
        person = found.people.get(
            _name(row[f"{role}firstname"], row[f"{role}lastname"]),
            row[f"{role}publicurl"] or None,
        )
        skill = row["skillname"]
        who = person.identity if person else ""
        key = stable_key(file_kind, when, who, fold(skill))
        found.add(row, file, kind, when, key, person=person, note=excerpt(skill))

    handle.__doc__ = f"Endorsement_*_Info.csv: one `{kind}` activity per skill endorsement."
    return handle


def _recommendation(kind: str, file_kind: str) -> Handler:
    def handle(found: Collector, row: Row, file: str) -> None:
        when = _date(row, "creationdate", "us_short")
        name = _name(row["firstname"], row["lastname"])
        person = found.people.get(name, None)
        key = stable_key(file_kind, when, fold(name))
        found.add(
            row,
            file,
            kind,
            when,
            key,
            person=person,
            company=clean_or_none(row["company"]),
            title=clean_or_none(row["jobtitle"]),
        )
        if kind == "recommendation_received" and (
            not row.table.has("status") or row["status"].upper() == "VISIBLE"
        ):
            found.profile["recommendations"] = found.profile.get("recommendations", 0) + 1

    handle.__doc__ = f"Recommendations_*.csv: one `{kind}` activity per recommendation."
    return handle


def search_query(found: Collector, row: Row, file: str) -> None:
    """SearchQueries.csv: `people_search` (the query text is not kept)."""
    when = _date(row, "time", "iso")
    key = stable_key("search_queries", when)
    found.add(row, file, "people_search", when, key, repeatable=True)


def company_follow(found: Collector, row: Row, file: str) -> None:
    """Company Follows.csv: `account_followed` with the company (a target account aligns it)."""
    organization = row["organization"]
    if not organization:
        raise ValueError("no Organization")
    when = _date(row, "followedon", "unix")
    key = stable_key("company_follows", when, fold(organization))
    found.add(row, file, "account_followed", when, key, company=clean_or_none(organization))


def rich_media(found: Collector, row: Row, file: str) -> None:
    """Rich_Media.csv: `media`, dated from prose ("You uploaded … on March 2, 2024 at …")."""
    when = _date(row, "datetime", "month_first")
    link = row["medialink"]
    key = stable_key("rich_media", when, link)
    description = row["mediadescription"]
    found.add(row, file, "media", when, key, note=excerpt(description), text=description)


def event(found: Collector, row: Row, file: str) -> None:
    """Events.csv: `event`, dated at its start."""
    name = row["eventname"]
    when = _date(row, "eventtime", "month_first")
    key = stable_key("events", when, fold(name), row["externalurl"])
    found.add(row, file, "event", when, key, note=excerpt(name))


def profile(found: Collector, row: Row, file: str) -> None:
    """Profile.csv: which checklist items the profile fills (only its first row counts)."""
    if "headline" in found.profile:
        return
    found.profile["headline"] = bool(row["headline"])
    found.profile["summary"] = bool(row["summary"])
    # The words too, for the profile's fit with the goals (cut at LinkedIn's own limits).
    found.profile["headline_text"] = clean(row["headline"])[:HEADLINE_LIMIT].rstrip()
    summary = clean_text(row.raw("summary"), multiline=True)
    found.profile["summary_text"] = summary[:SUMMARY_LIMIT].rstrip()
    found.profile["industry"] = bool(row["industry"])
    found.profile["location"] = bool(row["geolocation"] or row["zipcode"] or row["address"])


def skill(found: Collector, row: Row, file: str) -> None:
    """Skills.csv: one skill per row."""
    if row["name"]:
        found.profile["skills"] = found.profile.get("skills", 0) + 1


def position(found: Collector, row: Row, file: str) -> None:
    """Positions.csv: any position fills the experience item."""
    if row["companyname"] or row["title"]:
        found.profile["experience"] = True


HANDLERS: dict[str, Handler] = {
    "connections": connection,
    "invitations": invitation,
    "messages": message,
    "shares": share,
    "comments": comment,
    "reactions": _linked("reaction", "reactions", "type"),
    "votes": _linked("poll_vote", "votes"),
    "instant_reposts": _linked("share", "instant_reposts"),
    "endorsements_received": _endorsement(
        "endorsement_received", "endorsements_received", "endorser"
    ),
    "endorsements_given": _endorsement("endorsement_given", "endorsements_given", "endorsee"),
    "recommendations_received": _recommendation(
        "recommendation_received", "recommendations_received"
    ),
    "recommendations_given": _recommendation("recommendation_given", "recommendations_given"),
    "search_queries": search_query,
    "company_follows": company_follow,
    "rich_media": rich_media,
    "events": event,
    "profile": profile,
    "skills": skill,
    "positions": position,
}
# The large files' handlers bound to their table once its header is read, taking each record's
# line and fields as the CSV reader gives them (no `Row` per record, the columns found once).
READERS: dict[str, Callable[[Collector, CsvTable, str], RowReader]] = {
    "connections": connection_reader,
    "messages": message_reader,
}
# Profile facts a present file sets even when it has no rows (no skills is a fact).
FACT_DEFAULTS: dict[str, dict[str, Any]] = {
    "skills": {"skills": 0},
    "positions": {"experience": False},
    "recommendations_received": {"recommendations": 0},
}
