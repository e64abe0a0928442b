"""Start the app from the command line context."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssi_tui.cli.context import Context


def run_app(context: Context) -> int:
    """Run the app on the context's data dir (a throw-away demo copy with --demo)."""
    from ssi_tui.app.app import SSIApp

    app = SSIApp(context.data_dir(), context.today, demo=context.demo)
    app.run()
    return app.return_code or 0
