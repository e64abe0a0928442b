"""The wording: every flag, schedule and comparison worded in one place, plurals right."""

from __future__ import annotations

from datetime import date

import pytest

from ssi_tui.domain.flags import FLAG_IDS, Flag
from ssi_tui.domain.recurrence import Recurrence, describe, schedule
from ssi_tui.domain.review import PillarComparison
from ssi_tui.wording import flags as flag_wording
from ssi_tui.wording.labels import (
    CHECKLIST_LABELS,
    FLAG_TITLES,
    checklist_label,
    flag_title,
    pillar_label,
    severity_label,
)


@pytest.mark.parametrize(
    ("rule", "until", "count", "expected"),
    [
        ("FREQ=DAILY", None, None, "daily"),
        ("FREQ=WEEKLY;BYDAY=TU,TH", None, None, "weekly on Tue, Thu"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None, None, "weekdays"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", None, None, "every 2 weeks on weekdays"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", None, 1, "every 2 weeks on Mon, 1 time"),
        ("FREQ=MONTHLY;BYDAY=-1FR", None, 3, "monthly on last Fri, 3 times"),
        ("FREQ=MONTHLY;BYDAY=2MO,21WE", None, None, "monthly on 2nd Mon, 21st Wed"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1", None, None, "monthly on the last day"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15", None, None, "monthly on day 1,15"),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31,-1;BYSETPOS=1",
            date(2026, 12, 31),
            None,
            "monthly on day 31 (or the month's last), until 2026-12-31",
        ),
        ("FREQ=YEARLY;INTERVAL=3;BYMONTH=6", None, None, "every 3 years (BYMONTH=6)"),
        ("FREQ=DAILY;INTERVAL=1", None, None, "daily"),
    ],
)
def test_schedules_in_words(
    rule: str, until: date | None, count: int | None, expected: str
) -> None:
    assert describe(Recurrence(rule, until, count)) == expected


def test_a_schedule_is_structured_before_it_is_worded() -> None:
    parts = schedule(Recurrence("FREQ=MONTHLY;BYDAY=-1FR,TU;WKST=MO", count=2))
    assert (parts.frequency, parts.interval, parts.days) == (
        "MONTHLY",
        1,
        ((-1, "FR"), (None, "TU")),
    )
    assert parts.extras == ("WKST=MO",) and parts.count == 2


@pytest.mark.parametrize(
    ("difference", "expected"),
    [
        (0.2, "our raw estimate is level with LinkedIn on find"),
        (0.5, "our raw estimate is 1 point above LinkedIn on find"),
        (-1.2, "our raw estimate is 1 point below LinkedIn on find"),
        (3.6, "our raw estimate is 4 points above LinkedIn on find"),
    ],
)
def test_comparison_sentences(difference: float, expected: str) -> None:
    assert PillarComparison("find", 10.0, 10.0 + difference, 5.0).sentence() == expected


SAMPLE_PARAMS = {
    "aimless_activity": {
        "pillar": "find",
        "target": "prospects",
        "alignment": 0.24,
        "raw": 18.44,
        "weighted": 6.1,
        "untargeted": 0.85,
        "tagged": 0.1,
        "variant": "untargeted",
    },
    "unevidenced_claims": {
        "pillar": "engage",
        "audience": "prospects",
        "share": 0.69,
        "on_tags": 6.8,
        "weighted": 9.9,
    },
    "audience_drift": {
        "over": "recruiters",
        "under": "prospects",
        "over_effort": 0.7,
        "over_goal": 0.15,
        "under_effort": 0.1,
        "under_goal": 0.6,
    },
    "neglected_audience": {"audience": "partners", "goal_share": 0.25, "days_since": 23},
    "account_change": {
        "name": "Ada Example",
        "account": "Fabrikam",
        "audience": "prospects",
        "title": "Head of Sales",
        "seen": "2026-11-20",
    },
    "neglected_account": {
        "account": "Contoso",
        "audience": "prospects",
        "days_since": None,
        "span": "none",
    },
    "invisible_effort": {"share": 0.42},
    "low_reply_rate": {"sent": 20, "received": 2, "rate": 0.1},
    "generic_outreach": {
        "personalised": 1,
        "outreach": 9,
        "share": 0.11,
        "kind": "message_sent",
        "kind_label": "Message sent",
    },
    "official_gap": {
        "official_total": 66.0,
        "official_date": "2026-11-20",
        "weighted": 39.4,
        "raw": 63.2,
        "aim_gap": 23.8,
        "estimate_error": 2.8,
        "variant": "aim",
        "pillar": "find",
    },
}


@pytest.mark.parametrize("flag_id", FLAG_IDS)
def test_every_flag_is_worded(flag_id: str) -> None:
    flag = Flag(flag_id, "warn", None, params=SAMPLE_PARAMS[flag_id])
    assert flag.message.endswith(".") and "{" not in flag.message
    assert flag.action and "{" not in flag.action
    assert "{" not in flag_wording.note(flag_id, SAMPLE_PARAMS[flag_id])
    assert flag_title(flag_id) == FLAG_TITLES[flag_id]


def test_flag_wording_examples() -> None:
    aimless = Flag("aimless_activity", "warn", "find", params=SAMPLE_PARAMS["aimless_activity"])
    assert aimless.message == (
        "Find the right people: only 24% of its points serve your goals (18.4/25 raw, 6.1 "
        "weighted): 85% of it reaches none of your audiences."
    )
    assert aimless.action.startswith("Aim find activity at prospects: ")
    account = Flag("neglected_account", "info", "relate", params=SAMPLE_PARAMS["neglected_account"])
    assert account.message == (
        "No activity with target account Contoso (prospects) yet (no activity logged so far)."
    )
    gap = Flag("official_gap", "warn", "find", params=SAMPLE_PARAMS["official_gap"])
    assert "(our raw estimate, 63, is 3 points below LinkedIn's)" in gap.message
    assert flag_wording.signed_points(-1.0) == "is 1 point above LinkedIn's"
    assert flag_wording.signed_points(0.2) == "matches LinkedIn's"


def test_labels_have_one_source() -> None:
    assert pillar_label("find") == "Find the right people"
    assert pillar_label("find", short=True) == "Find people"
    assert severity_label("alert") == "ALERT"
    assert [checklist_label(item) for item in CHECKLIST_LABELS][0] == "Profile photo"
    assert pillar_label("unknown") == "unknown"


def test_official_gap_praises_aim_only_with_activity() -> None:
    params = {**SAMPLE_PARAMS["official_gap"], "variant": "unseen", "pillar": "relate"}
    busy = Flag("official_gap", "info", "relate", params={**params, "raw": 30.0, "weighted": 28.0})
    assert "well aimed (raw 30, weighted 28)" in busy.message
    idle = Flag("official_gap", "info", "relate", params={**params, "raw": 0.0, "weighted": 0.0})
    assert "well aimed" not in idle.message and "no activity behind it yet" in idle.message


def test_evidence_reads_in_words_never_none() -> None:
    from ssi_tui.wording.flags import evidence_lines

    lines = evidence_lines(
        {
            "days_since": None,
            "effort_share": 0.2245,
            "reply_rate": 0.5,
            "weighted": 12.0,
            "on_tags": 0.46,
            "sent": 1200,
            "audiences": ["prospects", "partners"],
            "personalised": False,
        }
    )
    assert lines == [
        "  days since: none yet",
        "  effort share: 22%",
        "  reply rate: 50%",
        "  weighted: 12",
        "  on tags: 0.46",
        "  sent: 1,200",
        "  audiences: prospects, partners",
        "  personalised: no",
    ]
    assert not any("None" in line for line in lines)
