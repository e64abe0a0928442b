"""The planner's forms: add a plan (preset or RRULE, inline errors), confirm a removal."""

from __future__ import annotations

from typing import Any

from ssi_tui.app.screens.form import FormField, FormScreen, Values
from ssi_tui.app.screens.forms import DATE_HINT, audience_field
from ssi_tui.domain.dates import DateParseError, parse_date
from ssi_tui.domain.plans import Plan
from ssi_tui.domain.recurrence import (
    RuleError,
    describe,
    parse_rule,
    require_occurrence,
)
from ssi_tui.services.errors import InputError
from ssi_tui.services.workspace import Workspace

RULE_PLACEHOLDER = "weekly, weekdays, monthly… or FREQ=WEEKLY;BYDAY=TU,TH"


def plan_fields(workspace: Workspace, values: Values) -> dict[str, Any]:
    """Checked form values → plan fields (dates with the shared parser, count as a number)."""
    fields = dict(values)
    for name in ("start", "until"):
        text = values.get(name)
        fields[name] = parse_date(text, workspace.today) if text else None
    count = values.get("count")
    fields["count"] = int(count) if count else None
    fields["personalised"] = bool(values.get("personalised"))
    return fields


def _field_errors(workspace: Workspace, values: Values) -> tuple[dict[str, str], dict[str, Any]]:
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if not kind:
        errors["kind"] = "type a kind, e.g. comment, message_sent, follow_up"
    elif kind not in workspace.catalog:
        kinds = sorted(workspace.catalog.kinds)
        close = [k for k in kinds if k.startswith(kind[:3])] or kinds[:6]
        errors["kind"] = f"unknown kind {kind!r}; try {', '.join(close[:6])}"
    if not values.get("rule"):
        errors["rule"] = "required: a preset (weekly…) or an RRULE"
    for name in ("start", "until"):
        if values.get(name):
            try:
                parse_date(values[name], workspace.today)
            except DateParseError as error:
                errors[name] = str(error)
    count = values.get("count")
    if count and (not count.isdigit() or not 1 <= int(count) <= 10_000):
        errors["count"] = f"a whole number 1-10000, not {count!r}"
    if count and values.get("until"):
        errors["count"] = "give an end date or a count, not both"
    if errors:
        return errors, {}
    return errors, plan_fields(workspace, values)


def plan_form(workspace: Workspace) -> FormScreen:
    """Add a recurring planned action."""
    goals = workspace.goals.get()
    planner = workspace.planner

    def validate(values: Values) -> dict[str, str]:
        errors, fields = _field_errors(workspace, values)
        if errors:
            return errors
        start = fields["start"] or workspace.today
        try:
            recurrence = parse_rule(fields["rule"], start, fields["until"], fields["count"])
            require_occurrence(recurrence, start, fields["rule"])
        except RuleError as error:
            message = str(error)
            return {"until" if message.startswith("until") else "rule": message}
        try:
            planner.build_plan(fields)
        except InputError as error:
            return {"": str(error)}
        return {}

    fields = [
        FormField(
            "kind",
            "Kind",
            placeholder="comment, message_sent, follow_up…",
            suggestions=sorted(workspace.catalog.kinds),
        ),
        FormField("rule", "Repeat", value="weekly", placeholder=RULE_PLACEHOLDER),
        audience_field(goals),
        FormField(
            "contact",
            "Contact",
            placeholder="optional",
            suggestions=workspace.contacts.names(),
        ),
        FormField("company", "Company", placeholder="optional"),
        FormField("personalised", "Personalised", "checkbox", value=False, extra={"text": "yes"}),
        FormField("start", "Start", value="today", placeholder=DATE_HINT),
        FormField("until", "Until", placeholder="optional last day"),
        FormField("count", "Count", placeholder="optional number of times"),
        FormField("note", "Note", placeholder="what exactly to do"),
    ]
    return FormScreen("Add a plan", fields, validate, submit_label="Add plan")


def remove_plan_form(plan: Plan) -> FormScreen:
    """Confirm removing a plan."""
    who = f" · {plan.who}" if plan.who else ""
    title = (
        f"Remove the plan {plan.kind} ({describe(plan.recurrence)}{who})? "
        "Activities done from it stay in the log."
    )
    return FormScreen(title, [], lambda values: {}, submit_label="Remove")
