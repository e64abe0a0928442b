"""messages.csv: rows kept compact until the owner is known, then turned into sent/received drafts.

Bodies are never kept: a sent message's content is only hashed, in memory, to tell a template
sent to many conversations (not personalised) from a message written for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ssi_tui.domain.text import fold
from ssi_tui.importers.cleaning import clean
from ssi_tui.importers.csvfiles import CsvTable, Row, RowError
from ssi_tui.importers.dates import parse_iso
from ssi_tui.importers.drafts import Draft, key_digest
from ssi_tui.importers.message_rows import NO_TEXT, MessageRows
from ssi_tui.importers.owner import Owner
from ssi_tui.importers.people import People, Person, full_url, profile_key
from ssi_tui.wording import N_, _, number, plural

_PROFILE = re.compile(r"(?:https?://)?(?:[\w-]+\.)?linkedin\.com/in/[^\s,;\"'<>]+", re.IGNORECASE)
TEMPLATE_CONVERSATIONS = 3  # the same text sent to this many conversations is a template
_TRUE = frozenset({"true", "yes", "1"})
_DIRECTIONS = {"OUTGOING": True, "INCOMING": False}
# The columns a message is read from, in `MessageLog.reader`'s order.
_COLUMNS = (
    "ismessagedraft",
    "date",
    "from",
    "senderprofileurl",
    "to",
    "recipientprofileurls",
    "conversationid",
    "direction",
    "content",
)
SKIPPED_REASONS = {
    "hidden": N_("from a LinkedIn Member without a profile (a hidden or closed account)"),
    "linkedin": N_("from LinkedIn itself (Premium, Sales Navigator, news)"),
    "sponsored": N_("sponsored or InMail from a company"),
}


def system_sender(name: str, url: str) -> str | None:
    """Why a sender is not a person to keep in touch with (a key of `SKIPPED_REASONS`), or
    None: a sender with a profile URL always is one."""
    if url.strip():
        return None
    folded = fold(name)
    if folded == "linkedin member":
        return "hidden"
    if folded == "linkedin" or folded.startswith("linkedin ") or "linkedin premium" in folded:
        return "linkedin"
    if "sponsored" in folded or "inmail" in folded:
        return "sponsored"
    return None


@dataclass(frozen=True, slots=True)
class Participant:
    """A name and/or profile URL seen in the file."""

    name: str
    url: str | None
    key: str | None

    @property
    def identity(self) -> str:
        """Profile key, else the folded name."""
        return self.key or f"name:{fold(self.name)}"


# A message's side: sent (or received), the counterpart, the digest of its key.
_Side = tuple[bool, "Person | None", str]
_UNKNOWN: _Side = (False, None, "")  # who sent it cannot be told


class MessageLog:
    """The rows of one messages file, with the participants they name."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.messages = MessageRows()
        self.participants: list[Participant] = []
        self._ids: dict[tuple[str, str | None], int] = {}
        # Caches on the raw fields: the same people and conversations recur on many rows.
        self._raw_participants: dict[tuple[str, str | None], int] = {}
        self._raw_recipients: dict[tuple[str, str], tuple[int, ...]] = {}
        self._conversations: dict[str, str] = {}
        self.errors: list[RowError] = []
        self.has_urls = False
        self.skipped: Counter[str] = Counter()  # rows from senders who are not people, by why

    def _participant(self, name: str, url: str | None) -> int:
        raw = (name, url)
        index = self._raw_participants.get(raw)
        if index is None:
            index = self._raw_participants[raw] = self._new_participant(name, url)
        return index

    def _new_participant(self, name: str, url: str | None) -> int:
        name = clean(name)
        link = full_url(url) if url else None
        key = profile_key(link)
        marker = (fold(name) if not key else "", key)
        index = self._ids.get(marker)
        if index is None:
            index = self._ids[marker] = len(self.participants)
            self.participants.append(Participant(name, link, key))
        return index

    def add(self, row: Row) -> bool:
        """Keep one row; False for a draft (not a message that was sent)."""
        return self.reader(row.table)(row.line, row.fields)

    def reader(self, table: CsvTable) -> Callable[[int, list[str]], bool]:
        """`add` for the raw records of `table`, its columns looked up once: the hot loop of a
        large export (100,000 rows), each row's fields picked in one call."""
        pick = table.picker(_COLUMNS)
        self.has_urls = self.has_urls or table.has("senderprofileurl")
        participant = self._participant
        raw_recipients = self._raw_recipients
        conversations = self._conversations
        rows = self.messages
        add_line, add_when, add_conversation = (
            rows.lines.append,
            rows.whens.append,
            rows.conversations.append,
        )
        add_sender, add_recipients, add_side, add_template = (
            rows.senders.append,
            rows.recipients.append,
            rows.sides.append,
            rows.templates.append,
        )

        def add(line: int, fields: list[str]) -> bool:
            draft, date, sender_name, sender_url, to, urls, conversation, direction, content = pick(
                fields
            )
            if draft and draft.casefold() in _TRUE:
                return False
            when = parse_iso(date)
            if not sender_name and not sender_url:
                raise ValueError(_("no sender (FROM is empty)"))
            if not sender_url:
                system = system_sender(sender_name, sender_url)
                if system is not None:  # neither a contact nor a reply
                    self.skipped[system] += 1
                    return False
            sender = participant(sender_name, sender_url or None)
            recipients = raw_recipients.get((to, urls))
            if recipients is None:
                recipients = raw_recipients[to, urls] = tuple(self._recipients(to, urls))
            add_line(line)
            add_when(when)
            add_conversation(conversations.setdefault(conversation, conversation))
            add_sender(sender)
            add_recipients(recipients)
            add_side(_DIRECTIONS.get(direction.upper()) if direction else None)
            # Python's own string hash: fast, only ever compared within this import, never kept.
            add_template(hash(content) if content else NO_TEXT)
            return True

        return add

    def _recipients(self, to: str, urls_text: str) -> list[int]:
        urls = _PROFILE.findall(urls_text)
        if not urls:
            return [self._participant(to, None)] if to else []
        names = [name.strip() for name in to.split(",")] if len(urls) > 1 else [to]
        if len(names) != len(urls):
            names = [""] * len(urls)
        return [self._participant(name, url) for name, url in zip(names, urls, strict=True)]

    def skipped_lines(self) -> list[str]:
        """The rows left out because their sender is not a person, by why (for the summary)."""
        return [
            plural(
                count, "{count} message skipped: {reason}", "{count} messages skipped: {reason}"
            ).format(count=number(count), reason=_(SKIPPED_REASONS[reason]))
            for reason, count in sorted(self.skipped.items())
        ]

    # -- owner -------------------------------------------------------------------------
    def participation(self) -> Counter[int]:
        """How many messages each participant is in (the owner is in all of them); where a row
        says its direction (old exports), only the owner's side counts."""
        counts: Counter[int] = Counter()
        rows = self.messages
        for sender, recipients, outgoing in zip(
            rows.senders, rows.recipients, rows.sides, strict=True
        ):
            if outgoing is not False:
                counts[sender] += 1
            if outgoing is not True:
                counts.update(set(recipients))
        return counts

    def owner_ids(self, owner: Owner | None) -> set[int]:
        """The participants who are the owner."""
        if owner is None:
            return set()
        owner_key = profile_key(owner.profile_url)
        owner_name = fold(owner.name) if owner.name else None
        found = set()
        for index, participant in enumerate(self.participants):
            # The owner's URL takes several forms across files (a vanity slug, a member id):
            # when it does not match, the owner's name does.
            if (owner_key and participant.key == owner_key) or (
                owner_name and fold(participant.name) == owner_name
            ):
                found.add(index)
        return found

    # -- drafts ------------------------------------------------------------------------
    def drafts(self, owner: Owner | None, people: People) -> list[Draft]:
        """`message_sent` / `message_received` drafts; the counterpart becomes a contact."""
        mine = self.owner_ids(owner)
        templates = self._templates(mine)
        occurrences: dict[str, int] = {}
        drafts: list[Draft] = []
        append = drafts.append
        file = self.file
        # What the same participants in the same conversation come to, worked out once: a
        # conversation's messages share it (10,000 conversations for 100,000 messages).
        sides: dict[tuple[str, int, tuple[int, ...], bool | None], _Side] = {}
        side_of = self._side_maker(mine, people)
        days: dict[date, date] = {}  # one date object a day, shared by its drafts
        rows = self.messages
        # Each row is taken out of the columns as its draft is made (its memory released).
        take_line, take_when, take_conversation = (
            rows.lines.pop,
            rows.whens.pop,
            rows.conversations.pop,
        )
        take_sender, take_recipients = rows.senders.pop, rows.recipients.pop
        take_side, take_template = rows.sides.pop, rows.templates.pop
        for _row in range(len(rows)):
            line, when, conversation = take_line(), take_when(), take_conversation()
            sender, recipients, outgoing = take_sender(), take_recipients(), take_side()
            template = take_template()
            who = (conversation, sender, recipients, outgoing)
            side = sides.get(who)
            if side is None:
                side = sides[who] = side_of(conversation, sender, recipients, outgoing)
            if side is _UNKNOWN:
                self.errors.append(
                    RowError(line, _("cannot tell who sent this message (owner unknown)"))
                )
                continue
            sent, person, digest = side
            base = f"messages:{when.isoformat()}:{digest}"  # as stable_key() makes it
            seen = occurrences.get(base, 0)
            occurrences[base] = seen + 1
            day = when.date()
            append(
                Draft(
                    "message_sent" if sent else "message_received",
                    days.setdefault(day, day),
                    f"{base}#{seen}" if seen else base,
                    file,
                    line,
                    person,
                    None,
                    None,
                    sent and template != NO_TEXT and template not in templates,
                )
            )
        self.messages.clear()
        self._raw_participants.clear()
        self._raw_recipients.clear()
        self._conversations.clear()
        return drafts

    def _side_maker(
        self, mine: set[int], people: People
    ) -> Callable[[str, int, tuple[int, ...], bool | None], _Side]:
        """What gives the side of a message (sent or not, the counterpart, the key's digest)
        from its conversation, sender, recipients and direction; `_UNKNOWN` when the row does
        not say and the owner is unknown."""
        persons: dict[int, Person | None] = {}
        identities = [participant.identity for participant in self.participants]

        def side(
            conversation: str, sender: int, recipients: tuple[int, ...], outgoing: bool | None
        ) -> _Side:
            if outgoing is None:
                if not mine:
                    return _UNKNOWN
                outgoing = sender in mine
            if outgoing:
                others = [index for index in recipients if index not in mine]
                counterpart = others[0] if others else None
            else:
                counterpart = sender if sender not in mine else None
            person = None
            if counterpart is not None:
                if counterpart not in persons:
                    participant = self.participants[counterpart]
                    # With profile URLs in the file, a counterpart without one (a company, a
                    # sponsored sender) is not a person to keep in touch with.
                    persons[counterpart] = people.get_clean(
                        participant.name,
                        participant.url,
                        participant.key,
                        contact=participant.key is not None or not self.has_urls,
                    )
                person = persons[counterpart]
            digest = key_digest(
                conversation, identities[sender], *[identities[index] for index in recipients]
            )
            return outgoing, person, digest

        return side

    def _templates(self, mine: set[int]) -> set[int]:
        """Texts the owner sent to TEMPLATE_CONVERSATIONS or more conversations."""
        conversations: dict[int, set[str]] = {}
        rows = self.messages
        for template, outgoing, sender, conversation, recipients in zip(
            rows.templates,
            rows.sides,
            rows.senders,
            rows.conversations,
            rows.recipients,
            strict=True,
        ):
            if template == NO_TEXT:
                continue
            if outgoing or (outgoing is None and sender in mine):
                where = conversation or str(recipients)
                conversations.setdefault(template, set()).add(where)
        return {
            digest
            for digest, places in conversations.items()
            if len(places) >= TEMPLATE_CONVERSATIONS
        }
