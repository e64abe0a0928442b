"""Profile fit: raw brand counts the profile's completeness, weighted brand counts completeness ×
fit, fit being how the headline and summary speak to the goal audiences."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_tui.domain.catalog import default_catalog, default_rules
from ssi_tui.domain.daily import breakdown, history
from ssi_tui.domain.explain import explain
from ssi_tui.domain.inputs import ScoringInput
from ssi_tui.domain.models import Activity, Goals, ProfileChecklist, ProfileHistory
from ssi_tui.domain.profile import profile_completeness, profile_fit
from ssi_tui.domain.scoring import PILLAR_MAX
from tests.unit.domain.personas import words

AS_OF = date(2026, 11, 26)
CATALOG = default_catalog()
RULES = default_rules()
SHARE = RULES.scoring.profile_share
UNKNOWN = RULES.scoring.unknown_fit
GOALS = Goals.model_validate(
    {
        "audiences": {"prospects": 60, "partners": 25, "recruiters": 15},
        "roles": {"prospects": ["head of"], "recruiters": ["recruit"]},
        "topics": {"prospects": ["supply chain", "procurement"], "partners": ["co-selling"]},
    }
)


def checklist(headline: str = "", summary: str = "") -> ProfileChecklist:
    return words(headline, summary)  # the personas' complete profile, with these words


def brand(profile: ProfileChecklist | ProfileHistory, goals: Goals = GOALS, as_of: date = AS_OF):
    activities = [Activity(kind="post", date=AS_OF - timedelta(days=3), note="Thoughts")]
    scores = breakdown(ScoringInput(activities, goals, CATALOG, RULES, checklist=profile), as_of)
    return scores, scores.pillars["brand"]


def test_without_text_the_fit_is_unknown_and_counts_half() -> None:
    fit = profile_fit(checklist(), GOALS, RULES)
    assert (fit.value, fit.has_text, fit.audiences) == (UNKNOWN, False, ())
    _, score = brand(checklist())
    assert score.profile_part == pytest.approx(SHARE * PILLAR_MAX)  # raw: a complete profile
    assert score.profile_weighted == pytest.approx(SHARE * PILLAR_MAX * UNKNOWN)


def test_the_fit_is_the_share_of_the_goals_the_words_name() -> None:
    fit = profile_fit(
        checklist("Helping Supply-Chain teams", "Former head of PROCURÉMENT"), GOALS, RULES
    )
    by_audience = {item.audience: item for item in fit.audiences}
    # Accents, case and hyphens do not matter; words come in the order they are looked for.
    assert by_audience["prospects"].words == ("head of", "supply chain", "procurement")
    assert by_audience["partners"].words == () and by_audience["partners"].value == 0.0
    assert by_audience["recruiters"].sought == ("recruit",)
    assert fit.value == pytest.approx(0.6)
    recruiting = profile_fit(checklist("Recruiting co-selling partners"), GOALS, RULES)
    assert recruiting.value == pytest.approx(0.25 + 0.15)


def test_an_audience_with_nothing_to_look_for_counts_the_unknown_fit() -> None:
    goals = Goals.model_validate({"audiences": {"prospects": 50, "press": 50}})
    fit = profile_fit(checklist("Anything at all"), goals, RULES)
    assert fit.value == pytest.approx(UNKNOWN)
    assert profile_fit(checklist("Anything"), Goals(), RULES).value == UNKNOWN  # no goals


def test_raw_brand_ignores_the_words_weighted_brand_reads_them() -> None:
    _, silent = brand(checklist())
    _, off_target = brand(checklist("Chef and food blogger"))
    _, on_target = brand(checklist("Procurement and supply chain advisor", "Head of co-selling"))
    assert silent.raw == off_target.raw == on_target.raw
    assert off_target.weighted < silent.weighted < on_target.weighted
    assert on_target.profile_weighted == pytest.approx(on_target.profile_part * 0.85)
    assert off_target.profile_weighted == 0.0


def test_the_checklist_in_force_each_day_gives_its_fit() -> None:
    early = ProfileHistory(
        entries=[
            {"since": AS_OF - timedelta(days=60), "checklist": checklist()},
            {"since": AS_OF - timedelta(days=10), "checklist": checklist("Procurement advisor")},
        ]
    )
    before, after = AS_OF - timedelta(days=20), AS_OF
    activities = [Activity(kind="post", date=AS_OF - timedelta(days=30))]
    inputs = ScoringInput(activities, GOALS, CATALOG, RULES, checklist=early)
    rows = history(inputs, [before, after])
    for row in rows:  # history and breakdown agree on each day
        single = breakdown(inputs, row.as_of)
        assert row.pillars["brand"].weighted == pytest.approx(single.pillars["brand"].weighted)
    assert breakdown(inputs, before).fit.value == UNKNOWN
    assert breakdown(inputs, after).fit.value == pytest.approx(0.6)


def test_the_explanation_shows_the_fit_and_still_adds_up() -> None:
    scores, score = brand(checklist("Procurement advisor"))
    item = explain(scores, CATALOG, RULES)["brand"]
    assert sum(part.score for part in item.weighted_parts) == pytest.approx(score.weighted)
    assert sum(part.score for part in item.raw_parts) == pytest.approx(score.raw)
    profile = item.weighted_parts[-1]
    assert profile.is_profile and profile.points == pytest.approx(
        profile_completeness(checklist(), RULES) * 0.6
    )
    data = item.as_dict()["profile_fit"]
    assert data["value"] == 0.6 and data["has_text"] is True
    assert data["audiences"][0] == {
        "audience": "prospects",
        "share": 0.6,
        "sought": ["head of", "supply chain", "procurement"],
        "words": ["procurement"],
        "value": 1.0,
    }
    assert "profile_fit" not in explain(scores, CATALOG, RULES)["find"].as_dict()


@settings(max_examples=40, deadline=None, database=None)
@given(st.floats(0, 100), st.floats(0, 100), st.floats(0.01, 100), st.floats(1e-6, 1.0))
def test_the_fit_moves_continuously_with_the_weights(
    prospects: float, partners: float, recruiters: float, step: float
) -> None:
    """The fit is a sum of shares: moving one weight by a little moves it by a little."""
    text = checklist("Procurement advisor")

    def fit(weights: dict[str, float]) -> float:
        goals = Goals.model_validate({**GOALS.to_file(), "audiences": weights})
        return profile_fit(text, goals, RULES).value

    weights = {"prospects": prospects, "partners": partners, "recruiters": recruiters}
    total = sum(weights.values())
    moved = {**weights, "prospects": prospects + step * total / 100}
    assert abs(fit(moved) - fit(weights)) <= step / 100 + 1e-9


def test_texts_are_cleaned_and_bounded() -> None:
    cleaned = ProfileChecklist(headline_text=" Head\x1b[31m of\tsales ", summary_text="a\r\nb")
    assert (cleaned.headline_text, cleaned.summary_text) == ("Head[31m of sales", "a\nb")
    with pytest.raises(ValueError, match="at most 220 characters"):
        ProfileChecklist(headline_text="x" * 221)
