"""`ssi-tui plan add|list|remove` (and the parsers of `plan suggest|adopt|project`), `agenda`,
`done`, and `contacts --losing-touch`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ssi_tui.cli.args import text, whole_number
from ssi_tui.cli.context import Context
from ssi_tui.cli.output import format_table, print_json, record
from ssi_tui.cli.projecting import run_plan_adopt, run_plan_project, run_plan_suggest
from ssi_tui.wording import N_, _, counted, day, pgettext, weekday_short

if TYPE_CHECKING:
    from ssi_tui.domain.agenda import AgendaItem
    from ssi_tui.services.planner import Planner

RULE_HELP = N_(
    "a preset (daily, weekdays, weekly, biweekly, monthly: weekly/biweekly on the start's "
    "weekday, monthly on its day) or an RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TU,TH"
)


count = whole_number("count", 1, 10_000)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add plan, agenda and done."""
    plan = subparsers.add_parser(
        "plan", parents=[common], help=_("recurring planned actions (add, list, remove, suggest)")
    )
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        parents=[common],
        help=_("add a recurring planned action"),
        description=_("Add a plan. RULE is {rule}.").format(rule=_(RULE_HELP)),
    )
    add.add_argument(
        "kind", metavar="KIND", help=_("activity kind from the catalog (e.g. comment)")
    )
    add.add_argument("--rule", required=True, metavar="RULE", help=_("preset or RRULE (see above)"))
    add.add_argument(
        "--audience", metavar="A", type=text, help=_("audience it aims at (from your goals)")
    )
    add.add_argument("--contact", metavar="NAME", help=_("person it is for"), type=text)
    add.add_argument("--company", metavar="C", help=_("company it is for"), type=text)
    add.add_argument(
        "--personalised", action="store_true", help=_("the activity is personalised (messages…)")
    )
    add.add_argument("--start", metavar="DATE", help=_("first day (default today)"))
    end = add.add_mutually_exclusive_group()
    end.add_argument("--until", metavar="DATE", help=_("last day (inclusive)"))
    end.add_argument("--count", type=count, metavar="N", help=_("stop after N occurrences"))
    add.add_argument("--note", metavar="TEXT", help=_("what exactly to do"))
    add.set_defaults(handler=run_plan_add)

    listing = actions.add_parser("list", parents=[common], help=_("list plans with their streaks"))
    listing.add_argument("--json", action="store_true", help=_("print a JSON array"))
    listing.set_defaults(handler=run_plan_list)

    remove = actions.add_parser("remove", parents=[common], help=_("remove a plan"))
    remove.add_argument("plan_id", metavar="ID", help=_("plan id (or a unique prefix of 4+ chars)"))
    remove.set_defaults(handler=run_plan_remove)

    suggest = actions.add_parser(
        "suggest", parents=[common], help=_("plans suggested by objectives behind and by flags")
    )
    suggest.add_argument("--as-of", metavar="DATE", help=_("as of this date (default today)"))
    suggest.add_argument("--json", action="store_true", help=_("print a JSON array"))
    suggest.set_defaults(handler=run_plan_suggest)

    project = actions.add_parser(
        "project",
        parents=[common],
        help=_(
            "week by week, your scores if every plan is done on schedule, against doing nothing"
        ),
        description=(
            _(
                "For each of the next N weeks: the raw and weighted totals at the week's end if "
                "every open occurrence of every plan were done on its day (logged as `done` would "
                "log it), beside doing nothing (the decay alone). Nothing is saved."
            )
        ),
    )
    project.add_argument(
        "--weeks",
        type=whole_number("weeks", 1, 26),
        default=4,
        metavar="N",
        help=_("how many weeks ahead (1-26, default 4)"),
    )
    project.add_argument("--json", action="store_true", help=_("print one JSON object"))
    project.set_defaults(handler=run_plan_project)

    adopt = actions.add_parser(
        "adopt",
        parents=[common],
        help=_("adopt a suggestion by its id or number (see `plan suggest`)"),
    )
    adopt.add_argument(
        "suggestion",
        metavar="ID",
        help=_("the suggestion's id (stable: s…), or its number in today's list"),
    )
    adopt.set_defaults(handler=run_plan_adopt)

    agenda = subparsers.add_parser(
        "agenda",
        parents=[common],
        help=_("overdue, today's and this week's planned actions"),
        description=(
            _(
                "Overdue: open occurrences of the last 14 days. Today. Week: the next 6 days. "
                "Mark one done with `ssi-tui done PLAN_ID`."
            )
        ),
    )
    agenda.add_argument("--as-of", metavar="DATE", help=_("as of this date (default today)"))
    agenda.add_argument("--json", action="store_true", help=_("print one JSON object"))
    agenda.set_defaults(handler=run_agenda)

    done = subparsers.add_parser(
        "done",
        parents=[common],
        help=_("mark a plan's occurrence done (logs the activity, dated the day you did it)"),
        description=(
            _(
                "Mark done the plan's occurrence of the day you did it (--date, default today) when "
                "there is one, else its oldest open one (last 14 days); --occurrence picks any. The "
                "activity is dated the day you did it and linked to the occurrence. An occurrence "
                "done after its day is late: it counts in the scores on the day done; missed on its "
                "day, it stays a break in the streak."
            )
        ),
    )
    done.add_argument(
        "plan_id", metavar="PLAN_ID", help=_("plan id (or a unique prefix of 4+ chars)")
    )
    done.add_argument("--date", metavar="DATE", help=_("the day you did it (default: today)"))
    done.add_argument(
        "--occurrence", metavar="DATE", help=_("the occurrence done (default: see above)")
    )
    done.set_defaults(handler=run_done)

    skip = subparsers.add_parser(
        "skip",
        parents=[common],
        help=_("skip a plan's occurrence (it leaves the agenda; the streak is left as it was)"),
        description=(
            _(
                "Skip the plan's occurrence of today when it is open, else its oldest open one "
                "(last 14 days); --occurrence picks any. Skipping is a decision: it neither extends "
                "nor breaks a streak."
            )
        ),
    )
    skip.add_argument(
        "plan_id", metavar="PLAN_ID", help=_("plan id (or a unique prefix of 4+ chars)")
    )
    skip.add_argument("--occurrence", metavar="DATE", help=_("the occurrence skipped"))
    skip.set_defaults(handler=run_skip)


def _planner(context: Context, write: bool) -> Planner:
    return context.workspace(write=write).planner


def run_plan_add(context: Context) -> int:
    """Store one plan."""
    args = context.args
    start = context.parse_date(args.start, "--start")
    until = context.parse_date(args.until, "--until")
    planner = _planner(context, write=True)
    plan = planner.add_plan_undoably(
        {
            "kind": args.kind,
            "rule": args.rule,
            "audience": args.audience,
            "contact": args.contact,
            "company": args.company,
            "personalised": args.personalised,
            "start": start,
            "until": until,
            "count": args.count,
            "note": args.note,
        }
    ).result
    from datetime import timedelta

    from ssi_tui.domain.recurrence import describe, next_occurrence

    from_day = max(plan.start, planner.workspace.today) - timedelta(days=1)
    due = next_occurrence(plan.recurrence, plan.start, from_day)
    text = _("Added plan {id}: {kind} {schedule} from {start}").format(
        id=plan.short_id, kind=plan.kind, schedule=describe(plan.recurrence), start=day(plan.start)
    )
    if plan.audience:
        text += " " + _("for {audience}").format(audience=plan.audience)
    if plan.who:
        text += " " + _("with {who}").format(who=plan.who)
    if due:
        text += "; " + _("next {day}").format(day=day(due))
    context.done(
        text + f" [id {plan.id}]",
        plan=record(plan),
        next=due.isoformat() if due else None,
    )
    return 0


def run_plan_list(context: Context) -> int:
    """List plans: schedule, next occurrence, streak."""
    rows = _planner(context, write=False).plan_rows()
    if context.args.json:
        print_json([row.as_dict() for row in rows], context.stdout)
        return 0
    table = [
        (
            row.plan.short_id,
            row.plan.kind,
            row.schedule,
            row.plan.audience,
            row.plan.who,
            row.next.isoformat() if row.next else _("ended"),
            _("{current} (best {best})").format(current=row.streak.current, best=row.streak.best),
            row.plan.note,
        )
        for row in rows
    ]
    headers = (
        pgettext("column", "id"),
        pgettext("column", "kind"),
        pgettext("column", "schedule"),
        pgettext("column", "audience"),
        pgettext("column", "who"),
        pgettext("column", "next"),
        pgettext("column", "streak"),
        pgettext("column", "note"),
    )
    context.stdout.write(
        format_table(headers, table) + f"\n{counted(len(table), 'plan', 'plans')}\n"
    )
    return 0


def run_plan_remove(context: Context) -> int:
    """Delete one plan."""
    plan = _planner(context, write=True).remove_plan_undoably(context.args.plan_id).result
    if isinstance(plan, str):  # an invalid stored plan, removed by its id
        context.done(_("Removed the invalid plan {id}").format(id=plan[:8]), plan={"id": plan})
        return 0
    context.done(
        _("Removed plan {id} ({kind}); activities done from it stay in the log").format(
            id=plan.short_id, kind=plan.kind
        ),
        plan=record(plan),
    )
    return 0


def _agenda_row(section: str, item: AgendaItem) -> tuple[object, ...]:
    mark = {"open": "[ ]", "done": "[x]", "skipped": "[-]"}[item.status]
    sections = {
        "overdue": pgettext("agenda", "overdue"),
        "today": pgettext("agenda", "today"),
        "week": pgettext("agenda", "week"),
    }
    return (
        sections.get(section, section),
        f"{item.date.isoformat()} {weekday_short(item.date)}",
        mark,
        item.plan.kind,
        item.plan.audience,
        item.plan.who,
        item.plan.note,
        item.plan.short_id,
    )


def run_agenda(context: Context) -> int:
    """Print the agenda."""
    as_of = context.parse_date(context.args.as_of, "--as-of", past=True)
    planner = _planner(context, write=False)
    agenda = planner.agenda(as_of)
    if context.args.json:
        print_json(agenda.as_dict(), context.stdout)
        return 0
    rows = [
        *(_agenda_row("overdue", item) for item in agenda.overdue),
        *(_agenda_row("today", item) for item in agenda.today),
        *(_agenda_row("week", item) for item in agenda.week),
    ]
    if not rows:
        context.stdout.write(
            _(
                "Nothing planned around {day}: add a plan with `ssi-tui plan add KIND --rule "
                "weekly`."
            ).format(day=day(agenda.as_of))
            + "\n"
        )
        return 0
    headers = (
        pgettext("column", "when"),
        pgettext("column", "date"),
        "",
        pgettext("column", "kind"),
        pgettext("column", "audience"),
        pgettext("column", "who"),
        pgettext("column", "note"),
        pgettext("column", "plan"),
    )
    streak = planner.overall_streak(agenda.as_of)
    head = _(
        "Agenda as of {day}: {overdue} overdue, {open} of {today} open today, {week} this week"
    ).format(
        day=day(agenda.as_of),
        overdue=len(agenda.overdue),
        open=len(agenda.open_today),
        today=len(agenda.today),
        week=len(agenda.week),
    )
    tail = _("Streak: {days} with every planned action done on time (best {best})").format(
        days=counted(streak.current, "day", "days"), best=streak.best
    )
    context.stdout.write(f"{head}\n{format_table(headers, rows)}\n{tail}\n")
    return 0


def run_done(context: Context) -> int:
    """Mark an occurrence done, dated the day it was done."""
    args = context.args
    done_on = context.parse_date(args.date, "--date", past=True)
    occurrence = context.parse_date(args.occurrence, "--occurrence")
    planner = _planner(context, write=True)
    plan = planner.find_plan(args.plan_id)
    activity = planner.workspace.journal.record(
        lambda: planner.done_next(plan.id, done_on, occurrence),
        lambda done: _("done: {kind} of {day} (plan {id})").format(
            kind=done.kind, day=day(done.occurrence) if done.occurrence else "?", id=plan.short_id
        ),
    )
    when = activity.occurrence
    late = when is not None and activity.date > when
    text = _("Done: {kind} of {occurrence} (plan {id}), logged on {day}").format(
        kind=activity.kind,
        occurrence=day(when) if when else "?",
        id=plan.short_id,
        day=day(activity.date),
    )
    if late:
        text += " — " + _("late: it counts that day; the streak stays as it was")
    context.done(
        text + f" [id {activity.id}]",
        activity=record(activity),
        plan=plan.id,
        occurrence=when.isoformat() if when else None,
        late=late,
    )
    return 0


def run_skip(context: Context) -> int:
    """Skip an occurrence."""
    occurrence = context.parse_date(context.args.occurrence, "--occurrence")
    planner = _planner(context, write=True)
    plan = planner.find_plan(context.args.plan_id)
    event = planner.workspace.journal.record(
        lambda: planner.skip_next(plan.id, occurrence),
        lambda skipped: _("skipped: {kind} of {day} (plan {id})").format(
            kind=plan.kind, day=day(skipped.occurrence), id=plan.short_id
        ),
    )
    context.done(
        _("Skipped: {kind} of {day} (plan {id})").format(
            kind=plan.kind, day=day(event.occurrence), id=plan.short_id
        ),
        plan=plan.id,
        occurrence=event.occurrence.isoformat(),
    )
    return 0
