"""The registry's TOML is read through the parsed copy the build keeps (`app/parsed.py`): the
same document as the file, used only while it matches the file and this Python."""

from __future__ import annotations

import importlib.util
import marshal
import shutil
import tomllib
from pathlib import Path

import pytest

from ssi_tui.app import parsed
from ssi_tui.app.parsed import parsed_copy, read_toml, stamp, write_copy

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ROOT / "ssi_tui" / "app" / "commands.toml"
SAMPLE = b'[[command]]\nid = "app.quit"\nkey = "q"\n'


def sample(tmp_path: Path, text: bytes = SAMPLE) -> Path:
    path = tmp_path / "sample.toml"
    path.write_bytes(text)
    return path


def test_the_copy_is_the_document_of_the_file() -> None:
    copy = marshal.loads(parsed_copy(COMMANDS.read_bytes()))
    assert copy[1] == tomllib.loads(COMMANDS.read_text(encoding="utf-8"))
    assert read_toml(COMMANDS) == copy[1]


def test_a_matching_copy_is_read_instead_of_the_file(tmp_path: Path) -> None:
    path = sample(tmp_path)
    # A copy stamped for these bytes but holding another document: proof that it is the one read.
    (tmp_path / "sample.marshal").write_bytes(marshal.dumps((stamp(SAMPLE), {"from": "copy"})))
    assert read_toml(path) == {"from": "copy"}


def test_a_stale_damaged_or_missing_copy_is_passed_over(tmp_path: Path) -> None:
    path = sample(tmp_path)
    expected = tomllib.loads(SAMPLE.decode())
    assert read_toml(path) == expected  # no copy
    write_copy(path)
    path.write_bytes(SAMPLE.replace(b'"q"', b'"x"'))  # the TOML edited since
    assert read_toml(path)["command"][0]["key"] == "x"
    for damaged in (b"", b"\x00garbage", marshal.dumps("not a pair"), marshal.dumps((1, 2, 3))):
        (tmp_path / "sample.marshal").write_bytes(damaged)
        path.write_bytes(SAMPLE)
        assert read_toml(path) == expected


def test_a_copy_made_by_another_python_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sample(tmp_path)
    write_copy(path)
    monkeypatch.setattr(parsed.sys, "version_info", (3, 99, 0))
    assert read_toml(path) == tomllib.loads(SAMPLE.decode())
    assert stamp(SAMPLE)[2] == (3, 99)


def test_the_build_writes_the_copy(tmp_path: Path) -> None:
    """`hatch_build.py` (run by `pip install`) writes `commands.marshal` beside the TOML."""
    root = tmp_path / "checkout"
    (root / "ssi_tui" / "app").mkdir(parents=True)
    (root / "ssi_tui" / "locale").mkdir()
    for name in ("parsed.py", "commands.toml"):
        shutil.copy(ROOT / "ssi_tui" / "app" / name, root / "ssi_tui" / "app" / name)
    spec = importlib.util.spec_from_file_location("hatch_build_test", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    hatch_build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hatch_build)
    made = hatch_build.parse_toml_files(root)
    assert made == [root / "ssi_tui" / "app" / "commands.marshal"]
    assert read_toml(root / "ssi_tui" / "app" / "commands.toml") == read_toml(COMMANDS)
    kept, _ = marshal.loads(made[0].read_bytes())
    assert kept == stamp(COMMANDS.read_bytes())
