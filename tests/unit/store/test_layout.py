"""The store's layout (STYLE.md): small modules, and none reaches into another object's privates."""

from __future__ import annotations

import ast
from pathlib import Path

import ssi_tui.store

STORE = Path(ssi_tui.store.__file__).resolve().parent
MAX_LINES = 400
OWN = ("self", "cls")


def private_reaches(source: str) -> list[str]:
    """`x._name` where `x` is anything but `self`/`cls` (dunders aside), and `from m import _name`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            name = node.attr
            if not name.startswith("_") or (name.startswith("__") and name.endswith("__")):
                continue
            if isinstance(node.value, ast.Name) and node.value.id in OWN:
                continue
            found.append(f"line {node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.ImportFrom):
            found.extend(
                f"line {node.lineno}: from {node.module} import {alias.name}"
                for alias in node.names
                if alias.name.startswith("_")
                and not alias.name.startswith("__")
                and alias.name != "_"  # gettext's conventional name, not a private one
            )
    return found


def test_no_store_module_is_over_400_lines() -> None:
    sizes = {
        path.name: len(path.read_text(encoding="utf-8").splitlines()) for path in STORE.glob("*.py")
    }
    assert {name: lines for name, lines in sizes.items() if lines > MAX_LINES} == {}


def test_no_store_module_touches_a_private_attribute_of_another_object() -> None:
    offenders = {
        path.name: reaches
        for path in sorted(STORE.glob("*.py"))
        if (reaches := private_reaches(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_check_can_fail() -> None:
    sample = (
        "store._index(doc)\n"
        "self.activities._docs.get(key)\n"
        "from ssi_tui.store.tables import _helper\n"
        "self._store.table_data('x')\n"
        "cls._private()\n"
        "object.__setattr__(a, 'b', 1)\n"
    )
    assert sorted(private_reaches(sample)) == [
        "line 1: store._index",
        "line 2: self.activities._docs",
        "line 3: from ssi_tui.store.tables import _helper",
    ]
