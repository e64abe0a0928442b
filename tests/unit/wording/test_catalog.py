"""The French catalog: compiled from its source, complete for the parts translated so far,
and safe (a translation uses only the placeholders its message gives)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "ssi_tui" / "locale" / "fr" / "LC_MESSAGES" / "ssi-tui.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "_": None, "N_": None, "plural": (2, 3), "counted": (2, 3), "pgettext": ((1, "c"), 2),
}  # fmt: skip
# The modules whose every marked message is translated (the rest falls back to English while
# #17 goes on; a module joins this list once its messages are all in the .po).
TRANSLATED = [
    *(f"wording/{name}.py" for name in (
        "__init__", "labels", "flags", "goals", "profile", "recurrence", "review", "start",
        "validation", "calendar", "imports",
    )),
    "domain/dates.py",
    "services/activities.py",
    "services/fields.py",
    # the command line's help and the messages marked so far
    *sorted(path.relative_to(ROOT / "ssi_tui").as_posix()
            for path in (ROOT / "ssi_tui" / "cli").glob("*.py")),
]  # fmt: skip
# Placeholders a translation may use beyond its message's own (passed to every format call).
EXTRA = {"pillar_name"}
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z_0-9]*)")


def messages() -> list[Message]:
    """The French catalog's messages (its header left out)."""
    with PO.open("rb") as handle:
        return [message for message in read_po(handle) if message.id]


def catalog() -> dict[object, object]:
    """The French texts by message id, or by (id, context) for those with a context."""
    return {
        (message.id, message.context) if message.context else message.id: message.string
        for message in messages()
    }


def test_the_compiled_catalog_is_the_source_compiled() -> None:
    assert MO.exists(), "compile it: pip install -e . (or python hatch_build.py)"
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in messages():
        if message.pluralizable:
            found = compiled.ngettext(*message.id, 2)
            expected = message.string[1]
        elif message.context:
            found, expected = compiled.pgettext(message.context, message.id), message.string
        else:
            found, expected = compiled.gettext(message.id), message.string
        assert found == expected, f"{MO.name} is older than {PO.name}: run python hatch_build.py"


def test_every_message_of_the_translated_modules_is_in_french() -> None:
    french = catalog()
    missing = []
    for module in TRANSLATED:
        for _line, message, _comments, context in extract_from_file(
            "python", ROOT / "ssi_tui" / module, keywords=KEYWORDS
        ):
            if not french.get((message, context) if context else message):
                missing.append(f"{module}: {message!r}")
    assert missing == []


def test_translations_use_only_their_messages_placeholders() -> None:
    for message in messages():
        ids = message.id if message.pluralizable else (message.id,)
        texts = message.string if message.pluralizable else (message.string,)
        given = {field for one in ids for field in FIELD.findall(one)} | EXTRA
        for translated in texts:
            assert set(FIELD.findall(translated)) <= given, (message.id, translated)
            assert translated.strip(), message.id


def test_every_activity_kind_label_is_in_french() -> None:
    from ssi_tui.domain.catalog import default_catalog

    french = catalog()
    missing = [
        kind.label for kind in default_catalog().kinds.values() if not french.get(kind.label)
    ]
    assert missing == []
