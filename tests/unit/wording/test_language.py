"""The language: which one is chosen, and how numbers, shares, days and counts are written."""

from __future__ import annotations

from datetime import date

import pytest

from ssi_tui.wording import (
    _,
    choose_language,
    counted,
    day,
    language,
    language_of,
    number,
    percent,
    set_language,
)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("fr", "fr"), ("FR", "fr"), ("fr_FR.UTF-8", "fr"), ("fr-CA", "fr"), ("French", "fr"),
        ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", None), ("C.UTF-8", None), ("", None), (None, None),
    ],
)  # fmt: skip
def test_language_of(value: str | None, code: str | None) -> None:
    assert language_of(value) == code


def test_the_flag_then_the_variable_then_the_setting_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert choose_language() == "fr"
    assert choose_language(setting="en") == "en"
    monkeypatch.setenv("SSI_TUI_LANG", "fr")
    assert choose_language(setting="en") == "fr"
    assert choose_language(flag="en", setting="fr") == "en"
    monkeypatch.delenv("SSI_TUI_LANG")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")  # the first locale variable set decides
    assert choose_language() == "en"
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert choose_language() == "en"
    monkeypatch.delenv("LC_MESSAGES")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert choose_language() == "en"


def test_english_and_french_writing() -> None:
    assert (number(1234.5, 1), percent(0.134), day(date(2026, 3, 4))) == (
        "1,234.5", "13%", "2026-03-04",
    )  # fmt: skip
    assert set_language("fr") == "fr" and language() == "fr"
    assert (number(1234.5, 1), percent(0.134)) == ("1\u202f234,5", "13\u202f%")
    assert (day(date(2026, 3, 4)), day(date(2026, 3, 1))) == ("4 mars 2026", "1er mars 2026")
    assert _("Build relationships") == "Établir des relations"
    # French plural: 0 and 1 take the singular
    assert [counted(n, "reading", "readings") for n in (0, 1, 2)] == [
        "0 relevé", "1 relevé", "2 relevés",
    ]  # fmt: skip
    assert _("a sentence no catalog has") == "a sentence no catalog has"  # English fallback
    assert set_language("de") == "en" and _("Build relationships") == "Build relationships"
