"""`ssi-tui undo`: take back the last change, made here or in the app (kept in the store)."""

from __future__ import annotations

import argparse

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.wording import _, pgettext, plural


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `undo` subcommand."""
    parser = subparsers.add_parser(
        "undo",
        parents=[common],
        help=_("take back the last change (from here or the app)"),
        description=(
            _(
                "Take back the last change to your data, whichever interface made it: a log, an "
                "edit or delete, done or skip, a plan added, removed or adopted, a reading, the "
                "goals, the profile. The store keeps the last 20 with what they changed; undo again "
                "to go further back. Imports, loads and restores are not undone this way (a backup "
                "is taken before them: `ssi-tui restore --list`)."
            )
        ),
    )
    parser.add_argument(
        "--list",
        action="store_true",
        help=_("list what can be undone, newest first; change nothing"),
    )
    parser.add_argument("--json", action="store_true", help=_("print JSON"))
    parser.set_defaults(handler=run_undo)


def run_undo(context: Context) -> int:
    """Undo the newest change, or list them."""
    args = context.args
    if args.list:
        entries = context.workspace(write=False).journal.entries()
        if args.json:
            print_json([entry.as_dict() for entry in entries], context.stdout)
            return 0
        if not entries:
            context.stdout.write(_("Nothing to undo.") + "\n")
            return 0
        rows = [(entry.at, entry.via, entry.what) for entry in entries]
        headers = (
            pgettext("column", "made"),
            pgettext("column", "via"),
            pgettext("column", "what"),
        )
        tail = plural(
            len(rows),
            "{count} change can be undone, newest first",
            "{count} changes can be undone, newest first",
        ).format(count=len(rows))
        context.stdout.write(format_table(headers, rows) + f"\n{tail}\n")
        return 0
    journal = context.workspace(write=True).journal
    if not journal.count():
        raise UserError(_("nothing to undo"), exit_code=1)
    undone = journal.undo()
    if args.json:
        print_json({"undone": undone.entry.as_dict(), "left": undone.left}, context.stdout)
        return 0
    left = plural(
        undone.left, "{count} more change can be undone", "{count} more changes can be undone"
    ).format(count=undone.left)
    context.stdout.write(
        _("Undone: {what} (made {where}); {left}").format(
            what=undone.entry.what, where=undone.entry.where, left=left
        )
        + "\n"
    )
    return 0
