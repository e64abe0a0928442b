"""Start the app (the command line's way in)."""

from __future__ import annotations

from datetime import date
from pathlib import Path


def run_app(data_dir: Path, today: date, *, demo: bool = False) -> int:
    """Run the app on `data_dir` (a throw-away demo copy with `demo`); its exit status."""
    from ssi_tui.app.app import SSIApp

    app = SSIApp(data_dir, today, demo=demo)
    app.run()
    return app.return_code or 0
