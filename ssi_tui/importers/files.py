"""Which export file is which: basename patterns (old names, member-id suffixes) and headers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ssi_tui.importers.archive import Member
from ssi_tui.wording import _

_NAME = re.compile(r"^(?P<stem>.+?)(?P<suffix>_\d+)?\.csv$", re.IGNORECASE)


def squash(name: str) -> str:
    """A name compared case-, space- and punctuation-insensitively: `Full Name` → `fullname`."""
    return "".join(character for character in name.casefold() if character.isalnum())


@dataclass(frozen=True, slots=True)
class FileKind:
    """One kind of export file: its name stems, the columns that identify its header line."""

    id: str
    stems: tuple[str, ...]
    required: tuple[str, ...]
    suffixed: bool = False
    escapechar: str | None = None
    # Multi-line texts are sometimes written unquoted: a line that starts with no date (and
    # has no link in its second column) then continues the record before it.
    continued: bool = False


# In reading order: connections first (their company and title serve the other files), then
# invitations (they name the owner), then messages (their direction needs the owner).
KINDS: tuple[FileKind, ...] = (
    FileKind("connections", ("connections",), ("firstname", "lastname")),
    FileKind("invitations", ("invitations",), ("sentat", "direction")),
    FileKind("messages", ("messages",), ("from", "date")),
    FileKind("shares", ("shares",), ("date", "sharelink"), suffixed=True),
    FileKind(
        "comments",
        ("comments",),
        ("date", "link"),
        suffixed=True,
        escapechar="\\",
        continued=True,
    ),
    FileKind("reactions", ("reactions", "likes"), ("date", "link"), suffixed=True),
    FileKind("votes", ("votes",), ("date", "link"), suffixed=True),
    FileKind("instant_reposts", ("instantreposts",), ("date", "link"), suffixed=True),
    FileKind("endorsements_received", ("endorsementreceivedinfo",), ("endorsementdate",)),
    FileKind("endorsements_given", ("endorsementgiveninfo",), ("endorsementdate",)),
    FileKind("recommendations_received", ("recommendationsreceived",), ("creationdate",)),
    FileKind("recommendations_given", ("recommendationsgiven",), ("creationdate",)),
    FileKind("search_queries", ("searchqueries",), ("time",)),
    FileKind("company_follows", ("companyfollows",), ("organization",)),
    FileKind("rich_media", ("richmedia",), ("datetime",)),
    FileKind("events", ("events",), ("eventname",)),
    FileKind("profile", ("profile",), ("headline",)),
    FileKind("skills", ("skills",), ("name",)),
    FileKind("positions", ("positions",), ("companyname", "title")),
)
_BY_STEM = {stem: kind for kind in KINDS for stem in kind.stems}
ORDER = {kind.id: index for index, kind in enumerate(KINDS)}


def kind_of(basename: str) -> FileKind | None:
    """The kind of an export file from its basename (None for files we do not read).

    `Rich Media.csv` and `Rich_Media.csv` are the same file; `Shares_123456.csv` is a Shares
    file; decoys such as `guide_messages.csv` or `LearningCoachMessages.csv` are not messages.
    """
    match = _NAME.match(basename)
    if match is None:
        return None
    stem, suffix = match.group("stem"), match.group("suffix")
    kind = _BY_STEM.get(squash(stem))
    if kind is None and suffix:
        # `Skills_2.csv` is not a suffixed kind; `Endorsement_Received_Info.csv` has no digits.
        kind = _BY_STEM.get(squash(stem + suffix))
        return kind
    if kind is not None and suffix and not kind.suffixed:
        return None
    return kind


@dataclass(frozen=True, slots=True)
class Plan:
    """The files to read, in order, and the ones left alone (with why, when it is not obvious)."""

    files: list[tuple[Member, FileKind]]
    ignored: list[str]


def plan_files(members: list[Member], unsafe: list[str]) -> Plan:
    """Pick the files to read; when a basename occurs twice, the shallowest copy wins.

    Ignored files are named relative to the archive's top folder, when it has one.
    """
    parts = {member.part for member in members}
    tops = {  # each archive's own top folder (an export in several parts has one per part)
        part: top_folder([member.path for member in members if member.part == part])
        for part in parts
    }
    chosen: dict[str, tuple[Member, FileKind]] = {}
    ignored: list[str] = [_("{name} (unsafe path, not read)").format(name=name) for name in unsafe]
    for member in sorted(members, key=lambda item: (item.order, item.depth, item.path)):
        top = tops[member.part]
        shown = member.path[len(top) :] if top else member.path
        shown = f"{member.part}/{shown}" if member.part else shown
        kind = kind_of(member.basename)
        if kind is None:
            ignored.append(shown)
            continue
        key = f"{member.part}/{member.basename.casefold()}"
        if key in chosen:
            ignored.append(
                _("{shown} (same name as {value})").format(
                    shown=shown, value=chosen[key][0].path[len(top) :]
                )
            )
            continue
        chosen[key] = (member, kind)
    files = sorted(
        chosen.values(),
        key=lambda item: (ORDER[item[1].id], item[0].order, item[0].basename),
    )
    return Plan(files, sorted(ignored))


def top_folder(paths: list[str]) -> str:
    """`Folder/` when every path is inside that one folder (a wrapped archive), else ""."""
    tops = {path.replace("\\", "/").split("/", 1)[0] + "/" for path in paths if path}
    if len(tops) != 1 or not all("/" in path.replace("\\", "/") for path in paths):
        return ""
    return tops.pop()
