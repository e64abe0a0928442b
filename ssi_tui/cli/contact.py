"""`ssi-tui contact edit NAME|ID`: a contact's name, company, title, audience and cadence."""

from __future__ import annotations

import argparse
from typing import Any

from ssi_tui.cli.args import edited_fields, text, whole_number
from ssi_tui.cli.context import Context
from ssi_tui.cli.output import format_table, print_json, record
from ssi_tui.wording import _, counted, number, pgettext, plural

cadence = whole_number("cadence", 1, 3650, "days")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `contact edit`."""
    contact = subparsers.add_parser(
        "contact", parents=[common], help=_("edit one contact (undoable)")
    )
    actions = contact.add_subparsers(dest="contact_command", metavar="ACTION", required=True)
    edit = actions.add_parser(
        "edit",
        parents=[common],
        help=_("change a contact's name, company, title, audience, cadence or e-mails"),
        description=(
            _(
                "Change the fields given; the others stay. A new name carries the activities and "
                "plans naming the contact along. `ssi-tui undo` takes the edit back."
            )
        ),
    )
    edit.add_argument(
        "contact", metavar="NAME|ID", type=text, help=_("the contact's name, or id (4+ characters)")
    )
    edit.add_argument("--name", metavar="NAME", type=text, help=_("a new name"))
    edit.add_argument("--company", metavar="C", type=text, help=_("their company"))
    edit.add_argument("--title", metavar="T", type=text, help=_("their job title"))
    audience = edit.add_mutually_exclusive_group()
    audience.add_argument(
        "--audience", metavar="A", type=text, help=_("their audience (evidence: set on purpose)")
    )
    audience.add_argument(
        "--no-audience", action="store_true", help=_("let the goals decide (account, role)")
    )
    every = edit.add_mutually_exclusive_group()
    every.add_argument(
        "--cadence", metavar="DAYS", type=cadence, help=_("stay in touch every DAYS days")
    )
    every.add_argument(
        "--no-cadence", action="store_true", help=_("back to the audience's cadence")
    )
    emails = edit.add_mutually_exclusive_group()
    emails.add_argument(
        "--email",
        metavar="ADDRESS",
        action="append",
        type=text,
        help=_(
            "their e-mail address (repeatable: replaces the ones kept; calendar imports match them)"
        ),
    )
    emails.add_argument("--no-email", action="store_true", help=_("forget their addresses"))
    edit.set_defaults(handler=run_contact_edit)
    changes = subparsers.add_parser(
        "changes",
        parents=[common],
        help=_("job changes, new and removed connections seen by your imports"),
        description=(
            _(
                "Each import of LinkedIn's export compares your connections with what the last one "
                "found: a new company or title is a job change, and someone who moved into (or out "
                "of) one of your target accounts is named with it. Newest first."
            )
        ),
    )
    changes.add_argument("--since", metavar="DATE", help=_("only changes seen from DATE on"))
    changes.add_argument("--json", action="store_true", help=_("print a JSON array"))
    changes.set_defaults(handler=run_changes)


def run_contact_edit(context: Context) -> int:
    """Change the given fields of one contact, undoably."""
    args = context.args
    values: dict[str, Any] = {
        "name": args.name,
        "company": args.company,
        "title": args.title,
        "audience": args.audience,
        "cadence_days": args.cadence,
        "emails": tuple(args.email) if args.email else None,
    }
    cleared = {
        "audience": args.no_audience,
        "cadence_days": args.no_cadence,
        "emails": args.no_email,
    }
    given = edited_fields("contact edit", values, cleared)
    service = context.workspace(write=True).contacts
    original = service.find(args.contact)
    edited = service.check_edit(original, given)
    if edited == original:
        context.done(
            _("Nothing changed: {name}").format(name=original.name) + f" [id {original.id}]",
            contact=record(original),
        )
        return 0
    change = service.edit_undoably(original, edited)
    what = change.what[:1].upper() + change.what[1:]
    context.done(
        _("{what} (`ssi-tui undo` takes it back)").format(what=what) + f" [id {edited.id}]",
        contact=record(edited),
    )
    return 0


def run_changes(context: Context) -> int:
    """List the network's changes, newest first."""
    since = context.parse_date(context.args.since, "--since", past=True)
    rows = context.workspace(write=False).contacts.changes(since)
    if context.args.json:
        print_json([row.as_dict() for row in rows], context.stdout)
        return 0
    if not rows:
        context.stdout.write(
            _(
                "No changes seen yet: each import of LinkedIn's export after the first compares "
                "your connections with the last one."
            )
            + "\n"
        )
        return 0
    table = [
        (
            row.change.date.isoformat(),
            {
                "job": pgettext("network change", "job change"),
                "new": pgettext("network change", "new"),
                "removed": pgettext("network change", "removed"),
            }[row.change.kind],
            row.change.name,
            row.change.describe().split(": ", 1)[-1] if row.change.kind == "job" else "",
            (_("joined {account}") if row.move[0] == "joined" else _("left {account}")).format(
                account=row.move[1]
            )
            if row.move
            else "",
        )
        for row in rows
    ]
    headers = (
        pgettext("column", "seen"),
        pgettext("column", "change"),
        pgettext("column", "name"),
        pgettext("column", "from → to"),
        pgettext("column", "target account"),
    )
    context.stdout.write(
        format_table(headers, table) + f"\n{counted(len(rows), 'change', 'changes')}\n"
    )
    return 0


def run_losing_touch(context: Context) -> int:
    """`contacts --losing-touch`: contacts past their cadence, most overdue first."""
    as_of = context.parse_date(context.args.as_of, "--as-of", past=True)
    statuses = context.workspace(write=False).planner.losing_touch(as_of)
    if context.args.json:
        print_json([status.as_dict() for status in statuses], context.stdout)
        return 0
    rows = [
        (
            status.contact.name,
            status.audience,
            status.contact.company,
            status.last.isoformat() + (" " + _("(connected)") if status.since_connection else ""),
            status.cadence,
            status.overdue_days,
            number(status.ratio, 2),
        )
        for status in statuses
    ]
    headers = (
        pgettext("column", "name"),
        pgettext("column", "audience"),
        pgettext("column", "company"),
        pgettext("column", "last interaction"),
        pgettext("column", "cadence"),
        pgettext("column", "days overdue"),
        pgettext("column", "÷ cadence"),
    )
    losing = plural(
        len(rows),
        "{count} contact losing touch, most overdue first (days overdue ÷ cadence)",
        "{count} contacts losing touch, most overdue first (days overdue ÷ cadence)",
    ).format(count=number(len(rows)))
    context.stdout.write(format_table(headers, rows, align_right=(4, 5, 6)) + f"\n{losing}\n")
    return 0
