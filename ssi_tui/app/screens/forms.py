"""The app's forms: activity, official reading, role keywords, contact audience (the Goals
screen's others are in `goal_forms`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ssi_tui.app.screens.form import Check, FormField, FormScreen, Save, Values
from ssi_tui.domain.models import Activity, Contact, Goals, SSIReading
from ssi_tui.services.fields import split_list
from ssi_tui.services.workspace import Workspace

DATE_HINT = "today, yesterday, -3d, monday, Dec 1, YYYY-MM-DD"


NO_AUDIENCES = "no audiences yet: set your goals (g)"


def audience_options(goals: Goals) -> list[tuple[str, str]]:
    """Select options for the goals' audiences."""
    return [(f"{item.name} ({goals.share(item.name):.0%})", item.name) for item in goals.audiences]


def audience_field(goals: Goals, value: str | None = None, blank: str = "Select") -> FormField:
    """The Audience list of a form: the goals' audiences with their shares; its prompt says
    `blank`, or to set goals first when there are no audiences."""
    return FormField(
        "audience",
        "Audience",
        "select",
        value=value,
        options=audience_options(goals),
        extra={"prompt": blank if goals.audiences else NO_AUDIENCES},
    )


@dataclass(frozen=True, slots=True)
class ActivityChoices:
    """What the activity form offers (read in a worker): the goals' audiences, the kinds, the
    contacts' names."""

    goals: Goals
    kinds: list[str]
    names: list[str]


def activity_choices(workspace: Workspace) -> ActivityChoices:
    """Read what the activity form offers (in a worker)."""
    return ActivityChoices(
        workspace.goals.get(), workspace.activities.kinds(), workspace.contacts.names()
    )


def activity_form(
    choices: ActivityChoices, check: Check, save: Save, activity: Activity | None = None
) -> FormScreen:
    """Log (or edit) an activity: `check` turns the values into the activity, `save` stores it."""
    goals, kinds = choices.goals, choices.kinds
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
        audience_field(goals, current.audience if current else None),
        FormField(
            "contact",
            "Contact",
            value=current.contact if current else None,
            placeholder="name (new names become contacts)",
            suggestions=choices.names,
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
        FormField(
            "topics",
            "Topics",
            value=", ".join(current.topics) if current else None,
            placeholder="what it was about, e.g. supply chain (comma-separated)",
        ),
    ]
    return FormScreen("Edit activity" if activity else "Log an activity", fields, check, save=save)


def reading_form(check: Check, save: Save, reading: SSIReading | None = None) -> FormScreen:
    """Add an official SSI reading, or edit `reading` (checked by the readings service, every
    field at once)."""

    def value(name: str) -> str | None:
        number = getattr(reading, name, None) if reading else None
        return None if number is None else f"{number:g}"

    fields = [
        FormField(
            "date",
            "Date",
            value=reading.date.isoformat() if reading else "today",
            placeholder=DATE_HINT,
        ),
        FormField("total", "Total /100", value=value("total"), placeholder="e.g. 67"),
        FormField("brand", "Brand /25", value=value("brand")),
        FormField("find", "Find /25", value=value("find")),
        FormField("engage", "Engage /25", value=value("engage")),
        FormField("relate", "Relate /25", value=value("relate")),
        FormField(
            "industry_rank", "Industry top %", value=value("industry_rank"), placeholder="optional"
        ),
        FormField(
            "network_rank", "Network top %", value=value("network_rank"), placeholder="optional"
        ),
        FormField(
            "industry_avg", "Industry avg", value=value("industry_avg"), placeholder="optional"
        ),
        FormField("network_avg", "Network avg", value=value("network_avg"), placeholder="optional"),
    ]
    title = (
        f"Edit the reading of {reading.date.isoformat()}"
        if reading
        else "Add an official SSI reading"
    )
    return FormScreen(title, fields, check, save=save)


def roles_form(audience: str, keywords: list[str], topics: list[str], save: Save) -> FormScreen:
    """Edit an audience's evidence words: the title keywords of its roles, and its topics (the
    goals' own check runs on the save: the form stays open on a refusal)."""
    fields = [
        FormField(
            "keywords",
            "Role keywords",
            value=", ".join(keywords),
            placeholder="comma-separated, e.g. head of, director",
        ),
        FormField(
            "topics",
            "Topics",
            value=", ".join(topics),
            placeholder="what they care about, e.g. supply chain, procurement",
        ),
    ]
    return FormScreen(
        f"Roles and topics of {audience}",
        fields,
        lambda values: (split_list(values.get("keywords")), split_list(values.get("topics"))),
        save=save,
    )


def profile_text_form(
    headline: str,
    summary: str,
    check: Check,
    save: Save,
    preview: Callable[[Values], str],
) -> FormScreen:
    """Edit the profile's headline and summary, as LinkedIn shows them: what the profile's fit
    with the goals is judged on."""
    fields = [
        FormField(
            "headline",
            "Headline",
            value=headline,
            placeholder="e.g. Helping procurement heads cut supply chain costs",
        ),
        FormField(
            "summary",
            "Summary (About)",
            kind="text",
            value=summary,
            placeholder="your About section, as on LinkedIn",
        ),
    ]
    return FormScreen(
        "Headline and summary (the weighted brand reads whom they speak to)",
        fields,
        check,
        save=save,
        preview=preview,
    )


def contact_audience_form(contact: Contact, goals: Goals, check: Check, save: Save) -> FormScreen:
    """Set a contact's audience: `check` gives the audience's name, `save` stores it."""
    fields = [audience_field(goals, contact.audience)]
    return FormScreen(f"Audience of {contact.name}", fields, check, save=save)


def contact_form(contact: Contact, goals: Goals, check: Check, save: Save) -> FormScreen:
    """Edit a contact: name (a new one carries their activities and plans along), company,
    title, audience, stay-in-touch cadence and e-mail addresses."""
    cadence = "" if contact.cadence_days is None else str(contact.cadence_days)
    fields = [
        FormField("name", "Name", value=contact.name),
        FormField("company", "Company", value=contact.company or "", placeholder="optional"),
        FormField("title", "Title", value=contact.title or "", placeholder="e.g. Head of Data"),
        audience_field(goals, contact.audience, blank="From your goals (account, role)"),
        FormField(
            "cadence",
            "Stay in touch every (days)",
            value=cadence,
            placeholder="empty: the audience's cadence",
        ),
        FormField(
            "emails",
            "E-mails",
            value=", ".join(contact.emails),
            placeholder="optional, comma-separated (calendar imports match them)",
        ),
    ]
    return FormScreen(f"Contact {contact.name}", fields, check, save=save)
