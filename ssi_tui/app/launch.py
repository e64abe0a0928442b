"""Start the app (the command line's way in), reading the last scores meanwhile."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssi_tui.services.last_scores import Preview


class LastScores:
    """The scores the dashboard last showed (`services/last_scores.py`), read in a thread from
    the moment the app is asked for, while Textual and the screens import (~0.2 s): by the
    dashboard's first frame they are in, and that frame shows them."""

    def __init__(self, data_dir: Path, today: date, *, demo: bool = False) -> None:
        self.done = threading.Event()  # set once they are read, or found missing
        self._preview: Preview | None = None
        where = None if demo else data_dir  # (the demo's rules are the package's)
        threading.Thread(
            target=self._read, args=(data_dir, today, where), name="ssi-last-scores", daemon=True
        ).start()

    def _read(self, data_dir: Path, today: date, rules_dir: Path | None) -> None:
        try:
            from ssi_tui.services.last_scores import preview

            self._preview = preview(data_dir, today, rules_dir)
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
    """Run the app on `data_dir` (a throw-away demo copy with `demo`); its exit status."""
    last_scores = LastScores(data_dir, today, demo=demo)  # (before Textual is imported)
    from ssi_tui.app.app import SSIApp

    app = SSIApp(data_dir, today, demo=demo, last_scores=last_scores)
    app.run()
    return app.return_code or 0
