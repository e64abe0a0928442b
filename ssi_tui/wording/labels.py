"""Labels shared by the command line, the app and the exports (one source each).

The dicts hold the English labels (what JSON and the catalogs' message ids use); the functions
give the label in the user's language, looked up when called.
"""

from __future__ import annotations

from ssi_tui.wording import N_, _, counted, number, pgettext

PILLAR_LABELS: dict[str, str] = {
    "brand": N_("Professional brand"),
    "find": N_("Find the right people"),
    "engage": N_("Engage with insights"),
    "relate": N_("Build relationships"),
}

# Where the long labels do not fit (narrow terminals).
PILLAR_SHORT_LABELS: dict[str, str] = {
    "brand": N_("Brand"),
    "find": N_("Find people"),
    "engage": N_("Engage"),
    "relate": N_("Relationships"),
}

FLAG_TITLES: dict[str, str] = {
    "aimless_activity": N_("Aimless activity"),
    "unevidenced_claims": N_("Unevidenced claims"),
    "audience_drift": N_("Audience drift"),
    "neglected_audience": N_("Neglected audience"),
    "neglected_account": N_("Neglected account"),
    "account_change": N_("Joined a target account"),
    "invisible_effort": N_("Invisible effort"),
    "low_reply_rate": N_("Low reply rate"),
    "generic_outreach": N_("Generic outreach"),
    "official_gap": N_("Official SSI gap"),
}

SEVERITY_LABELS: dict[str, str] = {"alert": N_("ALERT"), "warn": N_("WARN"), "info": N_("INFO")}

CHECKLIST_LABELS: dict[str, str] = {
    "photo": N_("Profile photo"),
    "headline": N_("Headline"),
    "summary": N_("Summary (About)"),
    "experience": N_("Experience"),
    "industry": N_("Industry"),
    "location": N_("Location"),
    "skills": N_("Skills (≥5)"),
    "recommendations": N_("Recommendations (≥3)"),
    "featured": N_("Featured media"),
    "custom_url": N_("Custom profile URL"),
}


def pillar_label(pillar: str, short: bool = False) -> str:
    """A pillar's label (LinkedIn's own name, or a short one for narrow screens)."""
    labels = PILLAR_SHORT_LABELS if short else PILLAR_LABELS
    return _(labels[pillar]) if pillar in labels else pillar


# The profile levels of data/rules.toml (LinkedIn's words).
LEVEL_LABELS = (N_("Beginner"), N_("Intermediate"), N_("Advanced"), N_("Expert"), N_("All-Star"))


# The parts of a pillar's score that are not an audience (`score --explain`, the dashboard).
def part_label(label: str, audience: bool = False) -> str:
    """A part of a pillar's score: an audience's name as the user wrote it, else the part's
    label in the user's language."""
    if audience:
        return label
    words = {
        "activity": pgettext("score part", "activity"),
        "untargeted": pgettext("score part", "untargeted"),
        "profile": pgettext("score part", "profile"),
    }
    return words.get(label, label)


# Where an activity's or a contact's audience comes from (the lists show it in brackets).
def audience_with_source(audience: str, source: str | None) -> str:
    """An audience and where it comes from: "prospects (role)"."""
    if not source:
        return audience
    words = {
        "tag": pgettext("audience source", "tag"),
        "set": pgettext("audience source", "set"),
        "account": pgettext("audience source", "account"),
        "role": pgettext("audience source", "role"),
        "topic": pgettext("audience source", "topic"),
    }
    return f"{audience} ({words.get(source, source)})"


# The store's tables, as the exports and loads name them.
TABLE_LABELS = {
    "goals": N_("goals"), "checklist": N_("profile checklist"), "settings": N_("settings"),
    "readings": N_("readings"), "contacts": N_("contacts"), "activities": N_("activities"),
    "plans": N_("plans"), "plan_events": N_("plan events"),
    "connection_changes": N_("connection changes"),
}  # fmt: skip


def table_label(name: str) -> str:
    """A table of the store in words ("plan events")."""
    return _(TABLE_LABELS[name]) if name in TABLE_LABELS else name.replace("_", " ")


def table_count(name: str, count: int) -> str:
    """How many records a table holds: "1,200 activities", "1 plan"."""
    counts = {
        "readings": lambda: counted(count, "reading", "readings"),
        "contacts": lambda: counted(count, "contact", "contacts"),
        "activities": lambda: counted(count, "activity", "activities"),
        "plans": lambda: counted(count, "plan", "plans"),
        "plan_events": lambda: counted(count, "plan event", "plan events"),
        "connection_changes": lambda: counted(count, "connection change", "connection changes"),
    }
    return counts[name]() if name in counts else f"{number(count)} {table_label(name)}"


BACKUP_REASONS = {"daily": N_("daily"), "pre-restore": N_("before a restore")}


def backup_reason(reason: str) -> str:
    """Why a backup was taken, in words ("before an upgrade" for a pre-migration one)."""
    if reason.startswith("pre-migration"):
        return _("before an upgrade")
    return _(BACKUP_REASONS[reason]) if reason in BACKUP_REASONS else reason


def level_label(level: str) -> str:
    """A profile level's name (data/rules.toml's, in the user's language when known)."""
    return _(level) if level in LEVEL_LABELS else level


def flag_title(flag_id: str) -> str:
    """A flag's short title."""
    return _(FLAG_TITLES[flag_id]) if flag_id in FLAG_TITLES else flag_id


def severity_label(severity: str, *, badge: bool = False) -> str:
    """A severity as a word ("WARN"), or as the app's flag list badges it (short: "AVERT" in
    French where the word is "ATTENTION")."""
    if severity not in SEVERITY_LABELS:
        return severity.upper()
    if badge:
        badges = {
            "alert": pgettext("badge", "ALERT"),
            "warn": pgettext("badge", "WARN"),
            "info": pgettext("badge", "INFO"),
        }
        return badges[severity]
    return _(SEVERITY_LABELS[severity])


def checklist_label(item: str) -> str:
    """A profile checklist item's label."""
    return _(CHECKLIST_LABELS[item]) if item in CHECKLIST_LABELS else item


def cap_bound(scale: float) -> str:
    """Why the audiences' parts are smaller than their work alone would make them."""
    return _(
        "past daily caps the audiences together count at most what all the work kept fills: "
        "each audience's part × {scale}"
    ).format(scale=number(scale, 2))


def new_contact_line(name: str, tag: str | None) -> str:
    """What logging with a new contact's name says: the contact has no audience yet."""
    if tag:
        return _(
            "New contact: {name}, without an audience (the {tag} tag counts for this activity "
            "only, as a bare tag): give them one on the Contacts screen to make it evidence"
        ).format(name=name, tag=tag)
    return _("New contact: {name}").format(name=name)
