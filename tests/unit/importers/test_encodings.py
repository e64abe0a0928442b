"""An export's files in every encoding and dialect seen: UTF-8 with or without a BOM, UTF-16 LE
or BE with a BOM, tab-separated, cp1252 bytes; and files that are not CSV at all."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest

from ssi_tui.importers.csvfiles import CsvTable, sniff_delimiter
from ssi_tui.importers.decoding import decode, what_else
from ssi_tui.importers.files import kind_of
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...conftest import TODAY
from .builders import CONNECTIONS_HEADER, ExportBuilder, csv_text, standard_export

# Files whose text is rewritten tab-separated with every field quoted (the 2018 UTF-16 layout);
# Comments keep their backslash escapes, so they keep their commas.
TABBED = ("Connections.csv", "Invitations.csv", "messages.csv", "Shares.csv")


def to_tabs(text: str) -> str:
    """The same CSV, tab-separated and every field quoted (its preamble kept as it was)."""
    lines = text.split("\r\n")
    start = next(i for i, line in enumerate(lines) if "First Name" in line or "," in line)
    if lines[0].startswith("Notes:"):
        start = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    head = "\r\n".join(lines[:start]) + ("\r\n" if start else "")
    rows = list(csv.reader(io.StringIO("\r\n".join(lines[start:]), newline="")))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return head + buffer.getvalue()


def variant(encoding: str, *, tabs: bool = False) -> ExportBuilder:
    """The standard export, every file re-encoded (and some tab-separated)."""
    source = standard_export()
    built = ExportBuilder()
    for name, text in source.files.items():
        if isinstance(text, bytes):
            built.add(name, text)
            continue
        if tabs and name in TABBED:
            text = to_tabs(text)
        if encoding == "utf-16-le":
            data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        elif encoding == "utf-16-be":
            data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        elif encoding == "utf-8-bom":
            data = codecs.BOM_UTF8 + text.encode("utf-8")
        else:
            data = text.encode(encoding)
        built.add(name, data)
    return built


def imported(tmp_path: Path, builder: ExportBuilder, name: str) -> tuple[set, set, dict]:
    store = Store.open(tmp_path / f"data-{name}")
    try:
        summary = import_export(Workspace(store, TODAY), builder.zip(tmp_path / f"{name}.zip"))
        activities = {
            (a.kind, a.date, a.contact, a.external_id, a.note) for a in store.activities.all()
        }
        contacts = {(c.name, c.company, c.title, c.profile_url) for c in store.contacts.all()}
        return activities, contacts, summary.files
    finally:
        store.close()


@pytest.mark.parametrize(
    ("encoding", "tabs"),
    [("utf-8-bom", False), ("utf-16-le", True), ("utf-16-be", False), ("utf-16-le", False)],
)
def test_every_encoding_and_dialect_gives_the_same_import(
    tmp_path: Path, encoding: str, tabs: bool
) -> None:
    plain_activities, plain_contacts, _ = imported(tmp_path, standard_export(), "plain")
    activities, contacts, files = imported(tmp_path, variant(encoding, tabs=tabs), encoding)
    assert plain_activities and activities == plain_activities
    assert contacts == plain_contacts
    if encoding.startswith("utf-16"):
        assert any("UTF-16" in w for w in files["Connections.csv"].warnings)
    if tabs:
        assert any("tab-separated" in w for w in files["Shares.csv"].warnings)
        assert not any("tab" in w for w in files["Comments_123456.csv"].warnings)


def test_cp1252_bytes_are_read_and_said(tmp_path: Path) -> None:
    rows = [["Jürgen", "Müller", "", "", "Café Crème", "Directeur général", "04 Mar 2024"]]
    text = csv_text(CONNECTIONS_HEADER, rows)
    builder = ExportBuilder().add("Connections.csv", text.encode("cp1252"))
    _activities, contacts, files = imported(tmp_path, builder, "cp1252")
    assert ("Jürgen Müller", "Café Crème", "Directeur général", None) in contacts
    (warning,) = files["Connections.csv"].warnings
    assert "Windows-1252" in warning and "not valid UTF-8" in warning


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook (XLSX)"),
        (b'{"reactions": []}', "JSON"),
        (b"\xef\xbb\xbf[1, 2]", "JSON"),
        (b"<!DOCTYPE html><html>", "HTML"),
        (b"  <html><body>", "HTML"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Excel"),
    ],
)
def test_what_a_file_that_is_not_csv_is(head: bytes, what: str) -> None:
    assert what in (what_else(head) or "")


def test_a_csv_is_not_taken_for_something_else() -> None:
    assert what_else(b"Date,Type,Link\r\n") is None
    assert what_else(b"\xef\xbb\xbfDate,Type,Link\r\n") is None


def test_an_xlsx_named_csv_is_skipped_and_the_rest_goes_on(tmp_path: Path) -> None:
    builder = standard_export()
    builder.add("Reactions.csv", b"PK\x03\x04" + bytes(range(256)) * 4)
    activities, _contacts, files = imported(tmp_path, builder, "xlsx")
    report = files["Reactions.csv"]
    assert report.rows == 0 and len(report.errors) == 1
    assert report.errors[0].line == 1
    assert "Excel workbook (XLSX)" in report.errors[0].error and "skipped" in report.errors[0].error
    assert any(kind == "post" for kind, *_ in activities)  # the other files were read


def test_the_delimiter_is_the_one_that_splits_the_header() -> None:
    required = ("firstname", "lastname")
    assert sniff_delimiter(["Notes:\r\n", "First Name\tLast Name\tURL\r\n"], required) == "\t"
    assert sniff_delimiter(["First Name,Last Name\r\n"], required) == ","
    # a tab inside a comma-separated field does not make the file tab-separated
    assert sniff_delimiter(['First Name,Last Name,"a\tb"\r\n'], required) == ","


def test_utf16_without_the_bom_bytes_in_the_text() -> None:
    data = codecs.BOM_UTF16_LE + "Date\tType\tLink\r\n".encode("utf-16-le")
    decoded = decode(io.BytesIO(data))  # type: ignore[arg-type]
    kind = kind_of("Reactions.csv")
    assert kind is not None
    table = CsvTable(decoded.stream, kind)
    assert list(table) == [] and table.columns == {"date": 0, "type": 1, "link": 2}
