"""Every sentence and label a user reads, in one place: the seam a translation plugs into.

The domain returns structured results (a flag's id and parameters, a recurrence's tokens, a
comparison's numbers); these modules word them. Each template goes through `_` so that a
translation replaces it: gettext catalogs (`ssi_tui/locale/<lang>/LC_MESSAGES/ssi-tui.mo`,
compiled from the `.po` sources when the package is built), the language chosen once by
`set_language` (see `choose_language`); English is the fallback for any string missing.

- `labels`      pillar, flag, checklist and severity labels (the one source for CLI, app, exports)
- `flags`       a flag's message, action and suggested-plan note
- `recurrence`  a plan's schedule ("weekly on Tue, Thu, until 2026-12-31")
- `review`      the official comparison's sentences
- `validation`  every validation error, the field named as the user wrote it

This package imports nothing else from ssi_tui (it is below the domain in the layers).
"""

from __future__ import annotations

import gettext
import os
from datetime import date
from pathlib import Path

DOMAIN = "ssi-tui"
LANGUAGES = ("en", "fr")
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
ENV_LANG = "SSI_TUI_LANG"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"  # ssi_tui/locale/fr/LC_MESSAGES

_catalog: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_reading = "en"


def set_language(code: str, *, reading: str | None = None) -> str:
    """Word everything in this language from now on ("en" or "fr"; anything else: English),
    and read what the user types (dates) in `reading` (default: the same; JSON output is
    English while dates are still typed in the user's language); returns the language in
    force. A missing catalog leaves English."""
    global _catalog, _language, _reading
    code = code if code in LANGUAGES else "en"
    _reading = reading if reading in LANGUAGES else code
    if code == "en":
        _catalog = gettext.NullTranslations()
    else:
        _catalog = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)
    _language = code
    return code


def language() -> str:
    """The language in force ("en" or "fr")."""
    return _language


def reading_language() -> str:
    """The language what the user types is read in (dates)."""
    return _reading


def language_of(value: str | None) -> str | None:
    """The language a flag, a variable or a locale names ("fr", "fr_FR.UTF-8", "French"), if
    one of ours; None otherwise."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    code = {"french": "fr", "francais": "fr", "français": "fr", "english": "en"}.get(code, code)
    return code if code in LANGUAGES else None


def choose_language(flag: str | None = None, setting: str | None = None) -> str:
    """The language to use: `--lang`, then $SSI_TUI_LANG, then the setting, then the locale
    (LC_ALL, LC_MESSAGES, LANG); English otherwise."""
    for value in (flag, os.environ.get(ENV_LANG), setting):
        found = language_of(value)
        if found:
            return found
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:  # the first one set decides, as for the C library
            return language_of(value) or "en"
    return "en"


def _(message: str) -> str:
    """`message` in the user's language (the English text when the catalog lacks it; "" stays
    "", not the catalog's header)."""
    return _catalog.gettext(message) if message else message


def pgettext(context: str, message: str) -> str:
    """`message` in the user's language, told apart by `context` from the same words used
    elsewhere ("file" as a column header, and as a counted noun)."""
    return _catalog.pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it
    """Mark a message for translation where it is defined (a table of labels) and translate it
    where it is shown, with `_`: the table keeps the English text (JSON and ids use it)."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - gettext's naming
    """`N_` for a message with a context: marked where defined, translated where shown with
    `pgettext(context, message)`."""
    return message


def plural(count: int, singular: str, plural_form: str) -> str:
    """`singular` or `plural_form` by `count`, in the user's language (gettext's ngettext)."""
    return _catalog.ngettext(singular, plural_form, count)


def number(value: float, digits: int = 0) -> str:
    """A number as the user's language writes it: "1,200.5" in English, "1 200,5" in French
    (a narrow no-break space between thousands)."""
    text = f"{value:,.{digits}f}"
    if _language == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text


def signed(value: float, digits: int = 1) -> str:
    """A number with its sign: "+2.1", "-0.5" ("+2,1" in French)."""
    return ("+" if value >= 0 else "-") + number(abs(value), digits)


def days_short(count: int) -> str:
    """A number of days, short, for tables: "12 d" ("12 j" in French)."""
    return _("{count} d").format(count=number(count))


def short_number(value: float) -> str:
    """A number with only the decimals it has ("41.5", "12"; "41,5" in French)."""
    text = f"{value:g}"
    return text.replace(".", ",") if _language == "fr" else text


def percent(fraction: float) -> str:
    """A fraction as a whole percentage: "13%" in English, "13 %" in French."""
    whole = f"{fraction * 100:.0f}"
    return f"{whole}\u202f%" if _language == "fr" else f"{whole}%"


_MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


MONTHS_SHORT = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip


WEEKDAYS_SHORT = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def weekday_short(value: date) -> str:
    """A day's weekday, short: "Tue" ("mar." in French)."""
    return _(WEEKDAYS_SHORT[value.weekday()])


def month_short(month: int) -> str:
    """A month's short name (1-12): "Mar" ("mars" in French)."""
    return _(MONTHS_SHORT[month - 1])


def day(value: date) -> str:
    """A day as the user's language writes it: "2026-03-04" in English (ISO, as typed and
    stored), "4 mars 2026" in French."""
    if _language == "fr":
        first = "1er" if value.day == 1 else str(value.day)
        return f"{first} {_MONTHS_FR[value.month - 1]} {value.year}"
    return value.isoformat()


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """A count and its noun, agreed: "1 contact", "2 contacts", "1,200 activities"."""
    many = plural_form if plural_form is not None else f"{singular}s"
    return f"{number(count)} {plural(count, singular, many)}"
