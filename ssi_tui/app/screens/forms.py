"""The app's forms: activity, official reading, audience weight, target account, contact audience."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ssi_tui.app.screens.form import FormField, FormScreen, Values
from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.dates import DateParseError, not_future, parse_date
from ssi_tui.domain.models import Activity, Contact, Goals, SSIReading, TargetAccount
from ssi_tui.workspace import InputError, Workspace

DATE_HINT = "today, yesterday, -3d, -2w, YYYY-MM-DD"


def audience_options(goals: Goals) -> list[tuple[str, str]]:
    """Select options for the goals' audiences."""
    return [(f"{item.name} ({goals.share(item.name):.0%})", item.name) for item in goals.audiences]


def activity_values(workspace: Workspace, values: Values) -> dict[str, Any]:
    """Form values → activity fields (dates parsed with the shared parser)."""
    fields = dict(values)
    fields["date"] = (
        parse_date(values["date"], workspace.today) if values.get("date") else workspace.today
    )
    fields["relevance"] = int(values["relevance"]) if values.get("relevance") else 3
    fields["personalised"] = bool(values.get("personalised"))
    fields["note"] = values.get("note") or ""
    return fields


def activity_form(workspace: Workspace, activity: Activity | None = None) -> FormScreen:
    """Add (or edit) an activity."""
    goals = workspace.store.goals.get()
    kinds = sorted(workspace.catalog.kinds)

    def validate(values: Values) -> dict[str, str]:
        errors: dict[str, str] = {}
        kind = values.get("kind")
        if not kind:
            errors["kind"] = "type a kind, e.g. post, comment, message_sent"
        elif kind not in workspace.catalog:
            close = [k for k in kinds if k.startswith(kind[:3])] or kinds[:6]
            errors["kind"] = f"unknown kind {kind!r}; try {', '.join(close[:6])}"
        if values.get("date"):
            try:
                not_future(parse_date(values["date"], workspace.today), workspace.today)
            except DateParseError as error:
                errors["date"] = str(error)
        if errors:
            return errors
        try:
            fields = activity_values(workspace, values)
            if activity is not None:
                fields["id"] = activity.id
                fields["source"] = activity.source
            workspace.build_activity(fields)
        except InputError as error:
            errors[""] = str(error)
        return errors

    current = activity
    fields = [
        FormField(
            "kind",
            "Kind",
            value=current.kind if current else None,
            placeholder="post, comment, meeting…",
            suggestions=kinds,
        ),
        FormField(
            "date",
            "Date",
            value=current.date.isoformat() if current else "today",
            placeholder=DATE_HINT,
        ),
        FormField(
            "audience",
            "Audience",
            "select",
            value=current.audience if current else None,
            options=audience_options(goals),
        ),
        FormField(
            "contact",
            "Contact",
            value=current.contact if current else None,
            placeholder="name (new names become contacts)",
            suggestions=workspace.store.contacts.names(),
        ),
        FormField("company", "Company", value=current.company if current else None),
        FormField(
            "title",
            "Title",
            value=current.title if current else None,
            placeholder="their job title",
        ),
        FormField(
            "personalised",
            "Personalised",
            "checkbox",
            value=current.personalised if current else False,
            extra={"text": "yes"},
        ),
        FormField(
            "relevance",
            "Relevance",
            "select",
            value=current.relevance if current else 3,
            options=[(str(n), n) for n in range(1, 6)],
            allow_blank=False,
        ),
        FormField(
            "channel",
            "Channel",
            "select",
            value=current.channel if current else None,
            options=[("LinkedIn", "linkedin"), ("off LinkedIn", "off")],
        ),
        FormField("note", "Note", value=current.note if current else None),
    ]
    return FormScreen("Edit activity" if activity else "Log an activity", fields, validate)


def reading_form(workspace: Workspace) -> FormScreen:
    """Add an official SSI reading."""

    def parse(values: Values) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, value in values.items():
            if name == "date":
                data["date"] = (
                    not_future(parse_date(value, workspace.today), workspace.today)
                    if value
                    else workspace.today
                )
            elif value is not None:
                try:
                    data[name] = float(value.replace(",", "."))
                except ValueError:
                    raise ValueError(name) from None
        return data

    def validate(values: Values) -> dict[str, str]:
        errors: dict[str, str] = {}
        for name in ("total", "brand", "find", "engage", "relate"):
            if values.get(name) is None:
                errors[name] = "required"
        try:
            data = parse(values)
        except DateParseError as error:
            return {**errors, "date": str(error)}
        except ValueError as error:
            return {**errors, str(error): f"not a number: {values.get(str(error))!r}"}
        for name in ("brand", "find", "engage", "relate"):
            if name in data and not 0 <= data[name] <= 25:
                errors[name] = "must be 0-25"
        for name in ("total", "industry_rank", "network_rank", "industry_avg", "network_avg"):
            if name in data and not 0 <= data[name] <= 100:
                errors[name] = "must be 0-100"
        if errors:
            return errors
        try:
            SSIReading.model_validate(data)
        except ValidationError as error:
            errors[""] = describe_validation_error(error)
        return errors

    fields = [
        FormField("date", "Date", value="today", placeholder=DATE_HINT),
        FormField("total", "Total /100", placeholder="e.g. 67"),
        FormField("brand", "Brand /25"),
        FormField("find", "Find /25"),
        FormField("engage", "Engage /25"),
        FormField("relate", "Relate /25"),
        FormField("industry_rank", "Industry top %", placeholder="optional"),
        FormField("network_rank", "Network top %", placeholder="optional"),
        FormField("industry_avg", "Industry avg", placeholder="optional"),
        FormField("network_avg", "Network avg", placeholder="optional"),
    ]
    return FormScreen("Add an official SSI reading", fields, validate)


def reading_from_values(workspace: Workspace, values: Values) -> SSIReading:
    """Build the reading a validated form describes."""
    data: dict[str, Any] = {
        "date": parse_date(values["date"], workspace.today)
        if values.get("date")
        else workspace.today
    }
    for name, value in values.items():
        if name != "date" and value is not None:
            data[name] = float(str(value).replace(",", "."))
    return SSIReading.model_validate(data)


def weight_form(audience: str | None, weight: float | None) -> FormScreen:
    """Add an audience or change its weight."""

    def validate(values: Values) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not values.get("name"):
            errors["name"] = "required"
        try:
            value = float((values.get("weight") or "").replace(",", "."))
            if value < 0:
                errors["weight"] = f"weight must be >= 0, got {value:g}"
        except ValueError:
            errors["weight"] = f"not a number: {values.get('weight')!r}"
        return errors

    fields = [
        FormField(
            "name", "Audience", value=audience, placeholder="prospects, recruiters, partners…"
        ),
        FormField(
            "weight",
            "Weight",
            value=f"{weight:g}" if weight is not None else None,
            placeholder="relative, e.g. 60",
        ),
    ]
    return FormScreen("Audience weight" if audience else "Add an audience", fields, validate)


def account_form(goals: Goals) -> FormScreen:
    """Add a target account."""

    def validate(values: Values) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not values.get("name"):
            errors["name"] = "required"
        if not values.get("audience"):
            errors["audience"] = (
                "choose the audience it belongs to"
                if goals.audiences
                else "add an audience first (g, then n)"
            )
        if not errors:
            try:
                TargetAccount(name=values["name"], audience=values["audience"])
            except ValidationError as error:
                errors[""] = describe_validation_error(error)
            if goals.account_for(values["name"]) is not None:
                errors["name"] = "already a target account"
        return errors

    fields = [
        FormField("name", "Company"),
        FormField("audience", "Audience", "select", options=audience_options(goals)),
    ]
    return FormScreen("Add a target account", fields, validate)


def roles_form(audience: str, keywords: list[str]) -> FormScreen:
    """Edit the title keywords of an audience."""
    fields = [
        FormField(
            "keywords",
            "Keywords",
            value=", ".join(keywords),
            placeholder="comma-separated, e.g. head of, director",
        )
    ]
    return FormScreen(f"Target roles for {audience}", fields, lambda values: {})


def contact_audience_form(contact: Contact, goals: Goals) -> FormScreen:
    """Set a contact's audience."""
    fields = [
        FormField(
            "audience",
            "Audience",
            "select",
            value=contact.audience,
            options=audience_options(goals),
        )
    ]
    return FormScreen(f"Audience of {contact.name}", fields, lambda values: {})
