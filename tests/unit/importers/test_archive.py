"""The archive: ZIP or folder, members by basename, and the hostile cases refused before reading."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from ssi_tui.importers import archive as archive_module
from ssi_tui.importers.archive import ArchiveError, is_unsafe, open_export
from ssi_tui.importers.files import plan_files
from ssi_tui.importers.reader import read_export

from .builders import ExportBuilder, csv_text


def basenames(path: Path) -> set[str]:
    with open_export(path) as opened:
        return {member.basename for member in opened.members}


def test_flat_zip_nested_zip_and_folder_give_the_same_files(
    export: ExportBuilder, tmp_path: Path
) -> None:
    flat = export.zip(tmp_path / "flat.zip")
    nested = export.zip(tmp_path / "nested.zip", top="Basic_LinkedInDataExport_03-04-2026")
    folder = export.folder(tmp_path / "unpacked")
    assert basenames(flat) == basenames(nested) == basenames(folder)
    assert {"Connections.csv", "messages.csv", "Comments_123456.csv"} <= basenames(nested)


def test_members_are_read_in_memory_never_extracted(
    export: ExportBuilder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zipped = export.zip(tmp_path / "export.zip", top="Top")
    before = sorted(path.name for path in tmp_path.iterdir())

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer must never extract")

    monkeypatch.setattr(zipfile.ZipFile, "extract", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "extractall", refuse)
    with open_export(zipped) as opened:
        parsed = read_export(opened)
    assert parsed.files["Connections.csv"].rows == 3
    assert sorted(path.name for path in tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("name", "unsafe"),
    [
        ("../evil/Connections.csv", True),
        ("Top/../../Connections.csv", True),
        ("/etc/Connections.csv", True),
        ("..\\windows\\Votes.csv", True),
        ("C:/Users/x/Events.csv", True),
        ("Top/Connections.csv", False),
        ("Top/..hidden/Connections.csv", False),
    ],
)
def test_unsafe_member_names(name: str, unsafe: bool) -> None:
    assert is_unsafe(name) is unsafe


def test_zip_slip_members_are_ignored_and_reported(tmp_path: Path) -> None:
    good = csv_text(["Date", "Link"], [["2025-01-01 10:00:00", "urn:li:activity:1"]])
    path = tmp_path / "slip.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Top/Votes.csv", good)
        archive.writestr("../../Connections.csv", "First Name,Last Name\r\nEvil,Person\r\n")
        archive.writestr("/abs/InstantReposts.csv", good)
    with open_export(path) as opened:
        assert sorted(opened.unsafe) == ["../../Connections.csv", "/abs/InstantReposts.csv"]
        parsed = read_export(opened)
    assert list(parsed.files) == ["Votes.csv"]
    assert "../../Connections.csv (unsafe path, not read)" in parsed.ignored
    assert "/abs/InstantReposts.csv (unsafe path, not read)" in parsed.ignored
    assert parsed.people.all == []


def test_symbolic_links_in_a_folder_are_never_followed(tmp_path: Path) -> None:
    folder = tmp_path / "unpacked"
    folder.mkdir()
    secret = tmp_path / "secret.csv"
    secret.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
    os.symlink(secret, folder / "Connections.csv")
    os.symlink(tmp_path, folder / "loop")
    with open_export(folder) as opened:
        assert opened.members == []
        assert sorted(opened.unsafe) == ["Connections.csv", "loop"]


def test_a_zip_bomb_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", b"First Name,Last Name\r\n")
        archive.writestr("messages.csv", b"0" * 5_000_000)
    with pytest.raises(ArchiveError, match=r"compression ratio \d+, over 200"):
        open_export(path)


def test_a_member_stored_at_an_ordinary_ratio_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ok.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Skills.csv", "Name\r\n" + "".join(f"Skill {i}\r\n" for i in range(500)))
    with open_export(path) as opened:
        assert [member.basename for member in opened.members] == ["Skills.csv"]


def _patch_sizes(path: Path, size: int) -> None:
    """Make every member of a ZIP declare `size` uncompressed bytes (headers only)."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + offset : start + offset + 4] = size.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))


def test_a_declared_total_over_2_gb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", b"x" * 100)
    _patch_sizes(path, 3_000_000_000)
    with pytest.raises(ArchiveError, match=r"declared uncompressed size 3\.0 GB is over 2 GB"):
        open_export(path)


def test_too_many_entries_are_refused_before_the_directory_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index in range(10_001):
            archive.writestr(f"f{index}.txt", b"")

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the entry count must be checked before parsing the directory")

    monkeypatch.setattr(archive_module.zipfile, "ZipFile", no_parse)
    with pytest.raises(ArchiveError, match=r"more than 10,000 entries \(10,001\)"):
        open_export(path)


def test_the_entry_limit_is_also_checked_on_the_parsed_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "some.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(6):
            archive.writestr(f"f{index}.txt", b"")
    monkeypatch.setattr(archive_module, "_declared_entries", lambda path: None)
    monkeypatch.setattr(archive_module, "MAX_ENTRIES", 5)
    with pytest.raises(ArchiveError, match="more than 5 entries"):
        open_export(path)


def test_a_folder_with_too_many_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    for index in range(6):
        (folder / f"f{index}.txt").write_text("")
    monkeypatch.setattr(archive_module, "MAX_ENTRIES", 5)
    with pytest.raises(ArchiveError, match="more than 5 entries"):
        open_export(folder)


def test_missing_path_and_not_an_archive(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no such file or folder"):
        open_export(tmp_path / "nope.zip")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(ArchiveError, match="neither a ZIP archive nor a folder"):
        open_export(text)


def test_corrupt_and_truncated_zips(export: ExportBuilder, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(os.urandom(4096))
    with pytest.raises(ArchiveError, match="corrupt ZIP archive"):
        open_export(garbage)
    whole = export.zip(tmp_path / "whole.zip").read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ArchiveError, match="corrupt ZIP archive"):
        open_export(truncated)


def test_a_damaged_member_stops_the_import_with_a_clear_error(tmp_path: Path) -> None:
    text = csv_text(
        ["Date", "Link"],
        [[f"2025-01-01 10:00:{i % 60:02d}", f"urn:li:activity:{i}"] for i in range(300)],
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Votes.csv", text)
    data = bytearray(buffer.getvalue())
    start = 30 + len("Votes.csv")  # local header, then the compressed data
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0xFF
    path = tmp_path / "damaged.zip"
    path.write_bytes(bytes(data))
    with open_export(path) as opened, pytest.raises(ArchiveError, match="cannot read Votes.csv"):
        read_export(opened)


def test_the_shallowest_copy_of_a_file_wins(tmp_path: Path) -> None:
    builder = ExportBuilder()
    builder.table("Skills.csv", ["Name"], [["A"]])
    builder.table("Old/Skills.csv", ["Name"], [["A"], ["B"]])
    with open_export(builder.folder(tmp_path / "export")) as opened:
        plan = plan_files(opened.members, opened.unsafe)
    assert [member.path for member, _ in plan.files] == ["Skills.csv"]
    assert plan.ignored == ["Old/Skills.csv (same name as Skills.csv)"]
