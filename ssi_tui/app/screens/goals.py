"""Goals: audiences and weights, target roles and accounts, weekly objectives, profile checklist."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import DataTable

from ssi_tui.app.messages import GoalsLoaded
from ssi_tui.app.registry import with_keys
from ssi_tui.app.screens.base import BaseScreen
from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.forms import profile_text_form, roles_form
from ssi_tui.app.screens.goal_forms import (
    GoalsData,
    account_form,
    audience_form,
    load_goals,
    objective_form,
)
from ssi_tui.app.tables import Table, filled, selected_key
from ssi_tui.app.text import cell, clipped
from ssi_tui.domain.models import Goals
from ssi_tui.wording import N_, _, percent, short_number
from ssi_tui.wording.goals import audience_parts
from ssi_tui.wording.labels import level_label
from ssi_tui.wording.profile import fit_label

if TYPE_CHECKING:
    from ssi_tui.domain.objectives import ObjectiveProgress
    from ssi_tui.domain.profile import ProfileFit
    from ssi_tui.services.goals import ChecklistRow
    from ssi_tui.services.workspace import Workspace


FIT_ROW = "fit"  # the checklist's last row: the headline and summary's fit with the goals
KEYWORDS_SHOWN = 13  # role keywords and topics, per cell: both fit at 120 columns


class GoalsScreen(BaseScreen, screen_id="goals"):
    """What you are aiming for; changing it moves the weighted scores, never the raw ones."""

    AUTO_FOCUS = "#audiences"
    DEFAULT_CSS = """
    #goals-grid { grid-size: 2 2; grid-columns: 1fr 1fr; grid-rows: 1fr 1fr; height: 1fr; }
    #goals-grid DataTable { border: round $primary; height: 1fr; }
    #goals-grid DataTable:focus { border: round $accent; }
    """

    KEY_HINTS: ClassVar[dict[str, str]] = {
        "#audiences": N_(
            "Audiences ({goals.new_audience}, {goals.weight}, {goals.roles}, {goals.remove})"
        ),
        "#accounts": N_("Target accounts ({goals.add_account}, {goals.weight}, {goals.remove})"),
        "#objectives": N_("Objectives ({goals.new_objective}, {goals.weight}, {goals.remove})"),
        "#checklist": N_(
            "Profile checklist ({goals.toggle}, {goals.more}/{goals.fewer}, {goals.profile_text})"
        ),
    }
    EMPTY_HINTS: ClassVar[dict[str, str]] = {
        "audiences": N_("None yet: {goals.new_audience} adds one"),
        "accounts": N_("None yet: {goals.add_account} adds one"),
        "objectives": N_("None yet: {goals.new_objective} adds one"),
    }

    data: GoalsData | None = None

    def compose_body(self) -> ComposeResult:
        """Four tables in a grid."""
        with Grid(id="goals-grid"):
            yield Table(id="audiences", cursor_type="row")
            yield Table(id="accounts", cursor_type="row")
            yield Table(id="objectives", cursor_type="row")
            yield Table(id="checklist", cursor_type="row")

    def on_mount(self) -> None:
        """Columns and titles."""
        columns = {
            "audiences": (_("Audience"), _("Weight"), _("Share"), _("Role keywords"), _("Topics")),
            "accounts": (_("Target account"), _("Audience"), _("Also matches")),
            "objectives": (_("This week"), _("Objective a week")),
            "checklist": (_("Profile item"), _("Done")),
        }
        for table_id, headers in columns.items():
            self.query_one(f"#{table_id}", DataTable).add_columns(*headers)
        super().on_mount()

    def status_detail(self) -> str:
        """Profile level."""
        if self.data is None:
            return ""
        profile = self.data.completeness
        return _("profile {level} ({share}) · weights are relative").format(
            level=level_label(profile.level), share=percent(profile.share)
        )

    def refresh_data(self) -> None:
        """Read the goals in a worker."""
        self.load(N_("the goals"), load_goals, GoalsLoaded)

    @on(GoalsLoaded)
    def _goals_loaded(self, message: GoalsLoaded) -> None:
        self.show(message.value)

    def show(self, data: GoalsData) -> None:
        """Fill the four tables (each cursor stays where it was)."""
        self.data = data
        self._fill_audiences(data.goals)
        self._fill_accounts(data.goals)
        self._fill_objectives(data.objectives, data.objective_cells)
        self._fill_checklist(data.checklist, data.fit)
        self.update_status()

    def _refill(self, table_id: str, rows: list[tuple[Any, ...]], keys: list[str]) -> None:
        table = self.query_one(f"#{table_id}", DataTable)
        row = table.cursor_row
        table.clear()
        for values, key in zip(rows, keys, strict=True):
            table.add_row(*values, key=key)
        column = 1 if table_id == "objectives" else 0  # its text, not its progress
        filled(table, self.app, self.EMPTY_HINTS.get(table_id, ""), column)
        if rows:
            table.move_cursor(row=min(row, len(rows) - 1))

    def _fill_audiences(self, goals: Goals) -> None:
        ordered = sorted(goals.audiences, key=lambda item: (-item.weight, item.name))
        rows = [
            (
                cell(item.name),
                cell(short_number(item.weight), justify="right"),
                cell(percent(goals.share(item.name)), justify="right"),
                cell(clipped(", ".join(goals.roles.get(item.name, [])), KEYWORDS_SHOWN)),
                cell(clipped(", ".join(goals.topics.get(item.name, [])), KEYWORDS_SHOWN)),
            )
            for item in ordered
        ]
        self._refill("audiences", rows, [item.name for item in ordered])

    def _fill_accounts(self, goals: Goals) -> None:
        rows = [
            (
                cell(account.name),
                cell(account.audience),
                cell(", ".join([*account.aliases, *account.domains])),
            )
            for account in goals.accounts
        ]
        self._refill("accounts", rows, [str(index) for index in range(len(goals.accounts))])

    def _fill_objectives(self, objectives: list[ObjectiveProgress], texts: list[str]) -> None:
        rows = []
        for item, text in zip(objectives, texts, strict=True):
            rows.append(
                (
                    cell(
                        f"{item.done}/{item.target}" + (" ✓" if item.met else ""),
                        justify="right",
                        style="green" if item.met else "",
                    ),
                    cell(text),
                )
            )
        self._refill("objectives", rows, [str(index) for index in range(len(rows))])

    def _fill_checklist(self, items: list[ChecklistRow], fit: ProfileFit) -> None:
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
        # The fit of the headline and summary with the goals: what weighted brand counts.
        judged = percent(fit.value) + ("" if fit.has_text else " " + _("(no text)"))
        rows.append(
            (cell(fit_label()), cell(judged, style="green" if fit.value >= 0.75 else "yellow"))
        )
        self._refill("checklist", rows, [*(item.item for item in items), FIT_ROW])

    # -- what is selected -----------------------------------------------------------------------
    def _selected(self, table_id: str) -> str | None:
        """The key of the selected row of a table (None when it is empty)."""
        return selected_key(self.query_one(f"#{table_id}", DataTable))

    def _focused_table(self) -> str:
        """The table with the focus (Audiences when none has it)."""
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id:
            return focused.id
        return "audiences"

    # -- actions --------------------------------------------------------------------------------
    def action_new_audience(self) -> None:
        """Add an audience with a weight."""
        self._edit_audience(None)

    def action_edit(self) -> None:
        """Edit what is selected in the focused table: an audience, an account, an objective."""
        table = self._focused_table()
        key = self._selected(table)
        if table == "checklist":
            self.action_toggle_item()
        elif key is None:
            self._add_to(table)
        elif table == "audiences":
            self._edit_audience(key)
        elif table == "accounts":
            self._edit_account(int(key))
        elif table == "objectives":
            self._edit_objective(int(key))

    def _add_to(self, table: str) -> None:
        """An empty table: Enter or edit adds the first row."""
        {
            "audiences": self.action_new_audience,
            "accounts": self.action_add_account,
            "objectives": self.action_new_objective,
        }[table]()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter edits the row (toggles a checklist item)."""
        event.stop()
        if event.data_table.id == "checklist":
            self.action_toggle_item()
        else:
            self.action_edit()

    @work(group="goals-form")
    async def _edit_audience(self, original: str | None) -> None:
        workspace, data = self.workspace, self.data
        if workspace is None or data is None:
            return
        form = audience_form(
            workspace,
            data.goals,
            original,
            lambda audience: self.ssi.write(lambda ws: ws.goals.save_audience(original, audience)),
        )
        await self.app.push_screen_wait(form)

    def action_edit_roles(self) -> None:
        """Edit the selected audience's title keywords and topics."""
        name = self._selected("audiences")
        if name is None or self.data is None:
            self.notify(
                _("Add an audience first: its roles are title keywords, its topics subjects."),
                markup=False,
            )
            return
        goals = self.data.goals
        self._edit_roles(name, goals.roles.get(name, []), goals.topics.get(name, []))

    @work(group="goals-form")
    async def _edit_roles(self, name: str, keywords: list[str], topics: list[str]) -> None:
        def save(words: tuple[list[str], list[str]]) -> Awaitable[Any]:
            return self.ssi.write(lambda ws: ws.goals.set_roles_undoably(name, *words))

        await self.app.push_screen_wait(roles_form(name, keywords, topics, save))

    def action_add_account(self) -> None:
        """Add a target account."""
        self._edit_account(None)

    @work(group="goals-form")
    async def _edit_account(self, index: int | None) -> None:
        workspace, data = self.workspace, self.data
        if workspace is None or data is None:
            return
        form = account_form(
            workspace,
            data.goals,
            index,
            lambda account: self.ssi.write(lambda ws: ws.goals.save_account(index, account)),
        )
        await self.app.push_screen_wait(form)

    def action_new_objective(self) -> None:
        """Add a weekly objective."""
        self._edit_objective(None)

    @work(group="goals-form")
    async def _edit_objective(self, index: int | None) -> None:
        workspace, data = self.workspace, self.data
        if workspace is None or data is None:
            return
        form = objective_form(
            workspace,
            data.goals,
            data.kinds,
            index,
            lambda objective: self.ssi.write(lambda ws: ws.goals.save_objective(index, objective)),
        )
        await self.app.push_screen_wait(form)

    def action_remove(self) -> None:
        """Remove what is selected in the focused table, once confirmed."""
        table = self._focused_table()
        key = self._selected(table)
        data = self.data
        if table == "checklist" or data is None or key is None:
            self.notify(
                _(
                    "Select an audience, an account or an objective first "
                    "(Tab moves between tables)."
                ),
                markup=False,
            )
            return
        self._confirm_removal(table, key, data)

    @work(group="goals-form")
    async def _confirm_removal(self, table: str, key: str, data: GoalsData) -> None:
        goals = data.goals
        if table == "audiences":
            question = _("Remove the audience {name}?").format(name=key)
            parts = self._removal_parts(key, goals)
            detail = _("With it go its {parts}.").format(parts=parts) if parts else ""
        elif table == "accounts":
            account = goals.accounts[int(key)]
            question = _("Remove the target account {name} ({audience})?").format(
                name=account.name, audience=account.audience
            )
            detail = ""
        else:
            text = data.objective_texts[int(key)]
            question, detail = _("Remove the objective {text}?").format(text=text), ""
        undo = _("{key} undoes it.").format(key=with_keys(self.app, "{app.undo}"))
        detail = f"{detail} {undo}".strip()
        if not await self.app.push_screen_wait(ConfirmScreen(question, detail)):
            return
        if table == "audiences":
            self.ssi.save(lambda ws: ws.goals.remove_audience_undoably(key))
        elif table == "accounts":
            self.ssi.save(lambda ws: ws.goals.remove_account_undoably(int(key)))
        else:
            self.ssi.save(lambda ws: ws.goals.remove_objective(int(key)))

    @staticmethod
    def _removal_parts(name: str, goals: Goals) -> str:
        return audience_parts(
            len(goals.roles.get(name, [])),
            sum(1 for item in goals.accounts if item.audience == name),
            sum(1 for item in goals.objectives if item.audience == name),
        )

    def _checklist_item(self) -> str | None:
        if self._focused_table() != "checklist":
            self.notify(_("Select a profile checklist item first (Tab moves there)."), markup=False)
            return None
        item = self._selected("checklist")
        if item == FIT_ROW:  # its words are edited in a form
            self.action_edit_profile_text()
            return None
        return item

    def action_toggle_item(self) -> None:
        """Tick or untick the selected yes/no checklist item."""
        item = self._checklist_item()
        if item is not None:
            self.ssi.save(lambda ws: ws.goals.toggle_item(item))

    def action_edit_profile_text(self) -> None:
        """Edit the headline and summary; the form shows their fit with the goals as you type."""
        workspace, data = self.workspace, self.data
        if workspace is None or data is None:
            return
        self._edit_profile_text(workspace, data)

    @work(group="goals-form")
    async def _edit_profile_text(self, workspace: Workspace, data: GoalsData) -> None:
        service, goals = workspace.goals, data.goals
        form = profile_text_form(
            data.profile.headline_text,
            data.profile.summary_text,
            service.check_profile_text,
            lambda text: self.ssi.write(lambda ws: ws.goals.set_profile_text(text)),
            lambda values: service.fit_preview(values, goals),
        )
        await self.app.push_screen_wait(form)

    def action_count(self, delta: int) -> None:
        """One more or fewer on a counted checklist item (skills, recommendations)."""
        item = self._checklist_item()
        if item is not None:
            self.ssi.save(lambda ws: ws.goals.count_item(item, delta))
