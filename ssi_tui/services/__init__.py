"""The application layer: every rule and validation the command line and the app share.

- `workspace`   `Workspace`: the store, catalog, rules and today; scores; one service per area
- `opening`     `open_workspace(data_dir, today)`, the demo seed
- `errors`      `InputError` and the store's errors, for callers to catch
- `activities`  log, edit, delete/undo, the log's rows
- `goals`       audiences, weights, roles, accounts, objectives, the profile checklist
- `contacts`    contacts with their effective audience and last interaction
- `readings`    official readings (one validation for the form and the CLI)
- `planner`     plans, occurrences, agenda, streaks, suggestions, losing touch
- `review`      weekly history, the official comparison, the Markdown review's data
- `imports`     `import_export`: a LinkedIn export into the store
- `transfer`    export formats, loading a JSON export
- `backups`     list and restore backups of a data dir
- `settings`    the user's settings kept in the store
- `app_files`   the app's own cache files (not the store's)

The layers: domain ← store ← importers/exports ← services ← cli/app (pyproject's
import-linter contracts). Modules import lazily so that start-up stays fast.
"""
