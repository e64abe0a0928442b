"""`ssi-tui score`: raw and goal-weighted pillar scores with the mismatch flags."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ssi_tui.cli.args import whole_number
from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import bar, print_json
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording.labels import pillar_label

if TYPE_CHECKING:
    from ssi_tui.domain.report import Report


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `score` subcommand."""
    parser = subparsers.add_parser(
        "score",
        parents=[common],
        help="show raw and goal-weighted scores and the mismatch flags",
        description="Raw and goal-weighted pillar scores (0-25 each, 0-100 in total) with mismatch flags.",
    )
    parser.add_argument("--as-of", metavar="DATE", help="score as of this date (default: today)")
    parser.add_argument(
        "--window",
        metavar="DAYS",
        type=window_days,
        help="days of activity that count (default 90)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--no-calibration",
        action="store_true",
        help="leave out the estimate calibrated on your official readings (see `calibrate`)",
    )
    parser.set_defaults(handler=run_score)


window_days = whole_number("window", 7, 3650, "days")


def run_score(context: Context) -> int:
    """Print the score report."""
    args = context.args
    as_of = context.parse_date(args.as_of, "--as-of", past=True) or context.today
    workspace = context.workspace(write=False)
    report = workspace.report(as_of, args.window, calibrated=not args.no_calibration)
    if args.json:
        from ssi_tui.domain.report import report_json

        print_json(report_json(report), context.stdout)
    else:
        context.stdout.write(render_report(report) + "\n")
    return 0


def render_report(report: Report) -> str:
    """The human-readable score table."""
    scores = report.breakdown
    lines = [
        f"SSI as of {scores.as_of.isoformat()} · window {scores.window_days} days · "
        f"profile {scores.level} ({scores.completeness:.0%})",
        "",
        f"{'pillar':<24}{'raw':>6}  {'':<20}  {'weighted':>8}  {'':<20}  alignment",
    ]
    for pillar in PILLARS:
        score = scores.pillars[pillar]
        alignment = "-" if score.alignment is None else f"{score.alignment:.0%}"
        lines.append(
            f"{pillar_label(pillar):<24}{score.raw:>6.1f}  {bar(score.raw)}  {score.weighted:>8.1f}  "
            f"{bar(score.weighted)}  {alignment:>9}"
        )
    lines.append(
        f"{'total (out of 100)':<24}{scores.total_raw:>6.1f}  {'':<20}  {scores.total_weighted:>8.1f}"
    )
    calibration = report.calibration
    if calibration is not None:
        pillars = ", ".join(f"{pillar} {report.calibrated(pillar):.1f}" for pillar in PILLARS)
        lines.append(
            f"{'calibrated raw':<24}{report.calibrated_total or 0.0:>6.1f}  ({pillars}; calibrated "
            f"on {calibration.readings} readings, ±{calibration.loo_error_after:.1f} points)"
        )
    reading = report.latest_reading
    if reading is not None:
        lines.append("")
        lines.append(
            f"Official SSI on {reading.date.isoformat()}: {reading.total:g} "
            f"(brand {reading.brand:g}, find {reading.find:g}, engage {reading.engage:g}, relate {reading.relate:g})"
        )
    lines.append("")
    if not report.flags:
        lines.append("No mismatch flags: your activity matches your goals.")
    else:
        lines.append(f"Flags ({len(report.flags)}, most severe first)")
        for flag in report.flags:
            where = f" [{flag.pillar}]" if flag.pillar else ""
            lines.append(f"  {flag.severity.upper():<5}  {flag.id}{where}: {flag.message}")
            lines.append(f"         → {flag.action}")
    return "\n".join(lines)


__all__ = ["UserError", "register", "render_report", "run_score"]
