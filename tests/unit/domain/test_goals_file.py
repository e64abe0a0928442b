"""Reading goals files (TOML or JSON) and the errors that name the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ssi_tui.domain.catalog import Catalog, DataFileError
from ssi_tui.domain.goals_file import load_goals_file

GOALS_TOML = """
[audiences]
prospects = 60
partners = 40

[roles]
prospects = ["Head of"]

[[accounts]]
name = "Contoso"
audience = "prospects"

[[objectives]]
kind = "message_sent"
audience = "prospects"
per_week = 5
personalised = true
"""

GOALS_DICT = {
    "audiences": {"prospects": 60, "partners": 40},
    "roles": {"prospects": ["Head of"]},
    "accounts": [{"name": "Contoso", "audience": "prospects"}],
    "objectives": [
        {"kind": "message_sent", "audience": "prospects", "per_week": 5, "personalised": True}
    ],
}


def check(goals) -> None:
    assert {a.name: a.weight for a in goals.audiences} == {"prospects": 60, "partners": 40}
    assert goals.roles == {"prospects": ["head of"]}
    assert goals.account_for("contoso").audience == "prospects"
    assert goals.objectives[0].kind == "message_sent"
    assert goals.objectives[0].personalised is True


def test_load_toml(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "goals.toml"
    path.write_text(GOALS_TOML, encoding="utf-8")
    check(load_goals_file(path))
    check(load_goals_file(path, catalog))


def test_load_json(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "goals.json"
    path.write_text(json.dumps(GOALS_DICT), encoding="utf-8")
    check(load_goals_file(path, catalog))


def test_load_json_with_bom_and_no_extension(tmp_path: Path) -> None:
    path = tmp_path / "goals"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOALS_DICT).encode())
    check(load_goals_file(path))


def test_load_toml_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "goals.txt"
    path.write_text(GOALS_TOML, encoding="utf-8")
    check(load_goals_file(path))


def test_round_trip_through_to_file(tmp_path: Path) -> None:
    path = tmp_path / "goals.json"
    path.write_text(json.dumps(GOALS_DICT), encoding="utf-8")
    goals = load_goals_file(path)
    again = tmp_path / "again.json"
    again.write_text(json.dumps(goals.to_file()), encoding="utf-8")
    assert load_goals_file(again) == goals


def _error(path: Path, catalog: Catalog | None = None) -> str:
    with pytest.raises(DataFileError) as info:
        load_goals_file(path, catalog)
    message = str(info.value)
    assert path.name in message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "not found" in _error(tmp_path / "missing-goals.toml")


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "goals-dir.toml"
    folder.mkdir()
    assert "directory" in _error(folder)


def test_invalid_toml(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[audiences\nprospects = 60\n", encoding="utf-8")
    assert "TOML" in _error(path)


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"audiences": {"prospects": 60,}}', encoding="utf-8")
    assert "JSON" in _error(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes("[audiences]\nprospécts = 1\n".encode("latin-1"))
    _error(path)


def test_top_level_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", encoding="utf-8")
    _error(path)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_negative_weight(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"negative{suffix}"
    if suffix == ".toml":
        path.write_text("[audiences]\nprospects = 60\npartners = -5\n", encoding="utf-8")
    else:
        path.write_text(
            json.dumps({"audiences": {"prospects": 60, "partners": -5}}), encoding="utf-8"
        )
    message = _error(path)
    # The audience named as the user wrote it, the field in their words: no validator path.
    assert message.endswith(": audience 'partners': weight must be at least 0")


def test_unknown_audience_in_account(tmp_path: Path) -> None:
    path = tmp_path / "orphan.toml"
    path.write_text(
        '[audiences]\nprospects = 1\n\n[[accounts]]\nname = "Contoso"\naudience = "partners"\n',
        encoding="utf-8",
    )
    assert "partners" in _error(path)


def test_unknown_objective_kind_with_catalog(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "objectives.toml"
    path.write_text(
        '[audiences]\nprospects = 1\n\n[[objectives]]\nkind = "tweet"\nper_week = 3\n',
        encoding="utf-8",
    )
    message = _error(path, catalog)
    assert "tweet" in message
    assert "objectives" in message
    # Without a catalog the kind is not checked.
    assert load_goals_file(path).objectives[0].kind == "tweet"


def test_unknown_field(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text("[audiences]\nprospects = 1\n\n[audience_typo]\nx = 1\n", encoding="utf-8")
    assert "audience_typo" in _error(path)
