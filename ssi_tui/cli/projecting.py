"""`ssi-tui plan suggest|adopt|project`: what the plans and the suggestions would do."""

from __future__ import annotations

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json, record
from ssi_tui.wording import _, day, number, pgettext, plural, signed
from ssi_tui.wording.goals import no_suggestion_text
from ssi_tui.wording.recurrence import planned

PROJECTION_WEEKS = 4  # how far `plan suggest` projects each suggestion


def run_plan_project(context: Context) -> int:
    """The week-by-week projection of the plans against doing nothing."""
    workspace = context.workspace(write=False)
    plans = workspace.planner.all_plans()
    weeks = workspace.projection.project(context.args.weeks)
    if context.args.json:
        print_json(
            {"plans": len(plans), "weeks": [week.as_dict() for week in weeks]}, context.stdout
        )
        return 0
    if not plans:
        context.stdout.write(
            _("No plans yet: the scores would only decay (`ssi-tui plan suggest` proposes some).")
            + "\n"
        )
    rows = [
        (
            week.week_end.isoformat(),
            str(week.occurrences),
            number(week.planned.raw, 1),
            number(week.nothing.raw, 1),
            number(week.planned.weighted, 1),
            number(week.nothing.weighted, 1),
            signed(week.planned.weighted - week.nothing.weighted),
        )
        for week in weeks
    ]
    headers = (
        pgettext("column", "week ending"),
        pgettext("column", "done"),
        pgettext("column", "raw"),
        pgettext("column", "idle raw"),
        pgettext("column", "weighted"),
        pgettext("column", "idle wtd"),
        pgettext("column", "gain wtd"),
    )
    head = plural(
        len(plans),
        "{count} plan done on schedule, against doing nothing (totals out of 100):",
        "{count} plans done on schedule, against doing nothing (totals out of 100):",
    ).format(count=len(plans))
    context.stdout.write(f"{head}\n{format_table(headers, rows, align_right=range(1, 7))}\n")
    return 0


def run_plan_suggest(context: Context) -> int:
    """List suggested plans: as of today ranked by what each would add in four weeks (the
    numbering `plan adopt` uses); as of an earlier day in the planner's order, unprojected (a
    projection starts from the scores as they are today)."""
    as_of = context.parse_date(context.args.as_of, "--as-of", past=True)
    workspace = context.workspace(write=False)
    today = as_of in (None, context.today)
    if today:
        ranked = workspace.projection.ranked_suggestions(PROJECTION_WEEKS)
    else:
        ranked = [(item, None) for item in workspace.planner.suggestions(as_of)]
    if context.args.json:
        print_json(
            [
                {**item.as_dict(), "projected_gain": None if gain is None else gain.as_dict()}
                for item, gain in ranked
            ],
            context.stdout,
        )
        return 0
    from ssi_tui.domain.recurrence import rule_label

    if not ranked:
        behind = sum(1 for item in workspace.goals.objectives() if not item.met)
        context.stdout.write(no_suggestion_text(behind) + "\n")
        return 0
    for rank, (item, gain) in enumerate(ranked, start=1):
        who = " · ".join(filter(None, [item.audience, item.company]))
        what = planned(rule_label(item.rule), item.kind, item.personalised)
        lines = [
            f"{rank}. {what}" + (f" ({who})" if who else "") + f" [id {item.id}]",
            "   " + _("why: {reason}").format(reason=item.reason),
        ]
        if gain is not None:
            lines.append("   " + _("{gain} (against doing nothing)").format(gain=gain.label()))
        context.stdout.write("\n".join(lines) + "\n")
    context.stdout.write(
        _(
            "Adopt one with `ssi-tui plan adopt ID` (its id stays the same as others are "
            "adopted; its number is this list's)."
        )
        + "\n"
    )
    return 0


def run_plan_adopt(context: Context) -> int:
    """Turn a suggestion into a plan: by its id (stable), or its number in `plan suggest`'s
    current list."""
    workspace = context.workspace(write=True)
    ranked = [item for item, _ in workspace.projection.ranked_suggestions(PROJECTION_WEEKS)]
    wanted = context.args.suggestion.strip()
    if wanted.isdigit():
        rank = int(wanted)
        if not 1 <= rank <= len(ranked):
            raise UserError(
                _("no suggestion {number}: there are {count} (see `ssi-tui plan suggest`)").format(
                    number=rank, count=len(ranked)
                )
            )
        chosen = ranked[rank - 1]
    else:
        matches = [item for item in ranked if item.id.startswith(wanted.lower())]
        if len(matches) != 1 or len(wanted) < 3:
            raise UserError(
                _(
                    "no suggestion with id {id} (adopted already, or no longer suggested: see "
                    "`ssi-tui plan suggest`)"
                ).format(id=repr(wanted))
                if not matches
                else _("suggestion id {id} is ambiguous: give more characters").format(
                    id=repr(wanted)
                )
            )
        chosen = matches[0]
    plan = workspace.planner.adopt(chosen).result
    from ssi_tui.domain.recurrence import describe

    context.done(
        _("Adopted as plan {id}: {kind}, {schedule} from {start}").format(
            id=plan.short_id,
            kind=plan.kind,
            schedule=describe(plan.recurrence),
            start=day(plan.start),
        )
        + f" [id {plan.id}]",
        plan=record(plan),
        suggestion=chosen.id,
    )
    return 0
