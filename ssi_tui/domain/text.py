"""Cleaning of user and imported text: no control characters ever reach the store or the screen."""

from __future__ import annotations

import re
from functools import lru_cache

# C0 controls (except tab and newline, handled separately), DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n]+")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Strip control characters (terminal escapes included) and surrounding blanks.

    Single-line text also has tabs and newlines folded into single spaces.
    """
    value = _CONTROL.sub("", value)
    value = value.replace("\t", " ") if multiline else _LINE_BREAKS.sub(" ", value)
    return value.strip()


def clean_optional(value: str | None, *, multiline: bool = False) -> str | None:
    """Like `clean_text`, but ``None`` and blank strings become ``None``."""
    if value is None:
        return None
    cleaned = clean_text(value, multiline=multiline)
    return cleaned or None


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Case- and blank-insensitive form of a name, for matching."""
    return " ".join(value.casefold().split())


# Legal-form words dropped when comparing company names ("Northwind Traders, Inc." is
# "Northwind Traders"); only as trailing words, so "Company Inc Partners" keeps its middle.
LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "lp",
        "gmbh",
        "ag",
        "kg",
        "sa",
        "sas",
        "sasu",
        "sarl",
        "sàrl",
        "sl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "pty",
        "pte",
        "group",
    }
)
_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def plain_words(value: str) -> tuple[str, ...]:
    """Lower-case words without accents or punctuation ("Café-Crème, S.A." → cafe, creme, s, a)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return tuple(word for word in _NON_WORD.split(stripped.replace("_", " ")) if word)


@lru_cache(maxsize=65536)
def company_key(value: str) -> str:
    """A company name compared as a person would: case, accents, punctuation and trailing legal
    forms ignored ("Northwind Traders, Inc." and "northwind traders" give the same key)."""
    words = list(plain_words(value.replace("&", " and ")))
    # "S.A." and "S.A.S." split into letters: join a run of single letters at the end first.
    while len(words) > 1:
        tail = len(words)
        while tail > 0 and len(words[tail - 1]) == 1:
            tail -= 1
        if len(words) - tail >= 2 and "".join(words[tail:]) in LEGAL_SUFFIXES:
            words = words[:tail]
            continue
        if words[-1] in LEGAL_SUFFIXES:
            words.pop()
            continue
        break
    return " ".join(words)


# Endings a role keyword may take and still match as a word ("recruit" matches "Recruiter",
# "Recruiting", "Recruitment"; "director" matches "Directors"), never a longer word ("coo" is
# not "Coordinator"); the inner words of a keyword may take a plural ("heads of"). A keyword ending in "*" matches any word it begins ("ing*").
_INFLECTIONS = "(?:s|es|er|ers|ing|ment|ments|eur|eurs|euse|euses|rice|rices)?"


@lru_cache(maxsize=4096)
def keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    """A pattern matching a role keyword as whole words in `plain_words` text ("cto" matches
    "CTO" and "CTO, Fabrikam", never "Director"); None for a keyword with no word in it."""
    prefix = keyword.rstrip().endswith("*")
    words = plain_words(keyword)
    if not words:
        return None
    # Inner words may be plural too ("head of" matches "Heads of Procurement").
    body = " ".join([*(re.escape(word) + "(?:s|es)?" for word in words[:-1]), re.escape(words[-1])])
    ending = r"\w*" if prefix else _INFLECTIONS
    return re.compile(r"(?:^| )" + body + ending + r"(?= |$)")


def held_keywords(text: str | None, keywords: list[str]) -> list[str]:
    """The keywords a text holds as whole words (see `keyword_pattern`), in order, each once."""
    if not text or not keywords:
        return []
    # Titles and notes repeat and are short: cached. A post's or comment's text is read once
    # on import: caching thousands of them would only hold memory.
    words = " ".join(plain_words(text) if len(text) <= 200 else plain_words.__wrapped__(text))
    found: list[str] = []
    for keyword in keywords:
        pattern = keyword_pattern(keyword)
        if pattern is not None and keyword not in found and pattern.search(words):
            found.append(keyword)
    return found


def email_address(value: str) -> str | None:
    """The address of an e-mail written any usual way ("Ada@Contoso.com", "mailto:ada@…"),
    lower-cased; None when it is not one."""
    address = value.strip().casefold().removeprefix("mailto:")
    local, at, domain = address.partition("@")
    if not (local and at and email_domain(domain) == domain) or any(c.isspace() for c in local):
        return None
    return address


def email_domain(value: str) -> str | None:
    """The lower-case domain of an e-mail address or a web address, if any ("ada@Contoso.com",
    "https://www.contoso.com/about" → "contoso.com")."""
    text = value.strip().casefold()
    text = text.rsplit("@", 1)[1] if "@" in text else text.split("://", 1)[-1]
    text = text.split("/", 1)[0].split(":", 1)[0].strip(".")
    text = text.removeprefix("www.")
    return text if "." in text and " " not in text else None
