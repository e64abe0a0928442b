"""The domain never imports Textual (STYLE.md): checked statically and at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ssi_tui

PACKAGE = Path(ssi_tui.__file__).resolve().parent
FORBIDDEN = ("textual", "rich", "ssi_tui.app", "ssi_tui.store", "ssi_tui.cli")


def imported_modules(path: Path) -> set[str]:
    """Every module name imported by a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_sources_import_no_ui_or_store() -> None:
    offenders = []
    for path in sorted((PACKAGE / "domain").rglob("*.py")):
        for name in imported_modules(path):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN):
                offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_importing_the_domain_loads_no_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, ssi_tui.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('ssi_tui.domain.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_the_check_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from textual.app import App\n", encoding="utf-8")
    assert "textual.app" in imported_modules(sample)


def test_the_layer_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml (domain ← store ← importers/exports ←
    services ← app ← cli)."""
    script = Path(sys.executable).parent / "lint-imports"
    root = PACKAGE.parent
    if not (root / "pyproject.toml").is_file():
        import pytest

        pytest.skip("installed without the source tree: no pyproject.toml to read contracts from")
    result = subprocess.run(
        [str(script), "--config", str(root / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def store_calls(path: Path) -> list[str]:
    """Where a source file reaches for a `.store` attribute (`workspace.store.goals…`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr == "store"
    ]


def test_the_app_calls_no_store_method() -> None:
    """The screens go through the services (`workspace.goals.get()`, never `.store.goals`)."""
    offenders = [
        where for path in sorted((PACKAGE / "app").rglob("*.py")) for where in store_calls(path)
    ]
    assert offenders == []


def test_the_store_check_can_fail(tmp_path: Path) -> None:
    sample = tmp_path / "screen.py"
    sample.write_text("goals = self.workspace.store.goals.get()\n", encoding="utf-8")
    assert store_calls(sample) == ["screen.py:1"]


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): count
        for path in PACKAGE.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
