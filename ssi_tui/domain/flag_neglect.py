"""The neglect checks: a goal audience or a target account left untouched for weeks (never
claiming more than the store's history holds)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from ssi_tui.domain.alignment import GoalIndex
from ssi_tui.domain.catalog import Rules
from ssi_tui.domain.flag_model import Flag, History, Suggestion, top_audience
from ssi_tui.domain.models import Goals
from ssi_tui.domain.network import ConnectionChange, account_move
from ssi_tui.domain.scoring import Breakdown
from ssi_tui.domain.tally import tally_of
from ssi_tui.domain.text import fold
from ssi_tui.wording import flags as wording


def _idleness(report: Breakdown, last: date | None, history: History) -> dict[str, Any]:
    """Days since the last touch (None: none in the window), and the span judged."""
    idle = None if last is None else (report.as_of - last).days
    return {"days_since": idle, **history.span(report.window_days)}


def neglected_audience(
    report: Breakdown, goals: Goals, rules: Rules, history: History | None = None
) -> list[Flag]:
    """A goal audience with no activity for weeks (never claiming more than the history held)."""
    history = history or History(None, report.as_of)
    limits = rules.flags.neglected_audience
    days = int(min(limits["days"], report.window_days))
    top = top_audience(goals)
    flags: list[Flag] = []
    known = frozenset(audience.name for audience in goals.audiences)
    touches = tally_of(report, known).audience_last
    for audience in sorted(goals.audiences, key=lambda item: (-item.weight, item.name)):
        if audience.weight <= 0 or goals.share(audience.name) < limits["min_share"]:
            continue
        young = history.days < days
        if young and audience.name != top:
            continue  # a young store cannot show a habit: only the main audience is nudged
        last = touches.get(audience.name)
        idleness = _idleness(report, last, history)
        idle = idleness["days_since"]
        if idle is not None and idle < days:
            continue
        params = {"audience": audience.name, "goal_share": goals.share(audience.name), **idleness}
        flags.append(
            Flag(
                id="neglected_audience",
                severity="info"
                if young or goals.share(audience.name) < limits.get("info_share", 0.0)
                else ("alert" if audience.name == top else "warn"),
                pillar=None,
                params=params,
                evidence={
                    "audience": audience.name,
                    "goal_share": round(goals.share(audience.name), 2),
                    "days_since": idle,
                    "last": last.isoformat() if last else None,
                    "history_days": history.days,
                },
                suggestion=Suggestion(
                    kind="message_sent",
                    audience=audience.name,
                    note=wording.note("neglected_audience", params),
                ),
            )
        )
    return flags


def neglected_account(
    report: Breakdown, goals: Goals, rules: Rules, history: History | None = None
) -> list[Flag]:
    """A target account with no activity for weeks (never claiming more than the history held)."""
    history = history or History(None, report.as_of)
    limits = rules.flags.neglected_account
    days = int(min(limits["days"], report.window_days))
    top = top_audience(goals)
    flags: list[Flag] = []
    known = frozenset(audience.name for audience in goals.audiences)
    touches = tally_of(report, known).account_last
    for account in goals.accounts:
        if goals.weight(account.audience) <= 0:
            continue
        young = history.days < days
        if young and account.audience != top:
            continue  # a young store: only the main audience's accounts are nudged
        last = touches.get(account.name)
        idleness = _idleness(report, last, history)
        idle = idleness["days_since"]
        if idle is not None and idle < days:
            continue
        params = {"account": account.name, "audience": account.audience, **idleness}
        flags.append(
            Flag(
                id="neglected_account",
                severity="info"
                if young
                or account.audience != top
                or goals.share(account.audience) < limits.get("info_share", 0.0)
                else "warn",
                pillar="relate",
                params=params,
                evidence={
                    "account": account.name,
                    "audience": account.audience,
                    "days_since": idle,
                    "last": last.isoformat() if last else None,
                    "history_days": history.days,
                },
                suggestion=Suggestion(
                    kind="follow_up",
                    audience=account.audience,
                    company=account.name,
                    note=wording.note("neglected_account", params),
                ),
            )
        )
    return flags


def account_change(
    report: Breakdown, goals: Goals, rules: Rules, changes: Sequence[ConnectionChange] = ()
) -> list[Flag]:
    """Someone an import saw join a target account in the last weeks, not yet reached since
    (a personal message then is the warmest way into the account)."""
    days = int(rules.flags.account_change.get("days", 30))
    recent = [change for change in changes if 0 <= (report.as_of - change.date).days < days]
    if not recent:
        return []  # (the usual case: no pass over the window's activities)
    index = GoalIndex(goals)
    joined = []
    for change in recent:
        move = account_move(change, index)
        if move is not None and move[0] == "joined":
            joined.append((change, move))
    # The latest activity with each of them; an imported one (the connection itself, an old
    # message) counts only from the day after its import saw the change.
    wanted = {fold(change.name) for change, _ in joined}
    reached: dict[str, tuple[date, bool]] = {}
    for item in report.contributions if wanted else ():  # in date order: the last is the latest
        contact = item.activity.contact
        if contact and (key := fold(contact)) in wanted:
            reached[key] = (item.activity.date, item.activity.external_id is not None)
    flags: list[Flag] = []
    for change, move in joined:
        last, imported = reached.get(fold(change.name), (None, False))
        if last is not None and (last > change.date or (last == change.date and not imported)):
            continue  # reached out since
        account = index.account(change.company_after)
        audience = account.audience if account is not None else None
        params = {
            "name": change.name,
            "account": move[1],
            "audience": audience,
            "title": change.title_after,
            "seen": change.date.isoformat(),
        }
        flags.append(
            Flag(
                id="account_change",
                severity="info",
                pillar="relate",
                params=params,
                evidence={
                    "contact": change.name,
                    "account": move[1],
                    "from": change.company_before,
                    "title": change.title_after,
                    "seen": change.date.isoformat(),
                    "last_contact": last.isoformat() if last else None,
                },
            )
        )
    return flags
