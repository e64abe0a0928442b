"""The export archive: a ZIP read in memory by member name (never extracted), or a folder.

Limits are checked before any member is read: at most `MAX_ENTRIES` entries, at most
`MAX_TOTAL_BYTES` declared uncompressed, no member compressed more than `MAX_RATIO` times.
Members with an absolute path or a `..` component (and, in a folder, symbolic links and other
non-regular files) are never read: they are listed in `unsafe`.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from ssi_tui.wording import _

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 2_000_000_000
MAX_RATIO = 200

_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
_DRIVE = re.compile(r"^[A-Za-z]:")
# What a damaged member raises while it is read.
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
)


class ArchiveError(Exception):
    """The export cannot be read (missing, not a ZIP or folder, corrupt, or over a limit)."""


@dataclass(frozen=True, slots=True)
class Member:
    """One file of the export."""

    path: str
    basename: str
    size: int
    part: str = ""  # the archive it is in, when the export comes as several (parts.py)
    order: int = 0  # that archive's place, oldest first

    @property
    def depth(self) -> int:
        """How many folders deep the file is."""
        return self.path.count("/")

    @property
    def label(self) -> str:
        """How the summary names the file: its basename, after its archive's name when the
        export comes as several archives."""
        return f"{self.part}/{self.basename}" if self.part else self.basename


def is_unsafe(name: str) -> bool:
    """Whether a member name is absolute or climbs out of the archive (`..`)."""
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or _DRIVE.match(normalised):
        return True
    return ".." in normalised.split("/")


class CountingReader(io.RawIOBase):
    """A raw stream that counts the bytes read through it (for progress)."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        """Always readable."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill `buffer` from the underlying stream."""
        data = self._raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.count += size
        return size

    def close(self) -> None:
        """Close the underlying stream too."""
        self._raw.close()
        super().close()


class ExportArchive:
    """A LinkedIn export, ZIP or folder: its safe members by path, and a way to open them."""

    def __init__(
        self,
        path: Path,
        members: list[Member],
        unsafe: list[str],
        opener: Callable[[Member], BinaryIO],
        closer: Callable[[], None] | None = None,
    ) -> None:
        self.path = path
        self.members = members
        self.unsafe = unsafe
        self._opener = opener
        self._closer = closer
        # How to open the same export again, independently (a forked helper reads with its
        # own file position): set by `open_export`.
        self.reopen: Callable[[], ExportArchive] | None = None

    def raw(self, member: Member) -> BinaryIO:
        """The member's bytes, uncounted (for an archive that wraps this one)."""
        return self._opener(member)

    def open(self, member: Member) -> CountingReader:
        """The member's bytes as a stream that counts what was read."""
        try:
            return CountingReader(self._opener(member))
        except READ_ERRORS as error:
            raise ArchiveError(
                _("{path}: cannot read {path2}: {error}").format(
                    path=self.path, path2=member.path, error=error
                )
            ) from None

    def close(self) -> None:
        """Release the ZIP file."""
        if self._closer is not None:
            self._closer()
            self._closer = None

    def __enter__(self) -> ExportArchive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_export(path: Path) -> ExportArchive:
    """Open an export ZIP or folder, refusing it (ArchiveError) if it breaks a limit."""
    archive = _open_export(Path(path))
    archive.reopen = lambda: _open_export(Path(path))
    return archive


def _open_export(path: Path) -> ExportArchive:
    if not path.exists():
        raise ArchiveError(_("{path}: no such file or folder").format(path=path))
    if path.is_dir():
        folder = _open_folder(path)
        from ssi_tui.importers.parts import export_zips, open_parts

        zips = export_zips(folder)
        if zips:  # a folder of downloaded archives (Basic_…, Complete_…), not an unpacked one
            return open_parts(path, zips, _open_zip)
        return folder
    if not path.is_file():
        raise ArchiveError(_("{path}: neither a ZIP archive nor a folder").format(path=path))
    return _open_zip(path)


def _refuse(path: Path, what: str) -> ArchiveError:
    return ArchiveError(_("{path}: refused, {what}; nothing was read").format(path=path, what=what))


def _declared_entries(path: Path) -> int | None:
    """The entry count in the ZIP's end record (read before the central directory), if found."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            tail_size = min(size, 65_536 + 22)
            handle.seek(size - tail_size)
            tail = handle.read(tail_size)
            position = tail.rfind(_EOCD)
            if position < 0 or len(tail) < position + 22:
                return None
            total = struct.unpack_from("<H", tail, position + 10)[0]
            if total != 0xFFFF:
                return total
            locator = position - 20
            if locator < 0 or tail[locator : locator + 4] != _ZIP64_LOCATOR:
                return total
            offset = struct.unpack_from("<Q", tail, locator + 8)[0]
            handle.seek(offset)
            record = handle.read(56)
            if len(record) < 56 or record[:4] != _ZIP64_EOCD:
                return total
            return int(struct.unpack_from("<Q", record, 32)[0])
    except (OSError, struct.error):
        return None


def _open_zip(path: Path) -> ExportArchive:
    declared = _declared_entries(path)
    if declared is not None and declared > MAX_ENTRIES:
        raise _refuse(
            path,
            _("more than {MAX_ENTRIES:,} entries ({declared:,})").format(
                MAX_ENTRIES=MAX_ENTRIES, declared=declared
            ),
        )
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        try:
            with path.open("rb") as handle:
                looks_like_zip = handle.read(4) == b"PK\x03\x04"
        except OSError:
            looks_like_zip = False
        if looks_like_zip or path.suffix.lower() == ".zip":
            raise ArchiveError(f"{path}: corrupt ZIP archive ({error})") from None
        raise ArchiveError(
            _("{path}: neither a ZIP archive nor a folder").format(path=path)
        ) from None
    except (OSError, EOFError, ValueError, struct.error) as error:
        raise ArchiveError(f"{path}: corrupt ZIP archive ({error})") from None
    try:
        members, unsafe = _zip_members(path, archive)
    except ArchiveError:
        archive.close()
        raise

    def opener(member: Member) -> BinaryIO:
        info = archive.getinfo(member.path)
        if info.flag_bits & 0x1:
            raise ArchiveError(
                _("{path}: {path2} is encrypted").format(path=path, path2=member.path)
            )
        return archive.open(info)  # type: ignore[return-value]

    return ExportArchive(path, members, unsafe, opener, archive.close)


def _zip_members(path: Path, archive: zipfile.ZipFile) -> tuple[list[Member], list[str]]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _refuse(
            path,
            _("more than {MAX_ENTRIES:,} entries ({count:,})").format(
                MAX_ENTRIES=MAX_ENTRIES, count=len(infos)
            ),
        )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise _refuse(
            path,
            _("declared uncompressed size {value:.1f} GB is over {value2:g} GB").format(
                value=total / 1e9, value2=MAX_TOTAL_BYTES / 1e9
            ),
        )
    for info in infos:
        if info.file_size == 0:
            continue
        if info.compress_size == 0 or info.file_size / info.compress_size > MAX_RATIO:
            ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
            raise _refuse(
                path,
                _("member {filename!r} has compression ratio {ratio:.0f}, over {MAX_RATIO}").format(
                    filename=info.filename, ratio=ratio, MAX_RATIO=MAX_RATIO
                ),
            )
    members: list[Member] = []
    unsafe: list[str] = []
    for info in infos:
        if info.is_dir():
            continue
        if is_unsafe(info.filename):
            unsafe.append(info.filename)
            continue
        basename = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
        members.append(Member(info.filename, basename, info.file_size))
    return members, unsafe


def _open_folder(path: Path) -> ExportArchive:
    members: list[Member] = []
    unsafe: list[str] = []
    total = 0
    entries = 0
    for directory, subdirectories, files in os.walk(path, followlinks=False):
        relative = Path(directory).relative_to(path)
        for name in subdirectories:
            entries += 1
            if (Path(directory) / name).is_symlink():
                unsafe.append((relative / name).as_posix())
        for name in files:
            entries += 1
            if entries > MAX_ENTRIES:
                raise _refuse(
                    path, _("more than {MAX_ENTRIES:,} entries").format(MAX_ENTRIES=MAX_ENTRIES)
                )
            full = Path(directory) / name
            member_path = (relative / name).as_posix()
            try:
                status = full.lstat()
            except OSError:
                unsafe.append(member_path)
                continue
            if full.is_symlink() or not full.is_file():
                unsafe.append(member_path)
                continue
            total += status.st_size
            if total > MAX_TOTAL_BYTES:
                raise _refuse(
                    path, _("files total over {value:g} GB").format(value=MAX_TOTAL_BYTES / 1e9)
                )
            members.append(Member(member_path, name, status.st_size))
        if entries > MAX_ENTRIES:
            raise _refuse(
                path, _("more than {MAX_ENTRIES:,} entries").format(MAX_ENTRIES=MAX_ENTRIES)
            )

    def opener(member: Member) -> BinaryIO:
        return (path / member.path).open("rb")

    members.sort(key=lambda member: member.path)
    return ExportArchive(path, members, sorted(unsafe), opener)
