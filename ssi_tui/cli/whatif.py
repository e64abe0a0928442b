"""`ssi-tui whatif KIND`: what logging an activity today would do to each score."""

from __future__ import annotations

import argparse

from ssi_tui.cli.args import activity_options, text, whole_number
from ssi_tui.cli.context import Context
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _, number, pgettext, plural, signed
from ssi_tui.wording.labels import pillar_label

count_option = whole_number("count", 1, 100)
relevance_option = whole_number("relevance", 1, 5)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `whatif`."""
    parser = subparsers.add_parser(
        "whatif",
        parents=[common],
        help=_("what logging an activity today would do to your scores (nothing is saved)"),
        description=(
            _(
                "Scores today, raw and goal-weighted, and what they would be if KIND were logged "
                "N times today with these details (checked like `ssi-tui log`; nothing is saved)."
            )
        ),
    )
    parser.add_argument("kind", metavar="KIND", help=_("activity kind from the catalog"))
    parser.add_argument(
        "--count", type=count_option, default=1, metavar="N", help=_("times (1-100)")
    )
    parser.add_argument("--audience", metavar="A", help=_("audience it would reach"), type=text)
    parser.add_argument("--contact", metavar="NAME", help=_("person involved"), type=text)
    parser.add_argument("--company", metavar="C", help=_("their company"), type=text)
    parser.add_argument("--title", metavar="T", help=_("their job title"), type=text)
    parser.add_argument("--personalised", action="store_true", help=_("personalised"))
    parser.add_argument(
        "--relevance", type=relevance_option, metavar="1-5", help=_("how relevant (default 3)")
    )
    parser.add_argument(
        "--channel", choices=["linkedin", "off"], help=_("where (default: from the kind)")
    )
    parser.add_argument("--note", metavar="TEXT", help=_("free note (its topics count)"))
    parser.add_argument(
        "--topic", action="append", metavar="T", help=_("what it would be about (repeatable)")
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(handler=run_whatif)


def run_whatif(context: Context) -> int:
    """Print the scores before and after, and the change."""
    args = context.args
    fields = activity_options(args)
    result = context.workspace(write=False).projection.whatif(fields, args.count)
    if args.json:
        print_json(result.as_dict(), context.stdout)
        return 0
    before, after = result.before.breakdown, result.after.breakdown
    rows = []

    def change(old: float, new: float) -> tuple[str, str]:
        return f"{number(old, 1)} → {number(new, 1)}", signed(new - old)

    for pillar in PILLARS:
        old, new = before.pillars[pillar], after.pillars[pillar]
        rows.append(
            (
                pillar_label(pillar, short=True),
                *change(old.raw, new.raw),
                *change(old.weighted, new.weighted),
            )
        )
    rows.append(
        (
            pgettext("column", "total"),
            *change(before.total_raw, after.total_raw),
            *change(before.total_weighted, after.total_weighted),
        )
    )
    head = plural(
        args.count,
        "If you logged {kind} {count} time today (nothing saved):",
        "If you logged {kind} {count} times today (nothing saved):",
    ).format(kind=result.activity.kind, count=args.count)
    headers = (
        pgettext("column", "pillar"),
        pgettext("column", "raw"),
        pgettext("column", "change"),
        pgettext("column", "weighted"),
        pgettext("column", "change"),
    )
    context.stdout.write(head + "\n" + format_table(headers, rows, align_right=range(1, 5)) + "\n")
    return 0
