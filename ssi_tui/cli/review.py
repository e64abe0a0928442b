"""`ssi-tui reading add|edit|remove`, `readings` and `history`: official SSI readings and the
weekly trend."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from ssi_tui.cli.args import whole_number
from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json, record
from ssi_tui.domain.dates import MAX_WEEKS
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _, pgettext, short_number
from ssi_tui.wording import day as day_text
from ssi_tui.wording import number as shown_number
from ssi_tui.wording.labels import pillar_label

if TYPE_CHECKING:
    from ssi_tui.domain.models import SSIReading
    from ssi_tui.domain.review import OfficialComparison, WeekRow
    from ssi_tui.services.errors import InputError


def number(text: str) -> float:
    """Parse a score: a finite decimal number."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a number, got {text}").format(text=repr(text))
        ) from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(
            _("expected a finite number, got {text}").format(text=repr(text))
        )
    return value


weeks_count = whole_number("weeks", 1, MAX_WEEKS)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `reading add`, `readings` and `history`."""
    reading = subparsers.add_parser(
        "reading", parents=[common], help=_("record what LinkedIn's SSI page shows")
    )
    actions = reading.add_subparsers(dest="reading_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        parents=[common],
        help=_("add an official SSI reading"),
        description=(
            _(
                "Copy what linkedin.com/sales/ssi shows: the total, the four pillars (0-25 each; the "
                "total must equal their sum to ±1), and optionally your industry and network rank "
                "(top %) and the industry and network averages. One reading a day: a day that has "
                "one is refused unless --replace."
            )
        ),
    )
    add.add_argument("--date", metavar="DATE", help=_("the day of the reading (default today)"))
    reading_numbers(add, required=True)
    add.add_argument(
        "--replace", action="store_true", help=_("replace the reading the day has already")
    )
    add.set_defaults(handler=run_reading_add)

    edit = actions.add_parser(
        "edit",
        parents=[common],
        help=_("change a reading's numbers"),
        description=_("Change the numbers given of the reading of DATE; the others stay."),
    )
    edit.add_argument("day", metavar="DATE", help=_("the day of the reading"))
    reading_numbers(edit, required=False)
    edit.set_defaults(handler=run_reading_edit)

    remove = actions.add_parser(
        "remove",
        parents=[common],
        help=_("remove a reading"),
        description=_("Remove the reading of DATE."),
    )
    remove.add_argument("day", metavar="DATE", help=_("the day of the reading"))
    remove.set_defaults(handler=run_reading_remove)

    readings = subparsers.add_parser(
        "readings",
        parents=[common],
        help=_("list official SSI readings, the latest beside our raw estimate"),
    )
    readings.add_argument("--json", action="store_true", help=_("print one JSON object"))
    readings.set_defaults(handler=run_readings)

    history = subparsers.add_parser(
        "history",
        parents=[common],
        help=_("weekly raw, weighted and official totals"),
        description=(
            _(
                "For each of the last N weeks: raw and goal-weighted scores as of the week's Sunday "
                "(the same numbers as `ssi-tui score --as-of SUNDAY`) and the official reading of "
                "that Monday-Sunday week, if any."
            )
        ),
    )
    history.add_argument(
        "--weeks", type=weeks_count, default=12, metavar="N", help=_("how many weeks (default 12)")
    )
    history.add_argument("--as-of", metavar="DATE", help=_("the last week ends on or before this"))
    history.add_argument("--json", action="store_true", help=_("print a JSON array, oldest first"))
    history.set_defaults(handler=run_history)


def reading_numbers(parser: argparse.ArgumentParser, *, required: bool) -> None:
    """A reading's numbers as options: the total and the four pillars (`required` to add one),
    the ranks and averages."""
    parser.add_argument(
        "--total", type=number, required=required, metavar="T", help=_("SSI total, 0-100")
    )
    for pillar in PILLARS:
        parser.add_argument(
            f"--{pillar}", type=number, required=required, metavar=pillar[0].upper(), help=_("0-25")
        )
    parser.add_argument(
        "--industry-rank", type=number, metavar="P", help=_("industry rank, top %%")
    )
    parser.add_argument("--network-rank", type=number, metavar="P", help=_("network rank, top %%"))
    parser.add_argument("--industry-avg", type=number, metavar="A", help=_("industry average SSI"))
    parser.add_argument("--network-avg", type=number, metavar="A", help=_("network average SSI"))


def run_reading_add(context: Context) -> int:
    """Validate and store one reading (nothing is stored when anything is off)."""
    from ssi_tui.services.errors import InputError
    from ssi_tui.services.readings import READING_FIELDS

    args = context.args
    values = {name: getattr(args, name) for name in READING_FIELDS}
    workspace = context.workspace(write=True)
    try:
        change = workspace.readings.add_undoably(
            {**values, "date": args.date}, replace=args.replace
        )
        reading, warnings = change.result
    except InputError as error:
        message = option_error(error)
        hint = " " + _("(--replace replaces it)") if getattr(error, "existing", None) else ""
        raise UserError(message + hint) from None
    message = _("Added the reading of {day}: {summary}").format(
        day=day_text(reading.date), summary=_summary(reading)
    )
    for warning in warnings:
        context.stderr.write(_("ssi-tui: warning: {warning}").format(warning=warning) + "\n")
    comparison = workspace.review.latest_comparison(context.today)
    latest = comparison is not None and comparison.reading.id == reading.id
    if comparison is not None and latest:
        message += "\n" + comparison.summary()
    context.done(message, reading=record(reading), warnings=list(warnings))
    return 0


def _reading_of(context: Context) -> SSIReading:
    """The reading of the DATE given (a `UserError` when that day has none)."""
    day = context.parse_date(context.args.day, "DATE", past=True)
    workspace = context.workspace(write=True)
    reading = workspace.readings.on(day) if day else None
    if reading is None or day is None:
        raise UserError(
            _("no reading on {day}; see `ssi-tui readings`").format(day=context.args.day)
        )
    return reading


def run_reading_edit(context: Context) -> int:
    """Change the numbers given of a reading (checked as a whole, as when it was added)."""
    from ssi_tui.services.errors import InputError
    from ssi_tui.services.readings import READING_FIELDS

    original = _reading_of(context)
    given = {name: getattr(context.args, name) for name in READING_FIELDS}
    values = {
        name: given[name] if given[name] is not None else getattr(original, name)
        for name in READING_FIELDS
    }
    workspace = context.workspace(write=True)
    try:
        change = workspace.readings.edit_undoably(original, {**values, "date": original.date})
        reading, warnings = change.result
    except InputError as error:
        raise UserError(option_error(error)) from None
    for warning in warnings:
        context.stderr.write(_("ssi-tui: warning: {warning}").format(warning=warning) + "\n")
    context.done(
        _("Edited the reading of {day}: {summary}").format(
            day=day_text(reading.date), summary=_summary(reading)
        ),
        reading=record(reading),
        warnings=list(warnings),
    )
    return 0


def run_reading_remove(context: Context) -> int:
    """Remove a reading."""
    reading = _reading_of(context)
    context.workspace(write=True).readings.delete_undoably(reading.id)
    context.done(
        _("Removed the reading of {day}: {summary}").format(
            day=day_text(reading.date), summary=_summary(reading)
        ),
        reading=record(reading),
    )
    return 0


def option_error(error: InputError) -> str:
    """An input error as one line naming the option it is about (`--brand must be 0-25…`)."""
    message = str(error)
    if error.field is None:
        return message
    option = "--" + error.field.replace("_", "-")
    if message.startswith("must"):
        return f"{option} {message}"
    return _("{name}: {value}").format(name=option, value=message)


def _summary(reading: SSIReading) -> str:
    pillars = ", ".join(f"{pillar} {short_number(reading.pillar(pillar))}" for pillar in PILLARS)
    return f"{short_number(reading.total)} ({pillars})"


def run_readings(context: Context) -> int:
    """List readings, oldest first, and compare the latest with our raw estimate."""
    from ssi_tui.domain.review import reading_json

    workspace = context.workspace(write=False)
    readings = workspace.readings.all()
    comparison = workspace.review.latest_comparison(context.today)
    if context.args.json:
        print_json(
            {
                "readings": [reading_json(reading) for reading in readings],
                "latest_comparison": comparison.as_dict() if comparison else None,
            },
            context.stdout,
        )
        return 0
    if not readings:
        context.stdout.write(
            _("No readings yet: add what LinkedIn's SSI page shows with `ssi-tui reading add`.")
            + "\n"
        )
        return 0
    rows = [
        (
            reading.date.isoformat(),
            short_number(reading.total),
            *(short_number(reading.pillar(pillar)) for pillar in PILLARS),
            *(
                None if value is None else short_number(value)
                for value in (
                    reading.industry_rank,
                    reading.network_rank,
                    reading.industry_avg,
                    reading.network_avg,
                )
            ),
        )
        for reading in readings
    ]
    headers = (
        pgettext("column", "date"),
        pgettext("column", "total"),
        *(pillar_label(pillar, short=True).lower() for pillar in PILLARS),
        pgettext("column", "ind. top%"),
        pgettext("column", "net. top%"),
        pgettext("column", "ind. avg"),
        pgettext("column", "net. avg"),
    )
    context.stdout.write(format_table(headers, rows, align_right=range(1, 10)) + "\n")
    if comparison is not None:
        context.stdout.write("\n" + render_comparison(comparison) + "\n")
    return 0


def render_comparison(comparison: OfficialComparison) -> str:
    """The latest reading beside our estimate, pillar by pillar."""
    reading = comparison.reading
    names = {pillar: pillar_label(pillar, short=True) for pillar in PILLARS}
    width = max(len(name) for name in [*names.values(), pgettext("column", "pillar")])
    lines = [
        _("Latest reading ({day}) vs our estimate on that day:").format(day=day_text(reading.date)),
        "  "
        + pgettext("column", "pillar").ljust(width)
        + "".join(
            f" {header:>10}"
            for header in (
                "LinkedIn",
                pgettext("column", "our raw"),
                pgettext("column", "weighted"),
            )
        ),
    ]
    for item in comparison.pillars:
        lines.append(
            f"  {names[item.pillar]:<{width}} {short_number(item.official):>10}"
            f" {shown_number(item.raw, 1):>10} {shown_number(item.weighted, 1):>10}"
            f"   {item.sentence()}"
        )
    lines.append(
        "  "
        + pgettext("column", "total").ljust(width)
        + f" {short_number(reading.total):>10} {shown_number(comparison.raw_total, 1):>10}"
        f" {shown_number(comparison.weighted_total, 1):>10}"
    )
    return "\n".join(lines)


def run_history(context: Context) -> int:
    """Print the weekly history, oldest first."""
    args = context.args
    as_of = context.parse_date(args.as_of, "--as-of", past=True) or context.today
    rows = context.workspace(write=False).review.weekly_history(as_of, args.weeks)
    if args.json:
        print_json([row.as_dict() for row in rows], context.stdout)
    else:
        context.stdout.write(render_history(rows) + "\n")
    return 0


def render_history(rows: list[WeekRow]) -> str:
    """The weekly history as a table."""
    table = []
    for row in rows:
        official = row.official
        table.append(
            (
                row.week_end.isoformat(),
                shown_number(row.raw, 1),
                shown_number(row.weighted, 1),
                *(
                    f"{shown_number(row.totals.pillars[p].raw, 1)}/"
                    f"{shown_number(row.totals.pillars[p].weighted, 1)}"
                    for p in PILLARS
                ),
                short_number(official.total) if official else None,
            )
        )
    headers = (
        pgettext("column", "week end"),
        pgettext("column", "raw"),
        pgettext("column", "weighted"),
        *(_("{pillar} r/w").format(pillar=pillar_label(p, short=True).lower()) for p in PILLARS),
        pgettext("column", "official"),
    )
    return format_table(headers, table, align_right=range(1, 8))
