"""The losing-touch table: contacts past their stay-in-touch cadence, most overdue first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_tui.app.tables import Table
from ssi_tui.app.text import cell
from ssi_tui.domain.text import fold

if TYPE_CHECKING:
    from ssi_tui.domain.nurture import TouchStatus

COLUMNS = (
    ("name", "Name"),
    ("ratio", "Overdue ÷ cadence"),
    ("overdue", "Overdue"),
    ("cadence", "Cadence"),
    ("last", "Last interaction"),
    ("audience", "Audience"),
    ("company", "Company"),
)


class LosingTouchTable(Table):
    """Hidden until shown; rows keyed by contact id, like the contacts table."""

    DEFAULT_CSS = """
    LosingTouchTable { display: none; height: 1fr; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.statuses: list[TouchStatus] = []
        self.filter_text = ""

    def on_mount(self) -> None:
        """Columns."""
        for key, header in COLUMNS:
            self.add_column(header, key=key)

    def show(self, statuses: list[TouchStatus], text: str = "") -> None:
        """Replace the rows with the statuses matching a (folded) filter text."""
        self.statuses = statuses
        self.filter_text = text
        row = self.cursor_row
        self.clear()
        for status in statuses:
            contact = status.contact
            fields = [contact.name, contact.company, contact.title, status.audience]
            if text and text not in fold(" ".join(filter(None, fields))):
                continue
            last = status.last.isoformat() + (" (connected)" if status.since_connection else "")
            self.add_row(
                cell(contact.name),
                cell(f"{status.ratio:.1f}×", justify="right"),
                cell(f"{status.overdue_days} d", justify="right"),
                cell(f"{status.cadence} d", justify="right"),
                cell(last),
                cell(status.audience),
                cell(contact.company),
                key=contact.id,
            )
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))

    def summary(self) -> str:
        """Status-bar text."""
        count = len(self.statuses)
        shown = f"{self.row_count} of " if self.filter_text else ""
        return (
            f"{shown}{count} contact{'s' if count != 1 else ''} losing touch, the most overdue "
            "for their cadence first (days overdue ÷ cadence) · l: all contacts"
        )
