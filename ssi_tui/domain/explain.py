"""Why a score is what it is: the points behind each pillar, by kind and audience, and the
activities that count most (after decay and the daily caps), traced to `data/rules.toml`."""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ssi_tui.domain.catalog import Catalog, Rules
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.profile import ProfileFit
from ssi_tui.domain.scoring import (
    PILLAR_MAX,
    Breakdown,
    Contribution,
    PillarScore,
    contribution_rank,
    fill,
    saturate,
)

TOP = 10


@dataclass(frozen=True, slots=True)
class KindAudience:
    """The activities of one kind for one audience (None: none of the goals) in the window."""

    kind: str
    audience: str | None
    count: int
    raw_points: float
    weighted_points: float
    effort_points: float

    @property
    def alignment(self) -> float | None:
        """Mean alignment: weighted points per point of effort."""
        return self.weighted_points / self.effort_points if self.effort_points > 0 else None


@dataclass(frozen=True, slots=True)
class Part:
    """One step of a pillar's score: what it is made of (`label`), its decayed points (or the
    profile's completeness), its share of the pillar, and the score it adds (the parts add up
    to the pillar's score)."""

    label: str
    points: float
    share: float
    score: float
    on_tags: float = 0.0  # the part of `score` that rests on bare tags alone
    audience: bool = False  # an audience's part (its label is the user's name for it)

    @property
    def on_evidence(self) -> float:
        """The part of `score` that does not rest on bare tags alone."""
        return self.score - self.on_tags

    @property
    def is_profile(self) -> bool:
        """Whether it is the profile's part (its points are a completeness, 0..1)."""
        return not self.audience and self.label == PROFILE

    @property
    def most(self) -> float:
        """The most it can add to the pillar (its share of 25)."""
        return self.share * PILLAR_MAX

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "label": self.label,
            "points": round(self.points, 3),
            "share": round(self.share, 4),
            "score": round(self.score, 4),
            "on_evidence": round(self.on_evidence, 4),
        }


UNTARGETED = "untargeted"
PROFILE = "profile"
ACTIVITY = "activity"


@dataclass(frozen=True, slots=True)
class PillarExplanation:
    """One pillar's score, step by step."""

    pillar: str
    raw: float
    weighted: float
    points_raw: float  # decayed, capped points LinkedIn can see, summed
    points_weighted: float  # the same work counted by the goals
    saturation: float  # K in 25 * (1 - exp(-points / K))
    activity_raw: float  # the activity part of raw: 25 * fill(points_raw, K)
    profile_part: float  # brand only: profile completeness' share, else 0
    rows: list[KindAudience]
    top: list[Contribution]
    raw_parts: list[Part]
    weighted_parts: list[Part]
    audience_scale: float = 1.0  # < 1: the daily caps' bound scaled every audience's part
    fit: ProfileFit | None = None  # brand only: the profile's fit with the goals

    def as_dict(self) -> dict[str, Any]:
        """JSON form (`score --explain --json`)."""
        return {
            "pillar": self.pillar,
            "raw": round(self.raw, 2),
            "weighted": round(self.weighted, 2),
            "points_raw": round(self.points_raw, 3),
            "points_weighted": round(self.points_weighted, 3),
            "saturation": self.saturation,
            "activity_raw": round(self.activity_raw, 2),
            "profile_part": round(self.profile_part, 2),
            "raw_parts": [part.as_dict() for part in self.raw_parts],
            "weighted_parts": [part.as_dict() for part in self.weighted_parts],
            "audience_scale": round(self.audience_scale, 4),
            **({} if self.fit is None else {"profile_fit": fit_json(self.fit)}),
            "by_kind_audience": [
                {
                    "kind": row.kind,
                    "audience": row.audience,
                    "count": row.count,
                    "raw_points": round(row.raw_points, 3),
                    "weighted_points": round(row.weighted_points, 3),
                    "alignment": None if row.alignment is None else round(row.alignment, 3),
                }
                for row in self.rows
            ],
            "top": [
                {
                    "id": item.activity.id,
                    "date": item.activity.date.isoformat(),
                    "kind": item.activity.kind,
                    "audience": item.alignment.audience,
                    "contact": item.activity.contact,
                    "company": item.activity.company,
                    "raw": round(item.raw, 3),
                    "weighted": round(item.weighted, 3),
                    "decay": round(item.decay, 3),
                }
                for item in self.top
            ],
        }


def fit_json(fit: ProfileFit) -> dict[str, Any]:
    """The profile's fit in JSON: its value, whether there was text to judge, and per goal
    audience its share, the words looked for and those the headline or summary names."""
    return {
        "value": round(fit.value, 4),
        "has_text": fit.has_text,
        "audiences": [
            {
                "audience": item.audience,
                "share": round(item.share, 4),
                "sought": list(item.sought),
                "words": list(item.words),
                "value": item.value,
            }
            for item in fit.audiences
        ],
    }


def score_parts(
    score: PillarScore, completeness: float, rules: Rules
) -> tuple[list[Part], list[Part]]:
    """A pillar's raw and weighted scores as parts that add up to them: the activity LinkedIn
    sees (raw); each goal audience, then the untargeted rest (weighted); the profile (brand)."""
    scoring = rules.scoring
    constant = scoring.saturation[score.pillar]
    scale = PILLAR_MAX * (1 - scoring.profile_share if score.pillar == "brand" else 1.0)
    activity_share = scale / PILLAR_MAX
    raw_parts = [
        Part(ACTIVITY, score.raw_points, activity_share, scale * fill(score.raw_points, constant))
    ]
    weighted_parts: list[Part] = []
    parts = score.parts
    if parts is not None:
        tags = dict(zip((name for name, *_ in parts.audiences), parts.on_tags, strict=False))
        weighted_parts = [
            Part(
                name,
                points,
                share * activity_share,
                scale * added,
                scale * tags.get(name, 0.0),
                audience=True,
            )
            for name, share, points, added in sorted(
                parts.audiences, key=lambda part: (-part[1], part[0])
            )
        ]
        weighted_parts.append(
            Part(
                UNTARGETED,
                parts.untargeted_points,
                scoring.untargeted_ceiling * activity_share,
                scale * parts.rest,
            )
        )
    if score.pillar == "brand":
        raw_parts.append(Part(PROFILE, completeness, scoring.profile_share, score.profile_part))
        # Weighted, the profile counts as far as it fits the goals: its points are C × fit.
        fit = score.profile_weighted / score.profile_part if score.profile_part > 0 else 0.0
        weighted_parts.append(
            Part(PROFILE, completeness * fit, scoring.profile_share, score.profile_weighted)
        )
    return raw_parts, weighted_parts


def explain(breakdown: Breakdown, catalog: Catalog, rules: Rules) -> dict[str, PillarExplanation]:
    """Each pillar's explanation: its parts add up to its scores, its rows to its points (to
    rounding); only activities that score (in the window, within the daily caps) are counted."""
    groups: dict[str, dict[tuple[str, str | None], list[Contribution]]] = {
        pillar: defaultdict(list) for pillar in PILLARS
    }
    for item in breakdown.contributions:
        kind = catalog.kinds.get(item.activity.kind)
        if kind is not None and (item.raw > 0 or item.effort > 0):
            groups[kind.pillar][(kind.id, item.alignment.audience)].append(item)
    scoring = rules.scoring
    result: dict[str, PillarExplanation] = {}
    for pillar in PILLARS:
        score = breakdown.pillars[pillar]
        rows = [
            KindAudience(
                kind,
                audience,
                len(items),
                sum(item.raw for item in items),
                sum(item.weighted for item in items),
                sum(item.effort for item in items),
            )
            for (kind, audience), items in groups[pillar].items()
        ]
        rows.sort(
            key=lambda row: (-row.raw_points - row.weighted_points, row.kind, row.audience or "")
        )
        constant = scoring.saturation[pillar]
        activity_raw = saturate(score.raw_points, constant)
        profile_part = 0.0
        if pillar == "brand":
            profile_part = scoring.profile_share * PILLAR_MAX * breakdown.completeness
        every = [item for items in groups[pillar].values() for item in items]
        raw_parts, weighted_parts = score_parts(score, breakdown.completeness, rules)
        result[pillar] = PillarExplanation(
            pillar=pillar,
            raw=score.raw,
            weighted=score.weighted,
            points_raw=score.raw_points,
            points_weighted=score.weighted_points,
            saturation=constant,
            activity_raw=activity_raw,
            profile_part=profile_part,
            rows=rows,
            top=heapq.nsmallest(TOP, every, key=contribution_rank),
            raw_parts=raw_parts,
            weighted_parts=weighted_parts,
            audience_scale=score.parts.scale if score.parts is not None else 1.0,
            fit=breakdown.fit if pillar == "brand" else None,
        )
    return result
