"""Mismatch flags: a list, most severe first, and the detail of the one selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static
from textual.widgets.option_list import Option

from ssi_tui.app.choices import Choices
from ssi_tui.app.text import kind_words, plain
from ssi_tui.wording import _, number, percent, short_number
from ssi_tui.wording.flags import evidence_lines
from ssi_tui.wording.labels import cap_bound, flag_title, part_label, pillar_label, severity_label
from ssi_tui.wording.profile import fit_lines
from ssi_tui.wording.recurrence import PRESET_LABELS, planned, preset_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from ssi_tui.domain.explain import Part, PillarExplanation
    from ssi_tui.domain.flags import Flag
    from ssi_tui.domain.report import Report
    from ssi_tui.services.last_scores import ShownReport

SEVERITY_STYLE = {
    "alert": "bold reverse $error",
    "warn": "bold reverse $warning",
    "info": "bold reverse $primary",
}


def flag_subject(flag: Flag) -> str:
    """What the flag is about, in a few words (a person, an account, an audience, a pillar)."""
    evidence = flag.evidence
    subject = (
        evidence.get("contact")
        or evidence.get("account")
        or evidence.get("audience")
        or (pillar_label(flag.pillar, short=True) if flag.pillar else "")
    )
    return plain(subject)


def flag_prompt(flag: Flag) -> Content:
    """One line: severity badge, title, subject (literal)."""
    subject = flag_subject(flag)
    badge = max(len(severity_label(severity, badge=True)) for severity in SEVERITY_STYLE)
    return Content.assemble(
        (f" {severity_label(flag.severity, badge=True):<{badge}} ", SEVERITY_STYLE[flag.severity]),
        " ",
        (flag_title(flag.id), "bold"),
        (f" · {subject}" if subject else "", "dim"),
    )


def plan_rule(rule: str) -> str:
    """A plan's rule named: a preset's (what flags suggest) without importing dateutil, which
    an RRULE's needs (the last scores shown at start-up have flags: ~80 ms after the first
    frame, before their detail could show)."""
    name = rule.strip().lower()
    if name in PRESET_LABELS:
        return preset_label(name)
    from ssi_tui.domain.recurrence import rule_label

    return rule_label(rule)


def flag_detail(flag: Flag) -> Content:
    """Sentence, evidence numbers, suggested action, and the plan it suggests."""
    parts: list[Content] = [
        Content.assemble(
            (flag_title(flag.id), "bold"),
            (
                f"  {flag.id} · {severity_label(flag.severity)} · "
                + (pillar_label(flag.pillar, short=True) if flag.pillar else _("all pillars")),
                "dim",
            ),
        ),
        Content(plain(flag.message)),
        Content.styled(_("Evidence"), "bold"),
        *(Content(plain(line)) for line in evidence_lines(flag.evidence)),
        Content.assemble((_("Suggested action:") + " ", "bold $text-success"), plain(flag.action)),
    ]
    if flag.suggestion is not None:
        suggestion = flag.suggestion
        who = " · ".join(filter(None, [suggestion.audience, suggestion.company]))
        parts.append(
            Content.assemble(
                (_("Plan:") + " ", "bold"),
                plain(
                    planned(plan_rule(suggestion.rule), suggestion.kind)
                    + (f" ({who})" if who else "")
                ),
            )
        )
    return Content("\n").join(parts)


class FlagList(Choices):
    """The flags, most severe first."""

    report: var[Report | ShownReport | None] = var(None, always_update=True)
    """The report whose flags are listed (bound to the dashboard's `report`)."""

    def watch_report(self, report: Report | ShownReport | None) -> None:
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
                    Content.styled(
                        _("No mismatch flags: your activity matches your goals."), "dim"
                    ),
                    disabled=True,
                )
            )
            return
        self.add_options(
            [Option(flag_prompt(flag), id=f"flag-{index}") for index, flag in enumerate(flags)]
        )
        self.highlighted = min(highlighted or 0, len(flags) - 1)


class FlagDetail(VerticalScroll):
    """The selected flag, in full, or a pillar's explanation: focusable, the arrow and page keys
    scroll it (a Static inside a scrolling container, so that it scrolls by its text's height)."""

    def compose(self) -> ComposeResult:
        """The text."""
        yield Static(id="flag-detail-text")

    @property
    def text(self) -> str:
        """What the panel shows, as plain text (for tests and the full-screen view)."""
        return str(self.query_one("#flag-detail-text", Static).render())

    def update(self, content: Content) -> None:
        """Show new text, from its top."""
        self.query_one("#flag-detail-text", Static).update(content)
        self.scroll_home(animate=False)

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
            self.update(pillar_detail(explanation, lambda kind: kind_words(self.app, kind)))

    def show(self, flag: Flag | None) -> None:
        """Display one flag (None: a hint)."""
        if flag is None:
            self.update(
                Content.styled(_("Select a flag to see its evidence and suggested action."), "dim")
            )
        else:
            self.update(flag_detail(flag))


TOP_SHOWN = 5


def _part_lines(parts: list[Part], total: float, unit: str) -> list[Content]:
    """One line per part: what it is, its points, the score it adds out of the most it could,
    then the sum (= the pillar's score)."""
    names = [part_label(part.label, part.audience) for part in parts]
    width = max((len(name) for name in names), default=0)
    lines = []
    for name, part in zip(names, parts, strict=True):
        points = (
            percent(part.points)
            if part.is_profile
            else _("{points} pts").format(points=number(part.points, 1))
        )
        tags = (
            " " + _("({points} on tags)").format(points=number(part.on_tags, 1))
            if part.on_tags >= 0.05
            else ""
        )
        of = _("{score} of {most}").format(
            score=f"{number(part.score, 1):>4}", most=f"{number(part.most, 1):>4}"
        )
        lines.append(Content(plain(f"  {name:<{width}}  {points:>10} → {of}" + tags)))
    lines.append(Content(f"  {'':<{width}}  {'':>10}   {number(total, 1):>4} {unit}"))
    return lines


def pillar_detail(item: PillarExplanation, words_for: Callable[[str], str] = str) -> Content:
    """A pillar's score step by step, as `score --explain` gives it: the raw parts (activity
    LinkedIn sees, profile), the weighted parts (each audience, the untargeted rest, profile),
    each adding up to the score; then every kind × audience and the top activities (user text
    literal; each kind as `words_for` names it)."""
    parts: list[Content] = [
        Content.assemble(
            (pillar_label(item.pillar), "bold"),
            "  "
            + _("raw {raw} · weighted {weighted}").format(
                raw=number(item.raw, 1), weighted=number(item.weighted, 1)
            ),
        ),
        Content.styled(
            _("Raw: 25 × (1 − e^(−points/{saturation})), after decay and daily caps").format(
                saturation=short_number(item.saturation)
            ),
            "bold",
        ),
        *_part_lines(item.raw_parts, item.raw, _("raw")),
        Content.styled(_("Weighted: audiences fill their shares, the rest a little"), "bold"),
        *_part_lines(item.weighted_parts, item.weighted, _("weighted")),
        *(
            [Content.styled(f"  {cap_bound(item.audience_scale)}", "dim")]
            if item.audience_scale < 1
            else []
        ),
        *(
            [
                Content(plain(line))
                for line in fit_lines(item.fit.value, item.fit.has_text, item.fit.rows())
            ]
            if item.fit is not None
            else []
        ),
        Content.styled(_("Kind · audience: count, raw → weighted points"), "bold"),
    ]
    for row in item.rows:
        parts.append(
            Content(
                plain(
                    f"  {words_for(row.kind)} · {row.audience or _('no audience')}: {row.count}, "
                    f"{number(row.raw_points, 1)} → {number(row.weighted_points, 1)}"
                )
            )
        )
    if item.top:
        parts.append(Content.styled(_("Top activities"), "bold"))
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
                        f"  {entry.activity.date.isoformat()} {words_for(entry.activity.kind)}: "
                        f"{number(entry.raw, 2)} → {number(entry.weighted, 2)}"
                        + (f" ({who})" if who else "")
                    )
                )
            )
    return Content("\n").join(parts)
