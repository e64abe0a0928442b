"""Dates typed in French (with the language set to French); English forms still work there."""

from __future__ import annotations

from datetime import date

import pytest

from ssi_tui.domain.dates import DateParseError, parse_date
from ssi_tui.wording import set_language

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("aujourd'hui", TODAY), ("Aujourd’hui", TODAY), ("hier", date(2026, 11, 25)),
        ("avant-hier", date(2026, 11, 24)), ("-3j", date(2026, 11, 23)),
        ("-2s", date(2026, 11, 12)), ("-1m", date(2026, 10, 26)), ("-1a", date(2025, 11, 26)),
        ("il y a 3 jours", date(2026, 11, 23)), ("il y a une semaine", date(2026, 11, 19)),
        ("il y a 2 mois", date(2026, 9, 26)), ("lundi", date(2026, 11, 23)),
        ("jeudi", TODAY), ("jeudi dernier", date(2026, 11, 19)), ("4 mars 2024", date(2024, 3, 4)),
        ("1er mars", date(2026, 3, 1)), ("25 décembre", date(2025, 12, 25)),
        ("4 fevrier 2025", date(2025, 2, 4)), ("04/03/2024", date(2024, 3, 4)),
        ("4.3.2024", date(2024, 3, 4)), ("yesterday", date(2026, 11, 25)),
        ("2026-01-02", date(2026, 1, 2)),
    ],
)  # fmt: skip
def test_french_dates(text: str, expected: date) -> None:
    set_language("fr")
    assert parse_date(text, TODAY) == expected


def test_day_first_only_in_french_and_no_such_day() -> None:
    with pytest.raises(DateParseError, match="ambiguous"):
        parse_date("04/03/2024", TODAY)  # English: refused as ambiguous
    set_language("fr")
    with pytest.raises(DateParseError, match="ce jour n'existe pas"):
        parse_date("31 février 2024", TODAY)
    with pytest.raises(DateParseError, match="ce jour n'existe pas"):
        parse_date("31/02/2024", TODAY)
    with pytest.raises(DateParseError, match="illisible ; écrivez AAAA-MM-JJ, aujourd'hui, hier"):
        parse_date("le jour d'après", TODAY)
