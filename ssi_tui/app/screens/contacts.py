"""Contacts: audience, company, title, last interaction; edit a contact's audience."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Input

from ssi_tui.app.messages import ContactList, ContactRowsLoaded, LosingTouchLoaded
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.forms import contact_audience_form, contact_form
from ssi_tui.app.tables import Table, filled, selected_key
from ssi_tui.app.text import cell
from ssi_tui.app.widgets.losing_touch import LosingTouchTable
from ssi_tui.domain.models import Contact, Goals
from ssi_tui.domain.text import fold
from ssi_tui.services.contacts import ContactRow
from ssi_tui.wording import N_, _, counted, number

PAGE_SIZE = 500


class ContactsScreen(BaseScreen, screen_id="contacts"):
    """Everyone you work with; `e` sets a contact's audience."""

    AUTO_FOCUS = "#contact-table"
    DEFAULT_CSS = """
    #contact-table { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.contacts: list[ContactRow] = []
        self.goals: Goals | None = None
        self.shown = 0
        self.losing_touch = False

    def compose_body(self) -> ComposeResult:
        """Filter above the table."""
        with Horizontal(classes="filters"):
            yield Input(
                placeholder=_("filter: name, company, title, audience…"),
                id="contact-filter",
                compact=True,
            )
        yield Table(id="contact-table", cursor_type="row", zebra_stripes=True)
        yield LosingTouchTable(id="losing-table")

    def on_mount(self) -> None:
        """Columns."""
        table = self.query_one(DataTable)
        for key, header in (
            ("name", _("Name")),
            ("change", _("Change")),
            ("audience", _("Audience")),
            ("company", _("Company")),
            ("title", _("Title")),
            ("last", _("Last interaction")),
        ):
            table.add_column(header, key=key)
        super().on_mount()

    def status_detail(self) -> str:
        """Counts."""
        if self.losing_touch:
            return self.query_one(LosingTouchTable).summary()
        shown = _("{shown} of {all}").format(
            shown=number(self.shown), all=counted(len(self.contacts), "contact", "contacts")
        )
        if self.shown >= PAGE_SIZE:
            return (
                shown + " " + _("(first {count} shown: filter to narrow)").format(count=PAGE_SIZE)
            )
        return shown

    def refresh_data(self) -> None:
        """Reload in a worker."""
        self.load_contacts()
        if self.losing_touch:
            self.load_losing_touch()

    def load_contacts(self) -> None:
        """Contacts and last interactions, off the UI thread."""
        self.load(
            N_("the contacts"),
            lambda ws: ContactList(ws.contacts.rows(), ws.goals.get()),
            ContactRowsLoaded,
            group="contacts",
        )

    @on(ContactRowsLoaded)
    def _loaded(self, message: ContactRowsLoaded) -> None:
        self.contacts = message.value.rows
        self.goals = message.value.goals
        self.apply_filter()

    @on(Input.Changed, "#contact-filter")
    def apply_filter(self) -> None:
        """Show the contacts matching the filter."""
        text = fold(self.query_one("#contact-filter", Input).value)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        count = 0
        for item in self.contacts:
            contact = item.contact
            if text and text not in fold(
                " ".join(
                    filter(
                        None,
                        [contact.name, contact.company, contact.title, item.audience, item.change],
                    )
                )
            ):
                continue
            last = item.last
            table.add_row(
                cell(contact.name),
                cell(item.change or " ", style="bold"),
                cell(item.shown_audience),
                cell(contact.company),
                cell(contact.title),
                cell(last.isoformat() if last else None),
                key=contact.id,
            )
            count += 1
            if count >= PAGE_SIZE:
                break
        self.shown = count
        if count:
            table.move_cursor(row=min(row, count - 1))
        elif text:
            filled(
                table, self.app, N_("Nobody matches the filter ({contacts.filter} to change it)")
            )
        else:
            filled(
                table,
                self.app,
                N_(
                    "No contacts yet: import your LinkedIn export ({app.go_import}), or log an "
                    "activity with someone ({app.go_activities}, then {activities.new})"
                ),
            )
        self.update_status()

    def action_focus_filter(self) -> None:
        """Jump to the filter."""
        self.query_one("#contact-filter", Input).focus()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        """Enter edits the contact."""
        self.action_edit()

    def selected_contact(self) -> Contact | None:
        """The contact under the cursor (in either list)."""
        table = self.query_one(
            "#losing-table" if self.losing_touch else "#contact-table", DataTable
        )
        contact_id = selected_key(table)
        return next((row.contact for row in self.contacts if row.contact.id == contact_id), None)

    def action_edit(self) -> None:
        """Edit the selected contact: name, company, title, audience, cadence."""
        contact = self.selected_contact()
        if contact is not None and self.goals is not None:
            self._contact_form(contact, self.goals)

    @work(group="contact-form")
    async def _contact_form(self, contact: Contact, goals: Goals) -> None:
        """The form checks what is typed against the goals shown, then saves it (a name
        another contact has is refused there, under the name)."""
        workspace = self.workspace
        if workspace is None:
            return
        service = workspace.contacts
        form = contact_form(
            contact,
            goals,
            check=lambda values: service.check_form(contact, values, goals),
            save=lambda edited: self.ssi.write(
                lambda ws: ws.contacts.edit_undoably(contact, edited)
            ),
        )
        await self.app.push_screen_wait(form)

    def action_edit_audience(self) -> None:
        """Set the selected contact's audience."""
        contact = self.selected_contact()
        if contact is not None and self.goals is not None:
            self._audience_form(contact, self.goals)

    @work(group="contact-form")
    async def _audience_form(self, contact: Contact, goals: Goals) -> None:
        """The form checks the audience against the goals shown, then saves it."""
        workspace = self.workspace
        if workspace is None:
            return
        service = workspace.goals
        form = contact_audience_form(
            contact,
            goals,
            check=lambda values: service.check_audience(values.get("audience"), goals),
            save=lambda audience: self.ssi.write(
                lambda ws: ws.contacts.set_audience_undoably(contact.id, audience)
            ),
        )
        await self.app.push_screen_wait(form)

    def action_losing_touch(self) -> None:
        """Switch between all contacts and those losing touch."""
        self.losing_touch = not self.losing_touch
        losing = self.query_one(LosingTouchTable)
        contacts = self.query_one("#contact-table", DataTable)
        losing.display = self.losing_touch
        contacts.display = not self.losing_touch
        (losing if self.losing_touch else contacts).focus()
        if self.losing_touch:
            self.load_losing_touch()
        self.update_status()

    def load_losing_touch(self) -> None:
        """The losing-touch list as of today, off the UI thread."""
        self.load(
            N_("who is losing touch"),
            lambda ws: ws.planner.losing_touch(),
            LosingTouchLoaded,
            group="losing-touch",
        )

    @on(LosingTouchLoaded)
    def _losing_touch_loaded(self, message: LosingTouchLoaded) -> None:
        self._losing_loaded(message.value)

    def _losing_loaded(self, statuses: list[Any]) -> None:
        text = fold(self.query_one("#contact-filter", Input).value)
        self.query_one(LosingTouchTable).show(statuses, text)
        self.update_status()

    @on(Input.Changed, "#contact-filter")
    def _filter_losing_touch(self) -> None:
        if self.losing_touch:
            self._losing_loaded(self.query_one(LosingTouchTable).statuses)
