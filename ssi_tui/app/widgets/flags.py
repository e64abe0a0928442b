"""Mismatch flags: a list, most severe first, and the detail of the one selected."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.reactive import var
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ssi_tui.app.text import plain
from ssi_tui.wording.labels import flag_title, pillar_label

if TYPE_CHECKING:
    from ssi_tui.domain.explain import PillarExplanation
    from ssi_tui.domain.flags import Flag
    from ssi_tui.domain.report import Report

SEVERITY_STYLE = {
    "alert": "bold reverse $error",
    "warn": "bold reverse $warning",
    "info": "bold reverse $primary",
}


def flag_subject(flag: Flag) -> str:
    """What the flag is about, in a few words (pillar, audience or account)."""
    evidence = flag.evidence
    subject = evidence.get("account") or evidence.get("audience") or flag.pillar or ""
    return plain(subject)


def flag_prompt(flag: Flag) -> Content:
    """One line: severity badge, title, subject (literal)."""
    subject = flag_subject(flag)
    return Content.assemble(
        (f" {flag.severity.upper():<5} ", SEVERITY_STYLE[flag.severity]),
        " ",
        (flag_title(flag.id), "bold"),
        (f" · {subject}" if subject else "", "dim"),
    )


def _evidence_lines(evidence: dict[str, Any]) -> list[str]:
    lines = []
    for key, value in evidence.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k} {v}" for k, v in value.items())
            lines.append(f"  {key.replace('_', ' ')}: {inner}")
        else:
            lines.append(f"  {key.replace('_', ' ')}: {value}")
    return lines


def flag_detail(flag: Flag) -> Content:
    """Sentence, evidence numbers, suggested action, and the plan it suggests."""
    parts: list[Content] = [
        Content.assemble(
            (flag_title(flag.id), "bold"),
            (f"  {flag.id} · {flag.severity} · {flag.pillar or 'all pillars'}", "dim"),
        ),
        Content(plain(flag.message)),
        Content.styled("Evidence", "bold"),
        *(Content(plain(line)) for line in _evidence_lines(flag.evidence)),
        Content.assemble(("Suggested action: ", "bold $text-success"), plain(flag.action)),
    ]
    if flag.suggestion is not None:
        suggestion = flag.suggestion
        who = " · ".join(filter(None, [suggestion.audience, suggestion.company]))
        parts.append(
            Content.assemble(
                ("Plan: ", "bold"),
                plain(f"{suggestion.rule} {suggestion.kind}" + (f" ({who})" if who else "")),
            )
        )
    return Content("\n").join(parts)


class FlagList(OptionList):
    """The flags, most severe first."""

    report: var[Report | None] = var(None, always_update=True)
    """The report whose flags are listed (bound to the dashboard's `report`)."""

    def watch_report(self, report: Report | None) -> None:
        """List the new report's flags."""
        if report is not None:
            self.show(report.flags)

    def show(self, flags: list[Flag]) -> None:
        """Replace the list (keeps the highlighted position when possible)."""
        highlighted = self.highlighted
        self.clear_options()
        if not flags:
            self.add_option(
                Option(
                    Content.styled("No mismatch flags: your activity matches your goals.", "dim"),
                    disabled=True,
                )
            )
            return
        self.add_options(
            [Option(flag_prompt(flag), id=f"flag-{index}") for index, flag in enumerate(flags)]
        )
        self.highlighted = min(highlighted or 0, len(flags) - 1)


class FlagDetail(Static):
    """The selected flag, in full."""

    flag: var[Flag | None] = var(None, always_update=True)
    """The flag shown (bound to the dashboard's `selected_flag`)."""
    explanation: var[PillarExplanation | None] = var(None, always_update=True)
    """A pillar's explanation, shown instead of the flag (bound to the dashboard's)."""

    def watch_flag(self, flag: Flag | None) -> None:
        """Show the newly selected flag."""
        if self.explanation is None:
            self.show(flag)

    def watch_explanation(self, explanation: PillarExplanation | None) -> None:
        """Show a pillar's explanation, or the flag again."""
        if explanation is None:
            self.show(self.flag)
        else:
            self.scroll_home(animate=False)
            self.update(pillar_detail(explanation))

    def show(self, flag: Flag | None) -> None:
        """Display one flag (None: a hint)."""
        self.scroll_home(animate=False)
        if flag is None:
            self.update(
                Content.styled("Select a flag to see its evidence and suggested action.", "dim")
            )
        else:
            self.update(flag_detail(flag))


ROWS_SHOWN = 6
TOP_SHOWN = 3


def pillar_detail(item: PillarExplanation) -> Content:
    """A pillar's score step by step: points, saturation, the main kinds × audiences, the top
    activities (user text literal)."""
    parts: list[Content] = [
        Content.assemble(
            (pillar_label(item.pillar), "bold"),
            f"  raw {item.raw:.1f} · weighted {item.weighted:.1f}",
        ),
        Content(
            f"Points LinkedIn sees {item.points_raw:.1f}, counted by your goals "
            f"{item.points_weighted:.1f} (after decay and daily caps)"
        ),
        Content(
            f"raw = 25 × (1 − e^(−{item.points_raw:.1f}/{item.saturation:g})) = {item.activity_raw:.1f}"
            + (f"; profile adds {item.profile_part:.1f}" if item.profile_part else "")
        ),
        Content.styled("Kind · audience: count, raw → weighted points", "bold"),
    ]
    for row in item.rows[:ROWS_SHOWN]:
        parts.append(
            Content(
                plain(
                    f"  {row.kind} · {row.audience or 'none'}: {row.count}, "
                    f"{row.raw_points:.1f} → {row.weighted_points:.1f}"
                )
            )
        )
    if len(item.rows) > ROWS_SHOWN:
        parts.append(
            Content.styled(f"  +{len(item.rows) - ROWS_SHOWN} more: ssi-tui score --explain", "dim")
        )
    if item.top:
        parts.append(Content.styled("Top activities", "bold"))
        for entry in item.top[:TOP_SHOWN]:
            who = " · ".join(
                part
                for part in (
                    entry.alignment.audience,
                    entry.activity.contact,
                    entry.activity.company,
                )
                if part
            )
            parts.append(
                Content(
                    plain(
                        f"  {entry.activity.date.isoformat()} {entry.activity.kind}: "
                        f"{entry.raw:.2f} → {entry.weighted:.2f}" + (f" ({who})" if who else "")
                    )
                )
            )
    return Content("\n").join(parts)
