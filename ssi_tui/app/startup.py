"""Opening the store when the app starts, in a worker once the first frame is on screen, and
showing the scores the dashboard last showed meanwhile (`services/last_scores.py`, read by
`app/launch.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_tui.app.messages import StoreFailed, StoreOpened
from ssi_tui.services.errors import StoreCorruptError, StoreError, StoreVersionError

if TYPE_CHECKING:
    from ssi_tui.app.app import SSIApp
    from ssi_tui.services.last_scores import Preview


def open_store(app: SSIApp) -> None:
    """Open the store (read-only if another ssi-tui holds it) and post what came of it. Runs
    in a worker thread."""
    from ssi_tui.services.errors import DataFileError
    from ssi_tui.services.opening import open_workspace

    try:
        opened = open_workspace(app.data_dir, app.today, demo=app.demo, read_only_if_locked=True)
        workspace = opened.workspace
        problems = workspace.problems()
        theme = workspace.settings.theme
        workspace.journal.via = "app"
        undo_left = workspace.journal.count()
    except (StoreCorruptError, StoreVersionError) as error:
        corrupt = isinstance(error, StoreCorruptError)
        app.post_message(StoreFailed(str(error), recover=True, corrupt=corrupt))
        return
    except (StoreError, DataFileError, OSError) as error:
        app.post_message(StoreFailed(str(error)))
        return
    app.post_message(StoreOpened(workspace, opened.read_only_reason, problems, theme, undo_left))


def show_last_scores(app: SSIApp) -> None:
    """Show the last scores on the dashboard while the store opens, if they are read and not
    shown yet."""
    preview = app.last_scores.take()
    if preview is not None:
        show_preview(app, preview)


def show_preview(app: SSIApp, preview: Preview) -> None:
    """Show the last scores on the dashboard (said to be of their day, updating, unless they
    are exactly today's), unless it shows scores already or the user went elsewhere (the
    dashboard then opens on fresh scores)."""
    from ssi_tui.app.screens.dashboard import DashboardScreen

    screen = app.screen
    if isinstance(screen, DashboardScreen) and screen.report is None and app.workspace is None:
        last_seen = None if preview.exact else preview.report.breakdown.as_of
        screen.show_report(preview.report, last_seen)
