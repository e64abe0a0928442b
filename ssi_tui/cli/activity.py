"""`ssi-tui activities` (list, filtered) and `ssi-tui activity edit|delete ID` (undoable)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, get_args

from ssi_tui.cli.args import activity_options, edited_fields, relevance, text
from ssi_tui.cli.context import Context
from ssi_tui.cli.output import format_table, print_json, record
from ssi_tui.domain.models import Source
from ssi_tui.domain.text import fold
from ssi_tui.wording import N_, _, counted, pgettext

if TYPE_CHECKING:
    from ssi_tui.domain.models import Activity
    from ssi_tui.services.activities import ActivityRow
    from ssi_tui.services.workspace import Workspace

ID_HELP = N_("activity id (or a unique prefix of 4+ characters; `ssi-tui activities` shows them)")
# The options `activity edit` takes, by the activity field each sets.
EDITED = (
    "kind", "date", "audience", "contact", "company", "title", "personalised", "relevance",
    "channel", "note", "topics",
)  # fmt: skip


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `activities` and `activity edit|delete`."""
    listing = subparsers.add_parser(
        "activities",
        parents=[common],
        help=_("list activities (ids, filters)"),
        description=(
            _(
                "List activities, oldest first, with their short id (8 characters, more where two "
                "share them: enough for `activity edit` and `activity delete`) and the audience the scores give them, with where it "
                "comes from: set (their contact's own), account, role, topic, or tag (your word only)."
            )
        ),
    )
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.add_argument("--since", metavar="DATE", help=_("only from this date"))
    listing.add_argument("--until", metavar="DATE", help=_("only up to this date"))
    listing.add_argument("--kind", metavar="KIND", help=_("only this kind"))
    listing.add_argument("--audience", metavar="A", type=text, help=_("only for this audience"))
    listing.add_argument("--contact", metavar="NAME", type=text, help=_("only with this contact"))
    listing.add_argument(
        "--source", choices=get_args(Source), help=_("only logged by hand, from a plan, imported…")
    )
    listing.set_defaults(handler=run_activities)

    activity = subparsers.add_parser(
        "activity", parents=[common], help=_("edit or delete one activity (undoable)")
    )
    actions = activity.add_subparsers(dest="activity_command", metavar="ACTION", required=True)
    edit = actions.add_parser(
        "edit",
        parents=[common],
        help=_("change what you give of one activity"),
        description=(
            _(
                "Change the fields given; the others stay. The activity is checked as a whole, as "
                "when it was logged. `ssi-tui undo` takes the edit back."
            )
        ),
    )
    edit.add_argument("activity_id", metavar="ID", help=_(ID_HELP))
    edit.add_argument("--kind", metavar="KIND", type=text, help=_("activity kind from the catalog"))
    edit.add_argument("--date", metavar="DATE", help=_("when: YYYY-MM-DD, yesterday, -3d…"))
    tag = edit.add_mutually_exclusive_group()
    tag.add_argument("--audience", metavar="A", type=text, help=_("the audience you aimed at"))
    tag.add_argument("--no-audience", action="store_true", help=_("remove the audience tag"))
    edit.add_argument("--contact", metavar="NAME", type=text, help=_("person involved"))
    edit.add_argument("--company", metavar="C", type=text, help=_("their company"))
    edit.add_argument("--title", metavar="T", type=text, help=_("their job title"))
    edit.add_argument(
        "--personalised",
        action=argparse.BooleanOptionalAction,
        default=None,
        help=_("it was (or was not) personalised"),
    )
    edit.add_argument("--relevance", type=relevance, metavar="1-5", help=_("how relevant, 1-5"))
    edit.add_argument("--channel", choices=["linkedin", "off"], help=_("where it happened"))
    edit.add_argument("--note", metavar="TEXT", help=_("free note ('' clears it)"))
    edit.add_argument(
        "--topic", action="append", metavar="T", help=_("what it was about (repeatable; replaces)")
    )
    edit.set_defaults(handler=run_activity_edit)
    delete = actions.add_parser(
        "delete",
        parents=[common],
        help=_("delete one activity (`ssi-tui undo` brings it back)"),
    )
    delete.add_argument("activity_id", metavar="ID", help=_(ID_HELP))
    delete.set_defaults(handler=run_activity_delete)


def run_activities(context: Context) -> int:
    """List activities, oldest first, filtered."""
    args = context.args
    workspace = context.workspace(write=False)
    since = context.parse_date(args.since, "--since", past=True)
    until = context.parse_date(args.until, "--until", past=True)
    if args.kind is not None:
        workspace.activities.check_kind(args.kind)
    audience = fold(args.audience) if args.audience else None
    contact = fold(args.contact) if args.contact else None
    rows = [
        row
        for row in workspace.activities.rows()
        if (since is None or row.activity.date >= since)
        and (until is None or row.activity.date <= until)
        and (args.kind is None or row.activity.kind == args.kind)
        and (audience is None or fold(row.audience or "") == audience)
        and (contact is None or contact in fold(row.activity.contact or ""))
        and (args.source is None or row.activity.source == args.source)
    ]
    short = workspace.activities.short_ids()
    if args.json:
        print_json([json_row(row, short[row.activity.id]) for row in rows], context.stdout)
        return 0
    table = [
        (
            short[row.activity.id],
            row.activity.date.isoformat(),
            row.activity.kind,
            row.pillar,
            row.shown_audience,
            row.activity.contact,
            row.activity.company,
            row.activity.channel,
            row.activity.source,
        )
        for row in rows
    ]
    headers = (
        pgettext("column", "id"),
        pgettext("column", "date"),
        pgettext("column", "kind"),
        pgettext("column", "pillar"),
        pgettext("column", "audience"),
        pgettext("column", "contact"),
        pgettext("column", "company"),
        pgettext("column", "ch."),
        pgettext("column", "source"),
    )
    context.stdout.write(
        format_table(headers, table) + f"\n{counted(len(table), 'activity', 'activities')}\n"
    )
    return 0


def json_row(row: ActivityRow, short_id: str) -> dict[str, Any]:
    """One activity as `activities --json` prints it: the stored fields, with `audience` the
    one the scores use (`audience_tag`: the stored tag; `audience_source`: where it comes
    from), the pillar and what it counts for in today's score."""
    data = row.activity.model_dump(mode="json")
    data["audience_tag"] = data["audience"]
    data["audience"] = row.audience
    data["audience_source"] = row.audience_source
    data["short_id"] = short_id
    data["counted_raw"] = round(row.counted_raw, 4)
    data["counted_weighted"] = round(row.counted_weighted, 4)
    data["pillar"] = None if row.pillar == "?" else row.pillar
    return data


def described(workspace: Workspace, activity: Activity) -> str:
    """E.g. 'message sent of 2026-12-01 with Ada Lovelace', in the catalog's words."""
    from ssi_tui.services.activities import describe

    return describe(workspace.catalog, activity)


def run_activity_edit(context: Context) -> int:
    """Change the given fields of one activity, undoably."""
    args = context.args
    values = {**activity_options(args), "date": context.parse_date(args.date, "--date", past=True)}
    given = edited_fields("activity edit", values, {"audience": args.no_audience})
    workspace = context.workspace(write=True)
    service = workspace.activities
    original = service.find(args.activity_id)
    fields = original.model_dump()
    edited = service.build({**fields, **given})
    changed = [name for name in EDITED if getattr(edited, name) != getattr(original, name)]
    if not changed:
        context.done(
            _("Nothing changed: {name}").format(name=described(workspace, original))
            + f" [id {original.id}]",
            activity=record(original),
            changed=[],
        )
        return 0
    service.update_undoably(original, edited)
    context.done(
        _("Edited {what}: {fields} (`ssi-tui undo` takes it back)").format(
            what=described(workspace, edited), fields=", ".join(changed)
        )
        + f" [id {edited.id}]",
        activity=record(edited),
        changed=changed,
    )
    return 0


def run_activity_delete(context: Context) -> int:
    """Delete one activity, undoably."""
    workspace = context.workspace(write=True)
    activity = workspace.activities.find(context.args.activity_id)
    workspace.activities.delete_undoably(activity.id)
    context.done(
        _("Deleted {what} (`ssi-tui undo` brings it back)").format(
            what=described(workspace, activity)
        )
        + f" [id {activity.id}]",
        activity=record(activity),
    )
    return 0
