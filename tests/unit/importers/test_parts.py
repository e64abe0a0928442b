"""An export in two parts (LinkedIn's Basic archive, then the Complete one a day later) and a
folder of several archives: the same result in any order, nothing imported twice."""

from __future__ import annotations

from pathlib import Path

from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...conftest import TODAY
from .builders import ExportBuilder, standard_export

BASIC_FILES = ("Connections.csv", "Invitations.csv", "messages.csv", "Profile.csv")


def basic() -> ExportBuilder:
    whole = standard_export()
    return ExportBuilder({name: text for name, text in whole.files.items() if name in BASIC_FILES})


def write(tmp_path: Path, builder: ExportBuilder, name: str) -> Path:
    return builder.zip(tmp_path / f"{name}.zip", top=name)


def state(store: Store) -> tuple[set, set]:
    activities = {(a.kind, a.date, a.contact, a.external_id) for a in store.activities.all()}
    contacts = {(c.name, c.company, c.title, c.profile_url) for c in store.contacts.all()}
    return activities, contacts


def imported(tmp_path: Path, name: str, *paths: Path) -> tuple[tuple[set, set], list]:
    store = Store.open(tmp_path / f"data-{name}")
    try:
        workspace = Workspace(store, TODAY)
        summaries = [import_export(workspace, path) for path in paths]
        return state(store), summaries
    finally:
        store.close()


def test_basic_then_complete_equals_complete_alone_in_either_order(tmp_path: Path) -> None:
    basic_zip = write(tmp_path, basic(), "Basic_LinkedInDataExport_11-25-2026")
    complete_zip = write(tmp_path, standard_export(), "Complete_LinkedInDataExport_11-26-2026")
    alone, _ = imported(tmp_path, "alone", complete_zip)
    assert alone[0] and alone[1]
    forward, (first, second) = imported(tmp_path, "forward", basic_zip, complete_zip)
    assert forward == alone
    assert first.activities_added > 0 and second.contacts_added == 0
    backward, (_whole, again) = imported(tmp_path, "backward", complete_zip, basic_zip)
    assert backward == alone
    assert (again.activities_added, again.contacts_added) == (0, 0)


def test_a_folder_of_archives_imports_them_oldest_first_as_one(tmp_path: Path) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    write(downloads, standard_export(), "Complete_LinkedInDataExport_11-26-2026")
    write(downloads, basic(), "Basic_LinkedInDataExport_11-25-2026")
    (downloads / "notes.txt").write_text("not an export", encoding="utf-8")
    alone, _ = imported(tmp_path, "alone", write(tmp_path, standard_export(), "Complete"))
    together, (summary, again) = imported(tmp_path, "folder", downloads, downloads)
    assert together == alone
    files = list(summary.files)
    assert files.index("Basic 11-25-2026/Connections.csv") < files.index(
        "Complete 11-26-2026/Connections.csv"
    )
    complete = summary.files["Complete 11-26-2026/Connections.csv"]
    assert complete.imported == 0 and complete.duplicates > 0  # the Basic part had them
    assert (again.activities_added, again.contacts_added) == (0, 0)


def test_archive_labels_are_short_and_unique(tmp_path: Path) -> None:
    from ssi_tui.importers.parts import part_label

    assert part_label("Complete_LinkedInDataExport_11-26-2026.zip") == "Complete 11-26-2026"
    assert part_label("my export.zip") == "my export"
    assert len(part_label("x" * 80 + ".zip")) == 24
    downloads = tmp_path / "two"
    downloads.mkdir()
    write(downloads, standard_export(), "a" * 40)
    write(downloads, basic(), "a" * 40 + "b")
    (_state, _contacts), (summary,) = imported(tmp_path, "two", downloads)
    labels = {name.split("/")[0] for name in summary.files}
    assert len(labels) == 2 and all(label.startswith("a" * 23) for label in labels)


def test_an_unpacked_export_is_still_one_export(tmp_path: Path) -> None:
    folder = standard_export().folder(tmp_path / "unpacked")
    (folder / "Basic_LinkedInDataExport_11-25-2026.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (_activities, _contacts), (summary,) = imported(tmp_path, "unpacked", folder)
    assert "Connections.csv" in summary.files  # the CSVs are read, the stray ZIP is ignored
