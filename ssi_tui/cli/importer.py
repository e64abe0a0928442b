"""`ssi-tui import PATH`: LinkedIn's data export (ZIP or folder) into contacts and activities,
and a calendar file's past meetings (.ics, alone or in the export's folder) into activities."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ssi_tui.cli.args import text
from ssi_tui.cli.context import Context, UserError
from ssi_tui.cli.output import format_table, print_json
from ssi_tui.domain.text import clean_text
from ssi_tui.wording import _, counted, pgettext

if TYPE_CHECKING:
    from ssi_tui.services.imports import ImportProgress, ImportSummary

ERRORS_SHOWN = 5  # bad rows listed per file in the human summary (all of them in --json)
IGNORED_SHOWN = 10


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `import` subcommand."""
    parser = subparsers.add_parser(
        "import",
        parents=[common],
        help=_("import LinkedIn's data export (ZIP or folder) or a calendar (.ics)"),
        description=(
            _(
                "Import LinkedIn's 'Get a copy of your data' archive: the ZIP as downloaded, or its "
                "unpacked folder. Connections and message counterparts become contacts; connections, "
                "invitations, messages, posts, comments, reactions, endorsements, recommendations, "
                "searches, follows, media and events become activities. Message bodies are never "
                "stored. Importing the same or a newer archive again adds only what is new. "
                "A calendar file (.ics, from Google Calendar, Outlook or Apple Calendar; or .ics "
                "files in the folder) adds each past meeting with someone else as a meeting, call "
                "or event off LinkedIn, its people as contacts; event descriptions are never stored."
            )
        ),
    )
    parser.add_argument(
        "path",
        metavar="PATH",
        type=text,
        help=_("the export ZIP, its unpacked folder, or a calendar file (.ics)"),
    )
    parser.add_argument(
        "--me",
        metavar="EMAIL",
        action="append",
        type=text,
        default=[],
        help=_("calendar: your own address, not counted as someone met (repeatable; remembered)"),
    )
    parser.add_argument(
        "--keep-titles",
        action="store_true",
        help=_("calendar: keep each event's title as the activity's note (not kept by default)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.add_argument(
        "--dry-run", action="store_true", help=_("read and count everything, save nothing")
    )
    parser.set_defaults(handler=run_import)


def run_import(context: Context) -> int:
    """Import an export; a bad archive is one line and exit status 2, the store untouched."""
    from ssi_tui.services.imports import (
        ArchiveError,
        calendar_files,
        calendars_only,
        import_export,
        open_export,
    )

    args = context.args
    dry_run = bool(args.dry_run)
    as_json = bool(args.json)
    path = Path(args.path).expanduser()
    calendars = calendar_files(path)
    if calendars and calendars_only(path):
        return _run_calendars(context, calendars, None)
    try:
        archive = open_export(path)
    except ArchiveError as error:
        raise UserError(str(error)) from None
    with archive:
        workspace = context.workspace(write=not dry_run)
        progress = TerminalProgress(context.stderr) if _isatty(context.stderr) else None
        try:
            summary = import_export(workspace, archive, dry_run=dry_run, progress=progress)
        except ArchiveError as error:
            raise UserError(str(error)) from None
        finally:
            if progress is not None:
                progress.finish()
    if calendars:
        return _run_calendars(context, calendars, summary)
    if as_json:
        print_json(summary.to_json(), context.stdout)
    else:
        context.stdout.write(render_summary(summary) + "\n")
    return 0


def _run_calendars(context: Context, paths: list[Path], export: ImportSummary | None) -> int:
    """Import calendar files (after the export of the same folder, if any); print it all."""
    from ssi_tui.services.errors import InputError
    from ssi_tui.services.imports import CalendarError, import_calendars

    args = context.args
    workspace = context.workspace(write=not args.dry_run)
    try:
        summaries = import_calendars(
            workspace,
            paths,
            dry_run=bool(args.dry_run),
            keep_titles=bool(args.keep_titles),
            own=tuple(args.me),
        )
    except (CalendarError, InputError) as error:
        raise UserError(str(error)) from None
    if args.json:
        data = export.to_json() if export is not None else {}
        data["calendars"] = [summary.to_json() for summary in summaries]
        print_json(data, context.stdout)
        return 0
    parts = [render_summary(export)] if export is not None else []
    parts.extend("\n".join(map(clean_text, summary.lines())) for summary in summaries)
    context.stdout.write("\n\n".join(parts) + "\n")
    return 0


def render_summary(summary: ImportSummary) -> str:
    """The human summary: a table of files, then owner, totals, bad rows and ignored files."""
    rows = [
        [name, report.rows, report.imported, report.duplicates, len(report.errors)]
        for name, report in summary.files.items()
    ]
    lines = []
    if rows:
        lines.append(
            format_table(
                [
                    pgettext("column", "file"),
                    pgettext("column", "rows"),
                    pgettext("column", "would import")
                    if summary.dry_run
                    else pgettext("column", "imported"),
                    pgettext("column", "duplicates"),
                    pgettext("column", "errors"),
                ],
                rows,
                align_right=(1, 2, 3, 4),
            )
        )
    else:
        lines.append(_("No LinkedIn export file found in this archive."))
    lines.append("")
    if summary.owner is not None:
        lines.append(_("Owner: {owner}").format(owner=clean_text(summary.owner.describe())))
    else:
        lines.append(_("Owner: not detected (no sent invitations, no messages)"))
    lines.append(summary.headline())
    lines.extend(f"  {clean_text(line)}" for line in summary.change_lines())
    for name, report in summary.files.items():
        for warning in report.warnings:
            lines.append(f"{clean_text(name)}: {clean_text(warning)}")
    for name, report in summary.files.items():
        if not report.errors:
            continue
        count = len(report.errors)
        lines.append(f"{clean_text(name)}: {counted(count, 'bad row', 'bad rows')}")
        for error in report.errors[:ERRORS_SHOWN]:
            lines.append(
                "  "
                + _("line {line}: {error}").format(line=error.line, error=clean_text(error.error))
            )
        if len(report.errors) > ERRORS_SHOWN:
            more = len(report.errors) - ERRORS_SHOWN
            lines.append("  " + _("… {n} more (see --json)").format(n=more))
    if summary.ignored_files:
        shown = summary.ignored_files[:IGNORED_SHOWN]
        more = len(summary.ignored_files) - len(shown)
        names = ", ".join(clean_text(name) for name in shown)
        if more:
            names += ", " + _("… {n} more (see --json)").format(n=more)
        lines.append(
            _("Ignored {files}: {names}").format(
                files=counted(len(summary.ignored_files), "file", "files"), names=names
            )
        )
    if summary.dry_run:
        lines.append(_("Dry run: nothing was saved."))
    return "\n".join(lines)


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class TerminalProgress:
    """One self-overwriting line on stderr: which file, how far."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._shown = False

    def __call__(self, event: ImportProgress) -> None:
        """Show one progress event."""
        if event.file:
            percent = 100 * event.done / event.total if event.total else 100.0
            text = _("reading {file} {percent:3.0f}%").format(
                file=clean_text(event.file), percent=percent
            )
        elif 0 < event.done < event.total:  # (a large import says how far its save is)
            text = _("saving {activities} {percent:3.0f}%").format(
                activities=counted(event.total, "activity", "activities"),
                percent=100 * event.done / event.total,
            )
        else:
            text = _("saving {activities}…").format(
                activities=counted(event.total, "activity", "activities")
            )
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        """Clear the line."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
