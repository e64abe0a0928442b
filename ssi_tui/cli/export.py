"""`ssi-tui export` (Markdown review, CSV log, JSON document) and `ssi-tui load`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.review import weeks_count

if TYPE_CHECKING:
    from datetime import date

    from ssi_tui.workspace import Workspace

FORMATS = ("md", "csv", "json")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `export` and `load`."""
    export = subparsers.add_parser(
        "export",
        parents=[common],
        help="export the weekly review (md), the activity log (csv) or everything (json)",
        description=(
            "md: the weekly review (scores raw vs weighted, flags and actions, top activities, "
            "trend). csv: the activity log, safe to open in a spreadsheet. json: everything, in "
            "the versioned shape `ssi-tui load` reads (docs/export-format.md). Files are "
            "created readable by you only (0600); without -o the export is printed."
        ),
    )
    export.add_argument("--format", choices=FORMATS, required=True, help="md, csv or json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (0600)")
    export.add_argument(
        "--as-of", metavar="DATE", help="md: review as of DATE; csv: activities up to DATE"
    )
    export.add_argument(
        "--weeks", type=weeks_count, metavar="N", help="md: weeks in the trend table (default 12)"
    )
    export.set_defaults(handler=run_export)

    load = subparsers.add_parser(
        "load",
        parents=[common],
        help="restore a JSON export into an empty store",
        description=(
            "Restore a JSON export (`ssi-tui export --format json`). The whole file is checked "
            "before anything is written. The store must be empty, unless --merge: then records "
            "already in the store (same id, or a contact with the same name) are kept as they "
            "are, and the store's goals, checklist and settings win."
        ),
    )
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument("--merge", action="store_true", help="add to a store that already holds data")
    load.set_defaults(handler=run_load)


def run_export(context: Context) -> int:
    """Export in the chosen format, to a 0600 file or to standard output."""
    args = context.args
    as_of = context.parse_date(args.as_of, "--as-of", past=True)
    if args.format == "json" and (as_of is not None or args.weeks is not None):
        raise UserError("--as-of and --weeks do not apply to --format json (it exports everything)")
    if args.format == "csv" and args.weeks is not None:
        raise UserError("--weeks applies to --format md only")
    workspace = context.workspace(write=False)
    if args.format == "md":
        text = markdown_review(workspace, as_of or context.today, args.weeks or 12, context)
    elif args.format == "csv":
        from ssi_tui.exports.csv_log import activities_csv

        activities = workspace.store.activities.between(None, as_of)
        text = activities_csv(activities, workspace.catalog)
    else:
        from ssi_tui.exports.document import export_document

        document = export_document(workspace.store, context.today)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    output = args.output
    if output is None or output == "-":
        context.stdout.write(text)
        return 0
    from ssi_tui.store.files import atomic_write

    path = Path(output).expanduser()
    if path.is_dir():
        raise UserError(f"-o: {path} is a directory; name a file")
    atomic_write(path, text.encode("utf-8"))
    context.stderr.write(f"Wrote {path} ({args.format}, readable by you only)\n")
    return 0


def markdown_review(workspace: Workspace, as_of: date, weeks: int, context: Context) -> str:
    """The weekly review as Markdown."""
    from ssi_tui.exports.markdown import render_review
    from ssi_tui.exports.weekly import gather_review

    review = gather_review(workspace, as_of, weeks)
    return render_review(review, workspace.catalog, context.today)


def run_load(context: Context) -> int:
    """Validate an export, then restore it (refused into a non-empty store without --merge)."""
    from ssi_tui.exports.loader import read_export, restore, store_contents

    args = context.args
    contents = read_export(args.file)
    store = context.workspace(write=True).store
    if not args.merge:
        held = store_contents(store)
        if held:
            raise UserError(
                f"the store is not empty ({', '.join(held)}); nothing was loaded. Load into an "
                "empty store (--data-dir DIR), or add --merge to keep what is there and add the rest"
            )
    summary = restore(store, contents, merge=args.merge)
    context.stdout.write(f"Loaded {args.file}:\n{summary.describe()}\n")
    return 0
