"""The checks (the two neglect checks are in `flag_neglect`): where raw activity and the user's goals disagree (thresholds in
`data/rules.toml`, wording in `ssi_tui.wording.flags`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from ssi_tui.domain.catalog import Catalog, Rules
from ssi_tui.domain.flag_model import Flag, Severity, Suggestion, top_audience
from ssi_tui.domain.models import PILLARS, Goals, SSIReading
from ssi_tui.domain.review import compare_reading
from ssi_tui.domain.scoring import Breakdown, PillarScore
from ssi_tui.domain.tally import tally_of
from ssi_tui.wording import flags as wording

# The activity that best moves a pillar towards a chosen audience, for suggested plans.
_PILLAR_ACTION_KIND = {
    "brand": "post",
    "find": "lead_saved",
    "engage": "comment",
    "relate": "follow_up",
}


def _known(goals: Goals) -> frozenset[str]:
    return frozenset(audience.name for audience in goals.audiences)


def aimless_activity(report: Breakdown, goals: Goals, rules: Rules) -> list[Flag]:
    """Pillars whose activity mostly does not serve the goals, judged on the alignment of its
    points (weighted points / effort), whatever the volume."""
    limits = rules.flags.aimless_activity
    target = top_audience(goals)
    tiers = tally_of(report, _known(goals)).tier_effort
    flags: list[Flag] = []
    for pillar in PILLARS:
        score = report.pillars[pillar]
        aligned = score.alignment
        if score.effort_points < limits["min_points"] or aligned is None:
            continue
        if aligned >= limits["max_alignment"]:
            continue
        severity: Severity = "alert" if aligned < limits["alert_alignment"] else "warn"
        effort = tiers[pillar]
        total = sum(effort.values()) or 1.0
        untargeted, tagged = effort["none"] / total, effort["tagged"] / total
        params = {
            "pillar": pillar,
            "target": target,
            "alignment": aligned,
            "raw": score.raw,
            "weighted": score.weighted,
            "untargeted": untargeted,
            "tagged": tagged,
            "variant": "untargeted" if untargeted >= tagged else "tagged",
        }
        flags.append(
            Flag(
                id="aimless_activity",
                severity=severity,
                pillar=pillar,
                params=params,
                evidence={
                    "raw": round(score.raw, 1),
                    "weighted": round(score.weighted, 1),
                    "ratio": round(score.weighted / score.raw, 2) if score.raw else 0.0,
                    "alignment": round(aligned, 2),
                    "untargeted_share": round(untargeted, 2),
                    "tagged_share": round(tagged, 2),
                    "aimed_share": round(effort["aimed"] / total, 2),
                },
                suggestion=Suggestion(
                    kind=_PILLAR_ACTION_KIND[pillar],
                    audience=target,
                    note=wording.note("aimless_activity", params),
                ),
            )
        )
    return flags


def unevidenced_claims(report: Breakdown, rules: Rules) -> list[Flag]:
    """Pillars whose weighted score rests largely on bare audience tags: the user's word, with
    no account, role, topic or contact behind it."""
    limits = rules.flags.unevidenced_claims
    flags: list[Flag] = []
    for pillar in PILLARS:
        score = report.pillars[pillar]
        parts = score.parts
        on_tags = score.on_tags
        if parts is None or score.weighted <= 0 or on_tags < limits["min_points"]:
            continue
        share = on_tags / score.weighted
        if share < limits["min_share"]:
            continue
        tags = zip((name for name, *_ in parts.audiences), parts.on_tags, strict=False)
        audience = max(tags, key=lambda item: (item[1], item[0]))[0]
        params = {
            "pillar": pillar,
            "audience": audience,
            "share": share,
            "on_tags": on_tags,
            "weighted": score.weighted,
        }
        flags.append(
            Flag(
                id="unevidenced_claims",
                severity="alert" if share > limits["alert_share"] else "warn",
                pillar=pillar,
                params=params,
                evidence={
                    "weighted": round(score.weighted, 1),
                    "weighted_by_evidence": round(score.weighted_by_evidence, 1),
                    "on_tags": round(on_tags, 1),
                    "share": round(share, 2),
                    "audience": audience,
                },
            )
        )
    return flags


def audience_drift(report: Breakdown, goals: Goals, rules: Rules) -> list[Flag]:
    """The mix of effort across audiences is far from the mix of goal weights."""
    limits = rules.flags.audience_drift
    if goals.total_weight <= 0 or sum(1 for item in goals.audiences if item.weight > 0) < 2:
        return []
    tally = tally_of(report, _known(goals))
    effort, count = tally.audience_effort, tally.targeted
    total = sum(effort.values())
    if count < limits["min_activities"] or total <= 0:
        return []
    gaps = {
        audience.name: effort.get(audience.name, 0.0) / total - goals.share(audience.name)
        for audience in goals.audiences
    }
    over = max(gaps, key=lambda name: (gaps[name], name))
    under = min(gaps, key=lambda name: (gaps[name], name))
    worst = max(abs(gaps[over]), abs(gaps[under]))
    if worst <= limits["max_gap"]:
        return []
    severity: Severity = "alert" if worst > limits["alert_gap"] else "warn"
    effort_share = {name: round(effort.get(name, 0.0) / total, 2) for name in gaps}
    goal_share = {name: round(goals.share(name), 2) for name in gaps}
    params = {
        "over": over,
        "under": under,
        "over_effort": effort_share[over],
        "over_goal": goal_share[over],
        "under_effort": effort_share[under],
        "under_goal": goal_share[under],
    }
    return [
        Flag(
            id="audience_drift",
            severity=severity,
            pillar=None,
            params=params,
            evidence={
                "effort_share": effort_share,
                "goal_share": goal_share,
                "targeted_activities": count,
            },
            suggestion=Suggestion(
                kind="message_sent", audience=under, note=wording.note("audience_drift", params)
            ),
        )
    ]


def invisible_effort(report: Breakdown, goals: Goals, rules: Rules) -> list[Flag]:
    """A large share of aligned work happens where LinkedIn cannot see it."""
    limits = rules.flags.invisible_effort
    weighted = sum(score.weighted_points for score in report.pillars.values())
    off = sum(score.off_linkedin_points for score in report.pillars.values())
    if weighted < limits["min_weighted_points"] or off / weighted < limits["min_share"]:
        return []
    share = off / weighted
    by_pillar = {
        pillar: round(score.off_linkedin_points, 1) for pillar, score in report.pillars.items()
    }
    pillar = max(by_pillar, key=lambda name: (by_pillar[name], name))
    return [
        Flag(
            id="invisible_effort",
            severity="info",
            pillar=pillar,
            params={"share": share},
            evidence={"off_linkedin_share": round(share, 2), "off_linkedin_points": by_pillar},
            suggestion=Suggestion(
                kind="post",
                audience=top_audience(goals),
                note=wording.note("invisible_effort", {}),
            ),
        )
    ]


def low_reply_rate(report: Breakdown, goals: Goals, rules: Rules) -> list[Flag]:
    """Many messages sent, few replies."""
    limits = rules.flags.low_reply_rate
    tally = tally_of(report, _known(goals))
    sent = tally.kinds["message_sent"]
    received = tally.replies  # from someone messaged in the window, or naming no one
    if sent < limits["min_sent"]:
        return []
    rate = min(1.0, received / sent)
    if rate >= limits["min_rate"]:
        return []
    return [
        Flag(
            id="low_reply_rate",
            severity="alert" if rate < limits["alert_rate"] else "warn",
            pillar="engage",
            params={"sent": sent, "received": received, "rate": rate},
            evidence={"sent": sent, "received": received, "reply_rate": round(rate, 2)},
            suggestion=Suggestion(
                kind="message_sent",
                audience=top_audience(goals),
                note=wording.note("low_reply_rate", {}),
            ),
        )
    ]


def generic_outreach(report: Breakdown, goals: Goals, catalog: Catalog, rules: Rules) -> list[Flag]:
    """Outreach that is rarely personalised."""
    limits = rules.flags.generic_outreach
    tally = tally_of(report, _known(goals))  # outreach: aimed at a person, not a broadcast
    outreach, personalised = tally.outreach, tally.personalised
    if outreach < limits["min_outreach"]:
        return []
    share = personalised / outreach
    if share >= limits["min_personalised"]:
        return []
    kinds = tally.generic_kinds
    worst_kind = max(kinds, key=lambda kind: (kinds[kind], kind))
    return [
        Flag(
            id="generic_outreach",
            severity="alert" if share < limits["alert_personalised"] else "warn",
            pillar=catalog.kind(worst_kind).pillar,
            params={
                "personalised": personalised,
                "outreach": outreach,
                "share": share,
                "kind": worst_kind,
                "kind_label": catalog.kind(worst_kind).label,
            },
            evidence={
                "outreach": outreach,
                "personalised": personalised,
                "share": round(share, 2),
                "most_generic_kind": worst_kind,
            },
            suggestion=Suggestion(
                kind=worst_kind,
                audience=top_audience(goals),
                note=wording.note("generic_outreach", {}),
            ),
        )
    ]


# Our pillar scores as of a date over the rules' own window: what official_gap compares with.
EstimateAt = Callable[[date], Mapping[str, PillarScore]]


def official_gap(
    report: Breakdown,
    goals: Goals,
    rules: Rules,
    readings: Sequence[SSIReading],
    estimate_at: EstimateAt | None = None,
) -> list[Flag]:
    """LinkedIn's official SSI is well above the goal-weighted score. Compared on the reading's
    own date over the rules' window (not the window being viewed), the gap splits in two: the
    estimate's error (official − our raw estimate: activity we do not see) and the aim gap
    (raw − weighted: activity that does not serve the goals). Only the latter blames the goals."""
    limits = rules.flags.official_gap
    recent = [
        reading
        for reading in readings
        if 0 <= (report.as_of - reading.date).days <= limits["max_age_days"]
    ]
    if not recent:
        return []
    latest = max(recent, key=lambda reading: (reading.date, reading.id))
    scores = estimate_at(latest.date) if estimate_at is not None else report.pillars
    raw = sum(scores[pillar].raw for pillar in PILLARS)
    weighted = sum(scores[pillar].weighted for pillar in PILLARS)
    gap = latest.total - weighted
    if gap < limits["min_gap"]:
        return []
    estimate_error = latest.total - raw
    aim_gap = raw - weighted
    comparison = compare_reading(latest, scores, latest.date)
    aim_by_pillar = {pillar: scores[pillar].raw - scores[pillar].weighted for pillar in PILLARS}
    error_by_pillar = {
        item.pillar: round(-item.raw_minus_official, 1) for item in comparison.pillars
    }
    evidence = {
        "official_total": latest.total,
        "official_date": latest.date.isoformat(),
        "weighted_total": round(weighted, 1),
        "raw_total": round(raw, 1),
        "estimate_error": round(estimate_error, 1),
        "aim_gap": round(aim_gap, 1),
        "official_minus_raw": error_by_pillar,
        "raw_minus_weighted": {name: round(value, 1) for name, value in aim_by_pillar.items()},
        "official_minus_weighted": {
            pillar: round(latest.pillar(pillar) - scores[pillar].weighted, 1) for pillar in PILLARS
        },
        "comparison": comparison.summary(),
    }
    params = {
        "official_total": latest.total,
        "official_date": latest.date.isoformat(),
        "window_days": rules.scoring.window_days,  # the reading's window, not the one viewed
        "weighted": weighted,
        "raw": raw,
        "aim_gap": aim_gap,
        "estimate_error": estimate_error,
    }
    if aim_gap >= limits["min_aim_gap"]:
        pillar = max(aim_by_pillar, key=lambda name: (aim_by_pillar[name], name))
        return [
            Flag(
                id="official_gap",
                severity="alert" if aim_gap >= limits["alert_gap"] else "warn",
                pillar=pillar,
                params={**params, "variant": "aim", "pillar": pillar},
                evidence=evidence,
                suggestion=Suggestion(
                    kind=_PILLAR_ACTION_KIND[pillar], audience=top_audience(goals)
                ),
            )
        ]
    pillar = max(error_by_pillar, key=lambda name: (error_by_pillar[name], name))
    return [
        Flag(
            id="official_gap",
            severity="info",
            pillar=pillar,
            params={**params, "variant": "unseen", "pillar": pillar},
            evidence=evidence,
            suggestion=None,
        )
    ]
