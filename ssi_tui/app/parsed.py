"""A TOML file of the package kept parsed by the build (`hatch_build.py`), read back at start-up.

Parsing `commands.toml` took ~6 ms of every start (the app's first frame is ~300 ms). The build
writes, next to it, its document in marshal form with a stamp: the TOML's length and CRC-32 and
the Python that made it. `read_toml` uses that copy only when the stamp matches the TOML as it
is now and this Python; otherwise (missing, stale after an edit, damaged, another Python) it
parses the TOML, as before. Standard library only: the build imports it without the app's
dependencies.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from pathlib import Path
from typing import Any

SUFFIX = ".marshal"


def stamp(source: bytes) -> tuple[object, ...]:
    """What a parsed copy is checked against: the TOML's bytes and this Python."""
    return ("ssi-tui-parsed-toml", 1, tuple(sys.version_info[:2]), len(source), zlib.crc32(source))


def parsed_copy(source: bytes) -> bytes:
    """The parsed copy of a TOML file's bytes `source` (what the build writes)."""
    import tomllib

    return marshal.dumps((stamp(source), tomllib.loads(source.decode("utf-8"))))


def copy_path(toml_path: Path) -> Path:
    """Where the parsed copy of a TOML file goes: beside it."""
    return toml_path.with_suffix(SUFFIX)


def write_copy(toml_path: Path) -> Path:
    """Write the parsed copy of a TOML file (the build's); its path."""
    target = copy_path(toml_path)
    target.write_bytes(parsed_copy(toml_path.read_bytes()))
    return target


def read_toml(toml_path: Path) -> dict[str, Any]:
    """A TOML file's document: from its parsed copy when made from these very bytes by this
    Python, else parsed from the file."""
    source = toml_path.read_bytes()
    try:
        kept, document = marshal.loads(copy_path(toml_path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        kept = document = None
    if kept == stamp(source) and isinstance(document, dict):
        return document
    import tomllib

    return tomllib.loads(source.decode("utf-8"))
