"""`ssi-tui import PATH [--json] [--dry-run]`: shapes, bad archives (exit 2, store untouched)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from ssi_tui.cli.main import main
from ssi_tui.store import Store

from ...conftest import TODAY


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), today=TODAY, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def test_json_summary_has_exactly_the_documented_shape(export_zip: Path, data_dir: Path) -> None:
    status, out, err = run("import", str(export_zip), "--json", "--data-dir", str(data_dir))
    assert (status, err) == (0, "")
    summary = json.loads(out)
    documented = {"owner", "files", "ignored_files", "contacts_added", "activities_added"}
    assert set(summary) == documented | {"activities_rematched", "changes"}  # keys only added
    assert set(summary["owner"]) == {"name", "profile_url", "detected_from"}
    assert summary["owner"]["detected_from"] == "invitations"
    for report in summary["files"].values():
        assert set(report) == {"rows", "imported", "duplicates", "errors", "warnings"}  # (added)
        for error in report["errors"]:
            assert set(error) == {"line", "error"}
    assert summary["files"]["Comments_123456.csv"]["errors"] == [{"line": 4, "error": "no date"}]
    assert (summary["contacts_added"], summary["activities_added"]) == (4, 25)
    assert "guide_messages.csv" in summary["ignored_files"]
    again = json.loads(run("import", str(export_zip), "--json", "--data-dir", str(data_dir))[1])
    assert (again["contacts_added"], again["activities_added"]) == (0, 0)
    assert again["files"]["messages.csv"]["duplicates"] == 3


def test_human_summary_is_a_table(export_zip: Path, data_dir: Path) -> None:
    status, out, _ = run("import", str(export_zip), "--data-dir", str(data_dir))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["file", "rows", "imported", "duplicates", "errors"]
    assert lines[2].split() == ["Connections.csv", "3", "3", "0", "0"]
    assert (
        "Owner: Olivia Owner (https://www.linkedin.com/in/olivia-owner-0a1b2c), detected as the inviter of your sent invitations"
        in out
    )
    assert (
        "Added 25 activities and 4 contacts; profile checklist updated; 1 bad row skipped." in out
    )
    assert "  line 4: no date" in out
    assert "Ignored 6 files: Articles/Articles/my-article.html" in out


def test_dry_run_saves_nothing(export_zip: Path, data_dir: Path) -> None:
    status, out, _ = run("import", str(export_zip), "--dry-run", "--data-dir", str(data_dir))
    assert status == 0
    assert "Dry run: would add 25 activities and 4 contacts" in out
    assert "Dry run: nothing was saved." in out
    assert not (data_dir / "store.json").exists()


def bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("messages.csv", b"\0" * 3_000_000)
    return path


def many(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index in range(10_001):
            archive.writestr(f"{index}.csv", b"")
    return path


def corrupt(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    return path


def not_an_archive(path: Path) -> Path:
    path.write_text("First Name,Last Name\n")
    return path.rename(path.with_suffix(".csv"))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda path: path, "no such file or folder"),
        (not_an_archive, "neither a ZIP archive nor a folder"),
        (corrupt, "corrupt ZIP archive"),
        (bomb, "refused, member 'messages.csv' has compression ratio"),
        (many, "refused, more than 10,000 entries"),
    ],
    ids=["missing", "not-an-archive", "corrupt", "zip-bomb", "too-many-entries"],
)
@pytest.mark.parametrize("existing_store", [False, True])
def test_bad_input_is_one_line_exit_2_and_the_store_is_untouched(
    tmp_path: Path, data_dir: Path, make: object, message: str, existing_store: bool
) -> None:
    if existing_store:
        run("log", "post", "--data-dir", str(data_dir))
        before = {path.name: path.read_bytes() for path in data_dir.iterdir() if path.is_file()}
    path = make(tmp_path / "export.zip")  # type: ignore[operator]
    status, out, err = run("import", str(path), "--data-dir", str(data_dir))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("ssi-tui: error: ") and message in err
    if existing_store:
        after = {path.name: path.read_bytes() for path in data_dir.iterdir() if path.is_file()}
        assert after == before
    else:
        assert not data_dir.exists()


def test_bad_rows_do_not_fail_the_command(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Votes.csv", "Date,Link\r\nnot a date,x\r\n2025-01-01 10:00:00,y\r\n")
    status, out, _ = run("import", str(path), "--json", "--data-dir", str(data_dir))
    assert status == 0
    report = json.loads(out)["files"]["Votes.csv"]
    assert (report["rows"], report["imported"], report["errors"]) == (
        2,
        1,
        [{"line": 2, "error": "unreadable date 'not a date'"}],
    )
    with Store.open(data_dir, read_only=True) as store:
        assert store.activities.count() == 1


def test_import_is_listed_in_the_help() -> None:
    status, out, _ = run("--help")
    assert status == 0 and "import" in out
    status, out, _ = run("import", "--help")
    assert status == 0 and "--dry-run" in out and "PATH" in out
