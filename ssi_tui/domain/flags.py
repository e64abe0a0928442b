"""Mismatch flags: where raw activity and the user's goals disagree, with the evidence and a fix.

`flag_model` has the shape, `flag_checks` the eight checks, `ssi_tui.wording.flags` the words;
this module runs the checks and orders what they raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ssi_tui.domain.catalog import Catalog, Rules
from ssi_tui.domain.flag_checks import (
    EstimateAt,
    aimless_activity,
    audience_drift,
    generic_outreach,
    invisible_effort,
    low_reply_rate,
    official_gap,
    unevidenced_claims,
)
from ssi_tui.domain.flag_model import FLAG_IDS, SEVERITY_RANK, Flag, History, Severity, Suggestion
from ssi_tui.domain.flag_neglect import account_change, neglected_account, neglected_audience
from ssi_tui.domain.models import Goals, SSIReading
from ssi_tui.domain.network import ConnectionChange
from ssi_tui.domain.scoring import Breakdown
from ssi_tui.wording.labels import FLAG_TITLES

__all__ = [
    "FLAG_IDS",
    "FLAG_TITLES",
    "SEVERITY_RANK",
    "EstimateAt",
    "Flag",
    "History",
    "Severity",
    "Suggestion",
    "compute_flags",
]


# Flags whose severity a young store caps at info (neglect flags judge their own age).
def _cap_for_history(flags: list[Flag], rules: Rules, history: History) -> list[Flag]:
    capped: list[Flag] = []
    for flag in flags:
        if flag.severity != "info" and history.days < rules.flags.min_history_days(flag.id):
            flag = replace(flag, severity="info")
        capped.append(flag)
    return capped


def compute_flags(
    report: Breakdown,
    goals: Goals,
    catalog: Catalog,
    rules: Rules,
    readings: Sequence[SSIReading] = (),
    first_activity: date | None = None,
    estimate_at: EstimateAt | None = None,
    changes: Sequence[ConnectionChange] = (),
) -> list[Flag]:
    """Every flag raised by a breakdown, most severe first (then by id, then pillar).

    `first_activity` is the store's first activity date (flags know how much history there
    is); `estimate_at` gives our scores on a reading's date over the rules' window."""
    history = History(first_activity, report.as_of)
    flags = [
        *aimless_activity(report, goals, rules),
        *unevidenced_claims(report, rules),
        *audience_drift(report, goals, rules),
        *neglected_audience(report, goals, rules, history),
        *neglected_account(report, goals, rules, history),
        *account_change(report, goals, rules, changes),
        *invisible_effort(report, goals, rules),
        *low_reply_rate(report, goals, rules),
        *generic_outreach(report, goals, catalog, rules),
        *official_gap(report, goals, rules, readings, estimate_at),
    ]
    flags = _cap_for_history(flags, rules, history)
    flags.sort(
        key=lambda flag: (SEVERITY_RANK[flag.severity], FLAG_IDS.index(flag.id), flag.pillar or "")
    )
    return flags
