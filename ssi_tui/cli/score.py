"""`ssi-tui score`: raw and goal-weighted pillar scores with the mismatch flags."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ssi_tui.cli.args import whole_number
from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import bar, format_table, print_json
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _, counted, day, number, percent, pgettext, short_number
from ssi_tui.wording.labels import (
    cap_bound,
    level_label,
    part_label,
    pillar_label,
    severity_label,
)

if TYPE_CHECKING:
    from ssi_tui.domain.catalog import Rules
    from ssi_tui.domain.explain import PillarExplanation
    from ssi_tui.domain.report import Report


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `score` subcommand."""
    parser = subparsers.add_parser(
        "score",
        parents=[common],
        help=_("show raw and goal-weighted scores and the mismatch flags"),
        description=_(
            "Raw and goal-weighted pillar scores (0-25 each, 0-100 in total) with mismatch flags."
        ),
    )
    parser.add_argument("--as-of", metavar="DATE", help=_("score as of this date (default: today)"))
    parser.add_argument(
        "--window",
        metavar="DAYS",
        type=window_days,
        help=_("days of activity that count (default 90)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.add_argument(
        "--explain",
        action="store_true",
        help=_("show the points behind each score: by kind and audience, and the top activities"),
    )
    parser.add_argument("--pillar", choices=PILLARS, help=_("with --explain: only this pillar"))
    parser.add_argument(
        "--no-calibration",
        action="store_true",
        help=_("leave out the estimate calibrated on your official readings (see `calibrate`)"),
    )
    parser.set_defaults(handler=run_score)


window_days = whole_number("window", 7, 3650, "days")


def run_score(context: Context) -> int:
    """Print the score report."""
    args = context.args
    as_of = context.parse_date(args.as_of, "--as-of", past=True) or context.today
    workspace = context.workspace(write=False)
    report = workspace.report(as_of, args.window, calibrated=not args.no_calibration)
    if args.pillar and not args.explain:
        raise UserError(_("--pillar goes with --explain"))
    explained = None
    if args.explain:
        from ssi_tui.domain.explain import explain

        explained = explain(report.breakdown, workspace.catalog, workspace.rules)
        if args.pillar:
            explained = {args.pillar: explained[args.pillar]}
    if args.json:
        from ssi_tui.domain.report import report_json

        data = report_json(report)
        if explained is not None:
            data["explain"] = {pillar: item.as_dict() for pillar, item in explained.items()}
        print_json(data, context.stdout)
    elif explained is not None:
        context.stdout.write(render_explanation(list(explained.values()), workspace.rules) + "\n")
    elif workspace.start_state().first_run:
        from ssi_tui.wording.start import cli_first_run

        context.stdout.write(cli_first_run() + "\n")
    else:
        context.stdout.write(render_report(report) + "\n")
    return 0


def render_explanation(items: list[PillarExplanation], rules: Rules) -> str:
    """Each pillar's score, step by step, with the table of kinds × audiences and the top."""
    from ssi_tui.wording.profile import fit_lines

    share = rules.scoring.profile_share
    blocks = []
    for item in items:
        lines = [
            _("{pillar}: raw {raw}, weighted {weighted}").format(
                pillar=pillar_label(item.pillar),
                raw=number(item.raw, 1),
                weighted=number(item.weighted, 1),
            ),
            "  "
            + _(
                "points LinkedIn sees {raw} (after decay and daily caps); counted by your goals "
                "{weighted}"
            ).format(raw=number(item.points_raw, 2), weighted=number(item.points_weighted, 2)),
            "  "
            + _(
                "raw = 25 × (1 − e^(−{points} / {saturation})) = {score}  (saturation "
                "{saturation}, data/rules.toml)"
            ).format(
                points=number(item.points_raw, 2),
                saturation=short_number(item.saturation),
                score=number(item.activity_raw, 2),
            ),
        ]
        if item.pillar == "brand":
            lines.append(
                "  "
                + _(
                    "brand = profile {profile} + {rest} × {activity} = {score}  (profile share "
                    "{share})"
                ).format(
                    profile=number(item.profile_part, 2),
                    rest=short_number(1 - share),
                    activity=number(item.activity_raw, 2),
                    score=number(item.raw, 2),
                    share=short_number(share),
                )
            )
            if item.fit is not None:
                lines.extend(
                    "  " + line
                    for line in fit_lines(item.fit.value, item.fit.has_text, item.fit.rows())
                )
                lines.append(
                    "  "
                    + _("weighted profile = {profile} × fit {fit} = {score}").format(
                        profile=number(item.profile_part, 2),
                        fit=percent(item.fit.value),
                        score=number(item.profile_part * item.fit.value, 2),
                    )
                )
        lines.append(
            "  " + _("weighted, part by part (points → score added, of the most it can add):")
        )
        names = [part_label(part.label, part.audience) for part in item.weighted_parts]
        width = max(len(name) for name in names)
        for name, part in zip(names, item.weighted_parts, strict=True):
            points = percent(part.points) if part.is_profile else number(part.points, 2)
            tags = (
                "  " + _("({points} on bare tags)").format(points=number(part.on_tags, 2))
                if part.on_tags >= 0.005
                else ""
            )
            of = _("{score} of {most}").format(
                score=f"{number(part.score, 2):>5}", most=f"{number(part.most, 2):>5}"
            )
            lines.append(f"    {name:<{width}}  {points:>8} → {of}" + tags)
        lines.append(f"    {'':<{width}}  {'':>8}   {number(item.weighted, 2):>5} " + _("weighted"))
        if item.audience_scale < 1:
            lines.append(f"    ({cap_bound(item.audience_scale)})")
        rows = [
            (
                row.kind,
                row.audience or "-",
                str(row.count),
                number(row.raw_points, 2),
                number(row.weighted_points, 2),
                "-" if row.alignment is None else percent(row.alignment),
            )
            for row in item.rows
        ]
        if rows:
            table = format_table(
                (
                    pgettext("column", "kind"),
                    pgettext("column", "audience"),
                    pgettext("column", "count"),
                    pgettext("column", "raw pts"),
                    pgettext("column", "weighted pts"),
                    pgettext("column", "alignment"),
                ),
                rows,
                align_right=range(2, 6),
            )
            lines.extend("  " + line for line in table.splitlines())
        if item.top:
            lines.append("  " + _("top activities (decayed, capped points):"))
            for entry in item.top:
                who = " · ".join(
                    part
                    for part in (
                        entry.alignment.audience,
                        entry.activity.contact,
                        entry.activity.company,
                    )
                    if part
                )
                points = _("raw {raw}  weighted {weighted}").format(
                    raw=f"{number(entry.raw, 2):>5}", weighted=f"{number(entry.weighted, 2):>5}"
                )
                lines.append(
                    f"    {entry.activity.date.isoformat()}  {entry.activity.kind:<20} {points}  {who}"
                )
        else:
            lines.append("  " + _("no activity in the window"))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_report(report: Report) -> str:
    """The human-readable score table (in the user's language)."""
    scores = report.breakdown
    labels = [pillar_label(pillar) for pillar in PILLARS]
    total_label, evidence_label, calibrated_label = (
        _("total (out of 100)"), _("on evidence"), _("calibrated raw"),
    )  # fmt: skip
    width = max(24, *(len(text) + 2 for text in (*labels, total_label, evidence_label)))
    lines = [
        _("SSI as of {day} · window {days} days · profile {level} ({share})").format(
            day=day(scores.as_of),
            days=scores.window_days,
            level=level_label(scores.level),
            share=percent(scores.completeness),
        ),
        "",
        _("pillar").ljust(width)
        + _("raw").rjust(6)
        + " " * 24
        + _("weighted").rjust(8)
        + " " * 24
        + _("alignment"),
    ]
    for pillar, label in zip(PILLARS, labels, strict=True):
        score = scores.pillars[pillar]
        alignment = "-" if score.alignment is None else percent(score.alignment)
        lines.append(
            f"{label:<{width}}{number(score.raw, 1):>6}  {bar(score.raw)}  "
            f"{number(score.weighted, 1):>8}  {bar(score.weighted)}  {alignment:>9}"
        )
    lines.append(
        f"{total_label:<{width}}{number(scores.total_raw, 1):>6}  {'':<20}  "
        f"{number(scores.total_weighted, 1):>8}"
    )
    rest = scores.total_weighted - scores.total_weighted_by_evidence
    lines.append(
        f"{evidence_label:<{width}}{'':>6}  {'':<20}  "
        f"{number(scores.total_weighted_by_evidence, 1):>8}  "
        + _("(the rest, {points}, rests on bare audience tags)").format(points=number(rest, 1))
    )
    calibration = report.calibration
    if calibration is not None:
        pillars = ", ".join(
            f"{pillar_label(pillar, short=True)} {number(report.calibrated(pillar), 1)}"
            for pillar in PILLARS
        )
        lines.append(
            f"{calibrated_label:<{width}}{number(report.calibrated_total or 0.0, 1):>6}  "
            + _("({pillars}; calibrated on {readings}, ±{error} points)").format(
                pillars=pillars,
                readings=counted(calibration.readings, "reading", "readings"),
                error=number(calibration.loo_error_after, 1),
            )
        )
    reading = report.latest_reading
    if reading is not None:
        lines.append("")
        lines.append(
            _("Official SSI on {day}: {total} ({pillars})").format(
                day=day(reading.date),
                total=number(reading.total, 1).removesuffix(",0").removesuffix(".0"),
                pillars=", ".join(
                    f"{pillar_label(pillar, short=True)} "
                    + number(reading.pillar(pillar), 1).removesuffix(",0").removesuffix(".0")
                    for pillar in PILLARS
                ),
            )
        )
    lines.append("")
    if not report.flags:
        lines.append(_("No mismatch flags: your activity matches your goals."))
    else:
        lines.append(_("Flags ({count}, most severe first)").format(count=len(report.flags)))
        badge = max(5, *(len(severity_label(flag.severity)) for flag in report.flags))
        for flag in report.flags:
            where = f" [{flag.pillar}]" if flag.pillar else ""
            lines.append(
                f"  {severity_label(flag.severity):<{badge}}  {flag.id}{where}: {flag.message}"
            )
            lines.append(f"  {'':<{badge}}  → {flag.action}")
    return "\n".join(lines)


__all__ = ["UserError", "register", "render_report", "run_score"]
