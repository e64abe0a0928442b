"""`-o/--output FILE` on every report (0600, written only when the command succeeds; `-` is
standard output) and `export`'s format from the file's extension or the terminal."""

from __future__ import annotations

import io
import json
import stat
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.cli.main import main
from ssi_tui.cli.parser import build_parser

from .conftest import run


def reports() -> list[str]:
    """Every command (and nested action) that has --json."""
    found = []

    def walk(parser: object, prefix: str) -> None:
        for name, command in parser._subparsers._group_actions[0].choices.items():  # type: ignore[attr-defined]
            if "--json" in command._option_string_actions:
                found.append(f"{prefix}{name}")
            if command._subparsers is not None:
                walk(command, f"{prefix}{name} ")

    walk(build_parser(), "")
    return found


def test_every_report_has_the_option() -> None:
    parser_names = reports()
    assert {"score", "activities", "contacts", "agenda", "history", "readings"} <= set(parser_names)
    for name in parser_names:
        status, out, _ = run(*name.split(), "--help")
        assert status == 0 and "-o FILE, --output FILE" in out, name


def test_a_report_goes_to_a_private_file(tmp_path: Path) -> None:
    target = tmp_path / "score.json"
    status, out, err = run("score", "--demo", "--json", "-o", str(target))
    assert status == 0 and out == "" and err == f"Wrote {target} (readable by you only)\n"
    assert "pillars" in json.loads(target.read_text(encoding="utf-8"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    status, out, _ = run("score", "--demo", "--json", "-o", "-")
    assert status == 0 and "pillars" in json.loads(out)


def test_a_failed_report_writes_no_file(tmp_path: Path) -> None:
    target = tmp_path / "agenda.txt"
    status, out, err = run("agenda", "--demo", "--as-of", "someday", "-o", str(target))
    assert status == 2 and not target.exists() and "someday" in err


def test_a_directory_is_refused_in_one_line(tmp_path: Path) -> None:
    status, _, err = run("contacts", "--demo", "-o", str(tmp_path))
    assert status == 2 and err == f"ssi-tui: error: -o: {tmp_path} is a directory; name a file\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_export_format_from_the_extension_or_the_terminal(tmp_path: Path) -> None:
    target = tmp_path / "log.csv"
    assert run("export", "--demo", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("date,")
    out, err = Terminal(), io.StringIO()
    assert main(["export", "--demo"], today=date(2026, 11, 26), stdout=out, stderr=err) == 0
    assert out.getvalue().startswith("# ")  # the Markdown review
    status, out_text, err_text = run("export", "--demo")
    assert status == 2 and out_text == "" and "give --format (md, csv, json, ics)" in err_text
    status, _, err_text = run("export", "--demo", "-o", str(tmp_path / "x.pdf"))
    assert status == 2 and "cannot tell the format from 'x.pdf'" in err_text


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_an_explicit_format_still_wins(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert run("export", "--demo", "--format", fmt, "-o", str(target))[0] == 0
    assert target.stat().st_size > 0
