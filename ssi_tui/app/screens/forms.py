"""The app's forms: activity, official reading, role keywords, contact audience (the Goals
screen's others are in `goal_forms`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ssi_tui.app.screens.form import Check, FormField, FormScreen, Save, Values
from ssi_tui.domain.models import Activity, Contact, Goals, SSIReading
from ssi_tui.services.fields import split_list
from ssi_tui.services.workspace import Workspace
from ssi_tui.wording import N_, _, day, percent

DATE_HINT = N_("today, yesterday, -3d, monday, Dec 1, YYYY-MM-DD")


NO_AUDIENCES = N_("no audiences yet: set your goals (g)")


def audience_options(goals: Goals) -> list[tuple[str, str]]:
    """Select options for the goals' audiences."""
    return [
        (f"{item.name} ({percent(goals.share(item.name))})", item.name) for item in goals.audiences
    ]


def audience_field(goals: Goals, value: str | None = None, blank: str = N_("Select")) -> FormField:
    """The Audience list of a form: the goals' audiences with their shares; its prompt says
    `blank`, or to set goals first when there are no audiences."""
    return FormField(
        "audience",
        N_("Audience"),
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
    kinds: dict[str, str]
    """Each kind's words by id (`ActivityService.kind_words`)."""
    names: list[str]


def activity_choices(workspace: Workspace) -> ActivityChoices:
    """Read what the activity form offers (in a worker)."""
    return ActivityChoices(
        workspace.goals.get(), workspace.activities.kind_words(), workspace.contacts.names()
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
            N_("Kind"),
            value=kinds.get(current.kind, current.kind) if current else None,
            placeholder=N_("post, comment, meeting…"),
            suggestions=list(kinds.values()),
        ),
        FormField(
            "date",
            N_("Date"),
            value=current.date.isoformat() if current else _("today"),
            placeholder=DATE_HINT,
        ),
        audience_field(
            goals, current.audience if current else None, N_("from the contact, company or title")
        ),
        FormField(
            "contact",
            N_("Contact"),
            value=current.contact if current else None,
            placeholder=N_("name (new names become contacts)"),
            suggestions=choices.names,
        ),
        FormField("company", N_("Company"), value=current.company if current else None),
        FormField(
            "title",
            N_("Title"),
            value=current.title if current else None,
            placeholder=N_("their job title"),
        ),
        FormField(
            "personalised",
            N_("Personalised"),
            "checkbox",
            value=current.personalised if current else False,
            extra={"text": "yes"},
        ),
        FormField(
            "relevance",
            N_("Relevance"),
            "select",
            value=current.relevance if current else 3,
            options=[(str(n), n) for n in range(1, 6)],
            allow_blank=False,
        ),
        FormField(
            "channel",
            N_("Channel"),
            "select",
            value=current.channel if current else None,
            options=[("LinkedIn", "linkedin"), (_("off LinkedIn"), "off")],
            extra={"prompt": N_("from the kind (LinkedIn if LinkedIn sees it)")},
        ),
        FormField("note", N_("Note"), value=current.note if current else None),
        FormField(
            "topics",
            N_("Topics"),
            value=", ".join(current.topics) if current else None,
            placeholder=N_("what it was about, e.g. supply chain (comma-separated)"),
        ),
    ]
    title = _("Edit activity") if activity else _("Log an activity")
    return FormScreen(title, fields, check, save=save)


def reading_form(check: Check, save: Save, reading: SSIReading | None = None) -> FormScreen:
    """Add an official SSI reading, or edit `reading` (checked by the readings service, every
    field at once)."""

    def value(name: str) -> str | None:
        number = getattr(reading, name, None) if reading else None
        return None if number is None else f"{number:g}"

    fields = [
        FormField(
            "date",
            N_("Date"),
            value=reading.date.isoformat() if reading else _("today"),
            placeholder=DATE_HINT,
        ),
        FormField("total", N_("Total /100"), value=value("total"), placeholder=N_("e.g. 67")),
        FormField("brand", N_("Brand /25"), value=value("brand")),
        FormField("find", N_("Find /25"), value=value("find")),
        FormField("engage", N_("Engage /25"), value=value("engage")),
        FormField("relate", N_("Relate /25"), value=value("relate")),
        FormField(
            "industry_rank",
            N_("Industry top %"),
            value=value("industry_rank"),
            placeholder=N_("optional"),
        ),
        FormField(
            "network_rank",
            N_("Network top %"),
            value=value("network_rank"),
            placeholder=N_("optional"),
        ),
        FormField(
            "industry_avg",
            N_("Industry avg"),
            value=value("industry_avg"),
            placeholder=N_("optional"),
        ),
        FormField(
            "network_avg", N_("Network avg"), value=value("network_avg"), placeholder=N_("optional")
        ),
    ]
    title = (
        _("Edit the reading of {day}").format(day=day(reading.date))
        if reading
        else _("Add an official SSI reading")
    )
    return FormScreen(title, fields, check, save=save)


def roles_form(audience: str, keywords: list[str], topics: list[str], save: Save) -> FormScreen:
    """Edit an audience's evidence words: the title keywords of its roles, and its topics (the
    goals' own check runs on the save: the form stays open on a refusal)."""
    fields = [
        FormField(
            "keywords",
            N_("Role keywords"),
            value=", ".join(keywords),
            placeholder=N_("comma-separated, e.g. head of, director"),
        ),
        FormField(
            "topics",
            N_("Topics"),
            value=", ".join(topics),
            placeholder=N_("what they care about, e.g. supply chain, procurement"),
        ),
    ]
    return FormScreen(
        _("Roles and topics of {audience}").format(audience=audience),
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
            N_("Headline"),
            value=headline,
            placeholder=N_("e.g. Helping procurement heads cut supply chain costs"),
        ),
        FormField(
            "summary",
            N_("Summary (About)"),
            kind="text",
            value=summary,
            placeholder=N_("your About section, as on LinkedIn"),
        ),
    ]
    return FormScreen(
        _("Headline and summary (the weighted brand reads whom they speak to)"),
        fields,
        check,
        save=save,
        preview=preview,
    )


def contact_audience_form(contact: Contact, goals: Goals, check: Check, save: Save) -> FormScreen:
    """Set a contact's audience: `check` gives the audience's name, `save` stores it."""
    fields = [audience_field(goals, contact.audience, N_("from your goals (account, role)"))]
    return FormScreen(_("Audience of {name}").format(name=contact.name), fields, check, save=save)


def contact_form(contact: Contact, goals: Goals, check: Check, save: Save) -> FormScreen:
    """Edit a contact: name (a new one carries their activities and plans along), company,
    title, audience, stay-in-touch cadence and e-mail addresses."""
    cadence = "" if contact.cadence_days is None else str(contact.cadence_days)
    fields = [
        FormField("name", N_("Name"), value=contact.name),
        FormField(
            "company", N_("Company"), value=contact.company or "", placeholder=N_("optional")
        ),
        FormField(
            "title", N_("Title"), value=contact.title or "", placeholder=N_("e.g. Head of Data")
        ),
        audience_field(goals, contact.audience, blank=N_("from your goals (account, role)")),
        FormField(
            "cadence",
            N_("Stay in touch every (days)"),
            value=cadence,
            placeholder=N_("empty: the audience's cadence"),
        ),
        FormField(
            "emails",
            N_("E-mails"),
            value=", ".join(contact.emails),
            placeholder=N_("optional, comma-separated (calendar imports match them)"),
        ),
    ]
    return FormScreen(_("Contact {name}").format(name=contact.name), fields, check, save=save)
