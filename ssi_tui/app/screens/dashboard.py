"""Dashboard: the four pillars raw vs weighted, totals, flags, the latest official reading."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.widgets import OptionList

from ssi_tui.app.messages import HistoryChecked, ScoresReady, StartChecked
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.text import kind_words
from ssi_tui.app.widgets.agenda import AgendaPanel
from ssi_tui.app.widgets.flags import FlagDetail, FlagList, flag_detail, pillar_detail
from ssi_tui.app.widgets.guide import FirstRunGuide
from ssi_tui.app.widgets.pillars import PillarPanel
from ssi_tui.wording import N_, _, day, number
from ssi_tui.wording.labels import flag_title, pillar_label
from ssi_tui.wording.start import guide_title

if TYPE_CHECKING:
    from ssi_tui.domain.explain import PillarExplanation
    from ssi_tui.domain.flags import Flag
    from ssi_tui.domain.report import Report
    from ssi_tui.services.last_scores import ShownReport

WINDOWS = (30, 90, 365)


class DashboardScreen(BaseScreen, screen_id="dashboard"):
    """Where the app opens: scores, flags, and what LinkedIn says."""

    AUTO_FOCUS = "#flags"

    KEY_HINTS: ClassVar[dict[str, str]] = {
        "#agenda-panel": N_("Today ({app.go_planner}: planner)"),
        "#flag-detail": N_(
            "Detail ({dashboard.brand}-{dashboard.relate}: why · {dashboard.zoom}: full)"
        ),
    }

    as_of: reactive[date | None] = reactive(None)
    window_days: reactive[int] = reactive(90)
    report: var[Report | ShownReport | None] = var(None, always_update=True)
    """The scores and flags shown (bound to the pillar panel and the flag list); while the store
    opens, the last ones kept (`services/last_scores.py`)."""
    selected_flag: var[Flag | None] = var(None, always_update=True)
    """The flag under the cursor (bound to the detail panel)."""
    explained: var[str | None] = var(None)
    """The pillar whose score the detail panel explains (None: the flag)."""
    explanation: var[PillarExplanation | None] = var(None, always_update=True)
    """That pillar's explanation (bound to the detail panel)."""

    _calibration_kept = False
    _history_checked = False

    def compose_body(self) -> ComposeResult:
        """Pillars on top, flags below; today's agenda above the flag detail."""
        with Vertical(id="dashboard"):
            yield FirstRunGuide(id="first-run")
            yield PillarPanel(id="pillars").data_bind(DashboardScreen.report)
            with Horizontal(id="flags-row"):
                yield FlagList(id="flags").data_bind(DashboardScreen.report)
                with Vertical(id="dash-side"):
                    yield AgendaPanel(id="agenda-panel")
                    yield FlagDetail(id="flag-detail").data_bind(
                        flag=DashboardScreen.selected_flag,
                        explanation=DashboardScreen.explanation,
                    )

    def on_mount(self) -> None:
        """Title the panels, then follow the data."""
        self.query_one("#pillars").border_title = _("Scores (0-25 per pillar)")
        self.query_one("#flags").border_title = _("Flags")
        self.query_one("#first-run").border_title = guide_title()
        super().on_mount()

    def action_export(self) -> None:
        """Export the review, the log or everything to a file (a form: format and file)."""
        from ssi_tui.app.transfer import open_export

        open_export(self.ssi)

    def update_status(self) -> None:
        """The status bar; and no 'computing' promise when the store could not be opened."""
        super().update_status()
        if self.ssi.load_error is not None and self.workspace is None:
            self.report = None  # (the last scores shown while it opened, if any, go too)
            self.query_one("#pillars").border_title = _("Scores (0-25 per pillar)")
            self.query_one(PillarPanel).show(
                None, _("No scores: the store could not be opened (see the line above).")
            )

    def status_detail(self) -> str:
        """As-of date and window."""
        as_of = self.as_of or self.ssi.today
        return _("as of {day} · window {days} days").format(day=day(as_of), days=self.window_days)

    def refresh_data(self) -> None:
        """Recompute the scores in a worker."""
        workspace = self.workspace
        if workspace is None:
            return
        if self.as_of is None:
            self.as_of = workspace.today
        self.load(N_("your store"), lambda ws: ws.start_state(), StartChecked, group="start")
        self.compute(self.as_of, self.window_days)

    @on(StartChecked)
    def _start_checked(self, message: StartChecked) -> None:
        """An empty store gets the guide instead of scores and flags."""
        state = message.value
        first_run = state.first_run
        guide = self.query_one(FirstRunGuide)
        if first_run:
            guide.show_steps(state.has_goals)
        guide.set_class(first_run, "-shown")
        self.query_one("#pillars").display = not first_run
        self.query_one("#flags-row").display = not first_run

    def compute(self, as_of: date, window_days: int) -> None:
        """Score and flag off the UI thread."""
        self.load(
            N_("the scores"), lambda ws: ws.report(as_of, window_days), ScoresReady, group="score"
        )

    @on(ScoresReady)
    def _scores_ready(self, message: ScoresReady) -> None:
        self.show_report(message.value)
        if not self._calibration_kept and self.workspace and not self.workspace.read_only:
            # The first scores fitted the calibration if its data changed since it was kept
            # (an import from the command line): keep it now, on the save path (scoring never
            # writes), so that the next start does not fit it again.
            self._calibration_kept = True
            self.ssi.save(lambda ws: ws.calibration.keep(), refresh=False)
        if not self._history_checked and self.workspace is not None:
            # A large store read only the history its scores needed: the rest is checked now,
            # quietly (a damaged segment is an error notification naming it and the way out).
            self._history_checked = True
            self.load(N_("the history"), lambda ws: ws.check_history(), HistoryChecked)

    def show_report(self, report: Report | ShownReport, last_seen: date | None = None) -> None:
        """Display a freshly computed report (the bound widgets follow); with `last_seen`, the
        last scores shown that day, kept from the last run while the fresh ones compute."""
        title = _("Scores (0-25 per pillar)")
        if last_seen is not None:
            title = _("Scores of {day}, updating… (0-25 per pillar)").format(day=day(last_seen))
        self.query_one("#pillars").border_title = title
        self.report = report
        self._show_flag(self.query_one(FlagList).highlighted)
        self._explain()
        self.update_status()

    @on(OptionList.OptionHighlighted, "#flags")
    def _flag_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.explained is not None and self.report is not None and self._moved_on_flags:
            self.explained = None
        self._show_flag(event.option_index)

    @property
    def _moved_on_flags(self) -> bool:
        return self.focused is self.query_one(FlagList)

    @on(OptionList.OptionSelected, "#flags")
    def _flag_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a flag: that flag on the whole screen."""
        event.stop()
        self.explained = None
        self._show_flag(event.option_index)
        self.action_zoom()

    def action_zoom(self) -> None:
        """What the detail panel shows (the flag, or the pillar explained), full screen."""
        from ssi_tui.app.screens.detail import DetailScreen

        if self.explanation is not None:
            body = pillar_detail(self.explanation, lambda kind: kind_words(self.app, kind))
            title = str(self.query_one(FlagDetail).border_title)
        elif self.selected_flag is not None:
            body = flag_detail(self.selected_flag)
            title = _("Flag: {title}").format(title=flag_title(self.selected_flag.id))
        else:
            return
        self.app.push_screen(DetailScreen(title, body))

    def action_focus_panel(self, panel: str) -> None:
        """Move the focus to a panel (`flags` or `flag-detail`)."""
        self.query_one(f"#{panel}").focus()

    def action_explain_pillar(self, pillar: str) -> None:
        """Explain a pillar's score in the detail panel, which takes the focus (the arrow keys
        scroll the explanation); the same pillar again: the flag, and back to the list."""
        self.explained = None if self.explained == pillar else pillar
        self.action_focus_panel("flags" if self.explained is None else "flag-detail")

    def watch_explained(self) -> None:
        """Show (or leave) a pillar's explanation."""
        self._explain()

    def _explain(self) -> None:
        workspace = self.workspace
        if self.explained is None or self.report is None or workspace is None:
            self.explanation = None
            self.update_key_hints()
            return
        from ssi_tui.domain.explain import explain

        explained = explain(self.report.breakdown, workspace.catalog, workspace.rules)
        self.explanation = explained[self.explained]
        item = self.explanation
        self.query_one(FlagDetail).border_title = _(
            "Why {pillar} is {raw} raw, {weighted} weighted"
        ).format(
            pillar=pillar_label(self.explained, short=True),
            raw=number(item.raw, 1),
            weighted=number(item.weighted, 1),
        )

    def _show_flag(self, index: int | None) -> None:
        flags = self.report.flags if self.report else []
        self.selected_flag = flags[index] if index is not None and 0 <= index < len(flags) else None

    def watch_as_of(self) -> None:
        """Recompute for a new date."""
        self._recompute()

    def watch_window_days(self) -> None:
        """Recompute for a new window."""
        self._recompute()

    def _recompute(self) -> None:
        if self.is_mounted and self.workspace is not None and self.as_of is not None:
            self.update_status()
            self.compute(self.as_of, self.window_days)

    def action_cycle_window(self) -> None:
        """30 → 90 → 365 days."""
        position = WINDOWS.index(self.window_days) if self.window_days in WINDOWS else 0
        self.window_days = WINDOWS[(position + 1) % len(WINDOWS)]

    def action_set_window(self, days: int) -> None:
        """Use a window of `days` days."""
        self.window_days = days

    def action_shift_week(self, weeks: int) -> None:
        """Move the as-of date by whole weeks (never past today)."""
        today = self.ssi.today
        current = self.as_of or today
        self.as_of = min(today, current + timedelta(weeks=weeks))

    def action_to_today(self) -> None:
        """Back to today."""
        self.as_of = self.ssi.today
