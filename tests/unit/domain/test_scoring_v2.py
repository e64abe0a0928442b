"""Score model v2: properties P9-P13 and the rules that keep the weighted score honest."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from ssi_tui.domain.alignment import ContactFacts, alignment
from ssi_tui.domain.catalog import default_catalog, default_rules
from ssi_tui.domain.daily import breakdown, history
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import (
    PILLARS,
    Activity,
    Goals,
    ProfileChecklist,
    ProfileHistory,
)
from ssi_tui.domain.scoring import decay
from ssi_tui.domain.text import fold

AS_OF = date(2026, 11, 26)
CATALOG = default_catalog()
RULES = default_rules()
WINDOW = RULES.scoring.window_days
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PERSON_KINDS = sorted(
    kind.id for kind in CATALOG.kinds.values() if kind.aim == "person" and kind.points > 0
)
GOALS = Goals.model_validate(
    {
        "audiences": {"prospects": 50, "partners": 50},
        "roles": {"prospects": ["head of", "cto"], "partners": ["alliances"]},
        "accounts": [
            {"name": "Contoso", "audience": "prospects"},
            {"name": "Fabrikam", "audience": "partners"},
        ],
    }
)

TOPIC_GOALS = Goals.model_validate(
    {**GOALS.to_file(), "topics": {"prospects": ["supply chain"], "partners": ["co-selling"]}}
)


def score(activities, goals=GOALS, contacts=None, checklist=None):
    return breakdown(
        ScoringInput(activities, goals, CATALOG, RULES, checklist=checklist, contacts=contacts),
        AS_OF,
    )


def act(kind: str, days_ago: int = 0, n: int = 0, **fields) -> Activity:
    fields.setdefault("channel", CATALOG.kind(kind).default_channel)
    return Activity(
        id=f"{kind}-{days_ago}-{n}", kind=kind, date=AS_OF - timedelta(days=days_ago), **fields
    )


# --------------------------------------------------------------------------- P9 aim beats volume


def test_p9_a_week_of_aimed_work_beats_a_week_of_untargeted_volume() -> None:
    aimed, volume = [], []
    for day in range(7):
        for n in range(4):
            aimed.append(
                act(
                    "message_sent",
                    day,
                    n,
                    company="Contoso",
                    title="Head of Sales",
                    personalised=True,
                    relevance=5,
                )
            )
            aimed.append(act("comment", day, n, company="Fabrikam", personalised=True, relevance=4))
            aimed.append(
                act("follow_up", day, n, company="Contoso", personalised=True, relevance=5)
            )
        for n in range(4):
            aimed.append(
                act(
                    "invitation_sent",
                    day,
                    n,
                    company="Fabrikam",
                    title="Alliances lead",
                    personalised=True,
                )
            )
        aimed.append(act("meeting", day, 0, company="Contoso", relevance=5))  # 17 a day
        for n in range(60):
            volume.append(act("reaction", day, n))
        for n in range(30):
            volume.append(act("comment", day, n))  # 90 a day
    assert len(aimed) == 17 * 7 and len(volume) == 90 * 7
    assert score(aimed).total_weighted > score(volume).total_weighted
    # …and more volume does not change that: untargeted work has its own low ceiling.
    bigger = volume + [act("reaction", day, 100 + n) for day in range(7) for n in range(500)]
    assert score(aimed).total_weighted > score(bigger).total_weighted
    ceiling = RULES.scoring.untargeted_ceiling * 25
    assert score(bigger).pillars["engage"].weighted <= ceiling + 1e-9


# --------------------------------------------------------------------------- P10 mix counts


@SETTINGS
@given(
    kind=st.sampled_from(sorted(k for k in CATALOG.kinds if CATALOG.kind(k).points > 0)),
    per_audience=st.integers(min_value=1, max_value=12),
    days=st.integers(min_value=1, max_value=30),
)
def test_p10_balanced_effort_beats_the_same_effort_on_one_audience(kind, per_audience, days):
    balanced, lopsided = [], []
    for day in range(days):
        for n in range(per_audience):
            balanced.append(act(kind, day, n, audience="prospects", company="Contoso"))
            balanced.append(act(kind, day, 100 + n, audience="partners", company="Fabrikam"))
            lopsided.append(act(kind, day, n, audience="prospects", company="Contoso"))
            lopsided.append(act(kind, day, 100 + n, audience="prospects", company="Contoso"))
    cap = CATALOG.kind(kind).daily_cap
    assume(cap is None or 2 * per_audience <= cap)
    pillar = CATALOG.kind(kind).pillar
    assert score(balanced).pillars[pillar].weighted > score(lopsided).pillars[pillar].weighted
    assert score(balanced).pillars[pillar].raw == score(lopsided).pillars[pillar].raw


# --------------------------------------------------------------------------- P11 evidence over tags


def _points(result) -> float:  # noqa: ANN001
    """The goal-weighted points behind a breakdown, before saturation."""
    return sum(pillar.weighted_points for pillar in result.pillars.values())


def _gain(base: list[Activity], new: Activity, contacts=None, goals=GOALS) -> tuple[float, float]:
    """What adding `new` adds: (to the weighted score, to the weighted points).

    The half-credit rule of a bare tag is about points: the score saturates (concave), so half
    the points can add a little more than half the score, and only the points compare linearly.
    """
    before = score(base, goals=goals, contacts=contacts)
    after = score([*base, new], goals=goals, contacts=contacts)
    return after.total_weighted - before.total_weighted, _points(after) - _points(before)


@SETTINGS
@given(
    kind=st.sampled_from(PERSON_KINDS),
    evidence=st.sampled_from(["account", "role", "contact"]),
    audience=st.sampled_from(["prospects", "partners"]),
    base_size=st.integers(min_value=0, max_value=40),
    seed=st.integers(min_value=0, max_value=10**6),
    relevance=st.integers(min_value=1, max_value=5),
    personalised=st.booleans(),
)
def test_p11_a_bare_tag_adds_at_most_half_of_what_evidence_adds(
    kind, evidence, audience, base_size, seed, relevance, personalised
):
    import random

    rng = random.Random(seed)
    base = [
        act(
            rng.choice(PERSON_KINDS),
            rng.randrange(1, WINDOW),
            n,
            audience=rng.choice(["prospects", "partners", None]),
            company=rng.choice(["Contoso", "Fabrikam", "Hooli", None]),
        )
        for n in range(base_size)
    ]
    common = {"audience": audience, "relevance": relevance, "personalised": personalised}
    bare = act(kind, 0, 9999, contact="Someone New", **common)
    contacts = {fold("Known Person"): ContactFacts(audience, None, None)}
    company = {"prospects": "Contoso", "partners": "Fabrikam"}[audience]
    title = {"prospects": "Head of Sales", "partners": "Alliances lead"}[audience]
    with_evidence = {
        "account": act(kind, 0, 9999, contact="Someone New", company=company, **common),
        "role": act(kind, 0, 9999, contact="Someone New", title=title, **common),
        "contact": act(kind, 0, 9999, contact="Known Person", **common),
    }[evidence]
    # The same work, aimed at no one, gains volume credit (at most the untargeted ceiling);
    # what a bare tag adds over that is at most half of what evidence adds over it.
    untargeted = act(
        kind, 0, 9999, contact="Someone New", relevance=relevance, personalised=personalised
    )
    (volume_gain, volume_points), (aimed_gain, aimed_points), (bare_gain, bare_points) = (
        _gain(base, new, contacts) for new in (untargeted, with_evidence, bare)
    )
    assert volume_gain <= bare_gain + 1e-9
    assert bare_points - volume_points <= 0.5 * (aimed_points - volume_points) + 1e-9
    bare_alignment = alignment(bare, CATALOG.kind(kind), GOALS, RULES)
    assert bare_alignment.tier == "tagged"


BROADCAST_KINDS = sorted(kind.id for kind in CATALOG.kinds.values() if kind.aim != "person")


@SETTINGS
@given(
    kind=st.sampled_from(BROADCAST_KINDS),
    evidence=st.sampled_from(["note", "topics", "role"]),
    audience=st.sampled_from(["prospects", "partners"]),
    base_size=st.integers(min_value=0, max_value=40),
    seed=st.integers(min_value=0, max_value=10**6),
    relevance=st.integers(min_value=1, max_value=5),
    personalised=st.booleans(),
)
@example(
    kind="blog_post",
    evidence="note",
    audience="partners",
    base_size=19,
    seed=211,
    relevance=1,
    personalised=False,
)  # found in a run: half the points added 52 % of the score gain (the curve is concave)
def test_p11_holds_for_broadcasts_too(
    kind, evidence, audience, base_size, seed, relevance, personalised
):
    """A post, a talk, a comment naming no one: a bare tag adds at most half of what its
    subject (an audience's topic in its note or topics, a role it names) adds."""
    import random

    rng = random.Random(seed)
    base = [
        act(
            rng.choice(BROADCAST_KINDS),
            rng.randrange(1, WINDOW),
            n,
            audience=rng.choice(["prospects", "partners", None]),
            note=rng.choice(["", "supply chain", "co-selling", "holidays"]),
        )
        for n in range(base_size)
    ]

    common = {"relevance": relevance, "personalised": personalised, "note": "Notes from Lyon"}
    topic = {"prospects": "supply chain", "partners": "co-selling"}[audience]
    role = {"prospects": "Head of Sales", "partners": "Alliances lead"}[audience]
    with_evidence = {
        "note": act(kind, 0, 9999, audience=audience, **{**common, "note": f"On {topic}"}),
        "topics": act(kind, 0, 9999, audience=audience, topics=(topic.upper(),), **common),
        "role": act(kind, 0, 9999, audience=audience, **{**common, "note": f"For every {role}"}),
    }[evidence]
    bare = act(kind, 0, 9999, audience=audience, **common)
    untargeted = act(kind, 0, 9999, **common)
    (volume_gain, volume_points), (bare_gain, bare_points), (aimed_gain, aimed_points) = (
        _gain(base, new, goals=TOPIC_GOALS) for new in (untargeted, bare, with_evidence)
    )
    assert volume_gain <= bare_gain + 1e-9
    assert bare_points - volume_points <= 0.5 * (aimed_points - volume_points) + 1e-9
    assert alignment(bare, CATALOG.kind(kind), TOPIC_GOALS, RULES).tier == "tagged"
    assert alignment(with_evidence, CATALOG.kind(kind), TOPIC_GOALS, RULES).tier == "aimed"


def test_p11_a_contact_whose_audience_you_set_is_evidence() -> None:
    contacts = {fold("Ada Park"): ContactFacts("partners", None, None)}
    message = act("message_sent", 0, audience="partners", contact="ada park")
    assert score([message], contacts=contacts).contributions[0].alignment.tier == "aimed"
    assert score([message]).contributions[0].alignment.tier == "tagged"


# --------------------------------------------------------------------------- P12 targets never lower


def _goal_variants(draw) -> tuple[Goals, Goals]:
    """Goals, and the same goals with one more target declared."""
    weights = {name: draw(st.sampled_from([0, 10, 50])) for name in ("prospects", "partners")}
    base = {"audiences": weights, "roles": {}, "accounts": []}
    if draw(st.booleans()):
        base["roles"] = {"prospects": ["head of"]}
    change = draw(st.sampled_from(["account", "role", "weight"]))
    more = {"audiences": dict(weights), "roles": dict(base["roles"]), "accounts": []}
    audience = draw(st.sampled_from(["prospects", "partners"]))
    if change == "account":
        more["accounts"] = [{"name": "Fabrikam, Inc.", "audience": audience}]
    elif change == "role":
        more["roles"] = {**more["roles"], audience: [*more["roles"].get(audience, []), "sales"]}
    else:
        more["audiences"][audience] = more["audiences"][audience] + 25
    return Goals.model_validate(base), Goals.model_validate(more)


@SETTINGS
@given(data=st.data(), kind=st.sampled_from(sorted(CATALOG.kinds)))
def test_p12_declaring_a_target_never_lowers_an_alignment(data, kind) -> None:
    before, after = _goal_variants(data.draw)
    activity = act(
        kind,
        0,
        audience=data.draw(st.sampled_from(["prospects", "partners", None])),
        company=data.draw(st.sampled_from(["Fabrikam", "Hooli", None])),
        title=data.draw(st.sampled_from(["Head of Sales", "Sales Director", None])),
        contact=data.draw(st.sampled_from(["Ada", None])),
        relevance=data.draw(st.integers(min_value=1, max_value=5)),
    )
    kind_model = CATALOG.kind(kind)
    assert (
        alignment(activity, kind_model, after, RULES).value
        >= alignment(activity, kind_model, before, RULES).value
    )


def test_p12_a_head_of_sales_at_a_new_partner_account_keeps_its_alignment() -> None:
    """Score model v1: once Fabrikam became a partners account, this fell from 0.41 to 0.22."""
    goals = Goals.model_validate(
        {"audiences": {"prospects": 70, "partners": 30}, "roles": {"prospects": ["head of"]}}
    )
    declared = Goals.model_validate(
        {**goals.to_file(), "accounts": [{"name": "Fabrikam", "audience": "partners"}]}
    )
    message = act("message_sent", 0, company="Fabrikam", title="Head of Sales", personalised=True)
    kind = CATALOG.kind("message_sent")
    assert (
        alignment(message, kind, declared, RULES).value
        >= alignment(message, kind, goals, RULES).value
    )


# --------------------------------------------------------------------------- P13 outcomes count


@pytest.mark.parametrize("kind", ["message_received", "connection", "meeting", "call"])
def test_p13_an_outcome_with_a_goal_contact_raises_the_weighted_score(kind: str) -> None:
    base = [act("message_sent", 1, contact="Ada", company="Contoso", personalised=True)]
    outcome = act(kind, 0, contact="Ada", company="Contoso")
    before, after = score(base), score([*base, outcome])
    pillar = CATALOG.kind(kind).pillar
    assert after.pillars[pillar].weighted > before.pillars[pillar].weighted
    if CATALOG.kind(kind).visible:
        assert after.pillars[pillar].raw > before.pillars[pillar].raw
    else:
        assert after.pillars[pillar].raw == before.pillars[pillar].raw


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "title, expected",
    [
        ("CTO", "prospects"),
        ("Co-founder & CTO", "prospects"),
        ("Director of Sales", None),
        ("Doctor", None),
        ("Contractor", None),
        ("HEAD OF Procurement", "prospects"),
        ("Alliances Lead", "partners"),
        ("Directeur des alliances", "partners"),
    ],
)
def test_role_keywords_match_whole_words_only(title: str, expected: str | None) -> None:
    assert GOALS.role_audience(title) == expected


@pytest.mark.parametrize(
    "company",
    [
        "Contoso",
        "CONTOSO",
        "Contoso, Inc.",
        "Contoso Ltd",
        "Contoso GmbH",
        "Contoso S.A.S.",
        "Contosó",
        "contoso plc",
    ],
)
def test_account_names_match_after_normalising(company: str) -> None:
    account = GOALS.account_for(company)
    assert account is not None and account.name == "Contoso"


def test_account_aliases_and_domains() -> None:
    goals = Goals.model_validate(
        {
            "audiences": {"prospects": 1},
            "accounts": [
                {
                    "name": "Northwind Traders",
                    "audience": "prospects",
                    "aliases": ["Northwind"],
                    "domains": ["northwind.example", "https://www.nw.example/"],
                }
            ],
        }
    )
    for company in ("Northwind", "Northwind Traders, Inc.", "ada@northwind.example", "nw.example"):
        assert goals.account_for(company) is not None, company
    assert goals.account_for("Southwind") is None
    assert goals.accounts[0].domains == ["northwind.example", "nw.example"]
    with pytest.raises(ValueError, match="not a domain"):
        Goals.model_validate(
            {
                "audiences": {"prospects": 1},
                "accounts": [{"name": "X", "audience": "prospects", "domains": ["not a domain"]}],
            }
        )


# --------------------------------------------------------------------------- broadcasts


def test_a_perfectly_aimed_post_reaches_alignment_one() -> None:
    """A broadcast's evidence is its subject: an audience's topic in its note or topics, or a
    role it names (a search for "Head of Procurement")."""
    post = act("post", 0, audience="prospects", relevance=5, note="Supply-chain lessons")
    assert alignment(post, CATALOG.kind("post"), TOPIC_GOALS, RULES).value == 1.0
    topic_comment = act(
        "comment", 0, audience="partners", relevance=5, personalised=True, topics=("Co-selling",)
    )
    assert alignment(topic_comment, CATALOG.kind("comment"), TOPIC_GOALS, RULES).value == 1.0
    search = act("people_search", 0, relevance=5, note="alliances managers in Lyon")
    aligned = alignment(search, CATALOG.kind("people_search"), TOPIC_GOALS, RULES)
    assert (aligned.value, aligned.audience, aligned.target) == (1.0, "partners", "topic")


def test_a_bare_tag_on_a_broadcast_counts_as_tagged() -> None:
    """The user's word alone is not evidence, on a broadcast either (it was worth as much)."""
    for kind, extra in (("post", {}), ("comment", {"personalised": True}), ("talk", {})):
        item = act(kind, 0, audience="prospects", relevance=5, note="Thoughts", **extra)
        aligned = alignment(item, CATALOG.kind(kind), TOPIC_GOALS, RULES)
        assert aligned.tier == "tagged"
        assert aligned.value == RULES.scoring.tagged_ceiling


def test_a_topic_for_no_goal_audience_is_no_evidence() -> None:
    post = act("post", 0, relevance=5, topics=("supply chain",))
    goals = Goals.model_validate(
        {**TOPIC_GOALS.to_file(), "audiences": {"prospects": 0, "partners": 1}}
    )
    assert alignment(post, CATALOG.kind("post"), goals, RULES).tier == "none"


# --------------------------------------------------------------------------- the window's edge


@pytest.mark.parametrize("window, steepest", [(30, 0.12), (90, 0.05), (365, 0.03)])
def test_no_cliff_at_the_window_edge(window: int, steepest: float) -> None:
    """v1 dropped an activity still worth 51 % of its points on the day after a 30-day window."""
    weights = [decay(age, RULES, window) for age in range(window + 2)]
    assert weights[window] == 0.0 and weights[window + 1] == 0.0
    assert 0 < weights[window - 1] < 0.05  # the last day counts a little, the next none
    steps = [weights[age] - weights[age + 1] for age in range(window + 1)]
    assert all(step >= 0 for step in steps)
    assert max(steps) < steepest


# --------------------------------------------------------------------------- the dated checklist


def test_score_uses_the_checklist_in_force_on_its_date() -> None:
    full = ProfileChecklist(photo=True, headline=True, summary=True, experience=True, skills=9)
    dated = ProfileHistory().changed(AS_OF - timedelta(days=30), full)
    now = score([], checklist=dated)
    before = breakdown(
        ScoringInput([], GOALS, CATALOG, RULES, checklist=dated), AS_OF - timedelta(days=31)
    )
    old = breakdown(ScoringInput([], GOALS, CATALOG, RULES, checklist=dated), date(1999, 1, 1))
    assert now.completeness > 0.5 and now.pillars["brand"].raw > 0
    assert before.completeness == 0.0 and old.completeness == 0.0
    rows = history(
        ScoringInput([], GOALS, CATALOG, RULES, checklist=dated),
        [AS_OF - timedelta(days=31), AS_OF],
    )
    assert rows[0].pillars["brand"].raw == 0.0
    assert rows[1].pillars["brand"].raw == pytest.approx(now.pillars["brand"].raw)


def test_checklist_history_keeps_one_state_per_day_in_order() -> None:
    first, second = ProfileChecklist(photo=True), ProfileChecklist(photo=True, headline=True)
    history_ = (
        ProfileHistory()
        .changed(AS_OF, second)
        .changed(AS_OF - timedelta(days=5), first)
        .changed(AS_OF, second.model_copy(update={"summary": True}))
    )
    assert [entry.since for entry in history_.entries] == [AS_OF - timedelta(days=5), AS_OF]
    assert history_.current.summary is True
    assert history_.at(AS_OF - timedelta(days=6)) is None
    assert history_.at(AS_OF - timedelta(days=1)) == first


def test_weighted_never_exceeds_raw_pillar_by_pillar_for_visible_work_at_scale() -> None:
    activities = [
        act(kind, day, n, audience="prospects", company="Contoso", personalised=True, relevance=5)
        for kind in ("post", "comment", "message_sent", "follow_up", "lead_saved")
        for day in range(60)
        for n in range(3)
    ]
    result = score(activities)
    for pillar in PILLARS:
        assert result.pillars[pillar].weighted <= result.pillars[pillar].raw + 1e-9
