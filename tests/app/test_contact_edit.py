"""Contacts: `e` (or Enter) edits a contact — a new name carries their activities along, a
name another contact has is refused under the field, and undo takes the edit back."""

from __future__ import annotations

from textual.widgets import Input

from ssi_tui.app.app import SSIApp
from ssi_tui.app.screens.form import FormScreen

from .conftest import settle


async def test_edit_a_contact_then_undo(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        store = demo_app.workspace.store
        first = store.contacts.all()[0]
        other = store.contacts.all()[1]
        mine = sum(1 for a in store.activities.all() if a.contact == first.name)
        assert mine > 0
        await pilot.press("e")
        await settle(pilot)
        form = demo_app.screen
        assert isinstance(form, FormScreen)
        name = form.query_one("#field-name", Input)
        assert name.value == first.name
        name.value = other.name.upper()  # taken (names compare case-insensitively)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form and "already a contact" in str(
            form.query_one("#error-name").render()
        )
        name.value = "Ada Renamed"
        form.query_one("#field-cadence", Input).value = "21"
        emails = form.query_one("#field-emails", Input)
        emails.value = "ada@contoso.com, nope"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert demo_app.screen is form and "not an e-mail address: 'nope'" in str(
            form.query_one("#error-emails").render()
        )
        emails.value = "Ada@Contoso.com; ada@home.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(demo_app.screen, FormScreen)
        edited = store.contacts.get(first.id)
        assert (edited.name, edited.cadence_days) == ("Ada Renamed", 21)
        assert edited.emails == ("ada@contoso.com", "ada@home.example")
        assert sum(1 for a in store.activities.all() if a.contact == "Ada Renamed") == mine
        notes = [str(n.message) for n in demo_app._notifications]
        assert any(
            note.startswith(f"Contact {first.name} edited: name, cadence, emails") for note in notes
        )
        await pilot.press("u")
        await settle(pilot)
        assert store.contacts.get(first.id) == first
        assert sum(1 for a in store.activities.all() if a.contact == first.name) == mine


async def test_contacts_mark_what_imports_saw_change(tmp_path) -> None:  # noqa: ANN001
    from datetime import date

    from textual.widgets import DataTable

    from ssi_tui.services.imports import import_export
    from ssi_tui.services.workspace import Workspace

    from ..unit.importers.test_changes import FIRST, SECOND, export, store_aiming_at_fabrikam

    data = tmp_path / "data"
    store = store_aiming_at_fabrikam(data)
    import_export(Workspace(store, date(2026, 11, 1)), export(tmp_path, FIRST, "a"))
    import_export(Workspace(store, date(2026, 11, 20)), export(tmp_path, SECOND, "b"))
    ids = {contact.name: contact.id for contact in store.contacts.all()}
    store.close()
    app = SSIApp(data, date(2026, 11, 26))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        table = app.screen.query_one("#contact-table", DataTable)
        marks = {
            name: str(table.get_cell(contact_id, "change")).strip()
            for name, contact_id in ids.items()
        }
        assert marks == {
            "Ada Example": "joined Fabrikam",
            "Ben Gone": "removed",
            "Cara Same": "",
            "Dan New": "joined Fabrikam",
        }
