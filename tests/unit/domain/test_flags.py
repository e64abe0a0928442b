"""Mismatch flags: each one raised on clear data, and not raised just short of its threshold."""

from __future__ import annotations

import math
import numbers
from datetime import date, timedelta
from typing import Any

import pytest

from ssi_tui.domain.catalog import default_catalog, default_rules
from ssi_tui.domain.demo import load_demo
from ssi_tui.domain.flags import FLAG_IDS, SEVERITY_RANK, Flag, compute_flags
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import PILLARS, Activity, Goals, SSIReading
from ssi_tui.domain.report import build_report
from ssi_tui.domain.scoring import Breakdown, PillarScore

AS_OF = date(2026, 11, 26)
CATALOG = default_catalog()
RULES = default_rules()
LIMITS = RULES.flags

GOALS = Goals.model_validate(
    {
        "audiences": {"prospects": 60, "partners": 40},
        "roles": {"prospects": ["head of"], "partners": ["alliances"]},
        "accounts": [
            {"name": "Contoso", "audience": "prospects"},
            {"name": "Fabrikam", "audience": "partners"},
        ],
    }
)


def act(kind: str, days_ago: int = 0, **fields: Any) -> Activity:
    return Activity(kind=kind, date=AS_OF - timedelta(days=days_ago), **fields)


# An established store: a year of history, so that no flag is capped for a young store.
ESTABLISHED = AS_OF - timedelta(days=365)


def flags_of(
    activities: list[Activity],
    goals: Goals = GOALS,
    readings: list[SSIReading] | tuple[SSIReading, ...] = (),
    first_activity: date | None = ESTABLISHED,
) -> list[Flag]:
    return build_report(
        ScoringInput(
            activities, goals, CATALOG, RULES, readings=readings, first_activity=first_activity
        ),
        AS_OF,
    ).flags


def only(flags: list[Flag], flag_id: str) -> list[Flag]:
    return [flag for flag in flags if flag.id == flag_id]


def reading(days_ago: int, total: float) -> SSIReading:
    quarter = total / 4
    return SSIReading(
        date=AS_OF - timedelta(days=days_ago),
        total=total,
        brand=quarter,
        find=quarter,
        engage=quarter,
        relate=quarter,
    )


def make_breakdown(**pillars: dict[str, float | None]) -> Breakdown:
    """A breakdown with chosen pillar numbers and no activity (for flags that read only the pillars)."""
    scores = {}
    for pillar in PILLARS:
        values = {
            "raw": 0.0,
            "weighted": 0.0,
            "weighted_points": 0.0,
            "off": 0.0,
            "alignment": None,
            **pillars.get(pillar, {}),
        }
        scores[pillar] = PillarScore(
            pillar=pillar,
            raw=values["raw"],
            weighted=values["weighted"],
            alignment=values["alignment"],
            raw_points=0.0,
            weighted_points=values["weighted_points"],
            effort_points=values.get("effort", values["weighted_points"]),
            off_linkedin_points=values["off"],
        )
    return Breakdown(
        as_of=AS_OF,
        window_days=RULES.scoring.window_days,
        pillars=scores,
        scored=[],
        contributions=[],
        completeness=0.0,
        level="Beginner",
    )


def assert_well_formed(flag: Flag, flag_id: str, severities: set[str], pillar: str | None) -> None:
    assert flag.id == flag_id
    assert flag.severity in severities
    assert flag.pillar == pillar
    message = flag.message
    assert message == message.strip() and len(message.split()) >= 4
    assert (message[0].isupper() or message[0].isdigit()) and message.endswith(".")
    assert "{" not in flag.message and "}" not in flag.message
    assert flag.action.strip()
    assert flag.evidence


def numbers_in(evidence: dict[str, Any], *keys: str) -> None:
    for key in keys:
        value = evidence[key]
        assert isinstance(value, numbers.Real) and not isinstance(value, bool), (key, value)
        assert math.isfinite(value), (key, value)


def test_flag_ids_are_the_ten_documented_ones() -> None:
    assert set(FLAG_IDS) == {
        "aimless_activity",
        "unevidenced_claims",
        "audience_drift",
        "neglected_audience",
        "neglected_account",
        "account_change",
        "invisible_effort",
        "low_reply_rate",
        "generic_outreach",
        "official_gap",
    }
    assert set(FLAG_IDS) == set(LIMITS.model_dump())


# --------------------------------------------------------------------------- aimless_activity


def test_aimless_activity_raised_for_untargeted_comments() -> None:
    comments = [act("comment", day) for day in range(3) for _ in range(10)]
    raised = only(flags_of(comments), "aimless_activity")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "aimless_activity", {"alert"}, "engage")
    numbers_in(flag.evidence, "raw", "weighted", "ratio", "alignment", "untargeted_share")
    assert flag.evidence["alignment"] < LIMITS.aimless_activity["alert_alignment"]
    assert flag.evidence["untargeted_share"] == 1.0
    assert "none of your audiences" in flag.message
    assert flag.suggestion is not None and flag.suggestion.audience == "prospects"


def test_aimless_activity_not_raised_when_the_same_comments_are_aimed() -> None:
    comments = [
        act("comment", day, audience="prospects", company="Contoso", personalised=True, relevance=5)
        for day in range(3)
        for _ in range(10)
    ]
    assert only(flags_of(comments), "aimless_activity") == []


def _aimless(effort: float, alignment: float) -> list[Flag]:
    breakdown = make_breakdown(
        engage={"raw": 10.0, "weighted": 5.0, "effort": effort, "alignment": alignment}
    )
    return only(
        compute_flags(breakdown, GOALS, CATALOG, RULES, first_activity=ESTABLISHED),
        "aimless_activity",
    )


def test_aimless_activity_near_misses() -> None:
    limits = LIMITS.aimless_activity
    points = limits["min_points"]
    assert _aimless(points - 0.01, 0.0) == []  # too little activity to judge
    assert _aimless(points, limits["max_alignment"]) == []  # alignment exactly at the limit
    just_under = _aimless(points, limits["max_alignment"] - 0.01)
    assert [flag.severity for flag in just_under] == ["warn"]
    assert [flag.severity for flag in _aimless(points, limits["alert_alignment"] - 0.01)] == [
        "alert"
    ]


def test_aimless_activity_does_not_fade_with_volume() -> None:
    """v2: judged on the alignment of the points, so more of the same spam keeps the flag."""
    for days in (10, 30, 90):
        reactions = [act("reaction", day) for day in range(days) for _ in range(20)]
        comments = [act("comment", day) for day in range(days) for _ in range(10)]
        raised = only(flags_of(reactions + comments), "aimless_activity")
        assert [flag.severity for flag in raised] == ["alert"], days


def test_aimless_activity_sees_bare_tags() -> None:
    tagged = [act("reaction", day, audience="prospects") for day in range(20) for _ in range(20)]
    raised = only(flags_of(tagged), "aimless_activity")
    assert len(raised) == 1
    assert raised[0].evidence["tagged_share"] == 1.0
    assert "nothing shows it reached them" in raised[0].message


# --------------------------------------------------------------------------- audience_drift


def test_audience_drift_raised_when_effort_goes_to_the_smaller_audience() -> None:
    messages = [act("message_sent", 0, audience="partners", personalised=True) for _ in range(12)]
    raised = only(flags_of(messages), "audience_drift")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "audience_drift", {"alert"}, None)
    assert flag.evidence["effort_share"] == {"prospects": 0.0, "partners": 1.0}
    assert flag.evidence["goal_share"] == {"prospects": 0.6, "partners": 0.4}
    numbers_in(flag.evidence, "targeted_activities")
    assert flag.evidence["targeted_activities"] == 12
    assert flag.suggestion is not None and flag.suggestion.audience == "prospects"
    assert "Partners" in flag.message and "prospects" in flag.message


def test_audience_drift_not_raised_below_the_minimum_count() -> None:
    count = int(LIMITS.audience_drift["min_activities"]) - 1
    messages = [
        act("message_sent", 0, audience="partners", personalised=True) for _ in range(count)
    ]
    assert only(flags_of(messages), "audience_drift") == []


def test_audience_drift_gap_threshold() -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 50, "partners": 50}})
    max_gap = LIMITS.audience_drift["max_gap"]
    total = 20
    at_limit = int((0.5 + max_gap) * total + 1e-9)  # effort share - goal share <= max_gap
    assert at_limit / total - 0.5 <= max_gap + 1e-12

    def mix(prospects: int) -> list[Activity]:
        return [act("message_sent", 0, audience="prospects") for _ in range(prospects)] + [
            act("message_sent", 0, audience="partners") for _ in range(total - prospects)
        ]

    assert only(flags_of(mix(at_limit), goals), "audience_drift") == []
    over = only(flags_of(mix(at_limit + 1), goals), "audience_drift")
    assert [flag.severity for flag in over] == ["warn"]


def test_audience_drift_needs_two_audiences() -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 1}})
    messages = [act("message_sent", 0, audience="prospects") for _ in range(20)]
    assert only(flags_of(messages, goals), "audience_drift") == []


# --------------------------------------------------------------------------- neglected_audience


def test_neglected_audience_raised_for_the_top_audience() -> None:
    days = int(LIMITS.neglected_audience["days"])
    activities = [
        act("message_sent", 0, audience="partners"),
        act("message_sent", days, audience="prospects"),
    ]
    raised = only(flags_of(activities), "neglected_audience")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "neglected_audience", {"alert"}, None)
    assert flag.evidence["audience"] == "prospects"
    numbers_in(flag.evidence, "goal_share", "days_since")
    assert flag.evidence["days_since"] == days
    assert flag.evidence["last"] == (AS_OF - timedelta(days=days)).isoformat()
    assert "prospects" in flag.message


def test_neglected_audience_warn_for_a_lesser_audience_never_touched() -> None:
    raised = only(flags_of([act("message_sent", 0, audience="prospects")]), "neglected_audience")
    assert [(flag.evidence["audience"], flag.severity) for flag in raised] == [("partners", "warn")]
    assert raised[0].evidence["days_since"] is None
    numbers_in(raised[0].evidence, "goal_share")


def test_neglected_audience_not_raised_a_day_short() -> None:
    days = int(LIMITS.neglected_audience["days"])
    activities = [
        act("message_sent", 0, audience="partners"),
        act("message_sent", days - 1, audience="prospects"),
    ]
    assert only(flags_of(activities), "neglected_audience") == []


def test_neglected_audience_ignores_audiences_below_the_minimum_share() -> None:
    small = LIMITS.neglected_audience["min_share"] * 100 - 1
    goals = Goals.model_validate({"audiences": {"prospects": 100 - small, "partners": small}})
    assert goals.share("partners") < LIMITS.neglected_audience["min_share"]
    assert (
        only(flags_of([act("message_sent", 0, audience="prospects")], goals), "neglected_audience")
        == []
    )


# --------------------------------------------------------------------------- neglected_account


def test_neglected_account_raised_at_the_threshold() -> None:
    days = int(LIMITS.neglected_account["days"])
    activities = [act("comment", days, company="Contoso"), act("comment", 0, company="Fabrikam")]
    raised = only(flags_of(activities), "neglected_account")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "neglected_account", {"warn"}, "relate")
    assert flag.evidence["account"] == "Contoso"
    assert flag.evidence["audience"] == "prospects"
    numbers_in(flag.evidence, "days_since")
    assert flag.evidence["days_since"] == days
    assert flag.suggestion is not None and flag.suggestion.company == "Contoso"


def test_neglected_account_of_a_lesser_audience_is_info() -> None:
    raised = only(flags_of([act("comment", 0, company="contoso")]), "neglected_account")
    assert [(flag.evidence["account"], flag.severity) for flag in raised] == [("Fabrikam", "info")]


def test_neglected_account_not_raised_a_day_short() -> None:
    days = int(LIMITS.neglected_account["days"])
    activities = [
        act("comment", days - 1, company="CONTOSO"),
        act("comment", 0, company="Fabrikam"),
    ]
    assert only(flags_of(activities), "neglected_account") == []


# --------------------------------------------------------------------------- invisible_effort


def test_invisible_effort_raised_for_aligned_meetings() -> None:
    meetings = [
        act("meeting", day, channel="off", audience="prospects", company="Contoso", relevance=5)
        for day in range(3)
    ]
    raised = only(flags_of(meetings), "invisible_effort")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "invisible_effort", {"info"}, "relate")
    numbers_in(flag.evidence, "off_linkedin_share")
    assert flag.evidence["off_linkedin_share"] == 1.0
    assert flag.evidence["off_linkedin_points"]["relate"] > 0
    assert all(isinstance(v, float) for v in flag.evidence["off_linkedin_points"].values())


def _invisible(weighted_points: float, off: float) -> list[Flag]:
    breakdown = make_breakdown(relate={"weighted_points": weighted_points, "off": off})
    return only(
        compute_flags(breakdown, GOALS, CATALOG, RULES, first_activity=ESTABLISHED),
        "invisible_effort",
    )


def test_invisible_effort_near_misses() -> None:
    limits = LIMITS.invisible_effort
    points = 4 * limits["min_weighted_points"]
    assert _invisible(points, limits["min_share"] * points - 0.01) == []  # share just below
    below_points = limits["min_weighted_points"] - 0.01
    assert _invisible(below_points, below_points) == []  # all off LinkedIn but too little
    assert len(_invisible(points, limits["min_share"] * points + 0.01)) == 1


def test_invisible_effort_not_raised_for_visible_work() -> None:
    follow_ups = [
        act("follow_up", 0, audience="prospects", company="Contoso", personalised=True, relevance=5)
        for _ in range(5)
    ]
    assert only(flags_of(follow_ups), "invisible_effort") == []


# --------------------------------------------------------------------------- low_reply_rate


def _messages(sent: int, received: int) -> list[Activity]:
    return [act("message_sent", i % 5) for i in range(sent)] + [
        act("message_received", i % 5) for i in range(received)
    ]


def test_low_reply_rate_raised_with_no_replies() -> None:
    sent = int(LIMITS.low_reply_rate["min_sent"])
    raised = only(flags_of(_messages(sent, 0)), "low_reply_rate")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "low_reply_rate", {"alert"}, "engage")
    numbers_in(flag.evidence, "sent", "received", "reply_rate")
    assert (flag.evidence["sent"], flag.evidence["received"], flag.evidence["reply_rate"]) == (
        sent,
        0,
        0.0,
    )


def test_low_reply_rate_threshold() -> None:
    limits = LIMITS.low_reply_rate
    sent = 4 * int(limits["min_sent"])
    at_rate = math.ceil(limits["min_rate"] * sent)
    assert only(flags_of(_messages(sent, at_rate)), "low_reply_rate") == []
    below = only(flags_of(_messages(sent, at_rate - 1)), "low_reply_rate")
    assert [flag.severity for flag in below] == (
        ["alert"] if (at_rate - 1) / sent < limits["alert_rate"] else ["warn"]
    )


def test_low_reply_rate_not_raised_below_the_minimum_sent() -> None:
    sent = int(LIMITS.low_reply_rate["min_sent"]) - 1
    assert only(flags_of(_messages(sent, 0)), "low_reply_rate") == []


def test_low_reply_rate_counts_only_replies_from_people_messaged() -> None:
    """Messages from strangers are not replies to your outreach."""
    sent = [act("message_sent", i % 5, contact=f"Person {i}") for i in range(20)]
    strangers = [act("message_received", i % 5, contact=f"Stranger {i}") for i in range(20)]
    answers = [act("message_received", 1, contact=f"person {i}") for i in range(3)]
    raised = only(flags_of(sent + strangers + answers), "low_reply_rate")
    assert [flag.evidence["received"] for flag in raised] == [3]
    unnamed = [act("message_received", 1) for _ in range(10)]
    assert only(flags_of(sent + unnamed), "low_reply_rate") == []  # names no one: kept


# --------------------------------------------------------------------------- generic_outreach


def _outreach(total: int, personalised: int) -> list[Activity]:
    return [act("invitation_sent", i % 3, personalised=i < personalised) for i in range(total)]


def test_generic_outreach_raised_for_template_invitations() -> None:
    total = int(LIMITS.generic_outreach["min_outreach"])
    raised = only(flags_of(_outreach(total, 0)), "generic_outreach")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "generic_outreach", {"alert"}, "relate")
    numbers_in(flag.evidence, "outreach", "personalised", "share")
    assert flag.evidence["outreach"] == total
    assert flag.evidence["personalised"] == 0
    assert flag.evidence["most_generic_kind"] == "invitation_sent"
    assert flag.suggestion is not None and flag.suggestion.kind == "invitation_sent"


def test_generic_outreach_threshold() -> None:
    limits = LIMITS.generic_outreach
    total = int(limits["min_outreach"])
    enough = math.ceil(limits["min_personalised"] * total)
    assert only(flags_of(_outreach(total, enough)), "generic_outreach") == []
    below = only(flags_of(_outreach(total, enough - 1)), "generic_outreach")
    assert [flag.severity for flag in below] == (
        ["alert"] if (enough - 1) / total < limits["alert_personalised"] else ["warn"]
    )


def test_generic_outreach_not_raised_below_the_minimum_count() -> None:
    total = int(LIMITS.generic_outreach["min_outreach"]) - 1
    assert only(flags_of(_outreach(total, 0)), "generic_outreach") == []


def test_generic_outreach_counts_only_work_aimed_at_a_person() -> None:
    """A comment on a topic, naming no one, is not outreach to personalise."""
    total = int(LIMITS.generic_outreach["min_outreach"])
    topical = [act("comment", i % 3, note="On supply chain") for i in range(3 * total)]
    assert only(flags_of(topical), "generic_outreach") == []
    to_people = [act("comment", i % 3, contact=f"Person {i}") for i in range(total)]
    raised = only(flags_of(topical + to_people), "generic_outreach")
    assert [flag.evidence["outreach"] for flag in raised] == [total]


def test_a_neglect_flag_is_info_for_an_audience_under_five_percent() -> None:
    goals = Goals.model_validate(
        {
            "audiences": {name: 4 for name in "abcdefghijklmnopqrstuvwxy"},
            "accounts": [{"name": "Contoso", "audience": "a"}],
        }
    )
    assert goals.share("a") < 0.05
    raised = [flag for flag in flags_of([act("post", 1)], goals) if "neglected" in flag.id]
    assert raised and {flag.severity for flag in raised} == {"info"}


def test_generic_outreach_ignores_kinds_that_cannot_be_personalised() -> None:
    reactions = [
        act("reaction", i % 3) for i in range(3 * int(LIMITS.generic_outreach["min_outreach"]))
    ]
    assert only(flags_of(reactions), "generic_outreach") == []


# --------------------------------------------------------------------------- official_gap


def _untargeted_volume(days: int = 30) -> list[Activity]:
    """Plenty of activity LinkedIn counts, none of it aimed: a large aim gap."""
    return [
        act(kind, day)
        for day in range(days)
        for kind, count in (("comment", 10), ("reaction", 20), ("post", 2), ("people_search", 10))
        for _ in range(count)
    ]


def test_official_gap_blames_the_goals_only_for_the_aim_gap() -> None:
    raised = only(flags_of(_untargeted_volume(), readings=[reading(4, 80.0)]), "official_gap")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "official_gap", {"warn", "alert"}, flag.pillar)
    numbers_in(
        flag.evidence, "official_total", "weighted_total", "raw_total", "estimate_error", "aim_gap"
    )
    evidence = flag.evidence
    assert evidence["official_total"] == 80.0
    assert evidence["aim_gap"] == pytest.approx(
        evidence["raw_total"] - evidence["weighted_total"], abs=0.11
    )
    assert evidence["estimate_error"] == pytest.approx(80.0 - evidence["raw_total"], abs=0.11)
    assert evidence["aim_gap"] >= LIMITS.official_gap["min_aim_gap"]
    assert "do not serve your goals" in flag.message
    assert set(evidence["official_minus_weighted"]) == set(PILLARS)
    # It says which score it compares: the reading's day, over the rules' window (LinkedIn's),
    # whatever window is viewed.
    window = default_rules().scoring.window_days
    assert f"over {window} days (as LinkedIn counts) was {evidence['weighted_total']:.0f}" in (
        flag.message
    )


def test_official_gap_from_our_own_estimate_error_does_not_blame_the_goals() -> None:
    """No activity logged: LinkedIn's 60 is all activity we do not see, none of it aimless."""
    raised = only(flags_of([], readings=[reading(4, 60.0)]), "official_gap")
    assert len(raised) == 1
    flag = raised[0]
    assert_well_formed(flag, "official_gap", {"info"}, "relate")  # ties go to the last name
    assert flag.evidence["official_total"] == 60.0
    assert flag.evidence["weighted_total"] == 0.0
    assert flag.evidence["estimate_error"] == 60.0
    assert flag.evidence["aim_gap"] == 0.0
    assert flag.evidence["official_date"] == (AS_OF - timedelta(days=4)).isoformat()
    assert "goals" not in flag.message and "well aimed" not in flag.message  # nothing to praise
    assert "we see no activity behind it yet" in flag.message


def test_official_gap_does_not_depend_on_the_window_viewed() -> None:
    activities = _untargeted_volume(80)
    readings = [reading(4, 80.0)]
    found = []
    for window in (30, 90, 365):
        report = build_report(
            ScoringInput(
                activities, GOALS, CATALOG, RULES, readings=readings, first_activity=ESTABLISHED
            ),
            AS_OF,
            window_days=window,
        )
        found.append([flag.as_dict() for flag in only(report.flags, "official_gap")])
    assert found[0] == found[1] == found[2] and found[0]


def test_official_gap_uses_the_latest_recent_reading() -> None:
    readings = [reading(30, 80.0), reading(2, 10.0)]
    assert only(flags_of([], readings=readings), "official_gap") == []


def test_official_gap_threshold_and_age() -> None:
    limits = LIMITS.official_gap
    max_age = int(limits["max_age_days"])
    assert only(flags_of([], readings=[reading(1, limits["min_gap"] - 0.5)]), "official_gap") == []
    at_gap = only(flags_of([], readings=[reading(1, limits["min_gap"])]), "official_gap")
    assert [flag.severity for flag in at_gap] == ["info"]  # all estimate error: info
    assert len(only(flags_of([], readings=[reading(max_age, 80.0)]), "official_gap")) == 1
    assert only(flags_of([], readings=[reading(max_age + 1, 80.0)]), "official_gap") == []
    assert only(flags_of([], readings=[reading(-1, 80.0)]), "official_gap") == []  # after as_of


# --------------------------------------------------------------------------- order and demo


def test_flags_sorted_most_severe_first() -> None:
    activities = [
        *[act("comment", day) for day in range(3) for _ in range(10)],  # aimless (alert)
        act("comment", 0, company="contoso"),  # Fabrikam neglected (info)
        act("message_sent", 0, audience="prospects"),  # partners neglected (warn)
    ]
    flags = flags_of(activities, readings=[reading(1, 70.0)])
    severities = {flag.severity for flag in flags}
    assert severities == {"alert", "warn", "info"}
    ranks = [
        (SEVERITY_RANK[flag.severity], FLAG_IDS.index(flag.id), flag.pillar or "") for flag in flags
    ]
    assert ranks == sorted(ranks)


def test_demo_raises_several_distinct_flags() -> None:
    demo = load_demo(AS_OF, CATALOG)
    report = build_report(
        ScoringInput(
            demo.activities,
            demo.goals,
            CATALOG,
            RULES,
            checklist=demo.checklist,
            readings=demo.readings,
        ),
        AS_OF,
    )
    ids = {flag.id for flag in report.flags}
    assert len(ids) >= 3, ids
    assert ids <= set(FLAG_IDS)
    ranks = [SEVERITY_RANK[flag.severity] for flag in report.flags]
    assert ranks == sorted(ranks)
    for flag in report.flags:
        assert flag.message and flag.action and flag.evidence


@pytest.mark.parametrize("flag_id", FLAG_IDS)
def test_no_activity_no_goals_raises_nothing(flag_id: str) -> None:
    assert only(flags_of([], Goals()), flag_id) == []
