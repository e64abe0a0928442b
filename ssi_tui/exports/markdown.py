"""The weekly review as Markdown: user text escaped so it can never form a link, HTML or markup."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.alignment import audience_source
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.text import clean_text
from ssi_tui.wording.labels import flag_title, pillar_label, severity_label

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
    return f"{aligned.audience} ({source})" if source else aligned.audience


def _number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


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
        alignment = "–" if score.alignment is None else f"{score.alignment:.0%}"
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
            "**Total (out of 100)**",
            f"**{scores.total_raw:.1f}**",
            f"**{scores.total_weighted:.1f}**",
            _number(scores.total_weighted - scores.total_raw),
            "",
        ]
    )
    lines = [
        "## Scores",
        "",
        _table(
            ["Pillar", "Raw", "Weighted", "Weighted − raw", "Alignment"], rows, right=(1, 2, 3, 4)
        ),
        "",
        "Raw counts only what LinkedIn can see; weighted counts the same activity, and your "
        "off-LinkedIn work, by how well it serves your goals.",
    ]
    comparison = review.comparison
    if comparison is not None:
        reading = comparison.reading
        parts = ", ".join(f"{pillar} {reading.pillar(pillar):g}" for pillar in PILLARS)
        lines += [
            "",
            f"Official SSI on {reading.date.isoformat()}: **{reading.total:g}**/100 ({parts}). "
            f"{escape_markdown(comparison.summary())}",
        ]
    return lines


def _evidence(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key} {_evidence(inner)}" for key, inner in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return "none" if value is None else str(value)


def _flags(flags: Sequence[Flag]) -> list[str]:
    lines = ["## Flags", ""]
    if not flags:
        return [*lines, "No mismatch flags: your activity matches your goals."]
    for number, flag in enumerate(flags, start=1):
        title = flag_title(flag.id)
        where = f" · {escape_markdown(flag.pillar)}" if flag.pillar else ""
        lines.append(
            f"{number}. **{severity_label(flag.severity)} · {title}**{where}: "
            f"{escape_markdown(flag.message)}"
        )
        evidence = "; ".join(
            f"{key.replace('_', ' ')}: {_evidence(value)}" for key, value in flag.evidence.items()
        )
        lines.append(f"    - Evidence: {escape_markdown(evidence)}")
        lines.append(f"    - Suggested action: {escape_markdown(flag.action)}")
        if flag.suggestion is not None:
            suggestion = flag.suggestion
            who = " · ".join(filter(None, [suggestion.audience, suggestion.company]))
            plan = f"{suggestion.rule} {suggestion.kind}" + (f" ({who})" if who else "")
            lines.append(f"    - Plan to adopt: {escape_markdown(plan)}")
    return lines


def _agenda(agenda: Sequence[AgendaLine]) -> list[str]:
    lines = ["## Agenda", ""]
    if not agenda:
        return [*lines, "Nothing planned."]
    for item in agenda:
        box = "x" if item.status == "done" else " "
        lines.append(
            f"- [{box}] {item.when.isoformat()} · {escape_markdown(item.status)} · "
            f"{escape_markdown(item.title)}"
        )
    return lines


def _top(review: Review, catalog: Catalog) -> list[str]:
    lines = ["## Top activities", ""]
    if not review.top:
        return [*lines, "No activity in the window."]
    rows = []
    for item in review.top:
        activity = item.activity
        kind = catalog.kinds.get(activity.kind)
        rows.append(
            [
                activity.date.isoformat(),
                _cell(kind.label if kind else activity.kind),
                _cell(kind.pillar if kind else None),
                _cell(activity.contact),
                _cell(activity.company),
                _cell(_audience(item.alignment)),
                "LinkedIn" if activity.channel == "linkedin" else "off LinkedIn",
                f"{item.weighted:.2f}",
                f"{item.raw:.2f}",
            ]
        )
    headers = [
        "Date",
        "Kind",
        "Pillar",
        "Contact",
        "Company",
        "Audience",
        "Channel",
        "Weighted pts",
        "Raw pts",
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
                f"{official.total:g} ({official.date.isoformat()})" if official else "–",
            ]
        )
    headers = ["Week ending", "Raw", "Weighted", "Official SSI"]
    return [
        f"## Trend (last {len(review.history)} weeks, newest first)",
        "",
        _table(headers, rows, right=(1, 2)),
    ]


def render_review(review: Review, catalog: Catalog, generated_on: date) -> str:
    """The weekly review; the agenda section appears when the review has an agenda."""
    scores = review.report.breakdown
    sections = [
        [
            f"# Weekly review: as of {scores.as_of.isoformat()}",
            "",
            f"Generated by ssi-tui on {generated_on.isoformat()} · window {scores.window_days} "
            f"days · profile {escape_markdown(scores.level)} ({scores.completeness:.0%} complete)",
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
