"""What the Goals screen and its confirmations say about audiences, accounts and objectives."""

from __future__ import annotations

from ssi_tui.wording import _, percent, plural


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
    """E.g. '5 personalised message_sent to prospects a week'."""
    who = _(" to {audience}").format(audience=audience) if audience else ""
    if personalised:
        text = plural(
            per_week,
            "{count} personalised {kind}{who} a week",
            "{count} personalised {kind}{who} a week",
        )
    else:
        text = _("{count} {kind}{who} a week")
    return text.format(count=per_week, kind=kind, who=who)


def objective_times(per_week: int, kind: str, audience: str | None, personalised: bool) -> str:
    """E.g. '3 × personalised message_sent to prospects' (a weekly objective)."""
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
