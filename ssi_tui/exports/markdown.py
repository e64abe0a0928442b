"""The weekly review as Markdown: user text escaped so it can never form a link, HTML or markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ssi_tui.domain.alignment import audience_source
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.recurrence import rule_label
from ssi_tui.domain.text import clean_text
from ssi_tui.wording import _, day, number, percent, short_number
from ssi_tui.wording.flags import evidence_items
from ssi_tui.wording.labels import (
    audience_with_source,
    flag_title,
    level_label,
    pillar_label,
    severity_label,
)
from ssi_tui.wording.recurrence import planned

if TYPE_CHECKING:
    from ssi_tui.domain.alignment import Alignment
    from ssi_tui.domain.catalog import Catalog
    from ssi_tui.domain.flags import Flag
    from ssi_tui.domain.report import Report
    from ssi_tui.domain.review import OfficialComparison, WeekRow
    from ssi_tui.domain.scoring import Contribution

# Backslash-escaping (valid for any ASCII punctuation in CommonMark) only what can form markup:
# what opens a link (its brackets: with them escaped, "(", ")", "!" and "^" form nothing), an
# HTML tag, an entity, emphasis (an "_" inside a word never does: lead_saved stays as it is), a
# code span, a table cell, math or an extension; plus the "." of a domain and the ":" of a
# scheme so that no renderer can autolink a bare address. User text is one line placed after
# our own prefix, so line-start syntax (#, -, 1.) cannot occur.
_MARKUP = re.compile(r"([\\`*{}\[\]<>|~&@$=#]|(?<!\w)_|_(?!\w)|\.(?=[^\W\d_])|:(?=\S))")


def escape_markdown(value: object) -> str:
    """Text shown literally by any Markdown renderer: one line, markup characters escaped."""
    if value is None:
        return ""
    return _MARKUP.sub(r"\\\1", clean_text(str(value)))


def _cell(value: object) -> str:
    text = escape_markdown(value)
    return text if text else "–"


def _audience(aligned: Alignment) -> str | None:
    """The audience the scores use, with where it comes from: 'prospects (role)'."""
    source = audience_source(aligned.audience, aligned.tier, aligned.target)
    return audience_with_source(aligned.audience, source) if aligned.audience else None


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else number(value, digits)


@dataclass(frozen=True, slots=True)
class AgendaLine:
    """One agenda entry for the review: when, what, and its state (overdue, today, this week, done)."""

    when: date
    title: str
    status: str


@dataclass(frozen=True, slots=True)
class Review:
    """Everything the weekly review shows (gathered by `ssi_tui.services.review`)."""

    report: Report
    history: list[WeekRow]
    comparison: OfficialComparison | None
    top: list[Contribution]
    agenda: list[AgendaLine] | None = None


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int]) -> str:
    rule = ["---:" if index in right else "---" for index in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def _scores(review: Review) -> list[str]:
    scores = review.report.breakdown
    rows = []
    for pillar in PILLARS:
        score = scores.pillars[pillar]
        alignment = "–" if score.alignment is None else percent(score.alignment)
        rows.append(
            [
                pillar_label(pillar),
                _number(score.raw),
                _number(score.weighted),
                _number(score.weighted - score.raw),
                alignment,
            ]
        )
    rows.append(
        [
            "**" + _("Total (out of 100)") + "**",
            f"**{number(scores.total_raw, 1)}**",
            f"**{number(scores.total_weighted, 1)}**",
            _number(scores.total_weighted - scores.total_raw),
            "",
        ]
    )
    lines = [
        "## " + _("Scores"),
        "",
        _table(
            [_("Pillar"), _("Raw"), _("Weighted"), _("Weighted − raw"), _("Alignment")],
            rows,
            right=(1, 2, 3, 4),
        ),
        "",
        _(
            "Raw counts only what LinkedIn can see; weighted counts the same activity, and your "
            "off-LinkedIn work, by how well it serves your goals."
        ),
    ]
    comparison = review.comparison
    if comparison is not None:
        reading = comparison.reading
        parts = ", ".join(
            f"{pillar_label(pillar, short=True)} {short_number(reading.pillar(pillar))}"
            for pillar in PILLARS
        )
        official = _("Official SSI on {day}: {total}/100 ({pillars}).").format(
            day=day(reading.date), total=f"**{short_number(reading.total)}**", pillars=parts
        )
        lines += ["", f"{official} {escape_markdown(comparison.summary())}"]
    return lines


def _flags(flags: Sequence[Flag]) -> list[str]:
    lines = ["## " + _("Flags"), ""]
    if not flags:
        return [*lines, _("No mismatch flags: your activity matches your goals.")]
    for rank, flag in enumerate(flags, start=1):
        title = flag_title(flag.id)
        pillar = pillar_label(flag.pillar, short=True) if flag.pillar else ""
        where = f" · {escape_markdown(pillar)}" if pillar else ""
        head = f"{rank}. **{severity_label(flag.severity)} · {title}**{where}"
        lines.append(_("{name}: {value}").format(name=head, value=escape_markdown(flag.message)))
        evidence = _("; ").join(evidence_items(flag.evidence))
        lines.append(
            "    - " + _("Evidence: {evidence}").format(evidence=escape_markdown(evidence))
        )
        lines.append(
            "    - " + _("Suggested action: {action}").format(action=escape_markdown(flag.action))
        )
        if flag.suggestion is not None:
            suggestion = flag.suggestion
            who = " · ".join(filter(None, [suggestion.audience, suggestion.company]))
            plan = planned(rule_label(suggestion.rule), suggestion.kind) + (
                f" ({who})" if who else ""
            )
            lines.append("    - " + _("Plan to adopt: {plan}").format(plan=escape_markdown(plan)))
    return lines


def _agenda(agenda: Sequence[AgendaLine]) -> list[str]:
    lines = ["## " + _("Agenda"), ""]
    if not agenda:
        return [*lines, _("Nothing planned.")]
    for item in agenda:
        box = "x" if item.status == "done" else " "
        lines.append(
            f"- [{box}] {day(item.when)} · {escape_markdown(_(item.status))} · "
            f"{escape_markdown(item.title)}"
        )
    return lines


def _top(review: Review, catalog: Catalog) -> list[str]:
    lines = ["## " + _("Top activities"), ""]
    if not review.top:
        return [*lines, _("No activity in the window.")]
    rows = []
    for item in review.top:
        activity = item.activity
        kind = catalog.kinds.get(activity.kind)
        rows.append(
            [
                activity.date.isoformat(),
                _cell(_(kind.label) if kind else activity.kind),
                _cell(pillar_label(kind.pillar, short=True) if kind else None),
                _cell(activity.contact),
                _cell(activity.company),
                _cell(_audience(item.alignment)),
                "LinkedIn" if activity.channel == "linkedin" else _("off LinkedIn"),
                number(item.weighted, 2),
                number(item.raw, 2),
            ]
        )
    headers = [
        _("Date"),
        _("Kind"),
        _("Pillar"),
        _("Contact"),
        _("Company"),
        _("Audience"),
        _("Channel"),
        _("Weighted pts"),
        _("Raw pts"),
    ]
    return [*lines, _table(headers, rows, right=(7, 8))]


def _trend(review: Review) -> list[str]:
    rows = []
    for week in reversed(review.history):
        official = week.official
        rows.append(
            [
                week.week_end.isoformat(),
                _number(week.raw),
                _number(week.weighted),
                f"{short_number(official.total)} ({day(official.date)})" if official else "–",
            ]
        )
    headers = [_("Week ending"), _("Raw"), _("Weighted"), _("Official SSI")]
    return [
        "## " + _("Trend (last {weeks} weeks, newest first)").format(weeks=len(review.history)),
        "",
        _table(headers, rows, right=(1, 2)),
    ]


def render_review(review: Review, catalog: Catalog, generated_on: date) -> str:
    """The weekly review; the agenda section appears when the review has an agenda."""
    scores = review.report.breakdown
    sections = [
        [
            "# " + _("Weekly review: as of {day}").format(day=day(scores.as_of)),
            "",
            _(
                "Generated by ssi-tui on {day} · window {days} days · profile {level} "
                "({share} complete)"
            ).format(
                day=day(generated_on),
                days=scores.window_days,
                level=escape_markdown(level_label(scores.level)),
                share=percent(scores.completeness),
            ),
        ],
        _scores(review),
        _flags(review.report.flags),
    ]
    if review.agenda is not None:
        sections.append(_agenda(review.agenda))
    sections.append(_top(review, catalog))
    if review.history:
        sections.append(_trend(review))
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
