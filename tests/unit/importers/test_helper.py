"""A large export read on two cores (the messages here, the other files in a forked helper)
gives exactly what reading it all in one process gives: drafts, people, reports, errors."""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

import pytest

from ssi_tui import forked
from ssi_tui.importers import reader
from ssi_tui.importers.archive import ArchiveError, open_export
from ssi_tui.importers.drafts import Draft
from ssi_tui.importers.people import Person
from ssi_tui.importers.reader import ParsedExport, read_export
from ssi_tui.importers.summary import ImportProgress
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...conftest import TODAY
from .builders import OWNER, csv_text, message_row, person, standard_export

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A helper for any export, whatever threads the test runner has; the helpers started."""
    monkeypatch.setattr(reader, "HELPER_MIN_BYTES", 0)
    monkeypatch.setattr(forked, "_threads", lambda: 1)
    started: list[bool] = []
    start = forked.Helper.start.__func__  # type: ignore[attr-defined]

    def counted(cls: type, work: Any) -> Any:
        helper = start(cls, work)
        if helper is not None:
            started.append(True)
        return helper

    monkeypatch.setattr(forked.Helper, "start", classmethod(counted))
    return started


def alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: False)


def person_fields(found: Person | None) -> tuple[Any, ...] | None:
    return None if found is None else astuple(found)


def snapshot(parsed: ParsedExport) -> dict[str, Any]:
    """Everything read, people by value (the objects are not the same ones)."""
    drafts = [
        tuple(
            person_fields(getattr(draft, name.name))
            if name.name == "person"
            else getattr(draft, name.name)
            for name in fields(Draft)
        )
        for draft in parsed.drafts
    ]
    return {
        "drafts": drafts,
        "people": [astuple(found) for found in parsed.people.all],
        "by_name": {name: astuple(found) for name, found in parsed.people.by_name.items()},
        "profile": parsed.profile,
        "profile_files": parsed.profile_files,
        "owner": parsed.owner,
        "files": {name: astuple(report) for name, report in parsed.files.items()},
        "ignored": parsed.ignored,
    }


def read(path: Path, progress: Any = None) -> dict[str, Any]:
    with open_export(path) as archive:
        return snapshot(read_export(archive, progress))


def test_the_standard_export_reads_the_same_on_two_cores(
    tmp_path: Path, helpers: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = standard_export().zip(tmp_path / "export.zip")
    both = read(path)
    assert helpers == [True]
    alone(monkeypatch)
    assert both == read(path)
    assert both["drafts"] and both["people"] and both["profile"]


def large_export(path: Path, count: int = 1200) -> Path:
    """Connections with their messages, invitations, a bad connection row, votes."""
    people = [person(f"member-{index}", f"Member {index}") for index in range(count // 3)]
    builder = standard_export()
    builder.connections(
        [
            [
                name.split()[0],
                name.split()[1],
                url,
                "",
                f"Company {index % 7}",
                "Buyer",
                "3 Jan 2025",
            ]
            for index, (name, url) in enumerate(people)
        ]
        + [["", "", "", "", "", "", "4 Jan 2025"]]
    )
    builder.messages(
        [
            message_row(
                f"conv-{index % 90}",
                OWNER if index % 2 else people[index % len(people)],
                people[index % len(people)] if index % 2 else OWNER,
                f"2025-{1 + index % 12:02d}-{1 + index % 28:02d} 10:{index % 60:02d}:00 UTC",
                f"text {index % 5}",
            )
            for index in range(count)
        ]
    )
    return builder.zip(path)


def test_people_met_in_both_halves_are_the_same_people(
    tmp_path: Path, helpers: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = large_export(tmp_path / "large.zip")
    both = read(path)
    alone(monkeypatch)
    assert both == read(path)
    assert helpers == [True]
    assert both["files"]["Connections.csv"][0] == 401  # rows, the bad one counted
    assert len(both["files"]["Connections.csv"][3]) == 1  # its error


def test_an_import_on_two_cores_stores_what_one_core_stores(
    tmp_path: Path, helpers: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = large_export(tmp_path / "large.zip")

    def stored(data_dir: Path) -> tuple[Any, ...]:
        with Store.open(data_dir) as store:
            summary = import_export(Workspace(store, TODAY), path)
            activities = sorted(
                (a.external_id, a.kind, a.date, a.contact, a.company, a.personalised)
                for a in store.activities.all()
            )
            contacts = sorted((c.name, c.company, c.profile_url) for c in store.contacts.all())
        return summary.activities_added, summary.contacts_added, activities, contacts

    both = stored(tmp_path / "both")
    alone(monkeypatch)
    assert both == stored(tmp_path / "one")
    assert helpers == [True]


def test_a_helper_that_fails_leaves_its_files_to_be_read_here(
    tmp_path: Path, helpers: list[bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = large_export(tmp_path / "large.zip")
    expected = read(path)

    def broken(*args: object) -> None:
        raise RuntimeError("the helper breaks")

    monkeypatch.setattr(reader, "_help", broken)  # (in the forked helper)
    assert read(path) == expected
    assert helpers == [True, True]


def test_the_helpers_files_report_their_progress_to_the_end(
    tmp_path: Path, helpers: list[bool]
) -> None:
    path = large_export(tmp_path / "large.zip")
    events: list[ImportProgress] = []
    read(path, events.append)
    sizes = {event.file: event.total for event in events}
    last = {event.file: event.done for event in events}
    assert "Connections.csv" in last and "messages.csv" in last
    assert all(last[name] == sizes[name] for name in last)


def damaged(path: Path, names: tuple[str, ...]) -> Path:
    """An export ZIP whose members `names` have damaged compressed data."""
    text = csv_text(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
        [
            [f"A{i}", "B", f"https://www.linkedin.com/in/a-{i}", "", "C", "T", "1 Feb 2023"]
            for i in range(300)
        ],
    )
    messages = large_export(path.with_suffix(".src.zip"), 600)
    with zipfile.ZipFile(messages) as source:
        messages_text = source.read("messages.csv")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", text)
        archive.writestr("messages.csv", messages_text)
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        infos = {info.filename: info for info in archive.infolist()}
    for name in names:
        start = infos[name].header_offset + 30 + len(name)
        for offset in range(start + 20, start + 60):
            data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("names", "named"),
    [
        (("Connections.csv",), "Connections.csv"),
        (("messages.csv",), "messages.csv"),
        (("Connections.csv", "messages.csv"), "Connections.csv"),  # the first in the plan
    ],
)
def test_a_damaged_file_stops_the_import_with_the_error_one_core_gives(
    tmp_path: Path,
    helpers: list[bool],
    monkeypatch: pytest.MonkeyPatch,
    names: tuple[str, ...],
    named: str,
) -> None:
    path = damaged(tmp_path / "damaged.zip", names)
    with pytest.raises(ArchiveError) as both:
        read(path)
    assert helpers == [True]
    alone(monkeypatch)
    with pytest.raises(ArchiveError) as one:
        read(path)
    assert str(both.value) == str(one.value)
    assert f"cannot read {named}" in str(one.value)
