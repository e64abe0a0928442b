"""The words of the mismatch flags: message, action and suggested-plan note, from a flag's id
and parameters (`ssi_tui.domain.flags` decides; this module only words)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from ssi_tui.wording import NP_, _, day, language, number, percent, pgettext, plural
from ssi_tui.wording.labels import PILLAR_LABELS, pillar_label

Params = Mapping[str, Any]


class Worded(Protocol):
    """What a flag offers to be worded."""

    @property
    def id(self) -> str: ...  # noqa: D102

    @property
    def params(self) -> Params: ...  # noqa: D102


def pct(value: float) -> str:
    """A share as a whole percentage (as the user's language writes it)."""
    return percent(value)


def since(params: Params) -> str:
    """How long an audience or account went untouched: "for 23 days", or, with no touch in the
    window, over what span we can judge (the window, or the history when shorter)."""
    idle = params.get("days_since")
    if idle is not None:
        return _("for {days} days").format(days=idle)
    span = params.get("span")
    if span == "history":
        return _("since your first activity on {first}").format(first=_day(params["first"]))
    if span == "window":
        return _("in the last {days} days").format(days=params["window_days"])
    return _("yet (no activity logged so far)")


def signed_points(official_minus_raw: float) -> str:
    """How our raw estimate stands against LinkedIn's: "is 3 points below LinkedIn's"."""
    points = round(abs(official_minus_raw))
    if points == 0:
        return _("matches LinkedIn's")
    if official_minus_raw > 0:
        return plural(
            points, "is {n} point below LinkedIn's", "is {n} points below LinkedIn's"
        ).format(n=points)
    return plural(points, "is {n} point above LinkedIn's", "is {n} points above LinkedIn's").format(
        n=points
    )


def _pillar_name(p: Params) -> str:
    """The pillar's short name (a translation names it; the English text uses its id)."""
    return pillar_label(p["pillar"], short=True)


def _day(value: object) -> str:
    """A day given as a date or its ISO text, as the user's language writes it."""
    from datetime import date

    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return day(value) if isinstance(value, date) else str(value)


# -- messages -------------------------------------------------------------------------------
def _aimless_message(p: Params) -> str:
    if p["variant"] == "untargeted":
        why = _("{share} of it reaches none of your audiences").format(share=pct(p["untargeted"]))
    else:
        why = _(
            "{share} of it is tagged with an audience but nothing shows it reached them"
        ).format(share=pct(p["tagged"]))
    return _(
        "{pillar}: only {aligned} of its points serve your goals "
        "({raw}/25 raw, {weighted} weighted): {why}."
    ).format(
        pillar=pillar_label(p["pillar"]),
        aligned=pct(p["alignment"]),
        raw=number(p["raw"], 1),
        weighted=number(p["weighted"], 1),
        why=why,
    )


def _drift_message(p: Params) -> str:
    return _(
        "{Over} get {over_effort} of your targeted effort for {over_goal} of your goals; "
        "{under} get {under_effort} for {under_goal}."
    ).format(
        Over=p["over"].capitalize(),
        over_effort=pct(p["over_effort"]),
        over_goal=pct(p["over_goal"]),
        under=p["under"],
        under_effort=pct(p["under_effort"]),
        under_goal=pct(p["under_goal"]),
    )


def _official_head(p: Params) -> str:
    return _(
        "LinkedIn gave you {official}/100 on {date}, when your goal-weighted score over "
        "{window} days (as LinkedIn counts) was {weighted}"
    ).format(
        official=number(p["official_total"]),
        date=_day(p["official_date"]),
        weighted=number(p["weighted"]),
        window=p.get("window_days", 90),
    )


def _official_message(p: Params) -> str:
    if p["variant"] == "aim":
        return _(
            "{head}: {aim_gap} points of the activity LinkedIn counts do not serve your "
            "goals (our raw estimate, {raw}, {error})."
        ).format(
            head=_official_head(p),
            aim_gap=number(p["aim_gap"]),
            raw=number(p["raw"]),
            error=signed_points(p["estimate_error"]),
        )
    if p["raw"] < 0.5:  # nothing (or next to nothing) logged: no praise for aim
        return _(
            "{head}: we see no activity behind it yet; LinkedIn counts {unseen} points of "
            "activity you have not logged or imported."
        ).format(head=_official_head(p), unseen=number(p["estimate_error"]))
    return _(
        "{head}, but your activity is well aimed (raw {raw}, weighted {weighted}): "
        "LinkedIn counts {unseen} points we do not see."
    ).format(
        head=_official_head(p),
        raw=number(p["raw"]),
        weighted=number(p["weighted"]),
        unseen=number(p["estimate_error"]),
    )


MESSAGES: dict[str, Callable[[Params], str]] = {
    "aimless_activity": _aimless_message,
    "unevidenced_claims": lambda p: _(
        "{label}: {share} of its weighted score ({on_tags} of {weighted}) rests on "
        "audience tags with nothing behind them, mostly {audience}."
    ).format(
        label=pillar_label(p["pillar"]),
        share=pct(p["share"]),
        on_tags=number(p["on_tags"], 1),
        weighted=number(p["weighted"], 1),
        audience=p["audience"],
    ),
    "audience_drift": _drift_message,
    "neglected_audience": lambda p: _(
        "Nothing aimed at {audience} ({share} of your goals) {since}."
    ).format(audience=p["audience"], share=pct(p["goal_share"]), since=since(p)),
    "neglected_account": lambda p: _(
        "No activity with target account {account} ({audience}) {since}."
    ).format(account=p["account"], audience=p["audience"], since=since(p)),
    "account_change": lambda p: _(
        "{name} joined target account {account} ({audience}){position}, seen by your import "
        "of {seen}."
    ).format(
        name=p["name"],
        account=p["account"],
        audience=p["audience"],
        position=_(" as {title}").format(title=p["title"]) if p.get("title") else "",
        seen=_day(p["seen"]),
    ),
    "invisible_effort": lambda p: _(
        "{share} of your goal-aligned effort happens off LinkedIn, where the official SSI "
        "cannot see it."
    ).format(share=pct(p["share"])),
    "low_reply_rate": lambda p: _(
        "Only {received} replies to {sent} messages sent ({rate})."
    ).format(received=number(p["received"]), sent=number(p["sent"]), rate=pct(p["rate"])),
    "generic_outreach": lambda p: _(
        "Only {personalised} of {outreach} messages, invitations and comments were "
        "personalised ({share})."
    ).format(
        personalised=number(p["personalised"]),
        outreach=number(p["outreach"]),
        share=pct(p["share"]),
    ),
    "official_gap": _official_message,
}


# -- actions --------------------------------------------------------------------------------
def _aimless_action(p: Params) -> str:
    if p.get("target"):
        return _(
            "Aim {pillar} activity at {audience}: at a target account or role, with a contact "
            "you gave an audience, or on one of their topics; a bare tag counts half."
        ).format(pillar=p["pillar"], pillar_name=_pillar_name(p), audience=p["target"])
    return _(
        "Aim {pillar} activity: at a target account or role, with a contact you gave an "
        "audience, or on one of their topics; a bare tag counts half."
    ).format(pillar=p["pillar"], pillar_name=_pillar_name(p))


def _official_action(p: Params) -> str:
    if p["variant"] == "aim":
        return _(
            "Worry less about the SSI number; fix {pillar} first by aiming it at your audiences."
        ).format(pillar=p["pillar"], pillar_name=_pillar_name(p))
    return _(
        "Log or import the {pillar} activity LinkedIn sees (ssi-tui import your export), and "
        "keep recording readings."
    ).format(pillar=p["pillar"], pillar_name=_pillar_name(p))


ACTIONS: dict[str, Callable[[Params], str]] = {
    "aimless_activity": _aimless_action,
    "unevidenced_claims": lambda p: _(
        "Back the {audience} tags with evidence: the contact's company or title, a contact you "
        "give that audience, or topics for {audience} (k on Goals) that your posts are about; "
        "else drop the tag."
    ).format(audience=p["audience"]),
    "audience_drift": lambda p: _(
        "Shift effort to {under}: a weekly block of personalised messages to them."
    ).format(under=p["under"]),
    "neglected_audience": lambda p: _(
        "Reach out to {audience} this week: a personalised message or a follow-up."
    ).format(audience=p["audience"]),
    "neglected_account": lambda p: _(
        "Engage someone at {account}: comment on their posts, then a personalised message."
    ).format(account=p["account"]),
    "account_change": lambda p: _(
        "Congratulate {name} on the new role with a personal message: a warm way into {account}."
    ).format(name=p["name"], account=p["account"]),
    "invisible_effort": lambda p: _(
        "Make it visible: post about your talks, meetings and articles, and connect after meetings."
    ),
    "low_reply_rate": lambda p: _(
        "Send fewer, more personal messages: reference their work, ask one clear question."
    ),
    "generic_outreach": lambda p: _(
        "Personalise every {kind}: a line about them, not a template."
    ).format(kind=_(p["kind_label"]).lower()),
    "official_gap": _official_action,
}

# -- suggested plans' notes (kept as the plan's note when adopted) ---------------------------
NOTES: dict[str, Callable[[Params], str]] = {
    "aimless_activity": lambda p: _("Aligned {pillar} activity").format(
        pillar=p["pillar"], pillar_name=_pillar_name(p)
    ),
    "unevidenced_claims": lambda p: "",
    "audience_drift": lambda p: _("Personalised message to {under}").format(under=p["under"]),
    "neglected_audience": lambda p: _("Reconnect with {audience}").format(audience=p["audience"]),
    "neglected_account": lambda p: _("Touch point with {account}").format(account=p["account"]),
    "account_change": lambda p: _("Congratulate {name} at {account}").format(
        name=p["name"], account=p["account"]
    ),
    "invisible_effort": lambda p: _("Share an off-LinkedIn win"),
    "low_reply_rate": lambda p: _("Personalised message"),
    "generic_outreach": lambda p: _("Personalised, not a template"),
    "official_gap": lambda p: "",
}


def message(flag: Worded) -> str:
    """What the flag says: the mismatch, with its numbers."""
    return MESSAGES[flag.id](flag.params)


def action(flag: Worded) -> str:
    """What to do about it."""
    return ACTIONS[flag.id](flag.params)


def note(flag_id: str, params: Params) -> str:
    """The note of the plan suggested for a flag."""
    return NOTES[flag_id](params)


def evidence_value(value: object, *, percent: bool = False) -> str:
    """One evidence value in words: nothing yet for a missing one (never `None`), yes/no,
    numbers rounded as they are read (a share as a percentage), lists joined."""
    if value is None:
        return _("none yet")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float) and percent:
        return pct(value)
    if isinstance(value, float):
        text = number(value, 2 if abs(value) < 10 else 1)
        point = "," if language() == "fr" else "."
        return text.rstrip("0").rstrip(point) if point in text else text
    if isinstance(value, int):
        return number(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(evidence_value(item) for item in value) or _("none")
    if isinstance(value, dict):
        return ", ".join(
            f"{pillar_label(key, short=True) if key in PILLAR_LABELS else key} "
            f"{evidence_value(item)}"
            for key, item in value.items()
        )
    return str(value)


def _is_share(key: str) -> bool:
    return key.endswith(("share", "rate")) or key == "alignment"


# The evidence's names, as the flags' detail shows them (the JSON keeps the keys).
EVIDENCE_LABELS = {
    "account": NP_("evidence", "account"), "aim_gap": NP_("evidence", "aim gap"), "aimed_share": NP_("evidence", "aimed share"),
    "alignment": NP_("evidence", "alignment"), "audience": NP_("evidence", "audience"), "comparison": NP_("evidence", "comparison"),
    "contact": NP_("evidence", "contact"), "days_since": NP_("evidence", "days since"), "effort_share": NP_("evidence", "effort share"),
    "estimate_error": NP_("evidence", "estimate error"), "from": NP_("evidence", "from"), "goal_share": NP_("evidence", "goal share"),
    "history_days": NP_("evidence", "history days"), "kind": NP_("evidence", "kind"), "kind_label": NP_("evidence", "kind label"),
    "last": NP_("evidence", "last"), "last_contact": NP_("evidence", "last contact"),
    "most_generic_kind": NP_("evidence", "most generic kind"), "off_linkedin_points": NP_("evidence", "off linkedin points"),
    "off_linkedin_share": NP_("evidence", "off linkedin share"), "official_date": NP_("evidence", "official date"),
    "official_minus_raw": NP_("evidence", "official minus raw"),
    "official_minus_weighted": NP_("evidence", "official minus weighted"),
    "official_total": NP_("evidence", "official total"), "on_tags": NP_("evidence", "on tags"),
    "outreach": NP_("evidence", "outreach"), "personalised": NP_("evidence", "personalised"), "ratio": NP_("evidence", "ratio"),
    "raw": NP_("evidence", "raw"), "raw_minus_weighted": NP_("evidence", "raw minus weighted"), "raw_total": NP_("evidence", "raw total"),
    "received": NP_("evidence", "received"), "reply_rate": NP_("evidence", "reply rate"), "seen": NP_("evidence", "seen"),
    "sent": NP_("evidence", "sent"), "share": NP_("evidence", "share"), "tagged_share": NP_("evidence", "tagged share"),
    "targeted_activities": NP_("evidence", "targeted activities"), "title": NP_("evidence", "title"),
    "untargeted_share": NP_("evidence", "untargeted share"), "weighted": NP_("evidence", "weighted"),
    "weighted_by_evidence": NP_("evidence", "weighted by evidence"), "weighted_total": NP_("evidence", "weighted total"),
}  # fmt: skip


def evidence_label(key: str) -> str:
    """An evidence item's name in the user's language ("untargeted share")."""
    if key in EVIDENCE_LABELS:
        return pgettext("evidence", EVIDENCE_LABELS[key])
    return key.replace("_", " ")


def evidence_items(evidence: dict[str, object]) -> list[str]:
    """A flag's evidence, `name: value` per item, in words."""
    return [
        _("{name}: {value}").format(
            name=evidence_label(key), value=evidence_value(value, percent=_is_share(key))
        )
        for key, value in evidence.items()
    ]


def evidence_lines(evidence: dict[str, object]) -> list[str]:
    """A flag's evidence, one indented `name: value` line per item."""
    return ["  " + item for item in evidence_items(evidence)]
