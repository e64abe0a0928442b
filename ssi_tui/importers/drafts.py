"""An activity to be: what one export row says, with the stable key that makes re-imports idempotent."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import unquote

from ssi_tui.importers.cleaning import clean
from ssi_tui.importers.people import Person

EXCERPT_LENGTH = 80
_URN = re.compile(r"urn:li:[a-z_]+:(\d+)", re.IGNORECASE)
_SEPARATOR = "\x1f"


@dataclass(slots=True, eq=False)
class Draft:
    """One imported activity before it is checked against the store and validated."""

    kind: str
    date: date
    key: str
    file: str
    line: int
    person: Person | None = None
    company: str | None = None
    title: str | None = None
    personalised: bool = False
    note: str = ""
    # The goals' topics the row's text holds (posts, comments, media); None for a row with no
    # text matched (the text itself is never kept).
    topics: tuple[str, ...] | None = None


def stable_key(file_kind: str, when: datetime | date, *parts: str) -> str:
    """`<file kind>:<date/time>:<digest of the row's identifying fields>` (the external id)."""
    return f"{file_kind}:{when.isoformat()}:{key_digest(*parts)}"


def key_digest(*parts: str) -> str:
    """The digest part of a stable key: 16 hex digits of BLAKE2b over the fields."""
    return hashlib.blake2b(_SEPARATOR.join(parts).encode(), digest_size=8).hexdigest()


def post_id(link: str) -> str:
    """The numeric URN id of a post link (`urn%3Ali%3Aactivity%3A7…` or `urn:li:activity:7…`),
    else the decoded, lowercased link."""
    decoded = unquote(link).strip()
    match = _URN.search(decoded)
    return match.group(1) if match else decoded.lower()


def excerpt(text: str) -> str:
    """The first non-blank line of a text, cleaned, at most EXCERPT_LENGTH characters."""
    for line in text.splitlines():
        cleaned = clean(line)
        if cleaned:
            if len(cleaned) > EXCERPT_LENGTH:
                return cleaned[: EXCERPT_LENGTH - 1].rstrip() + "…"
            return cleaned
    return ""


def share_commentary(raw: str) -> str:
    """ShareCommentary with its quirk undone: each line break comes out of the CSV as `"\\n"`."""
    text = raw.replace('"\r\n"', "\n").replace('"\n"', "\n")
    stripped = text.strip()
    if len(stripped) >= 2 and stripped.startswith('"') and stripped.endswith('"'):
        stripped = stripped[1:-1]
    return stripped if stripped.strip(' "\n\t') else ""
