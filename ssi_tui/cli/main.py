"""Entry point: argument parsing, dispatch, and the one place errors become one-line messages."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from typing import NoReturn, TextIO

from ssi_tui import __version__
from ssi_tui.cli import basics, export, importer, planner, restore, review, score
from ssi_tui.cli.context import Context, UserError, resolve_today
from ssi_tui.store.errors import StoreError

Handler = Callable[[Context], int]
# Modules that add subcommands; each has `register(subparsers, common)`.
COMMAND_MODULES = [score, basics, restore, planner, review, export, importer]

DESCRIPTION = """\
Your LinkedIn Social Selling Index, raw and weighted by your own goals.
Run without a command to open the app; `--demo` uses a throw-away copy of the demo data.
"""
EPILOG = """\
dates: YYYY-MM-DD, today, yesterday, -3d, -2w, -1m, or any unambiguous date.
data: --data-dir DIR, else $SSI_TUI_DATA_DIR, else the platform's user data dir
      (see `ssi-tui locate`). Exit status: 0 ok, 1 save/lock problem, 2 bad input,
      3 unreadable or newer store.
"""


DATE_OPTIONS = ("--as-of", "--date", "--since", "--start", "--until")
_RELATIVE_DATE = re.compile(r"^[+-]\d{1,4}[dwmy]$")


def join_relative_dates(argv: Sequence[str]) -> list[str]:
    """Let `--as-of -1w` work: argparse would take `-1w` for an option, so glue it as `--as-of=-1w`."""
    joined: list[str] = []
    index = 0
    while index < len(argv):
        token = argv[index]
        if (
            token in DATE_OPTIONS
            and index + 1 < len(argv)
            and _RELATIVE_DATE.match(argv[index + 1])
        ):
            joined.append(f"{token}={argv[index + 1]}")
            index += 2
            continue
        joined.append(token)
        index += 1
    return joined


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (plus where to get help)."""

    def error(self, message: str) -> NoReturn:
        """Print a one-line error and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """`--data-dir` and `--demo`, accepted before or after the subcommand."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="where the store lives (default: $SSI_TUI_DATA_DIR or the user data dir)",
    )
    parent.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use a throw-away copy of the demo data, never your store",
    )
    return parent


def build_parser() -> Parser:
    """The full command-line parser."""
    parser = Parser(
        prog="ssi-tui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"ssi-tui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    common = common_options(suppress=True)
    for module in COMMAND_MODULES:
        module.register(subparsers, common)
    return parser


def _user_errors() -> tuple[type[Exception], ...]:
    """Errors that are the user's to fix (imported only when one is raised)."""
    from ssi_tui.domain.catalog import DataFileError
    from ssi_tui.workspace import InputError

    return (UserError, InputError, DataFileError, StoreError)


def open_app(context: Context) -> int:
    """Open the terminal app (it needs a terminal: piped output gets a hint instead)."""
    if not (_isatty(context.stdout) and _isatty(sys.stdin)):
        raise UserError(
            "the app needs a terminal; for scripted use pick a command, e.g. `ssi-tui score` (see --help)"
        )
    from ssi_tui.app.launch import run_app

    return run_app(context)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def main(
    argv: Sequence[str] | None = None,
    *,
    today: date | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (never lets a traceback reach the user)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            args = parser.parse_args(join_relative_dates(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    context: Context | None = None
    try:
        context = Context(args=args, today=resolve_today(today), stdout=stdout, stderr=stderr)
        handler: Handler = getattr(args, "handler", open_app)
        return handler(context)
    except _user_errors() as error:
        code = getattr(error, "exit_code", 2)
        stderr.write(f"ssi-tui: error: {error}\n")
        return code
    except KeyboardInterrupt:
        stderr.write("ssi-tui: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for users
        stderr.write(f"ssi-tui: unexpected error: {type(error).__name__}: {error}\n")
        return 1
    finally:
        if context is not None:
            context.close()


if __name__ == "__main__":
    raise SystemExit(main())
