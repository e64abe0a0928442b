"""Who the export belongs to: it never says so, so the OUTGOING invitations' inviter is taken,
else the most frequent participant of the messages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ssi_tui.importers.cleaning import clean
from ssi_tui.importers.people import full_url, profile_key
from ssi_tui.wording import _

if TYPE_CHECKING:
    from ssi_tui.importers.messages import MessageLog

Method = Literal["invitations", "messages"]


@dataclass(frozen=True, slots=True)
class Owner:
    """The export's owner and how they were detected."""

    name: str | None
    profile_url: str | None
    detected_from: Method

    def to_json(self) -> dict[str, Any]:
        """The owner as the summary's JSON shows it."""
        return {
            "name": self.name,
            "profile_url": self.profile_url,
            "detected_from": self.detected_from,
        }

    def describe(self) -> str:
        """One line for people."""
        who = self.name or _("unknown name")
        where = f" ({self.profile_url})" if self.profile_url else ""
        how = (
            _("the inviter of your sent invitations")
            if self.detected_from == "invitations"
            else _("the most frequent message participant")
        )
        return _("{who}{where}, detected as {how}").format(who=who, where=where, how=how)


class OwnerClues:
    """What the invitations say about the owner: each OUTGOING row names its inviter."""

    def __init__(self) -> None:
        self.inviters: Counter[str] = Counter()
        self._urls: dict[str, str] = {}
        self._names: dict[str, str] = {}

    def outgoing_invitation(self, name: str, url: str) -> None:
        """Count the inviter of one OUTGOING invitation."""
        link = full_url(url) if url else None
        key = profile_key(link)
        if key is None or link is None:
            return
        self.inviters[key] += 1
        self._urls.setdefault(key, link)
        cleaned = clean(name)
        if cleaned:
            self._names.setdefault(key, cleaned)

    def from_invitations(self) -> Owner | None:
        """The most frequent inviter of OUTGOING invitations, if any."""
        if not self.inviters:
            return None
        key = self.inviters.most_common(1)[0][0]
        return Owner(self._names.get(key), self._urls[key], "invitations")


def detect_owner(
    clues: OwnerClues, logs: Sequence[MessageLog], connections: set[str] | None = None
) -> Owner | None:
    """The owner from the invitations, else the participant found in the most messages (on a
    tie, one who is not among the connections: nobody is their own connection)."""
    owner = clues.from_invitations()
    if owner is not None:
        return owner
    known = connections or set()
    best: tuple[int, int, str | None, str | None] | None = None
    for log in logs:
        for index, count in log.participation().items():
            participant = log.participants[index]
            stranger = 0 if participant.identity in known else 1
            candidate = (count, stranger, participant.name or None, participant.url)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        return None
    return Owner(best[2], best[3], "messages")
