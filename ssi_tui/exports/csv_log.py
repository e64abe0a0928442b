"""The activity log as CSV, safe against spreadsheet formula injection (OWASP)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssi_tui.domain.catalog import Catalog
    from ssi_tui.domain.models import Activity

# A spreadsheet treats a cell starting with one of these as a formula (or a DDE payload).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "date",
    "kind",
    "pillar",
    "channel",
    "audience",
    "contact",
    "company",
    "title",
    "personalised",
    "relevance",
    "note",
    "source",
    "plan_id",
    "id",
)


def safe_cell(value: object) -> str:
    """A CSV cell: None becomes empty; text a spreadsheet would run as a formula gets a `'` first."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def activities_csv(activities: Iterable[Activity], catalog: Catalog) -> str:
    """The activity log, oldest first, one row per activity with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for activity in activities:
        kind = catalog.kinds.get(activity.kind)
        pillar = kind.pillar if kind is not None else None
        writer.writerow(
            [
                safe_cell(pillar if column == "pillar" else getattr(activity, column))
                for column in COLUMNS
            ]
        )
    return buffer.getvalue()
