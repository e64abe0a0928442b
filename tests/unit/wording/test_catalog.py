"""The French catalog: compiled from its source, complete for the parts translated so far,
and safe (a translation uses only the placeholders its message gives)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "ssi_tui" / "locale" / "fr" / "LC_MESSAGES" / "ssi-tui.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "plural": (2, 3), "counted": (2, 3)}
# The modules whose every marked message is translated (the rest falls back to English while
# #17 goes on; a module joins this list once its messages are all in the .po).
TRANSLATED = [
    *(f"wording/{name}.py" for name in (
        "__init__", "labels", "flags", "goals", "profile", "recurrence", "review", "start",
        "validation",
    )),
    # the command line's help and the messages marked so far
    *sorted(path.relative_to(ROOT / "ssi_tui").as_posix()
            for path in (ROOT / "ssi_tui" / "cli").glob("*.py")),
]  # fmt: skip
# Placeholders a translation may use beyond its message's own (passed to every format call).
EXTRA = {"pillar_name"}
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)")


def catalog() -> dict[object, object]:
    with PO.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id}


def test_the_compiled_catalog_is_the_source_compiled() -> None:
    assert MO.exists(), "compile it: pip install -e . (or python hatch_build.py)"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message_id, text in catalog().items():
        if isinstance(message_id, tuple):
            assert compiled.ngettext(*message_id, 2) == text[1]
        else:
            assert compiled.gettext(message_id) == text, (
                f"{MO.name} is older than {PO.name}: run python hatch_build.py"
            )


def test_every_message_of_the_translated_modules_is_in_french() -> None:
    french = catalog()
    missing = []
    for module in TRANSLATED:
        for _line, message, _comments, _context in extract_from_file(
            "python", ROOT / "ssi_tui" / module, keywords=KEYWORDS
        ):
            if not french.get(message):
                missing.append(f"{module}: {message!r}")
    assert missing == []


def test_translations_use_only_their_messages_placeholders() -> None:
    for message_id, text in catalog().items():
        ids = message_id if isinstance(message_id, tuple) else (message_id,)
        texts = text if isinstance(text, tuple) else (text,)
        given = {field for one in ids for field in FIELD.findall(one)} | EXTRA
        for translated in texts:
            assert set(FIELD.findall(translated)) <= given, (message_id, translated)
            assert translated.strip(), message_id
