"""The full argument parser: global options and every subcommand (imported on demand)."""

from __future__ import annotations

import argparse
import re
from importlib import import_module
from typing import Any, NoReturn

from ssi_tui import __version__
from ssi_tui.wording import LANGUAGES, _, plural

# Modules (under ssi_tui.cli) that add subcommands; each has `register(subparsers, common)`.
# Imported when the parser is built: opening the app needs neither them nor this module.
COMMAND_MODULES = [
    "score",
    "calibrate",
    "whatif",
    "basics",
    "activity",
    "contact",
    "restore",
    "planner",
    "undo",
    "review",
    "export",
    "importer",
    "keys",
    "completion",
]


def description() -> str:
    """What `ssi-tui --help` starts with."""
    return _(
        "Your LinkedIn Social Selling Index, raw and weighted by your own goals.\n"
        "Run without a command to open the app; `--demo` uses a throw-away copy of the demo data.\n"
    )


def epilog() -> str:
    """What `ssi-tui --help` ends with."""
    return _(
        "dates: YYYY-MM-DD, today, yesterday, -3d, -2w, -1m, or any unambiguous date.\n"
        "data: --data-dir DIR, else $SSI_TUI_DATA_DIR, else the platform's user data dir\n"
        "      (see `ssi-tui locate`). Exit status: 0 ok, 1 save/lock problem, 2 bad input,\n"
        "      3 unreadable or newer store.\n"
    )


def translate_argparse() -> None:
    """argparse's own words ("usage:", "options", its errors) through our catalog: it looks up
    its module's `_` and `ngettext` when it speaks (its messages are in ours, in French)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = lambda singular, many, count: plural(count, singular, many)  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (plus where to get help), and that reads
    a relative date (`-2d`, `-1w`) as a value, never as an option: `reading edit -2d`,
    `done ID --occurrence -1d` (argparse does the same for negative numbers)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\d+$|^-\d*\.\d+$|^-\d{1,4}[dwmyjsa]$")

    def error(self, message: str) -> NoReturn:
        """Print a one-line error and exit with status 2."""
        self.exit(
            2,
            _("{prog}: error: {message} (see {prog} --help)").format(
                prog=self.prog, message=message
            )
            + "\n",
        )


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """`--data-dir` and `--demo`, accepted before or after the subcommand."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=_("where the store lives (default: $SSI_TUI_DATA_DIR or the user data dir)"),
    )
    parent.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=_("use a throw-away copy of the demo data, never your store"),
    )
    parent.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS if suppress else None,
        help=_(
            "the language of what ssi-tui says (default: $SSI_TUI_LANG, then `language` in "
            "config.toml, then the locale); JSON output is the same in every language"
        ),
    )
    return parent


def build_parser() -> Parser:
    """The command-line parser."""
    translate_argparse()
    parser = Parser(
        prog="ssi-tui",
        description=description(),
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"ssi-tui {__version__}")
    parser.add_argument(
        "--no-color",
        action="store_true",
        help=_("open the app without colours (as the NO_COLOR environment variable does)"),
    )
    parser.set_defaults(handler=None)  # no command: open the app (see main.app_arguments)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    common = common_options(suppress=True)
    for name in COMMAND_MODULES:
        import_module(f"ssi_tui.cli.{name}").register(subparsers, common)
    add_json_options(subparsers)
    add_output_options(subparsers)
    return parser


NO_JSON = frozenset({"export", "completion"})
"""Commands whose output is itself a document (an export, a shell script): no `--json`."""


def add_json_options(subparsers: argparse._SubParsersAction) -> None:
    """`--json` on every command that lacks it (those that change something print what they
    did as one object), nested ones too; errors then are JSON as well."""
    for name, command in subparsers.choices.items():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for action in nested:
            add_json_options(action)
        if nested or name in NO_JSON or "--json" in command._option_string_actions:
            continue
        command.add_argument(
            "--json",
            action="store_true",
            help=_(
                'print what was done as one JSON object ({"message": ..., the records written})'
            ),
        )


def add_output_options(subparsers: argparse._SubParsersAction) -> None:
    """`-o/--output FILE` on every report (a command that has `--json`), nested ones too."""
    for command in dict.fromkeys(subparsers.choices.values()):
        options = command._option_string_actions
        if "--json" in options and "--output" not in options:
            command.add_argument(
                "-o",
                "--output",
                metavar="FILE",
                help=_(
                    "write what is printed to FILE (readable by you only; - is standard output)"
                ),
            )
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                add_output_options(action)
