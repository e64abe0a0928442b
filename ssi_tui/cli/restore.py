"""`ssi-tui restore`: list backups, restore one, or start afresh (nothing is ever deleted)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.wording import _, number, pgettext
from ssi_tui.wording.labels import backup_reason


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `restore` subcommand."""
    parser = subparsers.add_parser(
        "restore",
        parents=[common],
        help=_("list backups or restore one"),
        description=(
            _(
                "Backups are taken before a migration, before a restore, and on the first save of each "
                "day (the 5 newest are kept): full copies of the store, each checked when taken. "
                "Restoring checks the backup first and backs up the current store; an unreadable "
                "store is set aside as store.json.corrupt-<time>, never deleted. --repair puts back "
                "a damaged or missing history segment from a backup holding a good copy of it, "
                "keeping everything saved since."
            )
        ),
    )
    parser.add_argument(
        "name", nargs="?", metavar="NAME", help=_("the backup to restore (see --list)")
    )
    parser.add_argument(
        "--list", action="store_true", help=_("list backups, newest first, each checked")
    )
    parser.add_argument(
        "--fresh", action="store_true", help=_("set the current store aside and start empty")
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help=_("put back damaged history segments from good copies in the backups"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print JSON: with --list an array, else one object on what was done"),
    )
    parser.set_defaults(handler=run_restore)


def run_restore(context: Context) -> int:
    """List or restore backups."""
    from ssi_tui.services import backups as data_backups

    args = context.args
    if context.demo:
        raise UserError(_("restore works on your store, not on the demo data"))
    data_dir = context.data_dir()
    if args.repair:
        if args.name or args.fresh:
            raise UserError(_("--repair goes alone: it keeps the store and mends it"))
        repaired = data_backups.repair(data_dir)
        lines = [
            _(
                "Put back history segment {segment} from backup {backup} (the damaged file is "
                "kept in history/orphans/)"
            ).format(segment=segment, backup=backup)
            for segment, backup in repaired
        ]
        context.done(
            "\n".join(lines) or _("Nothing to repair: every history segment is intact."),
            repaired=[{"segment": segment, "backup": backup} for segment, backup in repaired],
        )
        return 0
    if args.list or (args.name is None and not args.fresh):
        return _list(context, data_dir)
    if args.name and args.fresh:
        raise UserError(_("give a backup NAME or --fresh, not both"))
    restored = data_backups.restore(data_dir, None if args.fresh else args.name)
    lines = []
    if restored.set_aside is not None:
        lines.append(_("Set the previous store aside as {path}").format(path=restored.set_aside))
    if restored.kept is not None:
        lines.append(
            _(
                "Backed up the previous store as {name} (`ssi-tui restore {name}` brings it back)"
            ).format(name=restored.kept.name)
        )
    if restored.backup is not None:
        lines.append(_("Restored backup {name}").format(name=restored.backup.name))
    else:
        lines.append(_("Started with an empty store"))
    context.done(
        "\n".join(lines),
        restored=restored.backup.name if restored.backup else None,
        kept=restored.kept.name if restored.kept else None,
        set_aside=str(restored.set_aside) if restored.set_aside else None,
    )
    return 0


def _list(context: Context, data_dir: Path) -> int:
    """Every backup, newest first, checked: taken, reason, size, what it holds, its state."""
    from ssi_tui.services import backups as data_backups

    backups = data_backups.backups(data_dir)
    checks = [data_backups.check(backup) for backup in backups]
    if context.args.json:
        print_json(
            [
                {
                    "name": b.name,
                    "taken": b.taken.isoformat(),
                    "reason": b.reason,
                    "bytes": b.size,
                    "state": "ok" if check.ok else "damaged",
                    "problem": check.problem,
                    "activities": check.activities,
                    "contacts": check.contacts,
                }
                for b, check in zip(backups, checks, strict=True)
            ],
            context.stdout,
        )
        return 0
    if not backups:
        context.stdout.write(
            _("No backups in {folder}").format(folder=data_backups.backup_dir(data_dir)) + "\n"
        )
        return 0
    rows = [
        (
            b.name,
            b.taken.strftime("%Y-%m-%d %H:%M:%S"),
            backup_reason(b.reason),
            _("{size} KiB").format(size=number(b.size / 1024)),
            "-" if check.activities is None else number(check.activities),
            _("ok") if check.ok else _("damaged: {why}").format(why=check.problem),
        )
        for b, check in zip(backups, checks, strict=True)
    ]
    context.stdout.write(
        format_table(
            (
                pgettext("column", "name"),
                pgettext("column", "taken"),
                pgettext("column", "reason"),
                pgettext("column", "size"),
                pgettext("column", "activities"),
                pgettext("column", "state"),
            ),
            rows,
        )
        + "\n"
    )
    context.stdout.write(_("Restore one with: ssi-tui restore NAME") + "\n")
    return 0
