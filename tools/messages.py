"""The messages to translate: every `_`/`N_`/`plural`/`counted`/`pgettext` of the package, the
app's screens and commands (ssi_tui/app/commands.toml) and the activity kinds' labels
(data/catalog.toml). Babel is a development tool here (`pip install babel`).

    python tools/messages.py            # list the messages the French catalog lacks
    python tools/messages.py --update   # add them to the .po, untranslated, for a translator
    python tools/messages.py --prune    # drop the messages no source uses any more

Then translate the new entries (docs/glossary-fr.md has the terms) and compile:
`python hatch_build.py`. tests/unit/wording/test_catalog.py fails while one is missing.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ssi_tui"
PO = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "ssi-tui.po"
KEYWORDS = {
    "_": None, "N_": None, "plural": (2, 3), "counted": (2, 3), "pgettext": ((1, "c"), 2),
    "NP_": ((1, "c"), 2),
}  # fmt: skip
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"

Key = str | tuple[str, str]  # a message id, or (singular, plural)
Found = tuple[Key, str | None, str]  # the id, its context, where it is


def python_messages(paths: list[Path] | None = None) -> list[Found]:
    """The marked messages of the package's modules (or of `paths`)."""
    from babel.messages.extract import extract_from_file

    found: list[Found] = []
    for path in paths or sorted(PACKAGE.rglob("*.py")):
        for line, message, _comments, context in extract_from_file(
            "python", path, keywords=KEYWORDS
        ):
            found.append((message, context, f"{path.relative_to(ROOT)}:{line}"))
    return found


def argparse_messages() -> list[Found]:
    """argparse's own words ("usage:", its errors): the command line routes them through the
    catalog (ssi_tui.cli.parser.translate_argparse)."""
    import argparse

    from babel.messages.extract import extract_from_file

    path = Path(argparse.__file__)
    return [
        (message, context, f"argparse:{line}")
        for line, message, _comments, context in extract_from_file(
            "python", path, keywords={"_": None, "ngettext": (1, 2)}
        )
    ]


def command_messages() -> list[Found]:
    """The app's screen titles, labels and help, and its commands' words (commands.toml); the
    help as the registry reads it (its lines joined)."""
    with (PACKAGE / "app" / "commands.toml").open("rb") as handle:
        document = tomllib.load(handle)
    found: list[Found] = []
    where = "ssi_tui/app/commands.toml"
    for screen in document["screen"]:
        for key in ("title", "label"):
            found.append((screen[key], None, f"{where}:{screen['id']}"))
        if screen.get("help"):
            found.append((" ".join(screen["help"].split()), None, f"{where}:{screen['id']}"))
    for command in document["command"]:
        for key in ("description", "help", "title"):
            if command.get(key):
                found.append((command[key], None, f"{where}:{command['id']}"))
    return found


def kind_messages() -> list[Found]:
    """The activity kinds' labels (data/catalog.toml)."""
    with (ROOT / "data" / "catalog.toml").open("rb") as handle:
        document = tomllib.load(handle)
    return [
        (entry["label"], None, f"data/catalog.toml:{entry['id']}")
        for entry in document.get("kind", [])
        if entry.get("label")
    ]


def all_messages() -> list[Found]:
    """Everything a user may read, from every source."""
    return [*python_messages(), *command_messages(), *kind_messages(), *argparse_messages()]


def missing(found: list[Found]) -> list[Found]:
    """The messages the French catalog has no translation for."""
    from babel.messages.pofile import read_po

    with PO.open("rb") as handle:
        catalog = read_po(handle)
    lacking = []
    for key, context, where in found:
        message = catalog.get(key, context=context)
        strings = message.string if message is not None else None
        translated = all(strings) if isinstance(strings, tuple | list) else bool(strings)
        if not translated:
            lacking.append((key, context, where))
    return lacking


def prune(found: list[Found]) -> int:
    """Drop the catalog's messages no source uses any more; how many were dropped."""
    from babel.messages.pofile import read_po, write_po

    used = {(_key(key), context) for key, context, _where in found}
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    stale = [
        (message.id, message.context)
        for message in catalog
        if message.id and (_key(message.id), message.context) not in used
    ]
    for key, context in stale:
        catalog.delete(key, context=context)
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    _fix_header()
    return len(stale)


def _key(key: Key | list[str]) -> Key:
    """A plural message's key as Babel's catalog holds it: its singular."""
    return key if isinstance(key, str) else key[0]


def update(lacking: list[Found]) -> int:
    """Add the lacking messages to the .po, untranslated; how many were added."""
    from babel.messages.pofile import read_po, write_po

    with PO.open("rb") as handle:
        catalog = read_po(handle)
    added = 0
    for key, context, where in lacking:
        if catalog.get(key, context=context) is None:
            flags = ("python-brace-format",) if "{" in str(key) else ()
            catalog.add(key, "" if isinstance(key, str) else ("", ""), flags=flags, context=context)
            added += 1
        catalog.get(key, context=context).locations = [(where, None)]
    catalog.plural_forms  # noqa: B018 - read before the header is written back
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
    _fix_header()
    return added


def _fix_header() -> None:
    """Babel rewrites the header's plural rule from its locale data: keep French's own."""
    text = PO.read_text(encoding="utf-8")
    lines = [
        f'"Plural-Forms: {PLURAL_FORMS}\\n"' if line.startswith('"Plural-Forms:') else line
        for line in text.splitlines()
    ]
    PO.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="add the lacking messages to the .po")
    parser.add_argument(
        "--prune", action="store_true", help="drop the .po's messages no source uses any more"
    )
    args = parser.parse_args()
    found = all_messages()
    if args.prune:
        print(f"{prune(found)} dropped from {PO.relative_to(ROOT)}", file=sys.stderr)
    lacking = missing(found)
    for key, context, where in lacking:
        shown = key if isinstance(key, str) else " | ".join(key)
        print(f"{where}: {'[' + context + '] ' if context else ''}{shown}")
    if args.update and lacking:
        print(f"{update(lacking)} added to {PO.relative_to(ROOT)}", file=sys.stderr)
    return 1 if lacking and not args.update else 0


if __name__ == "__main__":
    raise SystemExit(main())
