"""Shared helpers of the store tests: activities, a settable clock, and ways to run the CLI."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ssi_tui.cli.main import main as cli_main
from ssi_tui.domain.models import Activity

HERE = Path(__file__).resolve().parent
CHILD_SCRIPT = HERE / "_store_child.py"
FIXTURES = HERE / "fixtures"
TODAY = date(2024, 6, 15)


@dataclass
class CliResult:
    """Exit status and output of one CLI run."""

    code: int
    stdout: str
    stderr: str


class Clock:
    """A settable clock for `Store.open(..., clock=...)`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def next_day(self, days: int = 1) -> None:
        self.now += timedelta(days=days)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data dir that does not exist yet (the store creates it)."""
    return tmp_path / "data"


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 3, 1, 9, 30, 0))


@pytest.fixture
def make_activity() -> Callable[..., Activity]:
    counter = iter(range(1_000_000))

    def make(**fields: object) -> Activity:
        number = next(counter)
        values: dict[str, object] = {
            "kind": "post",
            "date": date(2024, 1, 1) + timedelta(days=number % 300),
        }
        values["note"] = f"note {number}"
        values.update(fields)
        return Activity.model_validate(values)

    return make


@pytest.fixture
def cli() -> Callable[..., CliResult]:
    """Run `ssi-tui ARGS` in this process (fast), with today fixed."""

    def run(*args: str) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        code = cli_main(list(args), today=TODAY, stdout=out, stderr=err)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def console_script() -> list[str]:
    """The installed `ssi-tui` console script (else `python -m ssi_tui`)."""
    script = Path(sys.executable).with_name("ssi-tui")
    if script.exists():
        return [str(script)]
    found = shutil.which("ssi-tui")
    return [found] if found else [sys.executable, "-m", "ssi_tui"]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SSI_TUI_DATA_DIR", None)
    env["SSI_TUI_TODAY"] = TODAY.isoformat()
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@pytest.fixture
def run_script() -> Callable[..., CliResult]:
    """Run the real `ssi-tui` console script in a child process."""

    def run(*args: str, timeout: float = 30) -> CliResult:
        result = subprocess.run(
            [*console_script(), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=_child_env(),
        )
        return CliResult(result.returncode, result.stdout, result.stderr)

    return run


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _temp_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob(".*.tmp"))


@pytest.fixture
def temp_files() -> Callable[[Path], list[Path]]:
    """Leftover temp files (`.<name>.<random>.tmp`) anywhere under a directory."""
    return _temp_files


@pytest.fixture
def child_env() -> dict[str, str]:
    """Environment for child processes: no user data dir, today fixed."""
    return _child_env()


@pytest.fixture
def script_command() -> list[str]:
    """The command that runs `ssi-tui`."""
    return console_script()


def write_sealed(path: Path, data: object) -> None:
    """Write store data as ssi-tui would, sealed with its checksum: a change made by a tool
    that keeps the file valid (a plain hand edit breaks the checksum: see the corruption
    tests)."""
    import orjson

    from ssi_tui.store.integrity import seal

    if isinstance(data, dict):  # data read back from a sealed file: its old checksum goes
        data = {key: value for key, value in data.items() if key != "checksum"}
    path.write_bytes(seal(orjson.dumps(data))[0])
