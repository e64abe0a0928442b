"""The losing-touch table: contacts past their stay-in-touch cadence, most overdue first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_tui.app.registry import key_display
from ssi_tui.app.tables import Table
from ssi_tui.app.text import cell
from ssi_tui.domain.text import fold
from ssi_tui.wording import N_, _, days_short, number, plural

if TYPE_CHECKING:
    from ssi_tui.domain.nurture import TouchStatus

COLUMNS = (
    ("name", N_("Name")),
    ("ratio", N_("Overdue ÷ cadence")),
    ("overdue", N_("Overdue")),
    ("cadence", N_("Cadence")),
    ("last", N_("Last interaction")),
    ("audience", N_("Audience")),
    ("company", N_("Company")),
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
            self.add_column(_(header), key=key)

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
            last = status.last.isoformat() + (
                " " + _("(connected)") if status.since_connection else ""
            )
            self.add_row(
                cell(contact.name),
                cell(f"{number(status.ratio, 1)}×", justify="right"),
                cell(days_short(status.overdue_days), justify="right"),
                cell(days_short(status.cadence), justify="right"),
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
        losing = plural(
            count,
            "{count} contact losing touch, the most overdue for their cadence first "
            "(days overdue ÷ cadence) · {key}: all contacts",
            "{count} contacts losing touch, the most overdue for their cadence first "
            "(days overdue ÷ cadence) · {key}: all contacts",
        ).format(count=number(count), key=key_display(self.app, "contacts.losing_touch"))
        if self.filter_text:
            return _("{shown} of {all}").format(shown=number(self.row_count), all=losing)
        return losing
