"""What an import did, per file: rows read, imported, already there, and the bad rows by line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ssi_tui.domain.network import ConnectionChange
from ssi_tui.importers.csvfiles import RowError
from ssi_tui.importers.owner import Owner
from ssi_tui.wording import _, number
from ssi_tui.wording.imports import changes_line, import_headline


@dataclass(slots=True)
class FileReport:
    """One export file's counts and bad rows."""

    rows: int = 0
    imported: int = 0
    duplicates: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # how it was read, when unusual

    def to_json(self) -> dict[str, Any]:
        """`{"rows", "imported", "duplicates", "errors": [{"line", "error"}], "warnings"}`."""
        return {
            "rows": self.rows,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "errors": [{"line": error.line, "error": error.error} for error in self.errors],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """How far the reading of one file has got (bytes); `file` is "" for the final save (the
    new activities written so far, of `total`: a large one is reported as it goes)."""

    file: str
    done: int
    total: int


@dataclass(slots=True)
class ImportSummary:
    """The result of an import (or of a dry run: what it would add)."""

    owner: Owner | None = None
    files: dict[str, FileReport] = field(default_factory=dict)
    ignored_files: list[str] = field(default_factory=list)
    contacts_added: int = 0
    contacts_updated: int = 0
    activities_added: int = 0
    activities_rematched: int = 0  # imported before, given topics the goals gained since
    checklist_updated: bool = False
    dry_run: bool = False
    changes: list[ConnectionChange] = field(default_factory=list)  # seen in the network
    moves: list[tuple[str, str, str]] = field(default_factory=list)  # (name, joined/left, account)

    @property
    def error_count(self) -> int:
        """Bad rows over all files."""
        return sum(len(report.errors) for report in self.files.values())

    def to_json(self) -> dict[str, Any]:
        """The summary as one JSON object (the shape `ssi-tui import --json` prints)."""
        return {
            "owner": self.owner.to_json() if self.owner else None,
            "files": {name: report.to_json() for name, report in self.files.items()},
            "ignored_files": list(self.ignored_files),
            "contacts_added": self.contacts_added,
            "activities_added": self.activities_added,
            "activities_rematched": self.activities_rematched,
            "changes": [self._change_json(change) for change in self.changes],
        }

    def _change_json(self, change: ConnectionChange) -> dict[str, Any]:
        move = next(
            ({"move": how, "account": account} for name, how, account in self.moves
             if name == change.name),
            None,
        )  # fmt: skip
        return {**change.model_dump(mode="json", exclude={"id"}), "account": move}

    def headline(self) -> str:
        """One sentence: what was (or would be) added."""
        return import_headline(
            dry_run=self.dry_run,
            activities=self.activities_added,
            contacts=self.contacts_added,
            updated=self.contacts_updated,
            rematched=self.activities_rematched,
            checklist=self.checklist_updated,
            changes=self.changes_line() if self.changes else "",
            errors=self.error_count,
        )

    def change_lines(self, limit: int = 10) -> list[str]:
        """The network's changes, one per line (account moves first), at most `limit`."""
        moved = {
            name: " — "
            + (
                _("joined target account {account}")
                if how == "joined"
                else _("left target account {account}")
            ).format(account=account)
            for name, how, account in self.moves
        }
        ordered = sorted(self.changes, key=lambda change: change.name not in moved)
        lines = [change.describe() + moved.get(change.name, "") for change in ordered[:limit]]
        if len(ordered) > limit:
            lines.append(
                _("… {count} more (ssi-tui changes)").format(count=number(len(ordered) - limit))
            )
        return lines

    def changes_line(self) -> str:
        """'2 job changes, 1 new connection, 1 joined a target account'."""
        kinds = Counter(change.kind for change in self.changes)
        moves = Counter(how for _name, how, _account in self.moves)
        return changes_line(
            kinds["job"], kinds["new"], kinds["removed"], moves["joined"], moves["left"]
        )
