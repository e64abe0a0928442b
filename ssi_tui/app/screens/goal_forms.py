"""The Goals screen's data (read in a worker) and its forms: an audience (name and weight, live
shares), a target account, an objective. Each is checked by the goals service once and saves
the model it returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssi_tui.app.screens.form import FormField, FormScreen, Save, Values
from ssi_tui.app.screens.forms import audience_field
from ssi_tui.domain.models import Goals, Objective, ProfileChecklist, TargetAccount
from ssi_tui.wording import N_, _
from ssi_tui.wording.goals import shares_line

if TYPE_CHECKING:
    from ssi_tui.domain.objectives import ObjectiveProgress
    from ssi_tui.domain.profile import ProfileFit
    from ssi_tui.services.goals import ChecklistRow, Completeness
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class GoalsData:
    """What the Goals screen shows, read in a worker."""

    goals: Goals
    objectives: list[ObjectiveProgress]
    objective_texts: list[str]
    """Each objective of `goals` in words (its kind named as a sentence names it)."""
    objective_cells: list[str]
    """The same without 'a week' (the table's heading says it)."""
    checklist: list[ChecklistRow]
    completeness: Completeness
    kinds: dict[str, str]
    profile: ProfileChecklist
    fit: ProfileFit


def load_goals(workspace: Workspace) -> GoalsData:
    """The goals, this week's progress on each objective and the profile checklist."""
    service = workspace.goals
    goals = service.get()
    return GoalsData(
        goals,
        service.objectives(),
        [service.objective_text(objective) for objective in goals.objectives],
        [service.objective_text(objective, a_week=False) for objective in goals.objectives],
        service.checklist_rows(),
        service.completeness(),
        workspace.activities.kind_words(),
        service.checklist(),
        service.profile_fit(),
    )


def audience_form(
    workspace: Workspace, goals: Goals, original: str | None, save: Save
) -> FormScreen:
    """Add an audience (`original` None) or edit one: the weight is focused with its value
    selected (typing replaces it), the name beside it renames; the shares follow as you type."""
    service = workspace.goals

    def preview(values: Values) -> str:
        shares = service.shares_with(goals, original, values.get("name"), values.get("weight"))
        return _("Shares of the total: {shares}").format(shares=shares_line(shares))

    weight = goals.weight(original) if original else None
    fields = [
        FormField(
            "weight",
            N_("Weight"),
            value=f"{weight:g}" if weight is not None else None,
            placeholder=N_("relative, e.g. 60"),
        ),
        FormField(
            "name",
            N_("Name"),
            value=original,
            placeholder=N_("prospects, recruiters, partners…"),
        ),
    ]
    if original is None:
        fields.reverse()  # a new audience: its name first
    return FormScreen(
        _("Audience {name}").format(name=original) if original else _("Add an audience"),
        fields,
        check=lambda values: service.check_audience_form(values, original, goals),
        save=save,
        focus="weight" if original else "name",
        preview=preview,
    )


def account_form(workspace: Workspace, goals: Goals, index: int | None, save: Save) -> FormScreen:
    """Add a target account (`index` None) or edit the one at `index`."""
    current: TargetAccount | None = goals.accounts[index] if index is not None else None
    fields = [
        FormField("name", N_("Company"), value=current.name if current else None),
        audience_field(goals, current.audience if current else None),
        FormField(
            "aliases",
            N_("Also known as"),
            value=", ".join(current.aliases) if current else None,
            placeholder=N_("optional, comma-separated"),
        ),
        FormField(
            "domains",
            N_("Domains"),
            value=", ".join(current.domains) if current else None,
            placeholder=N_("optional, e.g. northwind.example"),
        ),
    ]

    def check(values: Values) -> TargetAccount:
        return workspace.goals.check_account(
            values.get("name"),
            values.get("audience"),
            values.get("aliases"),
            values.get("domains"),
            goals=goals,
            index=index,
        )

    title = (
        _("Target account {name}").format(name=current.name)
        if current
        else _("Add a target account")
    )
    return FormScreen(title, fields, check, save=save)


def objective_form(
    workspace: Workspace, goals: Goals, kinds: dict[str, str], index: int | None, save: Save
) -> FormScreen:
    """Add a weekly objective (`index` None) or edit the one at `index` (`kinds`: each kind's
    words by id)."""
    current: Objective | None = goals.objectives[index] if index is not None else None
    fields = [
        FormField(
            "kind",
            N_("Kind"),
            value=kinds.get(current.kind, current.kind) if current else None,
            placeholder=N_("message sent, comment, meeting…"),
            suggestions=list(kinds.values()),
        ),
        audience_field(goals, current.audience if current else None, N_("any audience")),
        FormField(
            "per_week",
            N_("Per week"),
            value=current.per_week if current else None,
            placeholder=N_("how many, e.g. 5"),
        ),
        FormField(
            "personalised",
            N_("Personalised"),
            "checkbox",
            value=current.personalised if current else False,
            extra={"text": N_("only personalised ones count")},
        ),
    ]
    return FormScreen(
        _("Edit the objective") if current else _("Add a weekly objective"),
        fields,
        check=lambda values: workspace.goals.check_objective(values, goals),
        save=save,
    )
