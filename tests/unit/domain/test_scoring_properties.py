"""Property tests of the raw and goal-weighted scores (formula in data/rules.toml)."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ssi_tui.domain.alignment import AlignmentCache, alignment, tier_factor
from ssi_tui.domain.catalog import default_catalog, default_rules
from ssi_tui.domain.daily import breakdown, history
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import (
    PILLARS,
    Activity,
    Audience,
    Goals,
    ProfileChecklist,
    TargetAccount,
)
from ssi_tui.domain.report import build_report, report_json
from ssi_tui.domain.scoring import PILLAR_MAX, saturate

AS_OF = date(2026, 11, 26)
CATALOG = default_catalog()
RULES = default_rules()
WINDOW = RULES.scoring.window_days

AUDIENCES = ("prospects", "partners", "recruiters")
TARGET_COMPANIES = ("Contoso", "Globex", "Initech", "Fabrikam")
UNKNOWN_COMPANIES = ("Umbrella Corp", "Hooli")
TITLES = ("Head of Sales", "Talent Partner", "Software Engineer", "VP Marketing", "Alliances lead")
ROLE_KEYWORDS = {
    "prospects": ["head of", "vp"],
    "partners": ["alliances"],
    "recruiters": ["talent"],
}

ALL_KINDS = sorted(CATALOG.kinds)
SCORING_KINDS = sorted(kind.id for kind in CATALOG.kinds.values() if kind.points > 0)
VISIBLE_KINDS = sorted(kind.id for kind in CATALOG.kinds.values() if kind.visible)
# Kinds with small daily caps, so that generated lists often exceed them.
LOW_CAP_KINDS = sorted(
    kind.id for kind in CATALOG.kinds.values() if kind.daily_cap is not None and kind.daily_cap <= 3
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# --------------------------------------------------------------------------- strategies


@st.composite
def goals_strategy(draw: st.DrawFn, min_top_weight: float = 0.0) -> Goals:
    names = draw(st.lists(st.sampled_from(AUDIENCES), min_size=1, max_size=3, unique=True))
    # Weights as a user types them: 0 (not a goal) or a number of a sensible size (a weight
    # 1e-40 times another's makes its gains vanish below float precision).
    weights = {
        name: draw(st.just(0.0) | st.floats(min_value=0.5, max_value=100, allow_nan=False))
        for name in names
    }
    if max(weights.values()) < min_top_weight:
        weights[names[0]] = min_top_weight
    accounts = []
    for company in TARGET_COMPANIES:
        if draw(st.booleans()):
            accounts.append({"name": company, "audience": draw(st.sampled_from(names))})
    roles = {name: ROLE_KEYWORDS[name] for name in names if draw(st.booleans())}
    return Goals.model_validate({"audiences": weights, "accounts": accounts, "roles": roles})


@st.composite
def activity_strategy(
    draw: st.DrawFn,
    goals: Goals,
    index: int,
    kinds: list[str] | tuple[str, ...] = tuple(ALL_KINDS),
    ages: st.SearchStrategy[int] | None = None,
    channel: str | None = None,
) -> Activity:
    kind = draw(st.sampled_from(kinds))
    age = draw(ages if ages is not None else st.integers(min_value=-5, max_value=WINDOW + 10))
    audience_names = [audience.name for audience in goals.audiences]
    return Activity(
        id=f"act-{index:04d}",
        kind=kind,
        date=AS_OF - timedelta(days=age),
        audience=draw(st.none() | st.sampled_from([*audience_names, "strangers"])),
        company=draw(st.none() | st.sampled_from(TARGET_COMPANIES + UNKNOWN_COMPANIES)),
        title=draw(st.none() | st.sampled_from(TITLES)),
        personalised=draw(st.booleans()),
        relevance=draw(st.integers(min_value=1, max_value=5)),
        channel=channel or draw(st.sampled_from(["linkedin", "off"])),
    )


def _row_strategy(
    n_kinds: int, n_ages: int | None, fixed_channel: bool
) -> st.SearchStrategy[tuple]:
    """One activity as a tuple of small indices (much cheaper to draw than field by field)."""
    return st.tuples(
        st.integers(min_value=0, max_value=n_kinds - 1),
        st.integers(min_value=0, max_value=n_ages - 1)
        if n_ages is not None
        else st.integers(min_value=-5, max_value=WINDOW + 10),
        st.integers(min_value=0, max_value=4),  # audience: none, a goal audience, or a stranger
        st.integers(min_value=0, max_value=len(TARGET_COMPANIES) + len(UNKNOWN_COMPANIES)),
        st.integers(min_value=0, max_value=len(TITLES)),
        st.booleans(),
        st.integers(min_value=1, max_value=5),
        st.just(True) if fixed_channel else st.booleans(),
    )


@st.composite
def scenario(
    draw: st.DrawFn,
    max_size: int = 30,
    kinds: list[str] | tuple[str, ...] = tuple(ALL_KINDS),
    channel: str | None = None,
    clustered: bool = True,
) -> tuple[Goals, list[Activity]]:
    """Goals and activities; `clustered` draws dates and kinds from small pools so caps are hit."""
    goals = draw(goals_strategy())
    if clustered:
        day_pool: list[int] | None = draw(
            st.lists(st.integers(min_value=-3, max_value=WINDOW + 3), min_size=1, max_size=4)
        )
        low_cap = [kind for kind in LOW_CAP_KINDS if kind in kinds]
        kind_pool = draw(
            st.lists(st.sampled_from(low_cap or list(kinds)), min_size=1, max_size=3)
            | st.lists(st.sampled_from(list(kinds)), min_size=1, max_size=6)
        )
    else:
        day_pool = None
        kind_pool = list(kinds)
    rows = draw(
        st.lists(
            _row_strategy(
                len(kind_pool), None if day_pool is None else len(day_pool), channel is not None
            ),
            max_size=max_size,
        )
    )
    audience_pool: list[str | None] = [
        None,
        *(audience.name for audience in goals.audiences),
        "strangers",
    ]
    company_pool = (None, *TARGET_COMPANIES, *UNKNOWN_COMPANIES)
    title_pool = (None, *TITLES)
    activities = []
    for index, (
        kind,
        age,
        audience,
        company,
        title,
        personalised,
        relevance,
        on_linkedin,
    ) in enumerate(rows):
        activities.append(
            Activity(
                id=f"act-{index:04d}",
                kind=kind_pool[kind],
                date=AS_OF - timedelta(days=age if day_pool is None else day_pool[age]),
                audience=audience_pool[audience % len(audience_pool)],
                company=company_pool[company],
                title=title_pool[title],
                personalised=personalised,
                relevance=relevance,
                channel=channel or ("linkedin" if on_linkedin else "off"),
            )
        )
    return goals, activities


def score(activities: list[Activity], goals: Goals, checklist: ProfileChecklist | None = None):
    return breakdown(ScoringInput(activities, goals, CATALOG, RULES, checklist=checklist), AS_OF)


checklists = st.builds(
    ProfileChecklist,
    photo=st.booleans(),
    headline=st.booleans(),
    summary=st.booleans(),
    experience=st.booleans(),
    industry=st.booleans(),
    location=st.booleans(),
    skills=st.integers(min_value=0, max_value=12),
    recommendations=st.integers(min_value=0, max_value=6),
    featured=st.booleans(),
    custom_url=st.booleans(),
)


# --------------------------------------------------------------------------- P1 bounds


@SETTINGS
@given(data=scenario(max_size=40), checklist=st.none() | checklists)
def test_p1_scores_are_bounded_and_totals_are_pillar_sums(data, checklist) -> None:
    goals, activities = data
    result = score(activities, goals, checklist)
    for pillar in PILLARS:
        pillar_score = result.pillars[pillar]
        assert 0.0 <= pillar_score.raw <= PILLAR_MAX
        assert 0.0 <= pillar_score.weighted <= PILLAR_MAX
    assert 0.0 <= result.total_raw <= 100.0
    assert 0.0 <= result.total_weighted <= 100.0
    assert result.total_raw == pytest.approx(sum(result.pillars[p].raw for p in PILLARS), abs=1e-6)
    assert result.total_weighted == pytest.approx(
        sum(result.pillars[p].weighted for p in PILLARS), abs=1e-6
    )
    as_json = report_json(
        build_report(ScoringInput(activities, goals, CATALOG, RULES, checklist=checklist), AS_OF)
    )
    assert as_json["total"]["raw"] == pytest.approx(round(result.total_raw, 2), abs=1e-9)
    assert as_json["total"]["weighted"] == pytest.approx(round(result.total_weighted, 2), abs=1e-9)


def test_p1_bounds_hold_at_saturation() -> None:
    """Far more activity than any pillar needs still stays within 25 per pillar."""
    goals = Goals.model_validate(
        {"audiences": {"prospects": 1}, "accounts": [{"name": "Contoso", "audience": "prospects"}]}
    )
    activities = [
        Activity(
            kind=kind.id,
            date=AS_OF - timedelta(days=day),
            audience="prospects",
            company="Contoso",
            personalised=True,
            relevance=5,
        )
        for kind in CATALOG.kinds.values()
        for day in range(30)
        for _ in range(kind.daily_cap or 5)
    ]
    full = ProfileChecklist(
        photo=True,
        headline=True,
        summary=True,
        experience=True,
        industry=True,
        location=True,
        skills=50,
        recommendations=10,
        featured=True,
        custom_url=True,
    )
    result = score(activities, goals, full)
    for pillar in PILLARS:
        assert result.pillars[pillar].raw <= PILLAR_MAX
        assert result.pillars[pillar].weighted <= PILLAR_MAX
        assert result.pillars[pillar].raw > 24.0
    assert result.total_raw <= 100.0
    assert result.total_weighted <= 100.0


# --------------------------------------------------------------------------- P2 off LinkedIn


@SETTINGS
@given(data=scenario(), extra=st.data())
def test_p2_off_linkedin_activity_never_changes_raw(data, extra) -> None:
    goals, activities = data
    off = extra.draw(activity_strategy(goals, 9999, ALL_KINDS, channel="off"))
    before = score(activities, goals)
    after = score([*activities, off], goals)
    for pillar in PILLARS:
        assert after.pillars[pillar].raw == before.pillars[pillar].raw, pillar
        assert after.pillars[pillar].raw_points == before.pillars[pillar].raw_points, pillar


@SETTINGS
@given(data=scenario(), extra=st.data())
def test_p2_off_linkedin_activity_raises_weighted_when_it_counts(data, extra) -> None:
    goals, activities = data
    weighted_audiences = [audience.name for audience in goals.audiences if audience.weight > 0]
    assume(weighted_audiences)
    kind_id = extra.draw(st.sampled_from(SCORING_KINDS))
    age = extra.draw(st.integers(min_value=0, max_value=WINDOW - 1))
    day = AS_OF - timedelta(days=age)
    # No other activity of that kind that day: the daily cap cannot be reached.
    base = [a for a in activities if not (a.kind == kind_id and a.date == day)]
    off = Activity(
        id="off-extra",
        kind=kind_id,
        date=day,
        audience=extra.draw(st.sampled_from(weighted_audiences)),
        company=extra.draw(st.none() | st.sampled_from(TARGET_COMPANIES + UNKNOWN_COMPANIES)),
        title=extra.draw(st.none() | st.sampled_from(TITLES)),
        personalised=extra.draw(st.booleans()),
        relevance=extra.draw(st.integers(min_value=1, max_value=5)),
        channel="off",
    )
    pillar = CATALOG.kind(kind_id).pillar
    before = score(base, goals)
    assume(before.pillars[pillar].weighted < PILLAR_MAX - 0.5)  # not numerically saturated
    after = score([*base, off], goals)
    assert after.pillars[pillar].weighted > before.pillars[pillar].weighted
    assert after.pillars[pillar].off_linkedin_points > before.pillars[pillar].off_linkedin_points
    for other in PILLARS:
        assert after.pillars[other].raw == before.pillars[other].raw
        if other != pillar:
            assert after.pillars[other].weighted == before.pillars[other].weighted


def test_p2_off_linkedin_meeting_example() -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 60, "partners": 40}})
    meeting = Activity(kind="meeting", date=AS_OF, audience="partners", channel="off")
    before = score([], goals)
    after = score([meeting], goals)
    assert after.pillars["relate"].raw == before.pillars["relate"].raw == 0.0
    assert after.pillars["relate"].weighted > 0.0


# --------------------------------------------------------------------------- P3 monotone


TOLERANCE = 1e-9  # float summation order only; a real decrease is far larger


@settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(data=scenario(max_size=30), extra=st.data())
def test_p3_adding_an_activity_never_lowers_any_pillar(data, extra) -> None:
    goals, activities = data
    if activities and extra.draw(st.booleans()):
        # Same day and kind as an existing activity, to push its group over the daily cap.
        twin = extra.draw(st.sampled_from(activities))
        new = extra.draw(
            activity_strategy(goals, 9999, [twin.kind], st.just((AS_OF - twin.date).days))
        )
    else:
        new = extra.draw(activity_strategy(goals, 9999))
    before = score(activities, goals)
    after = score([*activities, new], goals)
    for pillar in PILLARS:
        assert after.pillars[pillar].raw >= before.pillars[pillar].raw - TOLERANCE, pillar
        # Unrevised again (it was revised in score model v2, where past the daily cap a
        # better-aimed activity took the place of a worse-aimed one).
        assert after.pillars[pillar].weighted >= before.pillars[pillar].weighted - TOLERANCE, pillar


def test_p3_caps_limit_but_never_lower() -> None:
    """Past the daily cap, extra copies add nothing; a better-aligned one adds without taking
    anything away from the others."""
    goals = Goals.model_validate(
        {"audiences": {"prospects": 1}, "accounts": [{"name": "Contoso", "audience": "prospects"}]}
    )
    cap = CATALOG.kind("post").daily_cap
    assert cap is not None
    generic = [Activity(id=f"g{i}", kind="post", date=AS_OF) for i in range(cap)]
    at_cap = score(generic, goals)
    extra_generic = score([*generic, Activity(id="g9", kind="post", date=AS_OF)], goals)
    assert extra_generic.pillars["brand"].raw == at_cap.pillars["brand"].raw
    assert extra_generic.pillars["brand"].weighted == at_cap.pillars["brand"].weighted
    aimed = Activity(
        id="a0", kind="post", date=AS_OF, audience="prospects", company="Contoso", relevance=5
    )
    better = score([*generic, aimed], goals)
    assert better.pillars["brand"].raw == at_cap.pillars["brand"].raw
    assert better.pillars["brand"].weighted > at_cap.pillars["brand"].weighted


CROWDED_KINDS = ["post", "meeting", "comment"]  # daily caps 3, 5, 10


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(goals=goals_strategy(), extra=st.data())
def test_p3_crowded_days_past_the_cap_never_lower_any_pillar(goals, extra) -> None:
    """Several days crowded past one kind's cap, with work for every audience: one more
    activity, of that kind on one of those days, never lowers raw nor weighted."""
    kind = extra.draw(st.sampled_from(CROWDED_KINDS))
    cap = CATALOG.kind(kind).daily_cap
    assert cap is not None
    ages = st.sampled_from([1, 4, 30])
    count = extra.draw(st.integers(min_value=cap, max_value=3 * cap + 6))
    activities = [extra.draw(activity_strategy(goals, i, [kind], ages)) for i in range(count)]
    # Background work that fills one audience (or none), so that where a crowded day's work
    # goes matters.
    full = extra.draw(st.sampled_from([None, *goals.accounts]))
    activities += [
        Activity(
            kind=kind,
            date=AS_OF - timedelta(days=age),
            audience=full and full.audience,
            company=full and full.name,
            relevance=5,
            personalised=True,
        )
        for age in range(5, 65, 2)
        for _ in range(cap)
    ]
    if extra.draw(st.booleans()):
        new = extra.draw(activity_strategy(goals, 9999, [kind], ages))
    else:  # more of the work that is already full, on a crowded day
        day = AS_OF - timedelta(days=extra.draw(ages))
        new = activities[-1].model_copy(update={"id": "act-9999", "date": day})
    before = score(activities, goals)
    after = score([*activities, new], goals)
    for pillar in PILLARS:
        assert after.pillars[pillar].raw >= before.pillars[pillar].raw - TOLERANCE, pillar
        assert after.pillars[pillar].weighted >= before.pillars[pillar].weighted - TOLERANCE, pillar


def test_p3_better_aimed_work_past_the_cap_never_lowers_the_score() -> None:
    """The issue's case: relevance-5 comments to an audience already full, past the daily cap,
    used to take the place of weaker comments to another audience (16.8 → 12.5)."""
    goals = Goals.model_validate(
        {
            "audiences": {"prospects": 50, "partners": 50},
            "accounts": [
                {"name": "Contoso", "audience": "prospects"},
                {"name": "Fabrikam", "audience": "partners"},
            ],
        }
    )
    cap = CATALOG.kind("comment").daily_cap
    assert cap == 10

    def comments(company: str, relevance: int, count: int, day: int) -> list[Activity]:
        return [
            Activity(
                kind="comment",
                date=AS_OF - timedelta(days=day),
                company=company,
                relevance=relevance,
                personalised=relevance == 5,
            )
            for _ in range(count)
        ]

    work = [
        item
        for day in range(0, 60, 2)
        for item in comments("Contoso", 5, 6, day) + comments("Fabrikam", 1, 4, day)
    ]
    extra = [item for day in range(0, 60, 2) for item in comments("Contoso", 5, 10, day)]
    before = score(work, goals).pillars["engage"]
    after = score(work + extra, goals).pillars["engage"]
    assert after.raw == pytest.approx(before.raw)
    assert after.weighted >= before.weighted - TOLERANCE


# --------------------------------------------------------------------------- P4 alignment


@SETTINGS
@given(goals=goals_strategy(min_top_weight=1.0), extra=st.data())
def test_p4_top_audience_at_target_account_beats_untargeted(goals, extra) -> None:
    top = max(goals.audiences, key=lambda audience: audience.weight).name
    company = extra.draw(st.sampled_from(TARGET_COMPANIES))
    if goals.account_for(company) is None:
        goals = Goals.model_validate(
            {
                **goals.to_file(),
                "accounts": [*goals.to_file()["accounts"], {"name": company, "audience": top}],
            }
        )
    else:
        accounts = [
            {"name": a.name, "audience": top if a.name == company else a.audience}
            for a in goals.accounts
        ]
        goals = Goals.model_validate({**goals.to_file(), "accounts": accounts})
    kind_id = extra.draw(st.sampled_from(SCORING_KINDS))
    age = extra.draw(st.integers(min_value=0, max_value=WINDOW - 1))
    common = {
        "kind": kind_id,
        "date": AS_OF - timedelta(days=age),
        "personalised": extra.draw(st.booleans()),
        "relevance": extra.draw(st.integers(min_value=1, max_value=5)),
        "channel": extra.draw(st.sampled_from(["linkedin", "off"])),
    }
    targeted = Activity(**common, audience=top, company=company.upper())
    untargeted = Activity(
        **common, audience=None, company=extra.draw(st.sampled_from(UNKNOWN_COMPANIES)), title=None
    )
    kind = CATALOG.kind(kind_id)
    assert (
        alignment(targeted, kind, goals, RULES).value
        > alignment(untargeted, kind, goals, RULES).value
    )
    pillar = kind.pillar
    aimed = score([targeted], goals).pillars[pillar]
    plain = score([untargeted], goals).pillars[pillar]
    assert aimed.weighted > plain.weighted
    assert aimed.raw == plain.raw


@SETTINGS
@given(data=scenario(max_size=15, clustered=False))
def test_p4_alignment_is_between_zero_and_one(data) -> None:
    goals, activities = data
    for activity in activities:
        aligned = alignment(activity, CATALOG.kind(activity.kind), goals, RULES)
        assert 0.0 < aligned.value <= 1.0
        # revised in v2: untargeted work has a ceiling, not a floor; revised for P14: an
        # activity's value is its parts' (audience, tier) blend, each under its tier's ceiling
        assert sum(part for _, _, part in aligned.split) == pytest.approx(1.0)
        assert aligned.value == pytest.approx(
            aligned.quality
            * sum(part * tier_factor(tier, RULES) for _, tier, part in aligned.split)
        )
        if all(tier == "none" for _, tier, _ in aligned.split):
            assert aligned.value <= RULES.scoring.untargeted_ceiling


def test_p4_untargeted_gets_its_quality_times_the_ceiling() -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 60, "partners": 40}})
    activity = Activity(kind="comment", date=AS_OF, company="Nobody Inc", personalised=True)
    aligned = alignment(activity, CATALOG.kind("comment"), goals, RULES)
    assert aligned.tier == "none"
    assert aligned.value == pytest.approx(
        RULES.relevance_factor(3) * RULES.scoring.untargeted_ceiling
    )


# --------------------------------------------------------------------------- P5 diminishing returns


@SETTINGS
@given(
    points=st.floats(min_value=1e-3, max_value=1e4, allow_nan=False),
    constant=st.floats(min_value=1, max_value=500, allow_nan=False),
)
def test_p5_saturate_doubling_points_less_than_doubles(points, constant) -> None:
    single = saturate(points, constant)
    double = saturate(2 * points, constant)
    assert 0 < single <= double <= PILLAR_MAX
    assert double < 2 * single


def _halve_to_caps(activities: list[Activity]) -> list[Activity]:
    """Keep at most floor(cap / 2) activities per (day, kind), so a copy of each fits under the cap."""
    seen: Counter[tuple[date, str]] = Counter()
    kept = []
    for activity in activities:
        cap = CATALOG.kind(activity.kind).daily_cap
        key = (activity.date, activity.kind)
        if cap is not None and seen[key] + 1 > cap // 2:
            continue
        seen[key] += 1
        kept.append(activity)
    return kept


@SETTINGS
@given(data=scenario(max_size=20, kinds=SCORING_KINDS, clustered=False))
def test_p5_doubling_a_pillars_activity_less_than_doubles_its_score(data) -> None:
    goals, activities = data
    activities = _halve_to_caps(activities)
    doubled = activities + [a.model_copy(update={"id": a.id + "-copy"}) for a in activities]
    single = score(activities, goals)
    double = score(doubled, goals)
    for pillar in PILLARS:
        one, two = single.pillars[pillar], double.pillars[pillar]
        assert two.weighted_points == pytest.approx(2 * one.weighted_points, rel=1e-9, abs=1e-12)
        assert two.raw_points == pytest.approx(2 * one.raw_points, rel=1e-9, abs=1e-12)
        if one.raw_points > 0:
            assert one.raw < two.raw < 2 * one.raw
        if one.weighted_points > 0:
            # Non-strict on the left: an audience with a tiny share can be numerically full.
            assert one.weighted <= two.weighted < 2 * one.weighted


# --------------------------------------------------------------------------- P6 decay and window


@SETTINGS
@given(
    goals=goals_strategy(),
    kind_id=st.sampled_from(SCORING_KINDS),
    ages=st.lists(
        st.integers(min_value=0, max_value=WINDOW - 1), min_size=2, max_size=2, unique=True
    ),
    audience_pick=st.integers(min_value=0, max_value=3),
    channel=st.sampled_from(["linkedin", "off"]),
)
def test_p6_older_activity_counts_less(goals, kind_id, ages, audience_pick, channel) -> None:
    young, old = sorted(ages)
    names = [a.name for a in goals.audiences]
    audience = names[audience_pick] if audience_pick < len(names) else None

    def at(age: int) -> Activity:
        return Activity(
            id="same",
            kind=kind_id,
            date=AS_OF - timedelta(days=age),
            audience=audience,
            channel=channel,
        )

    pillar = CATALOG.kind(kind_id).pillar
    recent = score([at(young)], goals)
    older = score([at(old)], goals)
    assert recent.contributions[0].weighted > older.contributions[0].weighted
    assert recent.contributions[0].decay > older.contributions[0].decay
    assert recent.pillars[pillar].weighted >= older.pillars[pillar].weighted
    if recent.pillars[pillar].weighted < PILLAR_MAX * 0.99 and goals.share(audience or "") > 1e-3:
        assert recent.pillars[pillar].weighted > older.pillars[pillar].weighted
    if CATALOG.kind(kind_id).visible and channel == "linkedin":
        assert recent.contributions[0].raw > older.contributions[0].raw
        assert recent.pillars[pillar].raw > older.pillars[pillar].raw


@SETTINGS
@given(
    data=scenario(max_size=20),
    extra=st.data(),
    age=st.one_of(
        st.integers(min_value=-400, max_value=-1),  # after as_of
        st.integers(min_value=WINDOW, max_value=WINDOW + 400),  # at or past the window's edge
    ),
)
def test_p6_activity_outside_window_changes_nothing(data, extra, age) -> None:
    goals, activities = data
    outside = extra.draw(activity_strategy(goals, 9999, ALL_KINDS, st.just(age)))
    # The store's age is given: an older activity would otherwise make the history longer.
    first = AS_OF - timedelta(days=WINDOW + 500)
    before = report_json(
        build_report(ScoringInput(activities, goals, CATALOG, RULES, first_activity=first), AS_OF)
    )
    after = report_json(
        build_report(
            ScoringInput([*activities, outside], goals, CATALOG, RULES, first_activity=first), AS_OF
        )
    )
    assert after == before


@pytest.mark.parametrize("age", [-1, WINDOW, WINDOW + 1])
def test_p6_window_edges(age: int) -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 1}})
    outside = Activity(kind="post", date=AS_OF - timedelta(days=age), audience="prospects")
    result = score([outside], goals)
    assert all(result.pillars[p].raw == 0.0 and result.pillars[p].weighted == 0.0 for p in PILLARS)
    assert result.contributions == []
    inside = Activity(kind="post", date=AS_OF - timedelta(days=WINDOW - 1), audience="prospects")
    assert score([inside], goals).pillars["brand"].raw > 0.0


# --------------------------------------------------------------------------- P7 visible only


@SETTINGS
@given(
    data=scenario(max_size=40, kinds=VISIBLE_KINDS, channel="linkedin"),
    checklist=st.none() | checklists,
)
def test_p7_visible_only_activity_weighted_never_exceeds_raw(data, checklist) -> None:
    goals, activities = data
    result = score(activities, goals, checklist)
    for pillar in PILLARS:
        assert result.pillars[pillar].weighted <= result.pillars[pillar].raw + TOLERANCE, pillar
    assert result.total_weighted <= result.total_raw + 4 * TOLERANCE


# --------------------------------------------------------------------------- P8 determinism


@SETTINGS
@given(data=scenario(max_size=40), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_p8_same_input_same_output_even_shuffled(data, seed) -> None:
    goals, activities = data
    first = report_json(build_report(ScoringInput(activities, goals, CATALOG, RULES), AS_OF))
    again = report_json(build_report(ScoringInput(list(activities), goals, CATALOG, RULES), AS_OF))
    shuffled = list(activities)
    random.Random(seed).shuffle(shuffled)
    mixed = report_json(build_report(ScoringInput(shuffled, goals, CATALOG, RULES), AS_OF))
    assert first == again
    assert first == mixed


@SETTINGS
@given(runs=st.lists(scenario(max_size=20), min_size=2, max_size=4))
def test_p8_a_reused_alignment_cache_never_changes_the_output(runs) -> None:
    """The same data scores the same with a cache shared across calls (new goals, new activities)."""
    cache = AlignmentCache()
    shared = [activity for _, activities in runs for activity in activities[:3]]
    for goals, activities in runs:
        # Activities reused from earlier calls (same objects) meet new goals.
        current = [*activities, *shared]
        with_cache = report_json(
            build_report(ScoringInput(current, goals, CATALOG, RULES, cache=cache), AS_OF)
        )
        without = report_json(build_report(ScoringInput(current, goals, CATALOG, RULES), AS_OF))
        assert with_cache == without


@SETTINGS
@given(
    data=scenario(max_size=30),
    edits=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 10**6)), max_size=8),
)
def test_p8_per_day_cache_matches_a_fresh_score_after_every_edit(data, edits) -> None:
    """Edits as the store makes them (add, delete, replace an activity by a new object, move the
    as-of date or the window): the cached breakdown, top contributions and flags included, is the
    one computed from scratch."""
    goals, activities = data
    cache = AlignmentCache()
    current = list(activities)
    as_of, window = AS_OF, WINDOW
    for step, (edit, pick) in enumerate([(0, 0), *edits]):
        if edit == 0 and current:  # replace one activity by an edited copy (a new object)
            index = pick % len(current)
            old = current[index]
            current[index] = old.model_copy(
                update={"personalised": not old.personalised, "relevance": 1 + pick % 5}
            )
        elif edit == 1:  # add one, on a day that already has activities when there is one
            day = current[pick % len(current)].date if current else AS_OF
            kind = ALL_KINDS[pick % len(ALL_KINDS)]
            current.append(Activity(id=f"new-{step:03d}", kind=kind, date=day, channel="linkedin"))
        elif edit == 2 and current:  # delete one
            del current[pick % len(current)]
        elif edit == 3:  # look at another date or window
            as_of = AS_OF - timedelta(days=7 * (pick % 3))
            window = (30, 90, 365)[pick % 3]
        current.sort(key=lambda activity: (activity.date, activity.id))  # the store's order
        cached = build_report(
            ScoringInput(current, goals, CATALOG, RULES, cache=cache), as_of, window_days=window
        )
        fresh = build_report(
            ScoringInput(current, goals, CATALOG, RULES), as_of, window_days=window
        )
        assert cached.breakdown == fresh.breakdown
        assert [flag.as_dict() for flag in cached.flags] == [flag.as_dict() for flag in fresh.flags]


def test_p8_cache_follows_goals_edited_in_place() -> None:
    """Goals are mutable models (validate_assignment): an in-place edit is new data, not the same."""
    goals = Goals.model_validate({"audiences": {"prospects": 60, "partners": 40}})
    activities = [Activity(id="c1", kind="comment", date=AS_OF, audience="partners")]
    cache = AlignmentCache()
    before = (
        breakdown(ScoringInput(activities, goals, CATALOG, RULES, cache=cache), AS_OF)
        .pillars["engage"]
        .weighted
    )
    goals.audiences[1].weight = 60  # partners now as important as prospects
    cached = (
        breakdown(ScoringInput(activities, goals, CATALOG, RULES, cache=cache), AS_OF)
        .pillars["engage"]
        .weighted
    )
    fresh = (
        breakdown(ScoringInput(activities, goals, CATALOG, RULES), AS_OF).pillars["engage"].weighted
    )
    assert fresh > before
    assert cached == fresh


# --------------------------------------------------------------------------- history


HISTORY_DATES = [AS_OF - timedelta(days=d) for d in (120, 60, 30, 7, 1, 0)]


def _edge_activities(dates: list[date], goals: Goals) -> list[Activity]:
    """Activities on both sides of each date's window edges (first day, day before, day after)."""
    audience = goals.audiences[0].name
    edges = []
    for number, day in enumerate(dates):
        for offset, kind in (
            (WINDOW - 1, "post"),
            (WINDOW, "comment"),
            (-1, "meeting"),
            (0, "follow_up"),
        ):
            edges.append(
                Activity(
                    id=f"edge-{number}-{offset}",
                    kind=kind,
                    date=day - timedelta(days=offset),
                    audience=audience,
                    channel="off" if kind == "meeting" else "linkedin",
                )
            )
    return edges


@SETTINGS
@given(
    data=scenario(max_size=40),
    checklist=st.none() | checklists,
    offsets=st.lists(st.integers(min_value=-5, max_value=150), min_size=1, max_size=4, unique=True),
)
def test_history_matches_breakdown_at_each_date(data, checklist, offsets) -> None:
    goals, activities = data
    dates = sorted({*HISTORY_DATES, *(AS_OF - timedelta(days=offset) for offset in offsets)})
    activities = [
        *activities,
        *_edge_activities([AS_OF - timedelta(days=o) for o in offsets], goals),
    ]
    rows = history(ScoringInput(activities, goals, CATALOG, RULES, checklist=checklist), dates)
    assert [row.as_of for row in rows] == dates
    for row in rows:
        expected = breakdown(
            ScoringInput(activities, goals, CATALOG, RULES, checklist=checklist), row.as_of
        )
        for pillar in PILLARS:
            got, want = row.pillars[pillar], expected.pillars[pillar]
            assert math.isclose(got.raw, want.raw, rel_tol=0, abs_tol=1e-9), (row.as_of, pillar)
            assert math.isclose(got.weighted, want.weighted, rel_tol=0, abs_tol=1e-9), (
                row.as_of,
                pillar,
            )
        assert math.isclose(row.raw, expected.total_raw, rel_tol=0, abs_tol=1e-9)
        assert math.isclose(row.weighted, expected.total_weighted, rel_tol=0, abs_tol=1e-9)


@pytest.mark.parametrize("window", [None, 7, 30])
def test_history_window_edges_match_breakdown(window: int | None) -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 1}})
    size = window or WINDOW
    dates = [AS_OF - timedelta(days=d) for d in (0, 3, 10)]
    activities = _edge_activities(dates, goals)
    rows = history(ScoringInput(activities, goals, CATALOG, RULES), dates, window_days=window)
    for row in rows:
        expected = breakdown(
            ScoringInput(activities, goals, CATALOG, RULES), row.as_of, window_days=window
        )
        assert expected.window_days == size
        for pillar in PILLARS:
            assert row.pillars[pillar].raw == pytest.approx(expected.pillars[pillar].raw, abs=1e-9)
            assert row.pillars[pillar].weighted == pytest.approx(
                expected.pillars[pillar].weighted, abs=1e-9
            )


def test_history_of_no_dates_is_empty() -> None:
    assert history(ScoringInput([], Goals(), CATALOG, RULES), []) == []


def test_p8_float_sums_do_not_depend_on_input_order() -> None:
    """Regression (found by CI): ten profile views on one day, two at a target account; the
    pillar alignment came out 0.182 or 0.183 depending on the order they were summed in."""
    goals = Goals(
        audiences=[Audience(name="prospects", weight=1.0)],
        accounts=[TargetAccount(name="Fabrikam", audience="prospects")],
    )
    relevance = [3, 1, 1, 1, 1, 1, 1, 3, 3, 4]
    activities = [
        Activity(
            id=f"act-{number:04d}",
            kind="profile_view",
            date=AS_OF,
            company="Fabrikam" if number in (1, 2) else None,
            relevance=level,
            channel="off",
        )
        for number, level in enumerate(relevance)
    ]
    first = report_json(build_report(ScoringInput(activities, goals, CATALOG, RULES), AS_OF))
    for seed in range(30):
        shuffled = list(activities)
        random.Random(seed).shuffle(shuffled)
        assert (
            report_json(build_report(ScoringInput(shuffled, goals, CATALOG, RULES), AS_OF)) == first
        )


def _numbers(result) -> dict[str, tuple[float, float]]:
    return {p: (result.pillars[p].raw, result.pillars[p].weighted) for p in PILLARS}


@SETTINGS
@given(data=scenario(max_size=40), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_p8_ids_never_change_a_score(data, seed) -> None:
    """New random ids (and a new order) for the same activities: every number the same."""
    goals, activities = data
    generator = random.Random(seed)
    renamed = [
        activity.model_copy(update={"id": f"{generator.getrandbits(64):016x}"})
        for activity in activities
    ]
    generator.shuffle(renamed)
    first = score(activities, goals)
    again = score(renamed, goals)
    assert _numbers(again) == _numbers(first)


def test_p8_ids_do_not_pick_who_counts_at_a_daily_cap() -> None:
    """Regression: more comments than the cap, tied on alignment, aimed at two audiences; the
    random ids decided which audience the capped ones counted for (12.5 or 16.0)."""
    goals = Goals(
        audiences=[Audience(name="prospects", weight=50), Audience(name="partners", weight=50)]
    )
    cap = CATALOG.kinds["comment"].daily_cap
    assert cap is not None
    activities = [
        Activity(kind="comment", date=AS_OF, audience=audience, relevance=4)
        for audience in ["prospects", "partners"] * cap
    ]
    first = _numbers(score(activities, goals))
    for seed in range(10):
        generator = random.Random(seed)
        renamed = [
            a.model_copy(update={"id": f"{generator.getrandbits(64):016x}"}) for a in activities
        ]
        assert _numbers(score(renamed, goals)) == first


# --------------------------------------------------------------------------- P14 continuity


def _reweighted(goals: Goals, name: str, delta: float) -> Goals:
    """The goals with `name`'s weight raised by `delta`."""
    weights = {audience.name: audience.weight for audience in goals.audiences}
    weights[name] += delta
    return Goals.model_validate({**goals.to_file(), "audiences": weights})


# At most this many pillar points per percentage point of the total weight (measured: about 1.1).
CONTINUITY = 3.0


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    data=scenario(max_size=40, clustered=True),
    extra=st.data(),
    percent=st.sampled_from([1e-6, 1e-3, 0.1, 1.0]),
)
def test_p14_a_small_change_of_weight_moves_no_pillar_by_more_than_a_small_multiple(
    data, extra, percent
) -> None:
    """Any audience's weight (from 0 included) moved by `percent` % of the total: no step."""
    goals, activities = data
    assume(goals.total_weight > 0)  # daily caps included: a group over its cap never steps
    name = extra.draw(st.sampled_from([audience.name for audience in goals.audiences]))
    moved = _reweighted(goals, name, percent / 100 * goals.total_weight)
    before, after = score(activities, goals), score(activities, moved)
    for pillar in PILLARS:
        change = abs(after.pillars[pillar].weighted - before.pillars[pillar].weighted)
        assert change <= CONTINUITY * percent + 1e-9, pillar


TALENT_GOALS = {
    "audiences": {"recruiters": 50, "hiring managers": 50},
    "roles": {"recruiters": ["talent"], "hiring managers": ["director"]},
}


def _talent_messages() -> list[Activity]:
    return [
        Activity(
            id=f"m{day}",
            kind="message_sent",
            date=AS_OF - timedelta(days=day),
            contact=f"Person {day}",
            title="Talent Acquisition Director",
            audience="recruiters",
            personalised=True,
        )
        for day in range(0, 60, 3)
    ]


def test_p14_equal_weights_do_not_swing_the_score() -> None:
    """Regression: a title matching both audiences' roles went to the heaviest one only, so
    moving one weight by 0.01 changed the total by 3-12 points, and at 50/50 the tag was ignored."""
    messages = _talent_messages()
    goals = Goals.model_validate(TALENT_GOALS)
    even = score(messages, goals)
    assert {item.alignment.audience for item in even.contributions} == {"recruiters"}
    for recruiters in (49.99, 50.01):
        moved = Goals.model_validate(
            {**TALENT_GOALS, "audiences": {"recruiters": recruiters, "hiring managers": 50}}
        )
        assert abs(score(messages, moved).total_weighted - even.total_weighted) < 0.01
    # Untagged, the same messages are shared between the two audiences by weight.
    untagged = [item.model_copy(update={"audience": None}) for item in messages]
    split = score(untagged, goals).contributions[0].alignment.split
    assert sorted(split) == [("hiring managers", "aimed", 0.5), ("recruiters", "aimed", 0.5)]


def test_p14_declaring_an_audience_at_a_tiny_weight_does_not_lower_its_work() -> None:
    """Regression: prospects 100 / partners 0 → partners 0.01 took the partners work out of the
    untargeted bucket for a 0.01 % share: the weighted score fell (16.0 → 10.0 over 90 days)."""
    work = [
        Activity(
            id=f"p{day}",
            kind=kind,
            date=AS_OF - timedelta(days=day),
            audience="partners",
            contact=f"Partner {day}",
            personalised=True,
        )
        for day in range(0, 88, 2)
        for kind in ("message_sent", "comment", "meeting")
    ]
    before = score(work, Goals.model_validate({"audiences": {"prospects": 100, "partners": 0}}))
    after = score(work, Goals.model_validate({"audiences": {"prospects": 100, "partners": 0.01}}))
    assert after.total_weighted >= before.total_weighted - 0.01


# --------------------------------------------------------------------------- explain adds up


@SETTINGS
@given(data=scenario(max_size=40), checklist=st.none() | checklists)
def test_explain_parts_add_up_to_each_pillar_and_count_only_what_scores(data, checklist) -> None:
    from ssi_tui.domain.explain import explain

    goals, activities = data
    result = score(activities, goals, checklist)
    explained = explain(result, CATALOG, RULES)
    counted = {
        item.activity.id for item in result.scored if item.counts_raw or item.counts_weighted
    }
    for pillar, item in explained.items():
        scores = result.pillars[pillar]
        assert sum(part.score for part in item.raw_parts) == pytest.approx(scores.raw, abs=1e-9)
        assert sum(part.score for part in item.weighted_parts) == pytest.approx(
            scores.weighted, abs=1e-9
        )
        assert sum(part.on_evidence for part in item.weighted_parts) == pytest.approx(
            scores.weighted_by_evidence, abs=1e-9
        )
        assert all(0 <= part.score <= part.most + 1e-9 for part in item.weighted_parts)
        labels = [part.label for part in item.weighted_parts]
        assert labels.count("untargeted") == 1 and labels.count("profile") == (pillar == "brand")
        in_window = [
            entry
            for entry in result.scored
            if entry.kind.pillar == pillar
            and entry.activity.id in counted
            and 0 <= (AS_OF - entry.activity.date).days < WINDOW
        ]
        assert sum(row.count for row in item.rows) == len(in_window)


@SETTINGS
@given(data=scenario(max_size=40), checklist=st.none() | checklists)
def test_the_evidence_share_is_the_weighted_score_less_what_bare_tags_add(data, checklist) -> None:
    """weighted_by_evidence is within [0, weighted], all of it when no activity rests on a
    bare tag, and the pillars' add up to the total's."""
    goals, activities = data
    result = score(activities, goals, checklist)
    tagged = [
        entry
        for entry in result.scored
        if any(tier == "tagged" for _, tier, _ in entry.alignment.split)
    ]
    for pillar in PILLARS:
        item = result.pillars[pillar]
        assert -1e-9 <= item.weighted_by_evidence <= item.weighted + 1e-9
        if not any(entry.kind.pillar == pillar for entry in tagged):
            assert item.weighted_by_evidence == pytest.approx(item.weighted, abs=1e-9)
    assert result.total_weighted_by_evidence == pytest.approx(
        sum(item.weighted_by_evidence for item in result.pillars.values())
    )
