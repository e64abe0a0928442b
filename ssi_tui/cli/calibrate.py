"""`ssi-tui calibrate`: the raw estimate fitted on the official readings, and how well it does."""

from __future__ import annotations

import argparse

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _, counted, number, percent, pgettext, plural, signed
from ssi_tui.wording import day as day_text
from ssi_tui.wording.labels import pillar_label


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
        raise UserError(_("--on and --off change your store's settings, not the demo data"))
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
        _(
            "Left out the reading of {day}: your history covers {share} of its {days}-day "
            "window, so our estimate for it misses activity (import or log older activity to "
            "use it)."
        ).format(day=day_text(when), share=percent(share), days=workspace.rules.scoring.window_days)
        + "\n"
        for when, share in skipped
    ]
    if calibration is None:
        more = readings_needed(count)
        usable = plural(
            count,
            "{count} usable official reading: {more} more needed to calibrate (add what "
            "linkedin.com/sales/ssi shows with `ssi-tui reading add`).",
            "{count} usable official readings: {more} more needed to calibrate (add what "
            "linkedin.com/sales/ssi shows with `ssi-tui reading add`).",
        ).format(count=count, more=more)
        context.stdout.write(usable + "\n" + "".join(notes))
        return 0
    rows = [
        (
            pillar_label(pillar, short=True),
            number(fit.factor, 3),
            signed(fit.stock, 2) if fit.stock else "-",
            number(fit.loo_error_before, 2),
            number(fit.loo_error_after, 2),
        )
        for pillar, fit in calibration.pillars.items()
        if pillar in PILLARS
    ]
    rows.append(
        (
            pgettext("column", "total"),
            "",
            "",
            number(calibration.loo_error_before, 2),
            number(calibration.loo_error_after, 2),
        )
    )
    headers = (
        pgettext("column", "pillar"),
        pgettext("column", "factor"),
        pgettext("column", "stock"),
        pgettext("column", "error before"),
        pgettext("column", "error after"),
    )
    head = _("Calibrated on {readings} (errors: points, each reading predicted from the others)")
    context.stdout.write(
        head.format(readings=counted(calibration.readings, "reading", "readings"))
        + "\n"
        + format_table(headers, rows, align_right=range(1, 5))
        + "\n"
        + "".join(notes)
    )
    if not enabled:
        context.stdout.write(
            _("Calibration is off: `ssi-tui calibrate --on` shows it again.") + "\n"
        )
    return 0
