"""The export form's one validation, and an export written to the file it names."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.transfer import (
    ExportTarget,
    check_export_target,
    default_export_name,
    export_to,
)


def test_default_names_are_dated_and_follow_the_format() -> None:
    today = date(2026, 12, 6)
    assert default_export_name("md", today) == "ssi-tui-review-2026-12-06.md"
    assert default_export_name("csv", today) == "ssi-tui-activities-2026-12-06.csv"
    assert default_export_name("json", today) == "ssi-tui-export-2026-12-06.json"


def test_a_good_target_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = check_export_target({"format": "csv", "path": " log.csv "})
    assert target == ExportTarget("csv", tmp_path / "log.csv")
    assert target.what == "the activity log"


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"format": "md", "path": None}, "path", "give the file to write to"),
        ({"format": "pdf", "path": "x.pdf"}, "format", "choose a format"),
        ({"format": "md", "path": "{tmp}"}, "path", "is a folder"),
        ({"format": "md", "path": "{tmp}/nowhere/x.md"}, "path", "there is no folder"),
        ({"format": "md", "path": "{tmp}/" + "x" * 300}, "path", "the path is too long"),
        ({"format": "md", "path": "/" + "a/" * 3000}, "path", "the path is too long"),
    ],
)
def test_bad_targets_are_refused_under_their_field(
    tmp_path: Path, values: dict[str, str | None], field: str, words: str
) -> None:
    values = {key: v.replace("{tmp}", str(tmp_path)) if v else v for key, v in values.items()}
    with pytest.raises(FieldErrors) as caught:
        check_export_target(values)
    assert words in caught.value.errors[field]
    assert len(caught.value.errors[field]) < 200  # one line, never the whole path


def test_export_to_writes_a_private_file(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    path = export_to(workspace, ExportTarget("json", tmp_path / "all.json"))
    assert path == tmp_path / "all.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8").startswith("{")


def test_a_refused_write_is_about_the_path(workspace, tmp_path: Path) -> None:  # noqa: ANN001
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")  # (as root, permissions would not refuse)
    with pytest.raises(InputError) as caught:
        export_to(workspace, ExportTarget("md", not_a_folder / "review.md"))
    assert caught.value.field == "path" and "not a directory" in str(caught.value).lower()
