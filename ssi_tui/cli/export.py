"""`ssi-tui export` (Markdown review, CSV log, JSON document) and `ssi-tui load`."""

from __future__ import annotations

import argparse
from datetime import time
from pathlib import Path

from ssi_tui.cli.args import whole_number
from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.review import weeks_count
from ssi_tui.services.transfer import EXPORT_FORMATS
from ssi_tui.wording import _

alarm_minutes = whole_number("alarm", 0, 10_080, "minutes")
agenda_weeks = whole_number("agenda", 1, 104, "weeks")


def time_of_day(text: str) -> time:
    """`HH:MM` (24-hour clock), for argparse: a bad one is one line."""
    try:
        hours, minutes = (int(part) for part in text.strip().split(":"))
        return time(hours, minutes)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a time of day: give HH:MM, e.g. 08:30").format(text=repr(text))
        ) from None


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `export` and `load`."""
    export = subparsers.add_parser(
        "export",
        parents=[common],
        help=_("export {formats}").format(
            formats=", ".join(f"{_(item.what)} ({name})" for name, item in EXPORT_FORMATS.items())
        ),
        description=" ".join(
            _("{name}: {value}").format(name=name, value=_(item.description)) + "."
            for name, item in EXPORT_FORMATS.items()
        )
        + " "
        + _(
            "Files are created readable by you only (0600); without -o the export is printed "
            "(Markdown on a terminal unless --format says otherwise)."
        ),
    )
    export.add_argument(
        "--format",
        choices=tuple(EXPORT_FORMATS),
        help=_(
            "{formats} (default: from -o FILE's extension, else md on a terminal; needed when "
            "the output is piped)"
        ).format(formats=", ".join(EXPORT_FORMATS)),
    )
    export.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE (0600)"))
    export.add_argument(
        "--as-of", metavar="DATE", help=_("md: review as of DATE; csv: activities up to DATE")
    )
    export.add_argument(
        "--weeks",
        type=weeks_count,
        metavar="N",
        help=_("md: weeks in the trend table (default 12)"),
    )
    export.add_argument(
        "--at",
        type=time_of_day,
        metavar="HH:MM",
        help=_("ics: the time of day the planned actions are put at (default 09:00)"),
    )
    export.add_argument(
        "--alarm",
        type=alarm_minutes,
        metavar="MIN",
        help=_("ics: a reminder MIN minutes before (default 10; 0: none)"),
    )
    export.add_argument(
        "--agenda",
        type=agenda_weeks,
        metavar="WEEKS",
        help=_(
            "ics: the next WEEKS weeks' occurrences as single events instead of recurring ones "
            "(for calendars that mishandle repeat rules)"
        ),
    )
    export.set_defaults(handler=run_export)

    load = subparsers.add_parser(
        "load",
        parents=[common],
        help=_("restore a JSON export into an empty store"),
        description=(
            _(
                "Restore a JSON export (`ssi-tui export --format json`). The whole file is checked "
                "before anything is written. The store must be empty, unless --merge: then records "
                "already in the store (same id, or a contact with the same name) are kept as they "
                "are, and the store's goals, checklist and settings win."
            )
        ),
    )
    load.add_argument("file", metavar="FILE", type=Path)
    load.add_argument(
        "--merge", action="store_true", help=_("add to a store that already holds data")
    )
    load.set_defaults(handler=run_load)


def run_export(context: Context) -> int:
    """Export in the chosen format, to a 0600 file or to standard output."""
    from ssi_tui.services.errors import InputError
    from ssi_tui.services.transfer import ExportRequest, export_text, write_private

    args = context.args
    chosen = export_format(context)
    request = ExportRequest(
        context.parse_date(args.as_of, "--as-of", past=True),
        args.weeks,
        args.at,
        args.alarm,
        args.agenda,
    )
    try:
        text = export_text(context.workspace(write=False), chosen, request)
    except InputError as error:
        raise UserError(str(error)) from None
    if args.output is None or args.output == "-":
        context.stdout.write(text)
        return 0
    try:
        path = write_private(Path(args.output), text)
    except InputError as error:
        raise UserError(f"-o: {error}") from None
    context.stderr.write(
        _("Wrote {path} ({format}, readable by you only)").format(path=path, format=chosen) + "\n"
    )
    return 0


def export_format(context: Context) -> str:
    """--format, else the extension of -o FILE, else Markdown when a person reads it (a
    terminal); a script piping the output names it."""
    args = context.args
    if args.format is not None:
        return str(args.format)
    if args.output not in (None, "-"):
        suffix = Path(args.output).suffix.lower().lstrip(".")
        found = {"markdown": "md", "txt": "md"}.get(suffix, suffix)
        if found in EXPORT_FORMATS:
            return found
        raise UserError(
            _("cannot tell the format from {name}: give --format ({formats})").format(
                name=repr(Path(args.output).name), formats=", ".join(EXPORT_FORMATS)
            )
        )
    isatty = getattr(context.stdout, "isatty", None)
    if isatty is not None and isatty():
        return "md"
    raise UserError(
        _("give --format ({formats}) when the output is not a terminal").format(
            formats=", ".join(EXPORT_FORMATS)
        )
    )


def run_load(context: Context) -> int:
    """Validate an export, then restore it (refused into a non-empty store without --merge)."""
    from ssi_tui.services.errors import InputError
    from ssi_tui.services.transfer import load_export, read_export_file

    args = context.args
    contents = read_export_file(args.file)
    try:
        summary = load_export(context.workspace(write=True), contents, merge=args.merge)
    except InputError as error:
        raise UserError(str(error)) from None
    context.done(
        _("Loaded {path}:").format(path=args.file) + "\n" + summary.describe(),
        added=summary.added,
        kept=summary.kept,
    )
    return 0
