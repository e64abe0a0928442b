"""What the Goals screen and its confirmations say about audiences, accounts and objectives."""

from __future__ import annotations

from ssi_tui.wording import _, percent, plural, short_number


def counted(count: int, singular: str, plural_form: str) -> str:
    """E.g. '1 objective', '5 role keywords'."""
    return f"{count} {plural(count, _(singular), _(plural_form))}"


def audience_parts(keywords: int, accounts: int, objectives: int) -> str:
    """E.g. '5 role keywords, 3 accounts, 1 objective' (what goes with an audience)."""
    parts = []
    if keywords:
        parts.append(counted(keywords, "role keyword", "role keywords"))
    if accounts:
        parts.append(counted(accounts, "account", "accounts"))
    if objectives:
        parts.append(counted(objectives, "objective", "objectives"))
    return ", ".join(parts)


def audience_removal(name: str, keywords: int, accounts: int, objectives: int) -> str:
    """E.g. 'prospects, 5 role keywords, 3 accounts, 1 objective' (what goes with it)."""
    return ", ".join(filter(None, [name, audience_parts(keywords, accounts, objectives)]))


def renamed(old: str, new: str, contacts: int, plans: int, activities: int) -> str:
    """E.g. 'audience prospects renamed clients (12 contacts, 2 plans, 40 tagged activities
    follow)'."""
    moved = [
        counted(count, singular, plural_form)
        for count, singular, plural_form in (
            (contacts, "contact", "contacts"),
            (plans, "plan", "plans"),
            (activities, "tagged activity", "tagged activities"),
        )
        if count
    ]
    follow = _(" ({moved} follow)").format(moved=", ".join(moved)) if moved else ""
    return _("audience {old} renamed {new}{follow}").format(old=old, new=new, follow=follow)


def objective_text(kind: str, per_week: int, audience: str | None, personalised: bool) -> str:
    """E.g. '5 × personalised message sent to prospects a week' (`kind`: the kind's words,
    `Catalog.label`)."""
    who = _(" to {audience}").format(audience=audience) if audience else ""
    if personalised:
        text = _("{count} × personalised {kind}{who} a week")
    else:
        text = _("{count} × {kind}{who} a week")
    return text.format(count=per_week, kind=kind, who=who)


def objective_removed(text: str) -> str:
    """The change that removed an objective (`text`: `objective_text`'s)."""
    return _("objective {text} removed").format(text=text)


def objective_times(per_week: int, kind: str, audience: str | None, personalised: bool) -> str:
    """E.g. '3 × personalised message sent to prospects' (a weekly objective; `kind`: the
    kind's words, `Catalog.label`)."""
    text = _("{count} × personalised {kind}") if personalised else _("{count} × {kind}")
    text = text.format(count=per_week, kind=kind)
    if audience:
        text += _(" to {audience}").format(audience=audience)
    return text


def shares_line(shares: list[tuple[str, float]]) -> str:
    """E.g. 'prospects 55 % · recruiters 27 % · partners 18 %' (the form's live preview)."""
    if not shares:
        return ""
    return " · ".join(f"{name} {percent(share)}" for name, share in shares)


def reimport_hint() -> str:
    """After a topics edit, when the store holds imported activities."""
    return _(
        "Import your LinkedIn export again to match the posts and comments it holds with them "
        "(nothing is added twice)"
    )


def no_suggestion_text(behind: int) -> str:
    """Why there is no plan to suggest: every objective of the week met, or `behind` of them
    behind but each already planned."""
    if behind:
        count = plural(behind, "{n} objective", "{n} objectives").format(n=behind)
        return _(
            "No suggestions: {count} behind this week, all already planned (see the agenda); "
            "no flag asks for a plan."
        ).format(count=count)
    return _("No suggestions: every objective of the week is met, no flag asks for a plan.")


def no_goals_yet(audience: str) -> str:
    """An audience given before any goals exist."""
    return _(
        "no audience can be given yet ({audience!r}): set your goals first "
        "(`ssi-tui goals load FILE` or the Goals screen)"
    ).format(audience=audience)


def unknown_audience(audience: str, known: list[str]) -> str:
    """An audience the goals do not have."""
    return _("unknown audience {audience!r}; audiences in your goals: {known}").format(
        audience=audience, known=", ".join(known)
    )


# -- what the goals service says (its errors and the changes the undo journal names) --------
def already_audience(name: str) -> str:
    """A new audience's name that is taken."""
    return _("{name} is already an audience").format(name=name)


def too_many_audiences(most: int) -> str:
    """A new audience past the limit."""
    return _("at most {count} audiences: remove one first").format(count=most)


def audience_added(name: str) -> str:
    """The change that added an audience."""
    return _("audience {name} added").format(name=name)


def weight_set(name: str, weight: float) -> str:
    """The change that reweighted an audience."""
    return _("weight of {name} set to {weight}").format(name=name, weight=short_number(weight))


def no_such_audience(name: str) -> str:
    """An audience the goals do not have (it went meanwhile)."""
    return _("no audience {name} in your goals").format(name=repr(name))


def unknown(what: str, name: str) -> str:
    """A kind or an audience a form names that does not exist."""
    if what == "kind":
        return _("unknown kind {name}").format(name=repr(name))
    return _("unknown audience {name}").format(name=repr(name))


def removed(summary: str) -> str:
    """The change that removed an audience and what went with it."""
    return _("removed {what}").format(what=summary)


def keywords_saved(name: str, with_topics: bool) -> str:
    """The change that replaced an audience's role keywords (and topics)."""
    if with_topics:
        return _("role keywords and topics of {name} saved").format(name=name)
    return _("role keywords of {name} saved").format(name=name)


def account_saved(name: str, added: bool) -> str:
    """The change that added or edited a target account."""
    if added:
        return _("target account {name} added").format(name=name)
    return _("target account {name} saved").format(name=name)


def account_removed(name: str) -> str:
    """The change that removed a target account."""
    return _("target account {name} removed").format(name=name)


def objective_saved(text: str, added: bool) -> str:
    """The change that added or edited an objective."""
    if added:
        return _("objective {text} added").format(text=text)
    return _("objective {text} saved").format(text=text)


def gone(field: str, number: int) -> str:
    """A target account or an objective chosen by its number, no longer there."""
    if field == "accounts":
        return _("no target account number {number}: the goals changed, try again").format(
            number=number
        )
    return _("no objective number {number}: the goals changed, try again").format(number=number)
