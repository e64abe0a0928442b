"""The command line in French: `--lang fr`, $SSI_TUI_LANG, config.toml's `language`, the locale;
French dates; JSON the same in every language."""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import pytest

from .conftest import run


def test_score_in_french_by_flag_variable_setting_or_locale(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    d = ("--data-dir", str(demo_dir))
    english = run("score", *d)[1]
    assert "Build relationships" in english and "Établir des relations" not in english
    french = run("--lang", "fr", "score", *d)[1]
    assert "Établir des relations" in french and "SSI au 26 novembre 2026" in french
    assert "total (sur 100)" in french and "Signaux (" in french
    assert run("score", "--lang=fr", *d)[1] == french  # after the command too
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run("score", *d)[1] == french
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    monkeypatch.setenv("SSI_TUI_CONFIG_DIR", str(config))
    assert run("score", *d)[1] == english  # the setting before the locale
    monkeypatch.setenv("SSI_TUI_LANG", "fr")
    assert run("score", *d)[1] == french  # the variable before the setting
    assert run("--lang", "en", "score", *d)[1] == english  # the flag first


READ_COMMANDS = (
    ("score",),
    ("score", "--explain"),
    ("activities",),
    ("history",),
    ("readings",),
    ("contacts",),
    ("contacts", "--losing-touch"),
    ("goals", "show"),
    ("changes",),
    ("agenda",),
    ("plan", "list"),
    ("plan", "suggest"),
    ("plan", "project"),
    ("calibrate",),
    ("whatif", "comment"),
    ("undo", "--list"),
    ("restore", "--list"),
    ("keys",),
    ("locate",),
)


def test_json_is_the_same_in_both_languages(demo_dir: Path) -> None:
    d = ("--data-dir", str(demo_dir))
    for command in READ_COMMANDS:
        english = run(*command, "--json", *d)[1]
        assert english.startswith(("{", "[")), command
        assert run("--lang", "fr", *command, "--json", *d)[1] == english, command
    status, out, _ = run("--lang", "fr", "log", "post", "--date", "31/02/2026", "--json", *d)
    assert status == 2 and "'31/02/2026': no such day" in json.loads(out)["error"]


def test_french_dates_when_french(demo_dir: Path) -> None:
    d = ("--data-dir", str(demo_dir))
    status, out, err = run("--lang", "fr", "log", "post", "--date", "hier", "--json", *d)
    assert status == 0, err
    assert json.loads(out)["activity"]["date"] == "2026-11-25"
    status, out, err = run("--lang", "fr", "log", "comment", "--date", "-3j", "--json", *d)
    assert status == 0 and json.loads(out)["activity"]["date"] == "2026-11-23"
    status, _, err = run("log", "post", "--date", "04/03/2026", *d)  # English: ambiguous
    assert status == 2 and "ambiguous" in err
    status, out, err = run("--lang", "fr", "log", "post", "--date", "04/03/2026", "--json", *d)
    assert status == 0 and json.loads(out)["activity"]["date"] == "2026-03-04"


def test_an_unknown_language_is_refused(demo_dir: Path) -> None:
    status, _, err = run("--lang", "de", "score", "--data-dir", str(demo_dir))
    assert status == 2 and "--lang" in err and "'de'" in err


def test_help_and_argument_errors_in_french() -> None:
    status, out, _ = run("--lang", "fr", "--help")
    assert status == 0 and out.startswith("usage : ssi-tui")
    assert "Votre Social Selling Index LinkedIn" in out and "afficher cette aide et quitter" in out
    status, _, err = run("--lang", "fr", "score", "--pillar", "x")
    assert status == 2 and "argument --pillar : choix invalide : 'x'" in err
    assert "(voir ssi-tui score --help)" in err
    status, out, _ = run("--help")  # and back to English
    assert out.startswith("usage: ssi-tui") and "show this help message and exit" in out


def test_every_command_helps_in_french() -> None:
    from ssi_tui.cli.parser import build_parser

    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command").choices
    for name in commands:
        status, out, err = run("--lang", "fr", name, "--help")
        assert status == 0 and out.startswith("usage : ssi-tui"), (name, err)
        assert "show this help message" not in out, name


def test_a_calendar_import_summary_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from . import calendars

    monkeypatch.setenv("TZ", "Europe/Paris")
    path = calendars.google(tmp_path / "google.ics")
    status, out, err = run("--lang", "fr", "import", str(path), "--data-dir", str(tmp_path / "d"))
    assert status == 0, err
    assert out.startswith("google.ics : 9 événements, 5 rendez-vous passés avec quelqu'un.")
    assert "Ajouté : 5 activités (1 appel, 1 événement, 3 rendez-vous) et 2 contacts." in out
    assert "1 annulé, 1 refusé" in out


def test_logging_in_french(demo_dir: Path) -> None:
    d = ("--data-dir", str(demo_dir))
    status, out, _ = run("--lang", "fr", "log", "post", "--date", "hier", *d)
    assert status == 0 and out.startswith(
        "Saisi : publication (brand, LinkedIn) le 25 novembre 2026"
    )
    status, _, err = run("--lang", "fr", "log", "post", "--audience", "martians", *d)
    assert status == 2 and "audience inconnue 'martians' ; les audiences de vos objectifs" in err
    status, _, err = run("--lang", "fr", "log", "postt", *d)
    assert status == 2 and "type d'activité inconnu 'postt'" in err
    status, out, _ = run("--lang", "fr", "goals", "show", *d)
    assert out.startswith("Audiences :") and "Objectifs par semaine :" in out


@pytest.fixture
def catalog_misses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message asked of the French catalog that it lacks, recorded (the English text is
    what the user would read)."""
    lacking: list[str] = []
    translations = gettext.GNUTranslations
    gettext_of, ngettext_of, pgettext_of = (
        translations.gettext,
        translations.ngettext,
        translations.pgettext,
    )
    translated: set[str] = set()

    def record_gettext(self: gettext.GNUTranslations, message: str) -> str:
        catalog = self._catalog  # type: ignore[attr-defined]
        if not translated:
            translated.update(value for value in catalog.values() if isinstance(value, str))
        if message not in catalog and message not in translated:
            lacking.append(message)
        return gettext_of(self, message)

    def record_ngettext(self: gettext.GNUTranslations, one: str, many: str, count: int) -> str:
        if (one, 0) not in self._catalog:  # type: ignore[attr-defined]
            lacking.append(one)
        return ngettext_of(self, one, many, count)

    def record_pgettext(self: gettext.GNUTranslations, context: str, message: str) -> str:
        if f"{context}\x04{message}" not in self._catalog:  # type: ignore[attr-defined]
            lacking.append(f"{context}|{message}")
        return pgettext_of(self, context, message)

    monkeypatch.setattr(translations, "gettext", record_gettext)
    monkeypatch.setattr(translations, "ngettext", record_ngettext)
    monkeypatch.setattr(translations, "pgettext", record_pgettext)
    return lacking


def test_every_report_is_worded_in_french(demo_dir: Path, catalog_misses: list[str]) -> None:
    """Each read command's output in French asks the catalog only for messages it has."""
    d = ("--data-dir", str(demo_dir))
    for command in READ_COMMANDS:
        status, _out, err = run("--lang", "fr", *command, *d)
        assert status == 0, (command, err)
    status, out, _err = run("--lang", "fr", "export", "--format", "md", *d)
    assert status == 0 and out.startswith("# Bilan de la semaine au")
    assert sorted(set(catalog_misses)) == []
