"""Dates as a French speaker types them: `aujourd'hui`, `hier`, `avant-hier`, `-3j`, `-2s`,
`il y a 3 jours`, `lundi` (`lundi dernier`), `4 mars 2024`, `1er mars`, and `04/03/2024` read
day first (as everyone writes it in France: not ambiguous there)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ssi_tui.domain.date_words import last_weekday, latest_past, named

_WORDS = {"aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "apres-demain": 2}
_RELATIVE = re.compile(r"^([+-])\s*(\d{1,4})\s*([jsma])$")
_AGO = re.compile(r"^il y a\s+(\d{1,4}|une?)\s+(jours?|semaines?|mois|ans?|annees?)$")
_WEEKDAY = re.compile(r"^([a-z]+)(\s+dernier)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_UNITS = {"j": "days", "s": "weeks", "m": "months", "a": "years"}
_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = (
    "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
)  # fmt: skip


def _plain(text: str) -> str:
    """Lower case, no accents, one straight apostrophe, single spaces."""
    text = unicodedata.normalize("NFKD", text.strip().lower().replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def parse_french(text: str, today: date) -> date | None:
    """The day a French date names, or None when the text is not one of these forms (the
    caller tries the others). ValueError for a day that does not exist (31 février)."""
    value = _plain(text)
    if value in _WORDS:
        return today + timedelta(days=_WORDS[value])
    relative = _RELATIVE.match(value)
    if relative:
        sign, amount, unit = relative.groups()
        count = int(amount) * (1 if sign == "+" else -1)
        return today + relativedelta(**{_UNITS[unit]: count})  # type: ignore[arg-type]
    ago = _AGO.match(value)
    if ago:
        amount, unit = ago.groups()
        count = int(amount) if amount.isdigit() else 1
        name = {"j": "days", "s": "weeks", "m": "months"}.get(unit[0], "years")
        return today - relativedelta(**{name: count})  # type: ignore[arg-type]
    weekday = _WEEKDAY.match(value)
    if weekday:
        index = named(weekday.group(1), _WEEKDAYS)
        if index is not None:
            return last_weekday(index, today, before_today=bool(weekday.group(2)))
    day_month = _DAY_MONTH.match(value)
    if day_month:
        month = named(day_month.group(2), _MONTHS)
        if month is not None:
            day, year = int(day_month.group(1)), day_month.group(3)
            if year:
                return date(int(year), month + 1, day)
            return latest_past(month + 1, day, today)
    numeric = _NUMERIC.match(value)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
        return date(year, month, day)
    return None
