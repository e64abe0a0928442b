"""An export file's bytes → text: its encoding found from its first bytes, and what it is when
it is not CSV at all.

LinkedIn writes UTF-8 (with or without a BOM); the 2018 exports wrote some files as UTF-16 LE
with a BOM, and a file re-saved by Excel may be UTF-16 or Windows-1252 (cp1252). Bytes that are
not valid UTF-8 are read as cp1252, one by one, and counted (the file then gets a warning);
never an error. A `.csv` that is really a workbook (XLSX starts with `PK`), a JSON document or an
HTML page is named as what it is.
"""

from __future__ import annotations

import codecs
import io
import threading
from dataclasses import dataclass
from typing import BinaryIO

from ssi_tui.wording import _

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
ENCODING_NAMES = {"utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE"}
SNIFF_BYTES = 4096
FALLBACK = "ssi-cp1252"  # the decoding error handler below

_counts = threading.local()  # bytes read as cp1252 in this thread's current file


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decode error handler: the bytes that are not UTF-8 read as Windows-1252 (counted)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    _counts.value = getattr(_counts, "value", 0) + len(bad)
    return bytes(bad).decode("cp1252", errors="replace"), error.end


codecs.register_error(FALLBACK, _as_cp1252)


@dataclass(slots=True)
class Decoded:
    """A file opened as text: the stream, its encoding, and `not_csv` (what the file is
    instead, e.g. "an Excel workbook (XLSX)") when it is not text at all."""

    stream: io.TextIOWrapper
    encoding: str
    not_csv: str | None = None

    @staticmethod
    def fallback_bytes() -> int:
        """Bytes read as cp1252 so far in this thread's file (see `start_counting`)."""
        return int(getattr(_counts, "value", 0))

    def warnings(self) -> list[str]:
        """What a user should know about how the file was read."""
        found = []
        if self.encoding in ENCODING_NAMES:
            found.append(
                _("read as {value} (an older export or a re-save)").format(
                    value=ENCODING_NAMES[self.encoding]
                )
            )
        replaced = self.fallback_bytes()
        if replaced:
            found.append(
                _(
                    "not valid UTF-8 ({replaced:,} bytes): read as Windows-1252, as Excel writes it; check accented names"
                ).format(replaced=replaced)
            )
        return found


def what_else(head: bytes) -> str | None:
    """What a file is when it is not CSV text, from its first bytes (None: it may be CSV)."""
    if head.startswith(b"PK\x03\x04"):
        return _("an Excel workbook (XLSX) or another ZIP file, not CSV")
    if head.startswith((b"\xd0\xcf\x11\xe0", b"%PDF")):
        return _("a binary document (old Excel or PDF), not CSV")
    text = head.lstrip(codecs.BOM_UTF8).lstrip()
    if text[:1] in (b"{", b"["):
        return "a JSON document, not CSV"
    lowered = text[:64].lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<?xml", b"<table", b"<head", b"<body")):
        return "an HTML or XML page, not CSV"
    return None


def decode(raw: BinaryIO) -> Decoded:
    """Open an export file's bytes as text: the encoding from its BOM (UTF-8 otherwise, bytes
    that are not UTF-8 read as cp1252), universal newlines left to the csv module."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw, 65_536)  # type: ignore[arg-type]
    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    _counts.value = 0
    encoding = "utf-8-sig"
    for bom, name in BOMS:
        if head.startswith(bom):
            encoding = name
            if name != "utf-8-sig":  # (utf-8-sig drops its own BOM; the UTF-16 codecs do not)
                buffered.read(len(bom))
            break
    not_csv = what_else(head) if encoding == "utf-8-sig" else None
    stream = io.TextIOWrapper(buffered, encoding=encoding, errors=FALLBACK, newline="")
    return Decoded(stream, encoding, not_csv)
