"""The planner's data (read in a worker) and forms: add a plan (preset or RRULE, every field
checked at once), and the question before a plan is removed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ssi_tui.app.screens.confirm import ConfirmScreen
from ssi_tui.app.screens.form import Check, FormField, FormScreen, Save
from ssi_tui.app.screens.forms import DATE_HINT, ActivityChoices, audience_field
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.recurrence import describe
from ssi_tui.wording import N_, _, signed

if TYPE_CHECKING:
    from ssi_tui.domain.agenda import Agenda, Streak
    from ssi_tui.domain.suggestions import PlanSuggestion
    from ssi_tui.services.planner import PlanRow
    from ssi_tui.services.projection import Gain
    from ssi_tui.services.workspace import Workspace

RULE_PLACEHOLDER = N_("weekly, weekdays, monthly… or FREQ=WEEKLY;BYDAY=TU,TH")


@dataclass(frozen=True, slots=True)
class PlannerData:
    """Everything the screen shows, computed in a worker."""

    agenda: Agenda
    plans: list[PlanRow]
    overall: Streak
    suggestions: list[tuple[PlanSuggestion, Gain]]
    plan_gains: dict[str, Gain]
    behind: int = 0  # this week's objectives not met yet


PROJECTION_WEEKS = 4  # how far the screen projects each plan and suggestion


def load_planner(workspace: Workspace) -> PlannerData:
    """Agenda, plans with streaks and what each would add, overall streak and suggestions
    ranked by what each would add in four weeks (the order `plan adopt N` uses)."""
    planner = workspace.planner
    rows = planner.plan_rows()
    gains = workspace.projection.plan_gains([row.plan for row in rows], PROJECTION_WEEKS)
    return PlannerData(
        planner.agenda(),
        rows,
        planner.overall_streak(),
        workspace.projection.ranked_suggestions(PROJECTION_WEEKS),
        {row.plan.id: gain for row, gain in zip(rows, gains, strict=True)},
        sum(1 for item in workspace.goals.objectives() if not item.met),
    )


def gain_cell(gain: Gain | None) -> str:
    """A plan's weighted gain in four weeks against doing nothing, e.g. '+1.4'."""
    return "" if gain is None else signed(gain.weighted)


def plan_form(choices: ActivityChoices, check: Check, save: Save) -> FormScreen:
    """Add a recurring planned action: `check` (the planner's) gives the plan, `save` adds it."""
    fields = [
        FormField(
            "kind",
            N_("Kind"),
            placeholder=N_("comment, message sent, follow-up…"),
            suggestions=list(choices.kinds.values()),
        ),
        FormField("rule", N_("Repeat"), value="weekly", placeholder=RULE_PLACEHOLDER),
        audience_field(choices.goals, blank=N_("from the contact or company")),
        FormField("contact", N_("Contact"), placeholder=N_("optional"), suggestions=choices.names),
        FormField("company", N_("Company"), placeholder=N_("optional")),
        FormField(
            "personalised", N_("Personalised"), "checkbox", value=False, extra={"text": "yes"}
        ),
        FormField("start", N_("Start"), value=_("today"), placeholder=DATE_HINT),
        FormField("until", N_("Until"), placeholder=N_("optional last day")),
        FormField("count", N_("Count"), placeholder=N_("optional number of times")),
        FormField("note", N_("Note"), placeholder=N_("what exactly to do")),
    ]
    return FormScreen(_("Add a plan"), fields, check, save=save, submit_label=N_("Add plan"))


def remove_plan_question(plan: Plan, undo_key: str) -> ConfirmScreen:
    """Ask before removing a plan."""
    who = f" · {plan.who}" if plan.who else ""
    return ConfirmScreen(
        _("Remove the plan {kind} ({schedule})?").format(
            kind=plan.kind, schedule=describe(plan.recurrence) + who
        ),
        _("Activities done from it stay in the log. {key} undoes it.").format(key=undo_key),
    )
