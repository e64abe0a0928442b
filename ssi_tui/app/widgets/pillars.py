"""The four pillars, raw and goal-weighted side by side as bars with numbers, and the totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from ssi_tui.app.registry import with_keys
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.wording import _, counted, day, number, percent, short_number
from ssi_tui.wording.labels import pillar_label

if TYPE_CHECKING:
    from ssi_tui.domain.report import Report
    from ssi_tui.domain.scoring import Breakdown
    from ssi_tui.services.last_scores import ShownBreakdown, ShownReport


def bar(value: float, width: int, maximum: float = 25.0) -> tuple[str, str]:
    """Filled and empty parts of a bar (eighth blocks for precision)."""
    if width <= 0:
        return "", ""
    eighths = round(8 * width * max(0.0, min(value, maximum)) / maximum)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return filled, " " * (width - len(filled))


class PillarPanel(Widget):
    """Renders a report's pillar scores; adapts the bar width to the space it has."""

    DEFAULT_CSS = """
    PillarPanel { height: auto; }
    """

    report: reactive[Report | ShownReport | None] = reactive(None, layout=True, always_update=True)
    """The report shown (bound to the dashboard's `report`)."""
    placeholder: reactive[str] = reactive("", layout=True)
    """What shows while there is no report."""

    def show(self, report: Report | ShownReport | None, placeholder: str | None = None) -> None:
        """Display a report (None: a placeholder, by default that scores are on their way)."""
        self.placeholder = placeholder or _("Computing scores…")
        self.report = report

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        """Header, four pillars, total, official line (and the calibrated one)."""
        calibrated = self.report is not None and self.report.calibration is not None
        return 8 if calibrated else 7

    def render(self) -> Content:
        """The table of bars."""
        if self.report is None:
            return Content(self.placeholder or _("Computing scores…"))
        width = self.size.width
        labels = {pillar: pillar_label(pillar, short=width < 100) for pillar in PILLARS}
        label_width = max(len(text) for text in labels.values()) + 1
        bar_width = max(4, (width - label_width - 2 * 6 - 6 - 6) // 2)
        scores = self.report.breakdown
        lines: list[Content] = [
            Content.assemble(
                ("".ljust(label_width), ""),
                (("   " + _("raw")).ljust(6 + bar_width + 2), "bold"),
                (_("weighted").ljust(6 + bar_width + 2), "bold"),
                (_("align"), "bold"),
            )
        ]
        for pillar in PILLARS:
            score = scores.pillars[pillar]
            raw_fill, raw_empty = bar(score.raw, bar_width)
            weighted_fill, weighted_empty = bar(score.weighted, bar_width)
            alignment = "  —" if score.alignment is None else percent(score.alignment).rjust(4)
            lines.append(
                Content.assemble(
                    (labels[pillar].ljust(label_width), "bold"),
                    (f"{number(score.raw, 1):>5} ", "$text-primary"),
                    (raw_fill, "$primary"),
                    (raw_empty, "on $boost"),
                    "  ",
                    (f"{number(score.weighted, 1):>5} ", "$text-success"),
                    (weighted_fill, "$success"),
                    (weighted_empty, "on $boost"),
                    "  ",
                    (alignment, "$text-accent"),
                )
            )
        lines.append(
            Content.assemble(
                (_("Total /100").ljust(label_width), "bold"),
                (
                    f"{number(scores.total_raw, 1):>5}".ljust(6 + bar_width + 2),
                    "bold $text-primary",
                ),
                (f"{number(scores.total_weighted, 1):>5}", "bold $text-success"),
                (evidence_note(scores, 1 + bar_width + 2), "dim"),
            )
        )
        reading = self.report.latest_reading
        if reading is None:
            official = Content.styled(
                with_keys(
                    self.app,
                    _(
                        "No official SSI reading yet: add one on the Readings screen "
                        "({app.go_readings})."
                    ),
                ),
                "dim",
            )
        else:
            values = [reading.brand, reading.find, reading.engage, reading.relate]
            pillars = " · ".join(
                f"{pillar_label(pillar, short=True)} {short_number(value)}"
                if width >= 100
                else short_number(value)
                for pillar, value in zip(PILLARS, values, strict=True)
            )
            official = Content.assemble(
                (_("Official SSI") + " ", "bold"),
                (short_number(reading.total), "bold $text-warning"),
                " " + _("on {day}").format(day=day(reading.date)) + f"  ({pillars})",
            )
        lines.append(official)
        calibrated = self.calibrated_line(wide=width >= 100)
        if calibrated is not None:
            lines.append(calibrated)
        return Content("\n").join(lines)

    def calibrated_line(self, *, wide: bool) -> Content | None:
        """The raw estimate calibrated on the official readings, with its error (None when
        there is no calibration or it is off)."""
        report = self.report
        if report is None or report.calibration is None:
            return None
        calibration = report.calibration
        values = [report.calibrated(pillar) or 0.0 for pillar in PILLARS]
        pillars = " · ".join(
            f"{pillar_label(pillar, short=True)} {number(value, 1)}" if wide else number(value, 1)
            for pillar, value in zip(PILLARS, values, strict=True)
        )
        return Content.assemble(
            (
                _("Calibrated on {readings}, ±{error} points: ").format(
                    readings=counted(calibration.readings, "reading", "readings"),
                    error=number(calibration.loo_error_after, 1),
                ),
                "dim",
            ),
            (number(report.calibrated_total or 0.0, 1), "bold $text-primary"),
            (f"  ({pillars})", "dim"),
        )


def evidence_note(scores: Breakdown | ShownBreakdown, width: int) -> str:
    """Beside the weighted total: how much of it rests on evidence (not bare tags alone)."""
    evidence = scores.total_weighted_by_evidence
    text = " — " + number(evidence, 1) + " " + _("on evidence")
    return (text if len(text) <= width else f" ({number(evidence, 1)})").ljust(width)
