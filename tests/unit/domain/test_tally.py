"""The flags' tally is kept day by day (a report after one save recounts one day), and equals
what a pass over the whole window counts: the same counts exactly, the same sums up to the
order of additions; a breakdown made with or without the day cache gives the same tally."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from ssi_tui.domain.alignment import AlignmentCache
from ssi_tui.domain.catalog import default_catalog, default_rules
from ssi_tui.domain.daily import breakdown
from ssi_tui.domain.demo import load_demo
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import Activity
from ssi_tui.domain.scoring import Breakdown
from ssi_tui.domain.tally import Tally, tally_of
from ssi_tui.domain.text import fold

AS_OF = date(2026, 11, 26)
CATALOG = default_catalog()
RULES = default_rules()


def flat(report: Breakdown, known: frozenset[str]) -> dict[str, object]:
    """The tallies as one pass over the window counts them (what the flags did before)."""
    kinds = Counter(item.activity.kind for item in report.scored)
    messaged = {
        fold(item.activity.contact)
        for item in report.scored
        if item.activity.kind == "message_sent" and item.activity.contact
    }
    replies = sum(
        1
        for item in report.scored
        if item.activity.kind == "message_received"
        and (not item.activity.contact or fold(item.activity.contact) in messaged)
    )
    outreach = [
        item
        for item in report.scored
        if item.kind.personalisable
        and not item.kind.broadcast_for(item.activity.contact, item.activity.company)
    ]
    tiers: dict[tuple[str, str], float] = Counter()
    effort: dict[str, float] = Counter()
    targeted = 0
    audience_last: dict[str, date] = {}
    account_last: dict[str, date] = {}
    for item, entry in zip(report.contributions, report.scored, strict=True):
        tiers[entry.kind.pillar, item.alignment.tier] += item.effort
        parts = [(name, part) for name, _, part in item.alignment.split if name in known]
        targeted += bool(parts)
        for name, part in parts:
            effort[name] += item.effort * part
        for name, _, _ in item.alignment.split:
            if name is not None:
                audience_last[name] = item.activity.date
        if item.alignment.account is not None:
            account_last[item.alignment.account] = item.activity.date
    return {
        "kinds": kinds,
        "messaged": messaged,
        "replies": replies,
        "outreach": len(outreach),
        "personalised": sum(1 for item in outreach if item.activity.personalised),
        "generic": Counter(item.kind.id for item in outreach if not item.activity.personalised),
        "tiers": tiers,
        "effort": effort,
        "targeted": targeted,
        "audience_last": audience_last,
        "account_last": account_last,
    }


def check(tally: Tally, expected: dict[str, object]) -> None:
    assert +tally.kinds == expected["kinds"]
    assert tally.messaged == expected["messaged"]
    assert tally.replies == expected["replies"]
    assert tally.outreach == expected["outreach"]
    assert tally.personalised == expected["personalised"]
    assert +tally.generic_kinds == expected["generic"]
    assert tally.targeted == expected["targeted"]
    assert tally.audience_last == expected["audience_last"]
    assert tally.account_last == expected["account_last"]
    tiers = expected["tiers"]
    assert isinstance(tiers, dict)
    for pillar, by_tier in tally.tier_effort.items():
        for tier, value in by_tier.items():
            assert value == pytest.approx(tiers.get((pillar, tier), 0.0), rel=1e-12, abs=1e-12)
    effort = expected["effort"]
    assert isinstance(effort, dict)
    assert set(tally.audience_effort) == set(effort)
    for name, value in tally.audience_effort.items():
        assert value == pytest.approx(effort[name], rel=1e-12, abs=1e-12)


def test_the_day_by_day_tally_counts_what_a_pass_over_the_window_counts() -> None:
    demo = load_demo(AS_OF, CATALOG)
    known = frozenset(audience.name for audience in demo.goals.audiences)
    inputs = ScoringInput(demo.activities, demo.goals, CATALOG, RULES, checklist=demo.checklist)
    report = breakdown(inputs, AS_OF)
    assert report.tally is not None and report.tally.kinds
    assert report.tally.replies and report.tally.outreach and report.tally.audience_effort
    check(report.tally, flat(report, known))
    # Made again from the scored window alone (a breakdown built another way): the same.
    assert tally_of(replace(report, tally=None), known) == report.tally


def test_after_a_save_only_that_day_is_recounted_and_the_tally_is_the_same() -> None:
    demo = load_demo(AS_OF, CATALOG)
    known = frozenset(audience.name for audience in demo.goals.audiences)
    cache = AlignmentCache()
    activities = list(demo.activities)
    inputs = ScoringInput(activities, demo.goals, CATALOG, RULES, cache=cache)
    breakdown(inputs, AS_OF)
    added = Activity(
        kind="message_received", date=AS_OF - timedelta(days=2), contact=demo.contacts[0].name
    )
    cached = breakdown(replace(inputs, activities=[*activities, added]), AS_OF)
    fresh = breakdown(replace(inputs, activities=[*activities, added], cache=None), AS_OF)
    assert cached.tally == fresh.tally
    check(fresh.tally or Tally(), flat(fresh, known))
    # As of another day, the decayed sums follow.
    later = breakdown(replace(inputs, activities=[*activities, added]), AS_OF + timedelta(days=7))
    check(later.tally or Tally(), flat(later, known))
