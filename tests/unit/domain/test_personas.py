"""Five realistic users (tests/unit/domain/personas.py) and the verdict a coach would give."""

from __future__ import annotations

import pytest

from tests.unit.domain import personas


def ids(report) -> list[str]:
    return [flag.id for flag in report.flags]


def test_vanity_user_is_weighted_well_below_raw_and_below_the_seller() -> None:
    vanity = personas.vanity().report().breakdown
    seller = personas.enterprise_seller().report().breakdown
    assert vanity.total_weighted < 0.5 * vanity.total_raw
    assert vanity.total_weighted < seller.total_weighted


def test_vanity_user_gains_almost_nothing_by_tagging_every_reaction() -> None:
    """Score model v1: tagging every reaction "prospects" took the vanity user from 56.6 to 88.5."""
    plain = personas.vanity().report().breakdown.total_weighted
    tagged = personas.vanity(tag="prospects").report().breakdown.total_weighted
    assert tagged - plain < 2.0


@pytest.mark.parametrize("days", [30, 60, 90])
def test_more_spam_never_removes_the_aimless_flag(days: int) -> None:
    report = personas.vanity(days=days).report()
    aimless = [flag for flag in report.flags if flag.id == "aimless_activity"]
    assert {flag.pillar for flag in aimless} >= {"engage", "find"}
    assert all(flag.severity == "alert" for flag in aimless)


def test_seller_scores_high_weighted_and_is_told_linkedin_cannot_see_the_work() -> None:
    report = personas.enterprise_seller().report()
    scores = report.breakdown
    assert scores.total_weighted > scores.total_raw
    assert scores.total_weighted > 40
    assert "invisible_effort" in ids(report)
    assert not [flag for flag in report.flags if flag.severity != "info"]


def test_consultant_gets_no_flags() -> None:
    report = personas.consultant().report()
    assert report.flags == []
    scores = report.breakdown
    assert scores.total_weighted > 0.9 * scores.total_raw
    assert scores.total_weighted > 60


def test_job_seeker_is_told_the_generic_posts_miss_the_recruiters() -> None:
    report = personas.job_seeker().report()
    aimless = {flag.pillar for flag in report.flags if flag.id == "aimless_activity"}
    assert "brand" in aimless
    scores = report.breakdown
    assert scores.total_weighted < 0.5 * scores.total_raw


def test_newcomer_gets_at_most_two_gentle_flags_and_none_claims_90_days() -> None:
    report = personas.newcomer().report()
    assert len(report.flags) <= 2
    for flag in report.flags:
        assert flag.severity == "info"
        assert "90 days" not in flag.message
    for window in (30, 365):
        assert all(
            "days" not in flag.message or "since your first activity" in flag.message
            for flag in personas.newcomer().report(window).flags
        )


def test_ranking_of_the_personas_by_weighted_score() -> None:
    weighted = {
        name: getattr(personas, name)().report().breakdown.total_weighted
        for name in ("consultant", "enterprise_seller", "vanity", "job_seeker", "newcomer")
    }
    assert weighted["consultant"] > weighted["enterprise_seller"] > weighted["vanity"]
    assert weighted["vanity"] > weighted["newcomer"]


def test_the_tagger_is_weighted_well_below_raw_and_told_its_claims_lack_evidence() -> None:
    """Every entry tagged prospects, relevance 5, "personalised": the issue's tagger scored 23.4
    (weighted = raw) and every aimless flag cleared."""
    report = personas.tagger().report()
    scores = report.breakdown
    assert scores.total_weighted < 0.6 * scores.total_raw
    claims = [flag for flag in report.flags if flag.id == "unevidenced_claims"]
    assert claims and all(flag.params["audience"] == "prospects" for flag in claims)
    assert scores.total_weighted_by_evidence < 0.8 * scores.total_weighted
    assert "well aimed" not in " ".join(flag.message for flag in report.flags)


def test_the_evidenced_seller_rests_on_evidence_and_beats_the_tagger() -> None:
    report = personas.evidenced_seller().report()
    scores = report.breakdown
    assert scores.total_weighted_by_evidence >= 0.8 * scores.total_weighted
    assert "unevidenced_claims" not in ids(report)
    tagger = personas.tagger().report().breakdown
    assert scores.total_weighted > 1.3 * tagger.total_weighted
    assert scores.total_raw == pytest.approx(tagger.total_raw)


def test_a_complete_profile_counts_by_whom_its_words_speak_to() -> None:
    """All four have the same complete profile; raw brand counts it alike, weighted brand by
    its fit: the vanity user's "Coffee lover" counts a quarter (half of the partners' share,
    who have no words to look for), the consultant's naming both audiences all of it."""
    parts = {
        make.__name__: make().report().breakdown
        for make in (personas.vanity, personas.consultant, personas.enterprise_seller)
    }
    brand = {name: scores.pillars["brand"] for name, scores in parts.items()}
    assert len({round(score.profile_part, 9) for score in brand.values()}) == 1
    assert brand["vanity"].profile_weighted == pytest.approx(0.25 * brand["vanity"].profile_part)
    assert brand["consultant"].profile_weighted == pytest.approx(brand["consultant"].profile_part)
    assert parts["enterprise_seller"].fit.audiences[0].words == (
        "head of",
        "supply chain",
        "procurement",
    )
