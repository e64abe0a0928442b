"""The dashboard's first-run guide: shown instead of scores while the store has no activity."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ssi_tui.app.registry import key_display
from ssi_tui.wording import _
from ssi_tui.wording.start import guide_intro, guide_steps


class FirstRunGuide(Static):
    """Where to start: set goals, import the LinkedIn export, log an activity, or the demo."""

    DEFAULT_CSS = """
    FirstRunGuide { border: round $accent; padding: 1 2; height: 1fr; display: none; }
    FirstRunGuide.-shown { display: block; }
    """

    def show_steps(self, has_goals: bool) -> None:
        """The guide, with the keys bound now (the user's keymap applied)."""
        app = self.app
        log_key = _("{first} then {second}").format(
            first=key_display(app, "app.go_activities"), second=key_display(app, "activities.new")
        )
        steps = guide_steps(
            has_goals, key_display(app, "app.go_goals"), key_display(app, "app.go_import"), log_key
        )
        self.update(Content("\n\n".join([guide_intro(), *steps])))
