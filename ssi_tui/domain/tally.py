"""What the flags count and sum over a window, kept day by day.

The flags read the window's activities for a few tallies: activities per kind, who was messaged
and who replied, personalised outreach, effort per tier and per goal audience, the last day
each audience and account was touched. A day's tally depends only on that day's scored
activities (and, for the decayed efforts, the as-of date), so `daily.breakdown` keeps one per
day with the day's other results and merges them: after a save only that day's is recounted,
instead of a pass over the whole window per flag. Every tally is made per day and merged in
date order, whoever asks (`tally_of` for a breakdown built another way), so the same window
always gives the same floats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ssi_tui.domain.alignment import TIERS
from ssi_tui.domain.models import PILLARS
from ssi_tui.domain.text import fold

if TYPE_CHECKING:
    from ssi_tui.domain.scoring import Breakdown, Contribution, Scored


def _tiers() -> dict[str, dict[str, float]]:
    return {pillar: dict.fromkeys(TIERS, 0.0) for pillar in PILLARS}


@dataclass(slots=True)
class Tally:
    """The flags' counts and sums over some days (one day, or a window merged)."""

    kinds: Counter[str] = field(default_factory=Counter)  # activities per kind
    messaged: set[str] = field(default_factory=set)  # folded contacts sent a message
    replies_from: Counter[str] = field(default_factory=Counter)  # messages received, by contact
    replies_anonymous: int = 0  # messages received naming no one
    outreach: int = 0  # activities aimed at a person (personalisable, not broadcast)
    personalised: int = 0  # of which personalised
    generic_kinds: Counter[str] = field(default_factory=Counter)  # the others, per kind
    tier_effort: dict[str, dict[str, float]] = field(default_factory=_tiers)  # decayed
    audience_effort: dict[str, float] = field(default_factory=dict)  # decayed, goal audiences
    targeted: int = 0  # activities with a part for a goal audience
    audience_last: dict[str, date] = field(default_factory=dict)  # last touch per audience
    account_last: dict[str, date] = field(default_factory=dict)  # last touch per account

    @property
    def replies(self) -> int:
        """Messages received from someone messaged in the window, or naming no one (a
        stranger's message is not a reply to the user's outreach)."""
        messaged = self.messaged
        return self.replies_anonymous + sum(
            count for name, count in self.replies_from.items() if name in messaged
        )

    def add(self, other: Tally) -> None:
        """Merge a later day's tally into this one."""
        self.kinds.update(other.kinds)
        self.messaged |= other.messaged
        self.replies_from.update(other.replies_from)
        self.replies_anonymous += other.replies_anonymous
        self.outreach += other.outreach
        self.personalised += other.personalised
        self.generic_kinds.update(other.generic_kinds)
        for pillar, tiers in other.tier_effort.items():
            mine = self.tier_effort[pillar]
            for tier, effort in tiers.items():
                if effort:
                    mine[tier] += effort
        for name, effort in other.audience_effort.items():
            self.audience_effort[name] = self.audience_effort.get(name, 0.0) + effort
        self.targeted += other.targeted
        self.audience_last.update(other.audience_last)
        self.account_last.update(other.account_last)


def counts_of(scored: Iterable[Scored]) -> Tally:
    """One day's counts (what does not depend on the as-of date)."""
    tally = Tally()
    kinds = tally.kinds
    for item in scored:
        activity = item.activity
        kind = activity.kind
        kinds[kind] += 1
        contact = activity.contact
        if kind == "message_sent":
            if contact:
                tally.messaged.add(fold(contact))
        elif kind == "message_received":
            if contact:
                tally.replies_from[fold(contact)] += 1
            else:
                tally.replies_anonymous += 1
        entry = item.kind
        if entry.personalisable and not entry.broadcast_for(contact, activity.company):
            tally.outreach += 1
            if activity.personalised:
                tally.personalised += 1
            else:
                tally.generic_kinds[entry.id] += 1
    return tally


def day_tally(
    counts: Tally,
    scored: Sequence[Scored],
    contributions: Sequence[Contribution],
    known: frozenset[str],
) -> Tally:
    """One day's tally as of a date: its `counts` with the decayed efforts of its
    `contributions` (one per scored activity, same order); `known`: the goal audiences."""
    tally = Tally(
        counts.kinds,
        counts.messaged,
        counts.replies_from,
        counts.replies_anonymous,
        counts.outreach,
        counts.personalised,
        counts.generic_kinds,
    )
    tiers = tally.tier_effort
    effort_by = tally.audience_effort
    for item, entry in zip(contributions, scored, strict=True):
        aligned = item.alignment
        tiers[entry.kind.pillar][aligned.tier] += item.effort
        day = item.activity.date
        targeted = False
        for name, _, part in aligned.split:
            if name is None:
                continue
            tally.audience_last[name] = day
            if name in known:
                targeted = True
                effort_by[name] = effort_by.get(name, 0.0) + item.effort * part
        tally.targeted += targeted
        if aligned.account is not None:
            tally.account_last[aligned.account] = day
    return tally


def merged(tallies: Iterable[Tally]) -> Tally:
    """The tallies of several days, merged in the order given (date order)."""
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total


def tally_of(report: Breakdown, known: frozenset[str]) -> Tally:
    """The tally of a breakdown's window, made day by day as `daily.breakdown` makes it."""
    if report.tally is not None:
        return report.tally
    days: dict[date, tuple[list[Scored], list[Contribution]]] = {}
    for entry, item in zip(report.scored, report.contributions, strict=True):
        found = days.setdefault(entry.activity.date, ([], []))
        found[0].append(entry)
        found[1].append(item)
    return merged(
        day_tally(counts_of(scored), scored, contributions, known)
        for _, (scored, contributions) in sorted(days.items())
    )
