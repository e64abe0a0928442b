"""Goals: audiences and weights, target roles and accounts, weekly objectives, profile checklist."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import DataTable

from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.forms import account_form, roles_form, weight_form
from ssi_tui.app.text import cell
from ssi_tui.domain.models import Goals
from ssi_tui.services.workspace import Workspace


class GoalsScreen(BaseScreen, screen_id="goals"):
    """What you are aiming for; changing it moves the weighted scores, never the raw ones."""

    AUTO_FOCUS = "#audiences"
    DEFAULT_CSS = """
    #goals-grid { grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr 1fr; height: 1fr; }
    #goals-grid DataTable { border: round $primary; height: 1fr; }
    #goals-grid DataTable:focus { border: round $accent; }
    """

    KEY_HINTS: ClassVar[dict[str, str]] = {
        "#audiences": "Audiences ({goals.new_audience}, {goals.weight}, {goals.roles}, "
        "{goals.remove})",
        "#accounts": "Target accounts ({goals.add_account}, {goals.remove})",
        "#checklist": "Profile checklist ({goals.toggle}, {goals.more}/{goals.fewer})",
    }

    def compose_body(self) -> ComposeResult:
        """Four tables in a grid."""
        with Grid(id="goals-grid"):
            yield DataTable(id="audiences", cursor_type="row")
            yield DataTable(id="accounts", cursor_type="row")
            yield DataTable(id="objectives", cursor_type="row")
            yield DataTable(id="checklist", cursor_type="row")

    def on_mount(self) -> None:
        """Columns and titles."""
        columns = {
            "audiences": ("Audience", "Weight", "Share", "Role keywords"),
            "accounts": ("Target account", "Audience"),
            "objectives": ("Objective per week", "This week"),
            "checklist": ("Profile item", "Done"),
        }
        for table_id, headers in columns.items():
            self.query_one(f"#{table_id}", DataTable).add_columns(*headers)
        self.query_one("#objectives").border_title = "Objectives"
        super().on_mount()

    def status_detail(self) -> str:
        """Profile level."""
        workspace = self.workspace
        if workspace is None:
            return ""
        profile = workspace.goals.completeness()
        return f"profile {profile.level} ({profile.share:.0%}) · weights are relative"

    def refresh_data(self) -> None:
        """Fill the four tables."""
        workspace = self.workspace
        if workspace is None:
            return
        goals = workspace.goals.get()
        self._fill_audiences(goals)
        self._fill_accounts(goals)
        self._fill_objectives(workspace)
        self._fill_checklist(workspace)
        self.update_status()

    def _refill(self, table_id: str, rows: list[tuple[Any, ...]], keys: list[str]) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        row = table.cursor_row
        table.clear()
        for values, key in zip(rows, keys, strict=True):
            table.add_row(*values, key=key)
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))

    def _fill_audiences(self, goals: Goals) -> None:
        ordered = sorted(goals.audiences, key=lambda item: (-item.weight, item.name))
        rows = [
            (
                cell(item.name),
                cell(f"{item.weight:g}", justify="right"),
                cell(f"{goals.share(item.name):.0%}", justify="right"),
                cell(", ".join(goals.roles.get(item.name, []))),
            )
            for item in ordered
        ]
        self._refill("audiences", rows, [item.name for item in ordered])

    def _fill_accounts(self, goals: Goals) -> None:
        rows = [(cell(account.name), cell(account.audience)) for account in goals.accounts]
        self._refill("accounts", rows, [f"{index}" for index in range(len(goals.accounts))])

    def _fill_objectives(self, workspace: Workspace) -> None:
        rows = [
            (
                cell(item.describe()),
                cell(
                    f"{item.done}/{item.target}" + (" ✓" if item.met else ""),
                    justify="right",
                    style="green" if item.met else "",
                ),
            )
            for item in workspace.goals.objectives()
        ]
        self._refill("objectives", rows, [str(index) for index in range(len(rows))])

    def _fill_checklist(self, workspace: Workspace) -> None:
        items = workspace.goals.checklist_rows()
        rows = [
            (
                cell(item.label),
                cell(
                    ("✓ " if item.done else "✗ ")
                    + (f"{item.count}" if item.count is not None else ""),
                    style="green" if item.done else "red",
                ),
            )
            for item in items
        ]
        self._refill("checklist", rows, [item.item for item in items])

    # -- actions ------------------------------------------------------------------------------
    def _focused_key(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_new_audience(self) -> None:
        """Add an audience with a weight."""
        self.app.push_screen(weight_form(None, None), self._saved_weight)

    def action_edit_weight(self) -> None:
        """Change the selected audience's weight."""
        workspace = self.workspace
        name = self._focused_key("audiences")
        if workspace is None or name is None:
            return
        self.app.push_screen(
            weight_form(name, workspace.goals.get().weight(name)), self._saved_weight
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an audience edits its weight."""
        if event.data_table.id == "audiences":
            self.action_edit_weight()
        elif event.data_table.id == "checklist":
            self.action_toggle_item()

    def _saved_weight(self, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        self.ssi.save(
            lambda ws: ws.goals.set_weight(values["name"], values["weight"]),
            then=lambda audience: self.notify(
                f"{audience.name}: weight {audience.weight:g}", markup=False
            ),
        )

    def action_edit_roles(self) -> None:
        """Edit the selected audience's title keywords."""
        workspace = self.workspace
        name = self._focused_key("audiences")
        if workspace is None or name is None:
            return

        def saved(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.ssi.save(
                    lambda ws: ws.goals.set_roles(name, values.get("keywords") or ""),
                    f"Role keywords for {name} saved",
                )

        self.app.push_screen(roles_form(name, workspace.goals.get().roles.get(name, [])), saved)

    def action_add_account(self) -> None:
        """Add a target account."""
        workspace = self.workspace
        if workspace is None:
            return
        self.app.push_screen(account_form(workspace), self._saved_account)

    def _saved_account(self, values: dict[str, Any] | None) -> None:
        if values is None:
            return
        self.ssi.save(
            lambda ws: ws.goals.add_account(values["name"], values["audience"]),
            then=lambda account: self.notify(f"Target account {account.name} added", markup=False),
        )

    def action_remove(self) -> None:
        """Remove the selected audience or account (whichever table has the focus)."""
        focused = self.focused
        if focused is None or focused.id not in ("audiences", "accounts"):
            self.notify(
                "Select an audience or an account first (Tab moves between tables).", markup=False
            )
            return
        key = self._focused_key(focused.id)
        if key is None:
            return
        if focused.id == "accounts":
            index = int(key)
            self.ssi.save(lambda ws: ws.goals.remove_account(index), "Target account removed")
            return
        self.ssi.save(
            lambda ws: ws.goals.remove_audience(key),
            f"Audience {key} removed (with its roles, accounts and objectives)",
        )

    def _change_checklist(self, delta: int | None) -> None:
        item = (
            self._focused_key("checklist")
            if self.focused and self.focused.id == "checklist"
            else None
        )
        if item is None:
            return

        self.ssi.save(lambda ws: ws.goals.change_item(item, delta))

    def action_toggle_item(self) -> None:
        """Toggle the selected checklist item."""
        self._change_checklist(None)

    def action_count(self, delta: int) -> None:
        """Change a count (skills, recommendations)."""
        self._change_checklist(delta)
