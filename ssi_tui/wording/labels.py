"""Labels shared by the command line, the app and the exports (one source each).

The dicts hold the English labels (what JSON and the catalogs' message ids use); the functions
give the label in the user's language, looked up when called.
"""

from __future__ import annotations

from ssi_tui.wording import _

PILLAR_LABELS: dict[str, str] = {
    "brand": "Professional brand",
    "find": "Find the right people",
    "engage": "Engage with insights",
    "relate": "Build relationships",
}

# Where the long labels do not fit (narrow terminals).
PILLAR_SHORT_LABELS: dict[str, str] = {
    "brand": "Brand",
    "find": "Find people",
    "engage": "Engage",
    "relate": "Relationships",
}

FLAG_TITLES: dict[str, str] = {
    "aimless_activity": "Aimless activity",
    "unevidenced_claims": "Unevidenced claims",
    "audience_drift": "Audience drift",
    "neglected_audience": "Neglected audience",
    "neglected_account": "Neglected account",
    "account_change": "Joined a target account",
    "invisible_effort": "Invisible effort",
    "low_reply_rate": "Low reply rate",
    "generic_outreach": "Generic outreach",
    "official_gap": "Official SSI gap",
}

SEVERITY_LABELS: dict[str, str] = {"alert": "ALERT", "warn": "WARN", "info": "INFO"}

CHECKLIST_LABELS: dict[str, str] = {
    "photo": "Profile photo",
    "headline": "Headline",
    "summary": "Summary (About)",
    "experience": "Experience",
    "industry": "Industry",
    "location": "Location",
    "skills": "Skills (≥5)",
    "recommendations": "Recommendations (≥3)",
    "featured": "Featured media",
    "custom_url": "Custom profile URL",
}


def pillar_label(pillar: str, short: bool = False) -> str:
    """A pillar's label (LinkedIn's own name, or a short one for narrow screens)."""
    labels = PILLAR_SHORT_LABELS if short else PILLAR_LABELS
    return _(labels[pillar]) if pillar in labels else pillar


def flag_title(flag_id: str) -> str:
    """A flag's short title."""
    return _(FLAG_TITLES[flag_id]) if flag_id in FLAG_TITLES else flag_id


def severity_label(severity: str) -> str:
    """A severity as a badge word."""
    return _(SEVERITY_LABELS[severity]) if severity in SEVERITY_LABELS else severity.upper()


def checklist_label(item: str) -> str:
    """A profile checklist item's label."""
    return _(CHECKLIST_LABELS[item]) if item in CHECKLIST_LABELS else item


def cap_bound(scale: float) -> str:
    """Why the audiences' parts are smaller than their work alone would make them."""
    return _(
        "past daily caps the audiences together count at most what all the work kept fills: "
        "each audience's part × {scale:.2f}"
    ).format(scale=scale)


def new_contact_line(name: str, tag: str | None) -> str:
    """What logging with a new contact's name says: the contact has no audience yet."""
    if tag:
        return _(
            "New contact: {name}, without an audience (the {tag} tag counts for this activity "
            "only, as a bare tag): give them one on the Contacts screen to make it evidence"
        ).format(name=name, tag=tag)
    return _("New contact: {name}").format(name=name)
