"""The app in French: every screen, dialog and form walked by keyboard, with no message missing
from the catalog and no English left on screen."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot

from ssi_tui import wording
from ssi_tui.app.app import SSIApp
from ssi_tui.wording import set_language

from .conftest import settle

# English words that none of the demo's own texts (names, companies, titles, notes, audiences,
# kinds) hold: on a French screen, one of them is a sentence left in English.
ENGLISH = {
    "and", "your", "with", "press", "select", "none", "nothing", "loading",
    "raw", "weighted", "is", "yet", "this", "add", "adds", "edit", "remove", "new", "today",
    "flags", "keys", "last", "all", "more", "less", "or", "are", "not", "weeks", "shows",
    "opens", "undo", "save", "cancel", "help", "window", "overdue", "streak", "done", "skipped",
    "planner", "readings", "goals", "dashboard", "filter",
    "reading", "should", "must", "cannot", "field", "required", "invalid", "matches", "found",
}  # fmt: skip


@pytest.fixture
def misses() -> Iterator[list[str]]:
    """French in force, and every message asked of the catalog that it lacks (the English
    text shown instead), recorded."""
    set_language("fr")
    catalog: Any = wording._catalog
    known = catalog._catalog
    translated = {value for value in known.values() if isinstance(value, str)}
    lacking: list[str] = []
    gettext, ngettext, pgettext = catalog.gettext, catalog.ngettext, catalog.pgettext

    def record_gettext(message: str) -> str:
        if message not in known and message not in translated:
            lacking.append(message)
        return gettext(message)

    def record_ngettext(singular: str, plural: str, count: int) -> str:
        if (singular, 0) not in known:
            lacking.append(singular)
        return ngettext(singular, plural, count)

    def record_pgettext(context: str, message: str) -> str:
        if f"{context}\x04{message}" not in known:
            lacking.append(f"{context}|{message}")
        return pgettext(context, message)

    catalog.gettext, catalog.ngettext, catalog.pgettext = (
        record_gettext,
        record_ngettext,
        record_pgettext,
    )
    yield lacking


def screen_text(app: SSIApp) -> str:
    """What the terminal shows, line by line (read from a screenshot)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(
        r'<text[^>]*\bx="([\d.]+)"[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', app.export_screenshot()
    ):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return "\n".join(
        "".join(text for _x, text in sorted(parts)) for _y, parts in sorted(rows.items())
    )


def english_words(text: str) -> list[str]:
    """The English words of `text`: whole words only (not one a dialog cuts, as `█are` of a
    "Software" under it, nor a part of a path)."""
    words = re.findall(r"[\w/.█▌▐▀▄-]+", re.sub(r"`[^`]*`", "", text))
    return sorted({word for word in words if word.lower() in ENGLISH})


async def visit(pilot: Pilot, seen: dict[str, list[str]], where: str, *keys: str) -> None:
    """Press `keys`, wait, and note the English words the screen shows then."""
    if keys:
        await pilot.press(*keys)
    await settle(pilot)
    await pilot.pause(0.1)
    found = english_words(screen_text(pilot.app))  # type: ignore[arg-type]
    if found:
        seen[where] = found


async def test_every_screen_dialog_and_form_is_in_french(
    demo_app: SSIApp, misses: list[str]
) -> None:
    """At 80x24, where French's longer words are most likely cut (140x45 passes as well)."""
    seen: dict[str, list[str]] = {}
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await visit(pilot, seen, "dashboard")
        await visit(pilot, seen, "dashboard: a flag in full", "enter")
        await visit(pilot, seen, "dashboard", "escape")
        await visit(pilot, seen, "dashboard: find explained", "2")
        await visit(pilot, seen, "help", "question_mark")
        await visit(pilot, seen, "dashboard", "escape", "e")  # the export form
        await visit(pilot, seen, "dashboard", "escape")
        await visit(pilot, seen, "palette", "ctrl+p")
        for _ in range(40):  # the palette opens on a later turn
            if isinstance(demo_app.screen, CommandPalette):
                break
            await pilot.pause(0.05)
        await pilot.press("z", "q", "x")  # no command matches: Textual's own words, in French
        await pilot.pause(0.8)
        await visit(pilot, seen, "palette: no match")
        assert "Aucun résultat" in screen_text(demo_app)
        await visit(pilot, seen, "dashboard", "escape")
        for key, name, form in (
            ("g", "goals", "n"),
            ("a", "activities", "n"),
            ("c", "contacts", "e"),
            ("r", "readings", "n"),
            ("p", "planner", "n"),
            ("t", "trends", None),
            ("i", "import", None),
        ):
            await visit(pilot, seen, name, key)
            demo_app.screen.set_focus(None)
            await visit(pilot, seen, f"{name}: help", "question_mark")
            await visit(pilot, seen, name, "escape")
            if form is not None:
                demo_app.screen.set_focus(None)
                await visit(pilot, seen, f"{name}: form", form)
                await visit(pilot, seen, f"{name}: form checked", "ctrl+s")
                await visit(pilot, seen, name, "escape")
        await visit(pilot, seen, "goals", "g")
        demo_app.screen.set_focus(None)
        await visit(pilot, seen, "goals: account form", "A")
        await visit(pilot, seen, "goals", "escape", "o")  # the objective form
        await visit(pilot, seen, "goals", "escape", "K")  # roles and topics
        await visit(pilot, seen, "goals", "escape", "h")  # headline and summary
        await visit(pilot, seen, "goals", "escape", "x")  # remove: the question
        await visit(pilot, seen, "goals", "n")  # no
        await visit(pilot, seen, "contacts: losing touch", "c", "l")
        await visit(pilot, seen, "import: backups", "i", "ctrl+r")
        await visit(pilot, seen, "import", "escape")
    assert "\n".join(sorted(set(misses))) == ""
    assert seen == {}
