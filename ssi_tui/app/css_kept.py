"""The first frame's parsed CSS, kept from one run to the next.

`css_once` parses each CSS source once per process; parsing the dashboard's sources (the app's
stylesheet and every widget's default CSS) still takes ~6 ms of a ~175 ms start, and gives the
same rules every time. Once the first frame is on screen, the rules parsed for it are kept in
the user's cache dir (`first-frame-css`, written off the UI thread); the next start takes them
from there (~1 ms) and parses only what they lack.

The file holds a header line naming this format, the Python version and the files of Textual
and Rich whose classes the rules are made of (path, size, modification time: an upgrade changes
them), then the CRC-32 of the pickled rules and the rules themselves. A file of another format
or version, damaged, too large or unreadable is ignored (the CSS is parsed as usual) and
replaced. Only a file this app wrote is read: in the user's private cache dir (0600 in a 0700
dir), the trust Python gives its own bytecode caches. Nothing in the store depends on it.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssi_tui.app import css_once

if TYPE_CHECKING:
    from textual.app import App

FILE_NAME = "first-frame-css"
FORMAT = "ssi-tui first-frame CSS 1"
MAX_BYTES = 4 * 1024 * 1024  # the dashboard's rules take ~80 KB
MODULES = (
    "textual.css.model",
    "textual.css.styles",
    "textual.css.parse",
    "textual.css.scalar",
    "textual.color",
    "rich.style",
)
"""The modules whose classes and parsing make the kept rules."""

_loaded = False


def cache_file() -> Path:
    """Where the rules are kept."""
    from ssi_tui.paths import user_cache_dir

    return user_cache_dir() / FILE_NAME


def header() -> bytes | None:
    """The first line of a file this code and these modules can use (None: a module is not
    where it can be checked)."""
    parts = [FORMAT, "python " + ".".join(map(str, sys.version_info[:3]))]
    for name in MODULES:
        path = getattr(sys.modules.get(name), "__file__", None)
        if path is None:
            return None
        try:
            stat = os.stat(path)
        except OSError:
            return None
        parts.append(f"{path} {stat.st_size} {stat.st_mtime_ns}")
    return "; ".join(parts).encode("utf-8", "surrogateescape") + b"\n"


def encode(rules: dict[tuple[Any, ...], list[Any]]) -> bytes | None:
    """The file's contents for these rules (None: they cannot be kept)."""
    first_line = header()
    if first_line is None:
        return None
    try:
        payload = pickle.dumps(rules, protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return first_line + b"%08x\n" % zlib.crc32(payload) + payload


def decode(data: bytes) -> dict[tuple[Any, ...], list[Any]] | None:
    """The rules a file holds, or None when it is not one this code can trust."""
    first_line = header()
    if first_line is None or len(data) > MAX_BYTES or not data.startswith(first_line):
        return None
    body = data[len(first_line) :]
    crc, newline, payload = body[:8], body[8:9], body[9:]
    try:
        if newline != b"\n" or int(crc, 16) != zlib.crc32(payload):
            return None
        rules = pickle.loads(payload)
    except Exception:  # (checked above; whatever else is wrong, the CSS is parsed instead)
        return None
    if not isinstance(rules, dict):
        return None
    for key, value in rules.items():
        if not isinstance(key, tuple) or not isinstance(value, list):
            return None
    return rules


def install() -> None:
    """Each CSS source parsed once per process (`css_once`), the first frame's taken as the last
    run kept them (when `css_once` could be installed on this Textual)."""
    if css_once.install():
        load()


def load() -> None:
    """Take the kept rules, once per process, before the first screen's CSS is parsed (the
    UI thread's, as the app is made: a file of ~80 KB)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    try:
        with open(cache_file(), "rb") as file:
            data = file.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        return
    rules = decode(data)
    if rules is not None:
        css_once.adopt(rules)


def keep(rules: dict[tuple[Any, ...], list[Any]]) -> bool:
    """Keep the first frame's rules for the next start (a worker's); False when they could not
    be written (nothing else changes: the next start parses them)."""
    data = encode(rules)
    if data is None:
        return False
    from ssi_tui.services.app_files import keep_cache_file

    return keep_cache_file(cache_file(), data)


def keep_for_next_start(app: App[Any], *, after: threading.Event) -> None:
    """Once the first frame is on screen: keep the rules this process parsed for it, in a
    worker, once `after` is set (the last scores read: the user sees those); nothing to do when
    they all came from the kept file."""
    rules = css_once.to_keep()
    if rules is None:
        return

    def keep_them() -> None:
        after.wait(2)
        keep(rules)

    app.run_worker(
        keep_them, thread=True, exclusive=True, group="css", description="first frame's CSS"
    )
