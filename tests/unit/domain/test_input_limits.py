"""Input limits: no NaN nor infinity in any number of rules or goals, goals of a sane size,
nesting that cannot crash the parser; each refused in one line naming the place."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ssi_tui.domain.catalog import DataFileError, load_user_rules
from ssi_tui.domain.goals_file import load_goals_file
from ssi_tui.domain.limits import MAX_ACCOUNTS, MAX_AUDIENCES, MAX_KEYWORDS, MAX_OBJECTIVES


@pytest.mark.parametrize(
    "text, place",
    [
        ("[scoring.saturation]\nbrand = nan\n", "scoring.saturation.brand"),
        ("[scoring]\nhalf_life_days = inf\n", "scoring.half_life_days"),
        ("[quality]\nunpersonalised = -inf\n", "quality.unpersonalised"),
        ("[checklist.weights]\nphoto = nan\n", "checklist.weights.photo"),
    ],
)
def test_nan_and_inf_are_refused_in_rules(tmp_path: Path, text: str, place: str) -> None:
    (tmp_path / "rules.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_user_rules(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path / 'rules.toml'}: {place} must be a number (not nan nor inf)"
    )


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_nan_and_inf_weights_are_refused_in_goals(tmp_path: Path, value: str) -> None:
    path = tmp_path / "goals.toml"
    path.write_text(f"[audiences]\nprospects = {value}\n", encoding="utf-8")
    with pytest.raises(
        DataFileError, match="audience 'prospects': weight must be a number \\(not nan nor inf\\)$"
    ):
        load_goals_file(path)


def test_ten_thousand_audiences_are_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "goals.toml"
    path.write_text(
        "[audiences]\n" + "".join(f"a{index} = 1\n" for index in range(10_000)), encoding="utf-8"
    )
    start = time.perf_counter()
    with pytest.raises(DataFileError) as caught:
        load_goals_file(path)
    assert time.perf_counter() - start < 2
    assert str(caught.value) == f"{path}: audiences: at most {MAX_AUDIENCES} audiences, not 10,000"


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "[audiences]\np = 1\n"
            + "".join(f'[[accounts]]\nname = "c{i}"\naudience = "p"\n' for i in range(501)),
            f"accounts: at most {MAX_ACCOUNTS} target accounts, not 501",
        ),
        (
            "[audiences]\np = 1\n" + '[[objectives]]\nkind = "post"\nper_week = 1\n' * 101,
            f"objectives: at most {MAX_OBJECTIVES} objectives, not 101",
        ),
        (
            "[audiences]\np = 1\n[roles]\np = [" + ", ".join(f'"w{i}"' for i in range(201)) + "]\n",
            f"roles.p: at most {MAX_KEYWORDS} per audience, not 201",
        ),
        (
            '[audiences]\np = 1\n[topics]\np = "' + ", ".join(f"t{i}" for i in range(201)) + '"\n',
            f"topics.p: at most {MAX_KEYWORDS} per audience, not 201",
        ),
    ],
    ids=["accounts", "objectives", "roles", "topics"],
)
def test_goals_over_their_limits_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "goals.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_goals_file(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_a_goals_file_nested_100000_deep_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"goals{suffix}"
    nested = "[" * 100_000 + "]" * 100_000
    path.write_text(
        '{"audiences": ' + nested + "}" if suffix == ".json" else "audiences = " + nested,
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        load_goals_file(path)
    assert str(caught.value) == f"{path}: nested too deeply to be a goals file"
