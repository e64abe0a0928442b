"""`ssi-tui completion bash|zsh|fish`: scripts made from the parser, that the shells parse."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import run


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_script_names_every_command_and_parses(shell: str, tmp_path: Path) -> None:
    status, script, err = run("completion", shell)
    assert status == 0 and err == ""
    for command in ("score", "log", "activity", "contact", "undo", "skip", "completion"):
        assert command in script
    assert "--data-dir" in script
    path = tmp_path / f"ssi-tui.{shell}"
    path.write_text(script, encoding="utf-8")
    binary = shutil.which(shell)
    if shell == "bash":
        assert binary is not None  # bash is everywhere the suite runs: always checked
    if binary is not None:
        check = subprocess.run([binary, "-n", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_an_unknown_shell_is_one_line() -> None:
    status, out, err = run("completion", "tcsh")
    assert status == 2 and out == "" and "invalid choice: 'tcsh'" in err
