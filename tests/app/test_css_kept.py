"""The first frame's parsed CSS is kept for the next start (`app/css_kept.py`): taken as it was
parsed, never from a damaged, foreign or other version's file, and never a reason to fail."""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.app import css_kept, css_once
from ssi_tui.app.app import SSIApp

from .conftest import TODAY, css_as_in_a_new_process, settle


@pytest.fixture
def new_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed_sources: list[str]
) -> list[str]:
    """The CSS state of a process that has parsed nothing yet, with its own cache dir; the
    sources Textual really parses from then on (where each was read from)."""
    monkeypatch.setenv("SSI_TUI_CACHE_DIR", str(tmp_path / "cache"))
    return parsed_sources


async def first_frame(tmp_path: Path) -> tuple[SSIApp, str]:
    """The app run to its settled dashboard; the dashboard as painted (its text and colours)."""
    app = SSIApp(tmp_path / "data", TODAY, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        painted = app.export_screenshot()
    return app, painted


def facts(rule: Any) -> tuple[Any, ...]:
    """What a parsed rule says: its selectors, styles (as their reprs: a layout has no
    equality but its name) and precedence."""
    return (
        rule.selectors,
        {name: repr(value) for name, value in rule.styles.get_rules().items()},
        rule.styles.important,
        rule.is_default_rules,
        rule.tie_breaker,
        rule.selector_names,
        rule.pseudo_classes,
    )


def kept_file(tmp_path: Path) -> Path:
    return tmp_path / "cache" / css_kept.FILE_NAME


async def test_the_next_start_takes_the_first_frames_css_as_parsed(
    tmp_path: Path, new_process: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _app, painted = await first_frame(tmp_path)
    assert any("ssi.tcss" in source for source in new_process)
    path = kept_file(tmp_path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    parsed_first = dict(css_once._parsed)
    kept = css_kept.decode(path.read_bytes())
    assert kept is not None and set(kept) == set(parsed_first)
    for key, rules in kept.items():  # the same rules, selector by selector, style by style
        assert [facts(rule) for rule in rules] == [facts(rule) for rule in parsed_first[key]]

    css_as_in_a_new_process(monkeypatch)
    new_process.clear()
    written = path.stat().st_mtime_ns
    _app, painted_again = await first_frame(tmp_path)
    assert not [source for source in new_process if "ssi.tcss" in source]
    assert not [source for source in new_process if "KeyBar.DEFAULT_CSS" in source]
    assert painted_again == painted
    assert path.stat().st_mtime_ns == written  # nothing new to keep: not written again


def good_file() -> bytes:
    data = css_kept.encode({("vars", "Screen { }", ("", "x"), False, 0, ""): []})
    assert data is not None
    return data


def sealed(first_line: bytes, payload: bytes) -> bytes:
    return first_line + b"%08x\n" % zlib.crc32(payload) + payload


def damaged(kind: str) -> bytes:
    data = good_file()
    first_line = css_kept.header()
    assert first_line is not None
    payload = data[len(first_line) + 9 :]
    if kind == "byte changed":
        return data[:-5] + bytes([data[-5] ^ 0x01]) + data[-4:]
    if kind == "cut short":
        return data[: len(data) // 2]
    if kind == "other Textual":
        return sealed(first_line.replace(b"model.py ", b"model.py 1"), payload)
    if kind == "other Python":
        return sealed(first_line.replace(b"python 3.", b"python 9."), payload)
    if kind == "not rules":
        return sealed(first_line, pickle.dumps(["a list"]))
    if kind == "keys not tuples":
        return sealed(first_line, pickle.dumps({"key": []}))
    if kind == "garbage":
        return os.urandom(2000)
    if kind == "empty":
        return b""
    if kind == "too large":
        return sealed(first_line, b"\0" * (css_kept.MAX_BYTES + 1))
    raise AssertionError(kind)


DAMAGE = [
    "byte changed",
    "cut short",
    "other Textual",
    "other Python",
    "not rules",
    "keys not tuples",
    "garbage",
    "empty",
    "too large",
]


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_foreign_or_other_versions_file_is_never_taken(kind: str) -> None:
    assert css_kept.decode(good_file()) is not None
    assert css_kept.decode(damaged(kind)) is None


async def test_the_app_starts_as_usual_past_a_damaged_file_and_keeps_a_good_one(
    tmp_path: Path, new_process: list[str]
) -> None:
    path = kept_file(tmp_path)
    path.parent.mkdir(mode=0o700)
    path.write_bytes(damaged("byte changed"))
    await first_frame(tmp_path)
    assert any("ssi.tcss" in source for source in new_process)  # parsed, as with no file
    kept = css_kept.decode(path.read_bytes())
    assert kept is not None and set(kept) == set(css_once._parsed)


async def test_only_the_first_frames_rules_are_kept_not_what_an_earlier_run_kept_else(
    tmp_path: Path, new_process: list[str]
) -> None:
    path = kept_file(tmp_path)
    path.parent.mkdir(mode=0o700)
    path.write_bytes(good_file())  # rules for a source this app never asks for
    await first_frame(tmp_path)
    kept = css_kept.decode(path.read_bytes())
    assert kept is not None
    assert ("vars", "Screen { }", ("", "x"), False, 0, "") not in kept
    assert any("ssi.tcss" in str(key[2]) for key in kept)


async def test_a_cache_dir_that_cannot_be_written_changes_nothing_else(
    tmp_path: Path, new_process: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "not-a-dir").write_text("a file")
    monkeypatch.setenv("SSI_TUI_CACHE_DIR", str(tmp_path / "not-a-dir"))
    app, _painted = await first_frame(tmp_path)
    assert app.workspace is not None and app.load_error is None
    assert (tmp_path / "not-a-dir").read_text() == "a file"
    assert css_kept.keep(dict(css_once._parsed)) is False
