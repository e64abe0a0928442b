"""`ssi-tui keys`: every command of the app, its id (what `config.toml` rebinds) and its keys."""

from __future__ import annotations

import argparse

from ssi_tui.cli.context import Context
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.wording import _, pgettext


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `keys` subcommand."""
    parser = subparsers.add_parser(
        "keys",
        parents=[common],
        help=_("list the app's commands and keys (what config.toml can rebind)"),
        description=(
            _(
                "Every command of the app with its id, screen and keys, your config.toml's "
                'overrides applied. Rebind a key in config.toml:  [keymap]  "dashboard.window" = "W"  '
                "(several keys: comma-separated; ids are those listed here)."
            )
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_keys)


def run_keys(context: Context) -> int:
    """List the commands, their keys and the keymap's warnings."""
    from ssi_tui.app.keymap import effective_keys, read_keymap
    from ssi_tui.app.registry import COMMANDS

    keymap = read_keymap()
    keys = effective_keys(keymap)
    if context.args.json:
        print_json(
            {
                "config": str(keymap.path),
                "commands": [
                    {
                        "id": entry.id,
                        "area": entry.area,
                        "keys": keys[entry.id],
                        "default": entry.key,
                        "description": entry.palette_title,
                    }
                    for entry in COMMANDS.values()
                ],
                "warnings": list(keymap.warnings),
            },
            context.stdout,
        )
        return 0
    rows = [
        (
            entry.id,
            keys[entry.id] or _("(palette)"),
            entry.palette_title + (" *" if entry.id in keymap.bindings else ""),
        )
        for entry in COMMANDS.values()
    ]
    headers = (
        pgettext("column", "id"),
        pgettext("column", "keys"),
        pgettext("column", "what it does"),
    )
    context.stdout.write(format_table(headers, rows) + "\n")
    if keymap.bindings:
        note = " " + _("(* changed there)")
    elif keymap.path is not None and not keymap.path.exists():
        note = " " + _("(no such file: the defaults)")
    else:
        note = ""
    context.stdout.write(_("Keymap: {path}").format(path=keymap.path) + note + "\n")
    for warning in keymap.warnings:
        context.stderr.write(_("ssi-tui: warning: {warning}").format(warning=warning) + "\n")
    return 0
