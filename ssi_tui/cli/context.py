"""What every command gets: parsed arguments, today's date, and access to the (demo) store."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ssi_tui.paths import user_data_dir
from ssi_tui.wording import _

if TYPE_CHECKING:
    from argparse import Namespace
    from types import SimpleNamespace

    from ssi_tui.services.workspace import Workspace

ENV_TODAY = "SSI_TUI_TODAY"


class UserError(Exception):
    """A problem the user can fix: printed as one line, with an exit status."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def resolve_today(explicit: date | None = None) -> date:
    """Today's date: injected by tests, else $SSI_TUI_TODAY (YYYY-MM-DD), else the system date."""
    if explicit is not None:
        return explicit
    from_env = os.environ.get(ENV_TODAY)
    if from_env:
        try:
            return date.fromisoformat(from_env)
        except ValueError:
            raise UserError(
                _("{variable} is not a YYYY-MM-DD date").format(
                    variable=f"{ENV_TODAY}={from_env!r}"
                )
            ) from None
    return date.today()


@dataclass
class Context:
    """Per-invocation state; `close()` releases the store and removes a demo copy."""

    args: Namespace | SimpleNamespace
    today: date
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    _workspace: Workspace | None = None
    _demo_tmp: Path | None = None

    @property
    def demo(self) -> bool:
        """Whether this run uses a throw-away copy of the demo data."""
        return bool(self.args.demo)

    def data_dir(self) -> Path:
        """The data dir in use (a temporary one in demo mode)."""
        if self.demo:
            if self._demo_tmp is None:
                import tempfile

                self._demo_tmp = Path(tempfile.mkdtemp(prefix="ssi-tui-demo-"))
            return self._demo_tmp / "data"
        return user_data_dir(self.args.data_dir)

    def workspace(self, write: bool = True) -> Workspace:
        """The workspace, opened once per run (a writer takes the lock; the demo store is
        seeded on first open; catalog and rules are read before the lock is taken)."""
        from ssi_tui.services.opening import open_workspace

        if self._workspace is None:
            opened = open_workspace(self.data_dir(), self.today, demo=self.demo, write=write)
            self._workspace = opened.workspace
        return self._workspace

    def parse_date(self, text: str | None, option: str, *, past: bool = False) -> date | None:
        """Parse a date option with the shared parser; a bad one is a `UserError` naming the
        option. With `past`, a date after today is refused too."""
        from ssi_tui.domain.dates import DateParseError, not_future, parse_date

        if text is None:
            return None
        try:
            day = parse_date(text, self.today)
            return not_future(day, self.today) if past else day
        except DateParseError as error:
            raise UserError(_("{name}: {value}").format(name=option, value=error)) from None

    def done(self, message: str, **data: Any) -> None:
        """Say what a command that changes something did: its sentence, or with `--json` one
        object, `{"message": ..., **data}` (records as the JSON export writes them)."""
        if getattr(self.args, "json", False):
            from ssi_tui.cli.output import print_json

            print_json({"message": message, **data}, self.stdout)
        else:
            self.stdout.write(message + "\n")

    def warnings(self) -> list[str]:
        """What the command should tell the user besides its output: stored records left out
        because they no longer validate (the store was edited by hand)."""
        return self._workspace.problems() if self._workspace is not None else []

    def close(self) -> None:
        """Release the store lock and remove the demo copy."""
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None
        if self._demo_tmp is not None:
            import shutil

            shutil.rmtree(self._demo_tmp, ignore_errors=True)
            self._demo_tmp = None
