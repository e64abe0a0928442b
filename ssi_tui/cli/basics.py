"""`ssi-tui log`, `goals`, `activities`, `contacts` and `locate`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssi_tui.cli.args import activity_options, relevance, text
from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json, record
from ssi_tui.services.plan_checks import short_ids
from ssi_tui.wording import _, counted, day, percent, pgettext
from ssi_tui.wording.labels import new_contact_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from ssi_tui.domain.models import Goals, Objective
    from ssi_tui.services.contacts import ContactRow


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add log, goals, contacts and locate."""
    log = subparsers.add_parser(
        "log",
        parents=[common],
        help=_("log one activity"),
        description=(
            _(
                "Log one activity. KIND is an id from the activity catalog (data/catalog.toml), e.g. "
                "post, comment, message_sent, invitation_sent, follow_up, meeting, call, talk; an "
                "unknown kind lists them all."
            )
        ),
    )
    log.add_argument(
        "kind", metavar="KIND", help=_("activity kind from the catalog (e.g. post, message_sent)")
    )
    log.add_argument(
        "--date", metavar="DATE", help=_("when (default today): YYYY-MM-DD, yesterday, -3d…")
    )
    log.add_argument(
        "--audience",
        metavar="A",
        type=text,
        help=_("audience it reached (one of your goals' audiences)"),
    )
    log.add_argument(
        "--contact",
        metavar="NAME",
        type=text,
        help=_("person involved (created if new, without an audience: a tag is not evidence)"),
    )
    log.add_argument("--company", metavar="C", help=_("their company"), type=text)
    log.add_argument("--title", metavar="T", help=_("their job title"), type=text)
    log.add_argument(
        "--personalised", action="store_true", default=None, help=_("it was personalised")
    )
    log.add_argument(
        "--relevance",
        type=relevance,
        metavar="1-5",
        help=_("how relevant to your goals (default 3)"),
    )
    log.add_argument(
        "--channel",
        choices=["linkedin", "off"],
        help=_("where it happened (default: from the kind)"),
    )
    log.add_argument("--note", metavar="TEXT", help=_("free note"))
    log.add_argument(
        "--topic",
        action="append",
        metavar="T",
        help=_(
            "what it was about (repeatable): one of an audience's topics makes a post, talk or "
            "comment naming no one count for that audience"
        ),
    )
    log.set_defaults(handler=run_log)

    goals = subparsers.add_parser(
        "goals", parents=[common], help=_("load or show your relational goals")
    )
    goals_sub = goals.add_subparsers(dest="goals_command", metavar="ACTION", required=True)
    load = goals_sub.add_parser(
        "load", parents=[common], help=_("replace your goals with a TOML or JSON file")
    )
    load.add_argument("file", metavar="FILE", type=Path)
    load.set_defaults(handler=run_goals_load)
    show = goals_sub.add_parser("show", parents=[common], help=_("show your goals"))
    show.add_argument("--json", action="store_true", help=_("print the goals file shape as JSON"))
    show.set_defaults(handler=run_goals_show)
    profile = goals_sub.add_parser(
        "profile",
        parents=[common],
        help=_("show or set your headline and summary: weighted brand counts whom they speak to"),
    )
    profile.add_argument(
        "--headline", metavar="TEXT", help=_("your LinkedIn headline ('' clears it)")
    )
    profile.add_argument(
        "--summary", metavar="TEXT", help=_("your About section ('' clears it; newlines kept)")
    )
    profile.add_argument(
        "--json", action="store_true", help=_("print the texts and the fit as JSON")
    )
    profile.set_defaults(handler=run_goals_profile)

    contacts = subparsers.add_parser("contacts", parents=[common], help=_("list contacts"))
    contacts.add_argument("--json", action="store_true", help=_("print a JSON array"))
    contacts.add_argument(
        "--losing-touch",
        action="store_true",
        help=_("only contacts past their stay-in-touch cadence, most overdue first"),
    )
    contacts.add_argument("--as-of", metavar="DATE", help=_("with --losing-touch: as of this date"))
    contacts.set_defaults(handler=run_contacts)

    locate = subparsers.add_parser("locate", parents=[common], help=_("show where your data lives"))
    locate.add_argument("--json", action="store_true", help=_("print one JSON object"))
    locate.set_defaults(handler=run_locate)


def run_log(context: Context) -> int:
    """Store one activity."""
    args = context.args
    workspace = context.workspace(write=True)
    fields = {
        **activity_options(args),
        "date": context.parse_date(args.date, "--date", past=True),
        "source": "manual",
    }
    service = workspace.activities
    activity, created = service.log_undoably(service.build(fields)).result
    kind = workspace.catalog.kind(activity.kind)
    where = _("LinkedIn") if activity.channel == "linkedin" else _("off LinkedIn")
    message = _("Logged {kind} ({pillar}, {where}) on {day}").format(
        kind=workspace.catalog.label(activity.kind),
        pillar=kind.pillar,
        where=where,
        day=day(activity.date),
    )
    if activity.contact:
        message += _(" with {contact}").format(contact=activity.contact)
    message += f" [id {activity.id}]"
    if created is not None:
        message += "\n" + new_contact_line(created.name, activity.audience)
    context.done(
        message,
        activity=record(activity),
        contact_created=None if created is None else record(created),
    )
    return 0


def run_goals_load(context: Context) -> int:
    """Replace the goals with a file's."""
    from ssi_tui.domain.catalog import default_catalog
    from ssi_tui.domain.goals_file import load_goals_file

    path: Path = context.args.file
    goals = load_goals_file(path, default_catalog())
    workspace = context.workspace(write=True)
    workspace.goals.changed(
        _("goals loaded from {file}").format(file=path.name), lambda _before: goals
    )
    context.done(
        _("Loaded goals from {path}").format(path=path)
        + "\n"
        + render_goals(goals, workspace.catalog.label),
        goals=goals.to_file(),
    )
    return 0


def render_goals(goals: Goals, kind_words: Callable[[str], str]) -> str:
    """Goals as text: weights shown as percentages summing to 100 (`kind_words`: an activity
    kind's id in words, `Catalog.label`)."""
    if not goals.audiences:
        return _("No goals yet: load a file with `ssi-tui goals load FILE`.")
    lines = [_("Audiences:")]
    for audience in sorted(goals.audiences, key=lambda item: -item.weight):
        roles = ", ".join(goals.roles.get(audience.name, [])) or "-"
        share = percent(goals.share(audience.name))
        line = "  " + _("{audience:<14} {share:>4}  roles: {roles}").format(
            audience=audience.name, share=share, roles=roles
        )
        topics = goals.topics.get(audience.name)
        if topics:
            line += _("; topics: {topics}").format(topics=", ".join(topics))
        lines.append(line)
    if goals.accounts:
        lines.append(_("Target accounts:"))
        lines.extend(f"  {account.name} ({account.audience})" for account in goals.accounts)
    if goals.objectives:
        lines.append(_("Objectives per week:"))
        for objective in goals.objectives:
            lines.append("  " + objective_line(objective, kind_words))
    return "\n".join(lines)


def objective_line(objective: Objective, kind_words: Callable[[str], str]) -> str:
    """'3 × personalised message sent to prospects' (a weekly objective)."""
    from ssi_tui.wording.goals import objective_times

    return objective_times(
        objective.per_week,
        kind_words(objective.kind),
        objective.audience,
        objective.personalised,
    )


def run_goals_profile(context: Context) -> int:
    """Show the headline, summary and their fit with the goals; set either first if given."""
    from ssi_tui.cli.profile import run_profile

    return run_profile(context)


def run_goals_show(context: Context) -> int:
    """Print the goals."""
    workspace = context.workspace(write=False)
    goals = workspace.goals.get()
    if context.args.json:
        print_json(goals.to_file(), context.stdout)
    else:
        context.stdout.write(render_goals(goals, workspace.catalog.label) + "\n")
    return 0


def run_contacts(context: Context) -> int:
    """List contacts (or, with --losing-touch, those past their cadence)."""
    if context.args.losing_touch:
        from ssi_tui.cli.contact import run_losing_touch

        return run_losing_touch(context)
    if context.args.as_of is not None:
        raise UserError(_("--as-of only applies with --losing-touch"))
    service = context.workspace(write=False).contacts
    contacts = service.rows()
    short = short_ids(row.contact.id for row in contacts)
    if context.args.json:
        print_json([contact_json(row, short[row.contact.id]) for row in contacts], context.stdout)
        return 0
    rows = [
        (
            short[row.contact.id],
            row.contact.name,
            row.contact.company,
            row.contact.title,
            row.shown_audience,
            row.last.isoformat() if row.last else None,
            row.contact.profile_url,
        )
        for row in contacts
    ]
    headers = (
        pgettext("column", "id"),
        pgettext("column", "name"),
        pgettext("column", "company"),
        pgettext("column", "title"),
        pgettext("column", "audience"),
        pgettext("column", "last"),
        pgettext("column", "profile"),
    )
    context.stdout.write(
        format_table(headers, rows) + f"\n{counted(len(rows), 'contact', 'contacts')}\n"
    )
    return 0


def contact_json(row: ContactRow, short_id: str) -> dict[str, Any]:
    """One contact as `contacts --json` prints it: the stored fields, with `audience` the one
    the scores use (`audience_set`: their own; `audience_source`: set, account or role)."""
    data = row.contact.model_dump(mode="json")
    data["audience_set"] = data["audience"]
    data["audience"] = row.audience
    data["audience_source"] = row.source
    data["short_id"] = short_id
    data["last_interaction"] = row.last.isoformat() if row.last else None
    return data


def run_locate(context: Context) -> int:
    """Print where the data lives (and make it private, if something opened it up)."""
    from ssi_tui.services.backups import secure

    data_dir = context.data_dir()
    if not context.demo:
        secure(data_dir)
    info = {"data_dir": str(data_dir), "store": str(data_dir / "store.json")}
    if context.args.json:
        print_json(info, context.stdout)
    else:
        context.stdout.write(_("data dir: {data_dir}\nstore:    {store}").format(**info) + "\n")
    return 0
