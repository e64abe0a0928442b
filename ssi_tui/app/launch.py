"""Start the app (the command line's way in); the last scores it shows while the store opens."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_tui.gcpause import pause_for_startup, resume_after_startup

if TYPE_CHECKING:
    from ssi_tui.services.last_scores import Preview


class LastScores:
    """The scores the dashboard last showed (`services/last_scores.py`), read by a worker once
    the first frame is on screen (~25 ms, then shown), before the store opens.

    Not earlier: a thread reading them while Textual imports slowed the first frame by ~90 ms
    (the interpreter is shared), more than the first frame gains from showing them."""

    def __init__(self, data_dir: Path, today: date, *, demo: bool = False) -> None:
        self.done = threading.Event()  # set once they are read, or found missing
        self._preview: Preview | None = None
        self._data_dir = data_dir
        self._today = today
        self._rules_dir = None if demo else data_dir  # (the demo's rules are the package's)

    def read(self) -> None:
        """Read them (a worker thread's; once)."""
        if self.done.is_set():
            return
        try:
            from ssi_tui.services.last_scores import preview

            self._preview = preview(self._data_dir, self._today, self._rules_dir)
        except Exception:  # (a cache: whatever is wrong with it, the fresh scores come anyway)
            self._preview = None
        finally:
            self.done.set()

    def take(self) -> Preview | None:
        """The last scores, once (None: not read yet, none kept, or taken already). The UI
        thread's only."""
        if not self.done.is_set():
            return None
        preview, self._preview = self._preview, None
        return preview


def run_app(data_dir: Path, today: date, *, demo: bool = False) -> int:
    """Run the app on `data_dir` (a throw-away demo copy with `demo`); its exit status.

    The cyclic collector is off from here to the first frame (`SSIApp.on_ready`)."""
    pause_for_startup()
    try:
        from ssi_tui.app.app import SSIApp

        app = SSIApp(data_dir, today, demo=demo)
        app.run()
    finally:
        resume_after_startup()  # (an app that stopped before its first frame)
    return app.return_code or 0
