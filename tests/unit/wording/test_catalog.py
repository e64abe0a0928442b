"""The French catalog: compiled from its source, complete for the parts translated so far,
and safe (a translation uses only the placeholders its message gives)."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import re
from pathlib import Path
from types import ModuleType

from babel.messages.catalog import Message
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
PO = ROOT / "ssi_tui" / "locale" / "fr" / "LC_MESSAGES" / "ssi-tui.po"
MO = PO.with_suffix(".mo")


def _messages_tool() -> ModuleType:
    """tools/messages.py: what the catalog must hold (the package's marked messages, the app's
    commands.toml, data/catalog.toml's kind labels)."""
    spec = importlib.util.spec_from_file_location("messages_tool", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def test_every_message_a_user_may_read_is_in_french() -> None:
    """Every `_`/`N_`/`plural`/`counted`/`pgettext` of the package, every screen and command
    of the app (commands.toml) and every kind label: `python tools/messages.py` lists the
    missing ones, `--update` adds them to the .po for translation."""
    tool = _messages_tool()
    found = tool.all_messages()
    assert len(found) > 1000  # the sources were read
    assert [f"{where}: {key!r}" for key, _context, where in tool.missing(found)] == []


def test_translations_use_only_their_messages_placeholders() -> None:
    for message in messages():
        ids = message.id if message.pluralizable else (message.id,)
        texts = message.string if message.pluralizable else (message.string,)
        given = {field for one in ids for field in FIELD.findall(one)} | EXTRA
        for translated in texts:
            assert set(FIELD.findall(translated)) <= given, (message.id, translated)
            assert translated.strip(), message.id


def test_the_app_commands_and_kind_labels_are_among_the_messages() -> None:
    from ssi_tui.app.registry import COMMANDS, SCREENS
    from ssi_tui.domain.catalog import default_catalog

    tool = _messages_tool()
    keys = {key for key, _context, _where in tool.all_messages()}
    assert {kind.label for kind in default_catalog().kinds.values()} <= keys
    assert {screen.help for screen in SCREENS} <= keys
    assert {entry.description for entry in COMMANDS.values()} <= keys


WORDING_CALLS = {"_", "plural", "counted", "pgettext"}


def _package_trees() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted((ROOT / "ssi_tui").rglob("*.py"))
    ]


def test_no_message_is_worded_when_a_module_is_imported() -> None:
    """A `_()` at a module's or a class's level (or in a default argument) runs once, at import,
    in whatever language is in force then: the user's choice would not reach it."""
    found = []
    for path, tree in _package_trees():

        def visit(node: ast.AST, path: Path = path) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    defaults = [*child.args.defaults, *child.args.kw_defaults]
                    for default in filter(None, defaults):
                        visit_all(default, path)
                    continue
                if isinstance(child, ast.Lambda):
                    continue
                if _is_wording_call(child):
                    found.append(f"{path.relative_to(ROOT)}:{child.lineno}")  # type: ignore[attr-defined]
                visit(child)

        visit(tree)
    assert found == []


def visit_all(node: ast.AST, path: Path) -> None:
    """Every wording call in a default argument is one at import time."""
    calls = [child for child in ast.walk(node) if _is_wording_call(child)]
    assert not calls, f"{path.relative_to(ROOT)}:{node.lineno}: a message in a default argument"  # type: ignore[attr-defined]


def _is_wording_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in WORDING_CALLS
    )


SCOPES = (
    ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
    ast.GeneratorExp,
)  # fmt: skip


def test_no_function_shadows_a_wording_function_it_calls() -> None:
    """`key, _, value = …` or `day = …` in a function that also calls `_()` or `day()` (itself
    or in a closure) makes that call reach the local value: an UnboundLocalError, or worse."""
    found = []
    for path, tree in _package_trees():
        imported = {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("ssi_tui.wording")
            for alias in node.names
        }
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            binds = {arg.arg for arg in [*function.args.args, *function.args.kwonlyargs]}
            stack: list[ast.AST] = list(ast.iter_child_nodes(function))
            while stack:
                node = stack.pop()
                if isinstance(node, SCOPES):
                    continue  # their own scope
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    binds.add(node.id)
                stack.extend(ast.iter_child_nodes(node))
            calls = {
                node.func.id
                for node in ast.walk(function)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            }
            if binds & calls & imported:
                found.append(f"{path.relative_to(ROOT)}: {function.name}")
    assert found == []


def test_no_marked_message_hides_inside_another_call() -> None:
    """`_(table.get(key, N_("…")))`: Babel does not read a message nested in another marked
    call, so the catalog would never get it (and the French screen would show English)."""
    found = []
    for path, tree in _package_trees():
        for node in ast.walk(tree):
            if not _is_marking_call(node):
                continue
            for argument in node.args:  # type: ignore[attr-defined]
                found.extend(
                    f"{path.relative_to(ROOT)}:{inner.lineno}"  # type: ignore[attr-defined]
                    for inner in ast.walk(argument)
                    if inner is not argument and _is_marking_call(inner)
                )
    assert found == []


def _is_marking_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"_", "N_", "NP_", "pgettext", "plural", "counted"}
    )
