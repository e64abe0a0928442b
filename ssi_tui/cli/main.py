"""Entry point: argument parsing, dispatch, and the one place errors become one-line messages."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from types import SimpleNamespace
from typing import TextIO

from ssi_tui.cli.context import Context, UserError, resolve_today
from ssi_tui.services.errors import StoreError
from ssi_tui.wording import LANGUAGES, _, choose_language, set_language

Handler = Callable[[Context], int]
DATE_OPTIONS = ("--as-of", "--date", "--since", "--start", "--until")
_RELATIVE_DATE = re.compile(r"^[+-]\d{1,4}[dwmyjsa]$")


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


def lang_flag(argv: Sequence[str]) -> str | None:
    """The value of `--lang` (the last one given), if any: the language is chosen before the
    parser is built, so that its help is in that language too."""
    found = None
    for index, token in enumerate(argv):
        if token.startswith("--lang="):
            found = token.partition("=")[2]
        elif token == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
    return found


def app_arguments(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments when `argv` only opens the app (`--demo`, `--data-dir DIR`), else None.

    Opening the app is the common case and skips building the full parser (argparse and every
    command module); anything else, `--help` and mistakes included, goes through the parser,
    which accepts exactly these options too.
    """
    # The shape argparse gives when no command is named (see parser.build_parser).
    arguments = SimpleNamespace(
        data_dir=None, demo=False, no_color=False, lang=None, command=None, handler=None
    )
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in ("--demo", "--no-color"):
            setattr(arguments, token[2:].replace("-", "_"), True)
            index += 1
        elif token.startswith("--lang=") and token.partition("=")[2] in LANGUAGES:
            arguments.lang = token.partition("=")[2]
            index += 1
        elif token == "--lang" and index + 1 < len(argv) and argv[index + 1] in LANGUAGES:
            arguments.lang = argv[index + 1]
            index += 2
        elif token.startswith("--data-dir="):
            arguments.data_dir = token.partition("=")[2]
            index += 1
        elif (
            token == "--data-dir" and index + 1 < len(argv) and not argv[index + 1].startswith("-")
        ):
            arguments.data_dir = argv[index + 1]
            index += 2
        else:
            return None
    return arguments


def _user_errors() -> tuple[type[Exception], ...]:
    """Errors that are the user's to fix (imported only when one is raised)."""
    from ssi_tui.services.errors import DataFileError, InputError

    return (UserError, InputError, DataFileError, StoreError)


def open_app(context: Context) -> int:
    """Open the terminal app (it needs a terminal: piped output gets a hint instead)."""
    if not (_isatty(context.stdout) and _isatty(sys.stdin)):
        raise UserError(
            _(
                "the app needs a terminal; for scripted use pick a command, e.g. `ssi-tui "
                "score` (see --help)"
            )
        )
    from ssi_tui.app.launch import run_app

    if getattr(context.args, "no_color", False):
        os.environ["NO_COLOR"] = "1"  # Textual reads it when the app starts: monochrome

    return run_app(context.data_dir(), context.today, demo=context.demo)


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
    # Pydantic looks for plugins in every installed package's metadata when it builds its first
    # model (10-20 ms, more beside many packages); ssi-tui has none to load.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    arguments = join_relative_dates(sys.argv[1:] if argv is None else argv)
    from ssi_tui.config import configured_language

    wants_json = "--json" in arguments
    chosen = choose_language(lang_flag(arguments), configured_language())
    # JSON is for scripts: the same keys, values and messages in every language (what the user
    # types, dates, is still read in theirs).
    set_language("en" if wants_json else chosen, reading=chosen)
    args = app_arguments(arguments)
    if args is None:
        from ssi_tui.cli.parser import build_parser

        said = io.StringIO()
        try:
            with redirect_stdout(stdout), redirect_stderr(said):
                args = build_parser().parse_args(arguments)
        except SystemExit as exit_:
            code = int(exit_.code or 0)
            stderr.write(said.getvalue())
            if code and wants_json:
                lines = said.getvalue().strip().splitlines()
                message = lines[-1] if lines else "invalid arguments"
                json_error(stdout, re.sub(r"^ssi-tui[\w ]*: error: ", "", message), code)
            return code
        stderr.write(said.getvalue())
    context: Context | None = None
    try:
        context = Context(args=args, today=resolve_today(today), stdout=stdout, stderr=stderr)
        handler: Handler = args.handler or open_app
        output = getattr(args, "output", None)
        if output in (None, "-") or handler.__name__ == "run_export":
            status = handler(context)
        else:  # -o FILE: what the report prints goes to a private file, once it succeeded
            context.stdout = io.StringIO()
            status = handler(context)
            if status == 0:
                written = write_output(output, context.stdout.getvalue())
                stderr.write(_("Wrote {path} (readable by you only)").format(path=written) + "\n")
        for warning in context.warnings():
            stderr.write(_("ssi-tui: warning: {warning}").format(warning=warning) + "\n")
        return status
    except _user_errors() as error:
        code = getattr(error, "exit_code", 2)
        stderr.write(_("ssi-tui: error: {error}").format(error=error) + "\n")
        if wants_json:  # scripts read stdout: the error is JSON there too
            json_error(stdout, str(error), code)
        return code
    except KeyboardInterrupt:
        stderr.write(_("ssi-tui: interrupted") + "\n")
        return 130
    except OSError as error:  # a path the system refuses (too long, not allowed…): one line
        if isinstance(error, BrokenPipeError):
            return 0
        from ssi_tui.services.errors import os_error_line

        message = os_error_line(error)
        stderr.write(_("ssi-tui: error: {error}").format(error=message) + "\n")
        if wants_json:
            json_error(stdout, message, 2)
        return 2
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback for users
        stderr.write(
            _("ssi-tui: unexpected error: {error}").format(error=f"{type(error).__name__}: {error}")
            + "\n"
        )
        if wants_json:
            json_error(stdout, f"unexpected error: {type(error).__name__}: {error}", 1)
        return 1
    finally:
        if context is not None:
            context.close()


def write_output(path: str, text: str) -> str:
    """Write a report to `path` (0600, atomically); its path, or a `UserError`."""
    from pathlib import Path

    from ssi_tui.services.errors import InputError
    from ssi_tui.services.transfer import write_private

    try:
        return str(write_private(Path(path), text))
    except InputError as error:
        raise UserError(f"-o: {error}") from None


def json_error(stdout: TextIO, message: str, code: int) -> None:
    """An error as `--json` output: `{"error": "...", "code": N}` on one line of stdout."""
    import json

    stdout.write(json.dumps({"error": message, "code": code}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
