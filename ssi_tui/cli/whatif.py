"""`ssi-tui whatif KIND`: what logging an activity today would do to each score."""

from __future__ import annotations

import argparse

from ssi_tui.cli.args import activity_options, text, whole_number
from ssi_tui.cli.context import Context
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _

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
    for pillar in PILLARS:
        raw, weighted = result.delta(pillar)
        old, new = before.pillars[pillar], after.pillars[pillar]
        rows.append(
            (
                pillar,
                f"{old.raw:.1f} → {new.raw:.1f}",
                f"{raw:+.1f}",
                f"{old.weighted:.1f} → {new.weighted:.1f}",
                f"{weighted:+.1f}",
            )
        )
    rows.append(
        (
            "total",
            f"{before.total_raw:.1f} → {after.total_raw:.1f}",
            f"{after.total_raw - before.total_raw:+.1f}",
            f"{before.total_weighted:.1f} → {after.total_weighted:.1f}",
            f"{after.total_weighted - before.total_weighted:+.1f}",
        )
    )
    times = "once" if args.count == 1 else f"{args.count} times"
    context.stdout.write(
        f"If you logged {result.activity.kind} {times} today (nothing saved):\n"
        + format_table(
            ("pillar", "raw", "change", "weighted", "change"), rows, align_right=range(1, 5)
        )
        + "\n"
    )
    return 0
