"""`ssi-tui calibrate`: the raw estimate fitted on the official readings, and how well it does."""

from __future__ import annotations

import argparse

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _, counted


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `calibrate`."""
    parser = subparsers.add_parser(
        "calibrate",
        parents=[common],
        help=_("fit the raw estimate on your official SSI readings"),
        description=(
            _(
                "With 3 or more official readings (`ssi-tui reading add`), fit per pillar a scale of "
                "the raw estimate, shrunk towards the shipped rules so that a few readings cannot "
                "overfit (and, with 8 or more readings at different activity levels, a stock for "
                "what LinkedIn counts that no activity shows). Shows each pillar's factor and the "
                "leave-one-out error (each reading predicted without it) before and after. `score` "
                "and the dashboard show the calibrated estimate beside the raw one; --off turns "
                "that off (--on back on)."
            )
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    switch = parser.add_mutually_exclusive_group()
    switch.add_argument(
        "--off", action="store_true", help=_("stop showing the calibrated estimate")
    )
    switch.add_argument("--on", action="store_true", help=_("show the calibrated estimate again"))
    parser.set_defaults(handler=run_calibrate)


def run_calibrate(context: Context) -> int:
    """Fit (or switch) the calibration and print it."""
    from ssi_tui.domain.calibration import readings_needed, skipped_json

    args = context.args
    if (args.off or args.on) and context.demo:
        raise UserError("--on and --off change your store's settings, not the demo data")
    workspace = context.workspace(write=bool(args.off or args.on))
    if args.off or args.on:
        workspace.calibration.set_enabled(bool(args.on))
        workspace.calibration.keep()
    calibration = workspace.calibration.current()
    enabled = workspace.calibration.enabled
    skipped = calibration.skipped if calibration else tuple(workspace.calibration.skipped())
    count = len(workspace.readings.all()) - len(skipped)
    if args.json:
        data = (
            calibration.as_dict()
            if calibration is not None
            else {"readings": count, "pillars": None, "total": None}
        )
        data["skipped"] = skipped_json(skipped)
        print_json({**data, "enabled": enabled, "needed": readings_needed(count)}, context.stdout)
        return 0
    notes = [
        f"Left out the reading of {day.isoformat()}: your history covers {share:.0%} of its "
        f"{workspace.rules.scoring.window_days}-day window, so our estimate for it misses "
        "activity (import or log older activity to use it).\n"
        for day, share in skipped
    ]
    if calibration is None:
        more = readings_needed(count)
        context.stdout.write(
            f"{count} usable official reading{'s' if count != 1 else ''}: {more} more needed to "
            "calibrate (add what linkedin.com/sales/ssi shows with `ssi-tui reading add`).\n"
            + "".join(notes)
        )
        return 0
    rows = [
        (
            pillar,
            f"{fit.factor:.3f}",
            f"{fit.stock:+.2f}" if fit.stock else "-",
            f"{fit.loo_error_before:.2f}",
            f"{fit.loo_error_after:.2f}",
        )
        for pillar, fit in calibration.pillars.items()
        if pillar in PILLARS
    ]
    rows.append(
        (
            "total",
            "",
            "",
            f"{calibration.loo_error_before:.2f}",
            f"{calibration.loo_error_after:.2f}",
        )
    )
    headers = ("pillar", "factor", "stock", "error before", "error after")
    context.stdout.write(
        f"Calibrated on {counted(calibration.readings, 'reading')} (errors: points, each reading predicted "
        "from the others)\n"
        + format_table(headers, rows, align_right=range(1, 5))
        + "\n"
        + "".join(notes)
    )
    if not enabled:
        context.stdout.write("Calibration is off: `ssi-tui calibrate --on` shows it again.\n")
    return 0
