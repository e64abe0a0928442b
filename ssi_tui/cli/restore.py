"""`ssi-tui restore`: list backups, restore one, or start afresh (nothing is ever deleted)."""

from __future__ import annotations

import argparse

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `restore` subcommand."""
    parser = subparsers.add_parser(
        "restore",
        parents=[common],
        help="list backups or restore one",
        description=(
            "Backups are taken before a migration, before a restore, and on the first save of each "
            "day (the 5 newest are kept). Restoring backs up the current store first; an unreadable "
            "store is set aside as store.json.corrupt-<time>, never deleted."
        ),
    )
    parser.add_argument(
        "name", nargs="?", metavar="NAME", help="the backup to restore (see --list)"
    )
    parser.add_argument("--list", action="store_true", help="list backups, newest first")
    parser.add_argument(
        "--fresh", action="store_true", help="set the current store aside and start empty"
    )
    parser.add_argument("--json", action="store_true", help="with --list: print a JSON array")
    parser.set_defaults(handler=run_restore)


def run_restore(context: Context) -> int:
    """List or restore backups."""
    from ssi_tui.services import backups as data_backups

    args = context.args
    if context.demo:
        raise UserError("restore works on your store, not on the demo data")
    data_dir = context.data_dir()
    if args.list or (args.name is None and not args.fresh):
        backups = data_backups.backups(data_dir)
        if args.json:
            print_json(
                [
                    {
                        "name": b.name,
                        "taken": b.taken.isoformat(),
                        "reason": b.reason,
                        "bytes": b.size,
                    }
                    for b in backups
                ],
                context.stdout,
            )
        elif not backups:
            context.stdout.write(f"No backups in {data_backups.backup_dir(data_dir)}\n")
        else:
            rows = [
                (
                    b.name,
                    b.taken.strftime("%Y-%m-%d %H:%M:%S"),
                    b.reason,
                    f"{b.size / 1024:.0f} KiB",
                )
                for b in backups
            ]
            context.stdout.write(format_table(("name", "taken", "reason", "size"), rows) + "\n")
            context.stdout.write("Restore one with: ssi-tui restore NAME\n")
        return 0
    if args.name and args.fresh:
        raise UserError("give a backup NAME or --fresh, not both")
    chosen, set_aside = data_backups.restore(data_dir, None if args.fresh else args.name)
    if set_aside is not None:
        context.stdout.write(f"Set the previous store aside as {set_aside}\n")
    if chosen is not None:
        context.stdout.write(
            f"Restored backup {chosen.name} (the store before it was backed up first)\n"
        )
    else:
        context.stdout.write("Started with an empty store\n")
    return 0
