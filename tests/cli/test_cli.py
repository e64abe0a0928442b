"""The command line: output shapes, bad input (one line, exit 2, nothing stored), global options."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ssi_tui.cli.main import main
from ssi_tui.domain.flags import FLAG_IDS
from ssi_tui.store import Store

from .conftest import TODAY, run, stored_activities

GOALS_TOML = """
[audiences]
prospects = 60
recruiters = 30
partners = 10

[roles]
prospects = ["head of", "director", "vp", "chief"]
recruiters = ["recruit", "talent"]

[[accounts]]
name = "Northwind Traders"
audience = "prospects"

[[objectives]]
kind = "message_sent"
audience = "prospects"
per_week = 5
"""


def test_score_demo_json_shape() -> None:
    status, out, err = run("score", "--demo", "--json")
    assert status == 0, err
    report = json.loads(out)
    assert set(report) >= {"as_of", "window_days", "pillars", "total", "flags"}
    assert report["as_of"] == TODAY.isoformat()
    assert report["window_days"] == 90
    assert set(report["pillars"]) == {"brand", "find", "engage", "relate"}
    for pillar in report["pillars"].values():
        assert set(pillar) >= {"raw", "weighted", "alignment"}
        assert 0 <= pillar["raw"] <= 25 and 0 <= pillar["weighted"] <= 25
    assert report["total"]["raw"] == pytest.approx(
        sum(p["raw"] for p in report["pillars"].values()), abs=0.05
    )
    assert report["total"]["weighted"] == pytest.approx(
        sum(p["weighted"] for p in report["pillars"].values()), abs=0.05
    )
    ids = {flag["id"] for flag in report["flags"]}
    assert len(ids) >= 3 and ids <= set(FLAG_IDS)
    for flag in report["flags"]:
        assert set(flag) >= {"id", "severity", "pillar", "message", "evidence", "action"}
        assert flag["severity"] in {"info", "warn", "alert"}


def test_demo_never_touches_the_data_dir(data_dir: Path) -> None:
    status, _, _ = run("--demo", "log", "post", "--data-dir", str(data_dir))
    assert status == 0
    assert not data_dir.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ("--demo", "score", "--json"),
        ("score", "--demo", "--json"),
    ],
)
def test_global_options_before_or_after_the_command(argv: tuple[str, ...]) -> None:
    status, out, _ = run(*argv)
    assert status == 0
    assert json.loads(out)["as_of"] == TODAY.isoformat()


def test_data_dir_before_or_after_the_command(data_dir: Path) -> None:
    assert run("--data-dir", str(data_dir), "log", "post")[0] == 0
    assert run("log", "comment", "--data-dir", str(data_dir))[0] == 0
    assert stored_activities(data_dir) == 2


def test_data_dir_from_environment(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_TUI_DATA_DIR", str(data_dir))
    status, out, _ = run("locate", "--json")
    assert status == 0
    assert json.loads(out) == {"data_dir": str(data_dir), "store": str(data_dir / "store.json")}


def test_log_creates_contact_and_is_scored(data_dir: Path) -> None:
    d = str(data_dir)
    assert run("goals", "load", str(write_goals(data_dir.parent)), "--data-dir", d)[0] == 0
    before = json.loads(run("score", "--json", "--data-dir", d)[1])
    status, out, err = run(
        "log",
        "message_sent",
        "--date",
        "yesterday",
        "--audience",
        "Prospects",
        "--contact",
        "Ada Lovelace",
        "--company",
        "Northwind Traders",
        "--title",
        "Head of Data",
        "--personalised",
        "--relevance",
        "5",
        "--note",
        "hello [bold]x[/]",
        "--data-dir",
        d,
    )
    assert status == 0, err
    assert "New contact: Ada Lovelace, without an audience (the prospects tag counts" in out
    after = json.loads(run("score", "--json", "--data-dir", d)[1])
    assert after["pillars"]["engage"]["raw"] > before["pillars"]["engage"]["raw"]
    assert after["pillars"]["engage"]["weighted"] > before["pillars"]["engage"]["weighted"]
    activities = json.loads(run("activities", "--json", "--data-dir", d)[1])
    assert activities[0]["kind"] == "message_sent"
    assert activities[0]["pillar"] == "engage"
    assert activities[0]["date"] == "2026-11-25"
    assert activities[0]["audience"] == "prospects"
    assert activities[0]["channel"] == "linkedin"
    assert activities[0]["source"] == "manual"
    assert activities[0]["note"] == "hello [bold]x[/]"
    # Logged yesterday: it counts a little less than its own points in today's score.
    assert 0 < activities[0]["counted_raw"] <= activities[0]["counted_weighted"]
    contacts = json.loads(run("contacts", "--json", "--data-dir", d)[1])
    assert [(c["name"], c["company"], c["title"], c["audience_set"]) for c in contacts] == [
        ("Ada Lovelace", "Northwind Traders", "Head of Data", None)
    ]  # a tag is the user's word for one activity, not evidence about the person
    assert contacts[0]["audience_source"] != "set"  # what they get comes from the goals
    # The same name, differently cased, does not create a second contact.
    assert run("log", "follow_up", "--contact", "ada lovelace", "--data-dir", d)[0] == 0
    assert len(json.loads(run("contacts", "--json", "--data-dir", d)[1])) == 1


def test_off_linkedin_kind_defaults_to_off_channel(data_dir: Path) -> None:
    assert run("log", "meeting", "--data-dir", str(data_dir))[0] == 0
    activities = json.loads(run("activities", "--json", "--data-dir", str(data_dir))[1])
    assert activities[0]["channel"] == "off"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("log", "tweet"), "valid kinds: account_followed"),
        (("log", "post", "--date", "someday"), "someday"),
        (("log", "post", "--date", "03/04/2025"), "ambiguous"),
        (("log", "post", "--relevance", "7"), "relevance must be 1-5, got 7"),
        (("log", "post", "--relevance", "high"), "'high'"),
        (("log", "post", "--channel", "email"), "email"),
        (("log", "post", "--audience", "aliens"), "unknown audience 'aliens'"),
        (("score", "--as-of", "yesterday-ish"), "yesterday-ish"),
        (("score", "--window", "-4"), "window"),
    ],
)
def test_bad_input_is_one_line_status_2_nothing_stored(
    data_dir: Path, tmp_path: Path, argv: tuple[str, ...], needle: str
) -> None:
    run("goals", "load", str(write_goals(tmp_path)), "--data-dir", str(data_dir))
    status, out, err = run(*argv, "--data-dir", str(data_dir))
    assert status == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out
    assert stored_activities(data_dir) == 0


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[audiences]\nprospects = -5\n", "audience 'prospects': weight must be at least 0"),
        ("[audiences\n", "not valid TOML"),
        ('[audiences]\nprospects = 1\n[[accounts]]\nname = "X"\naudience = "nobody"\n', "nobody"),
        ('[audiences]\nprospects = 1\n[[objectives]]\nkind = "tweet"\nper_week = 2\n', "tweet"),
    ],
)
def test_malformed_goals_file(data_dir: Path, tmp_path: Path, content: str, needle: str) -> None:
    path = tmp_path / "goals.toml"
    path.write_text(content, encoding="utf-8")
    status, _, err = run("goals", "load", str(path), "--data-dir", str(data_dir))
    assert status == 2
    assert needle in err and "goals.toml" in err
    assert len(err.strip().splitlines()) == 1


def test_goals_round_trip(data_dir: Path, tmp_path: Path) -> None:
    assert run("goals", "load", str(write_goals(tmp_path)), "--data-dir", str(data_dir))[0] == 0
    shown = json.loads(run("goals", "show", "--json", "--data-dir", str(data_dir))[1])
    assert shown["audiences"] == {"prospects": 60, "recruiters": 30, "partners": 10}
    assert shown["accounts"] == [{"name": "Northwind Traders", "audience": "prospects"}]
    json_path = tmp_path / "goals.json"
    json_path.write_text(json.dumps(shown), encoding="utf-8")
    assert run("goals", "load", str(json_path), "--data-dir", str(data_dir))[0] == 0
    text = run("goals", "show", "--data-dir", str(data_dir))[1]
    assert "60%" in text and "30%" in text and "10%" in text
    assert "  5 × message sent to prospects\n" in text  # the kind in words
    text = run("--lang", "fr", "goals", "show", "--data-dir", str(data_dir))[1]
    assert "  5 × message envoyé vers prospects\n" in text


def test_relative_date_after_option(data_dir: Path) -> None:
    status, out, _ = run("score", "--as-of", "-1w", "--json", "--data-dir", str(data_dir))
    assert status == 0
    assert json.loads(out)["as_of"] == "2026-11-19"


def test_human_score_output_lists_flags() -> None:
    status, out, _ = run("--demo", "score")
    assert status == 0
    assert "Professional brand" in out and "Flags" in out


def test_app_without_a_terminal_explains_itself() -> None:
    status, out, err = run("--demo")
    assert status == 2
    assert "needs a terminal" in err and "ssi-tui score" in err


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ssi_tui", "locate", "--json", "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_dir"] == str(tmp_path / "d")


def test_help_lists_commands() -> None:
    out = io.StringIO()
    status = main(["--help"], today=TODAY, stdout=out)
    assert status == 0


def write_goals(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "goals.toml"
    path.write_text(GOALS_TOML, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["--data-dir", "/tmp/x"],
        ["--data-dir=/tmp/x", "--demo"],
        ["--demo", "--data-dir", "a", "--data-dir", "b"],
        ["--data-dir="],
        ["--no-color", "--demo"],
        ["--lang", "fr", "--demo"],
        ["--lang=en"],
    ],
)
def test_app_fast_path_reads_options_like_the_parser(argv: list[str]) -> None:
    from ssi_tui.cli.main import app_arguments
    from ssi_tui.cli.parser import build_parser

    fast = app_arguments(argv)
    assert fast is not None
    parsed = build_parser().parse_args(argv)
    assert (fast.data_dir, fast.demo, fast.no_color, fast.lang, fast.command) == (
        parsed.data_dir,
        parsed.demo,
        parsed.no_color,
        parsed.lang,
        None,
    )
    assert vars(fast).keys() == vars(parsed).keys()  # one shape: no getattr(args, …) needed
    assert parsed.handler is None  # the parser would open the app too


@pytest.mark.parametrize(
    "argv",
    [
        ["score"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--dem"],
        ["--data-dir"],
        ["--data-dir", "--demo"],
        ["x"],
    ],
)
def test_anything_else_goes_through_the_parser(argv: list[str]) -> None:
    from ssi_tui.cli.main import app_arguments

    assert app_arguments(argv) is None


def test_no_color_opens_the_app_in_monochrome(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from ssi_tui.app import launch
    from ssi_tui.cli import main as cli_main

    seen: list[str | None] = []
    monkeypatch.setenv("NO_COLOR", "")  # recorded as it was: put back after the test…
    monkeypatch.delenv("NO_COLOR")  # …then absent, as the app finds it on most machines
    monkeypatch.setattr(cli_main, "_isatty", lambda stream: True)
    monkeypatch.setattr(
        launch, "run_app", lambda *args, **kwargs: seen.append(os.environ.get("NO_COLOR")) or 0
    )
    assert cli_main.main(["--no-color", "--demo"]) == 0
    assert seen == ["1"]


def test_opening_the_app_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from ssi_tui.cli import main as m\n"
        "m._isatty = lambda stream: False\n"
        "status = m.main(['--demo'])\n"
        "loaded = sorted(n for n in sys.modules if n == 'argparse' or n.startswith('ssi_tui.cli.'))\n"
        "print(status, loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stdout.strip() == "2 ['ssi_tui.cli.context', 'ssi_tui.cli.main']", result.stderr
    assert "needs a terminal" in result.stderr


def test_version_and_bad_option_through_the_full_parser() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--version"], today=TODAY, stdout=out, stderr=err) == 0
    assert out.getvalue().startswith("ssi-tui ")
    status, _, err_text = run("--data-dir")
    assert status == 2 and "expected one argument" in err_text


def test_a_hand_broken_reading_is_left_out_with_a_warning(data_dir: Path) -> None:
    status, _, _ = run(
        "reading", "add", "--total", "60", "--brand", "15", "--find", "15", "--engage", "15",
        "--relate", "15", "--data-dir", str(data_dir),
    )  # fmt: skip
    assert status == 0
    with Store.open(data_dir) as store:
        store.put_document(
            "readings", 99, {"id": "broken-reading", "date": "2026-11-20", "total": 300}
        )
    for argv in (["readings"], ["score"]):
        status, out, err = run(*argv, "--data-dir", str(data_dir))
        assert status == 0, err
        assert err.startswith("ssi-tui: warning: stored reading broken-r is invalid (")
        assert "restore a backup" in err and err.count("\n") == 1
    status, out, _ = run("readings", "--data-dir", str(data_dir))
    assert "60" in out


def test_a_contact_made_by_a_tag_is_no_evidence(tmp_path: Path) -> None:
    """`log meeting --contact "Ghost Writer" --audience prospects` used to create a prospect,
    whose meetings then counted as much as meetings with a real Head of Procurement."""
    goals = tmp_path / "goals.toml"
    goals.write_text(
        '[audiences]\nprospects = 100\n[roles]\nprospects = ["head of"]\n', encoding="utf-8"
    )

    def gain(name: str, *fields: str) -> float:
        d = str(tmp_path / name)
        assert run("goals", "load", str(goals), "--data-dir", d)[0] == 0
        for _ in range(3):
            assert run("log", "meeting", *fields, "--data-dir", d)[0] == 0
        return json.loads(run("score", "--json", "--data-dir", d)[1])["total"]["weighted"]

    ghost = gain("ghost", "--audience", "prospects", "--contact", "Ghost Writer")
    real = gain("real", "--contact", "Pat Real", "--title", "Head of Procurement")
    nobody = gain("nobody", "--contact", "Someone")
    assert ghost - nobody <= 0.5 * (real - nobody) + 0.01
    contacts = json.loads(run("contacts", "--json", "--data-dir", str(tmp_path / "ghost"))[1])
    assert [(c["name"], c["audience"]) for c in contacts] == [("Ghost Writer", None)]


def test_log_topic_makes_a_post_evidence_for_its_audience(tmp_path: Path) -> None:
    goals = tmp_path / "goals.toml"
    goals.write_text(
        '[audiences]\nprospects = 100\n[topics]\nprospects = "supply chain, procurement"\n',
        encoding="utf-8",
    )

    def weighted(name: str, *fields: str) -> float:
        d = str(tmp_path / name)
        assert run("goals", "load", str(goals), "--data-dir", d)[0] == 0
        status, _, err = run("log", "post", "--audience", "prospects", *fields, "--data-dir", d)
        assert (status, err) == (0, "")
        return json.loads(run("score", "--json", "--data-dir", d)[1])["total"]["weighted"]

    tagged = weighted("tagged", "--note", "Holiday pictures")
    about = weighted("about", "--topic", "Procurement", "--topic", "procurement")
    noted = weighted("noted", "--note", "Three supply-chain lessons")
    assert about == noted > tagged > 0
    activities = json.loads(run("activities", "--json", "--data-dir", str(tmp_path / "about"))[1])
    assert activities[0]["topics"] == ["Procurement"]  # kept as typed, once
    status, out, _ = run("goals", "show", "--data-dir", str(tmp_path / "about"))
    assert "topics: supply chain, procurement" in out


def test_score_says_how_much_of_weighted_rests_on_evidence(demo_dir: Path) -> None:
    status, out, _ = run("score", "--json", "--data-dir", str(demo_dir))
    data = json.loads(out)
    total = data["total"]
    assert 0 < total["weighted_by_evidence"] <= total["weighted"]
    by_pillar = sum(item["weighted_by_evidence"] for item in data["pillars"].values())
    assert by_pillar == pytest.approx(total["weighted_by_evidence"], abs=0.03)
    status, out, _ = run("score", "--data-dir", str(demo_dir))
    assert status == 0
    line = next(line for line in out.splitlines() if line.startswith("on evidence"))
    assert line.split()[2] == f"{total['weighted_by_evidence']:.1f}"
    assert "rests on bare audience tags" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "--json", "/missing.zip"], "/missing.zip: no such file or folder"),
        (["score", "--json", "--as-of", "0001-01-01"], "--as-of: date '0001-01-01' is out of"),
        (["score", "--json", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_with_json_an_error_is_json_on_stdout(
    data_dir: Path, args: list[str], message: str
) -> None:
    """Scripts read stdout: with --json, an error is one JSON object there (and the line for
    people on stderr), the exit status non-zero."""
    status, out, err = run(*args, "--data-dir", str(data_dir))
    assert status == 2
    error = json.loads(out)
    assert set(error) == {"error", "code"} and error["code"] == 2
    assert error["error"].startswith(message) and message in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "post", "--audience", ""], "argument --audience: must not be empty"),
        (["log", "post", "--contact", "  "], "argument --contact: must not be empty"),
        (["log", "post", "--date", ""], "--date: empty date"),
        (["import", ""], "argument PATH: must not be empty"),
        (["plan", "add", "comment", "--rule", "weekly", "--start", "9999-12-31"], "out of range"),
        (["import", "a" * 100_000], "… (100,000 characters): file name too long"),
    ],
)
def test_empty_values_out_of_range_dates_and_long_paths_are_one_line(
    data_dir: Path, args: list[str], message: str
) -> None:
    status, out, err = run(*args, "--data-dir", str(data_dir))
    assert status == 2 and out == ""
    assert message in err and err.count("\n") == 1 and len(err) < 300
    assert "unexpected" not in err and "Traceback" not in err
