"""Checksums and names: what makes a damaged or foreign file in the data dir show as such.

Every JSON file the store writes (store.json, history segments) is *sealed*: its first key,
`"checksum"`, holds a BLAKE2b digest of the rest of the file, as written. Checking a file is
hashing its bytes: no re-serialisation, so any changed byte shows. store.json also lists each
segment's checksum (`meta.checksums`), so a backup can be checked file by file and a damaged
segment matched with a good copy of it.

Names: a segment is `seg-<14 digits>-<8 hex>.json` and a backup `<date>-<time>[-n]-<reason>`,
and every path built from a name must stay inside the data dir (no `..`, no symlink out).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ssi_tui.wording import _

_PREFIX = b'{"checksum":"'
_ALGORITHM = "blake2b-128:"
SEGMENT_NAME = re.compile(r"^seg-\d{14}-[0-9a-f]{8}\.json$")
BACKUP_NAME = re.compile(r"^(\d{8}-\d{6})(?:-(\d+))?-([a-z0-9-]+)$")


class ChecksumError(ValueError):
    """A file's bytes do not match the checksum it carries."""


def digest(data: bytes) -> str:
    """The checksum of some bytes, algorithm-tagged (`blake2b-128:<32 hex>`)."""
    return _ALGORITHM + hashlib.blake2b(data, digest_size=16).hexdigest()


def sealed_parts(body: bytes) -> tuple[list[bytes | memoryview], str]:
    """A JSON object's bytes sealed, as parts to write one after the other (no copy of the
    body: a 100,000-row import's segment is tens of megabytes), and the checksum."""
    if not body.startswith(b"{"):
        raise ValueError("only a JSON object can be sealed")
    checksum = digest(body)
    mark = _PREFIX + checksum.encode("ascii") + b'"'
    if body == b"{}":
        return [mark, b"}"], checksum
    return [mark, b",", memoryview(body)[1:]], checksum


def seal(body: bytes) -> tuple[bytes, str]:
    """A JSON object's bytes with its checksum as the first key (the rest byte for byte), and
    that checksum."""
    parts, checksum = sealed_parts(body)
    return b"".join(parts), checksum


def verify(raw: bytes) -> str | None:
    """The checksum a file's bytes were sealed with, once checked against them (None: an
    unsealed file, from before checksums); `ChecksumError` when they do not match. The file
    stays valid JSON as it is: parse `raw` and drop its `checksum` key (no copy made)."""
    if not raw.startswith(_PREFIX):
        return None
    end = raw.find(b'"', len(_PREFIX))
    if end < 0:
        raise ChecksumError(_("its checksum is cut short"))
    claimed = raw[len(_PREFIX) : end].decode("ascii", "replace")
    view = memoryview(raw)
    hasher = hashlib.blake2b(digest_size=16)
    if raw.startswith(b",", end + 1):
        hasher.update(b"{")
        hasher.update(view[end + 2 :])
    elif raw.startswith(b"}", end + 1) and len(raw) == end + 2:
        hasher.update(b"{}")
    else:
        raise ChecksumError(_("its checksum is not followed by its content"))
    if _ALGORITHM + hasher.hexdigest() != claimed:
        raise ChecksumError(_("its content does not match its checksum (changed since written)"))
    return claimed


def unseal(raw: bytes) -> tuple[bytes, str | None]:
    """The JSON body of a file as it was sealed, and its checksum (None: an unsealed file).
    `ChecksumError` when the bytes do not match their checksum. (Reading the store uses
    `verify`, which copies nothing.)"""
    claimed = verify(raw)
    if claimed is None:
        return raw, None
    end = raw.find(b'"', len(_PREFIX))
    rest = raw[end + 1 :]
    return (b"{" + rest[1:] if rest.startswith(b",") else b"{}"), claimed


def check_segment_name(name: object) -> str:
    """A history segment's name, or `ValueError` if it is not one ssi-tui writes."""
    if not isinstance(name, str) or not SEGMENT_NAME.match(name):
        raise ValueError(f"{name!r} is not a history segment name")
    return name


def inside(path: Path, root: Path) -> bool:
    """Whether `path` resolves (symlinks followed) inside `root`."""
    try:
        resolved = Path(os.path.realpath(path))
        base = Path(os.path.realpath(root))
    except OSError:
        return False
    return resolved == base or base in resolved.parents


def confined(root: Path, *parts: str) -> Path:
    """`root / parts…`, or `ValueError` when it would resolve outside `root`."""
    path = root.joinpath(*parts)
    if not inside(path, root):
        raise ValueError(f"{path} is outside {root}")
    return path
