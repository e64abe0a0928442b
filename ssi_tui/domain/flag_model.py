"""The mismatch flags' shape: id, severity, pillar, parameters, evidence, a suggested plan.

The checks that raise them are in `flag_checks`; `flags.compute_flags` runs them all. Each
flag is worded by `ssi_tui.wording.flags` from its id and parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from ssi_tui.wording import flags as wording

if TYPE_CHECKING:
    from ssi_tui.domain.models import Goals

Severity = Literal["info", "warn", "alert"]
SEVERITY_RANK: dict[str, int] = {"alert": 0, "warn": 1, "info": 2}
FLAG_IDS = (
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
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A recurring plan that would answer a flag (adopted by the planner)."""

    kind: str
    rule: str = "weekly"
    audience: str | None = None
    company: str | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return {
            "kind": self.kind,
            "rule": self.rule,
            "audience": self.audience,
            "company": self.company,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Flag:
    """One mismatch between activity and goals."""

    id: str
    severity: Severity
    pillar: str | None
    params: dict[str, Any] = field(default_factory=dict)  # what the wording is built from
    evidence: dict[str, Any] = field(default_factory=dict)
    suggestion: Suggestion | None = None

    @property
    def message(self) -> str:
        """What the flag says (`ssi_tui.wording.flags.message`)."""
        return wording.message(self)

    @property
    def action(self) -> str:
        """What to do about it (`ssi_tui.wording.flags.action`)."""
        return wording.action(self)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ssi-tui score --json`."""
        return {
            "id": self.id,
            "severity": self.severity,
            "pillar": self.pillar,
            "message": self.message,
            "evidence": self.evidence,
            "action": self.action,
            "suggestion": self.suggestion.as_dict() if self.suggestion else None,
        }


@dataclass(frozen=True, slots=True)
class History:
    """How much history the store holds as of the report's date: its first activity."""

    first: date | None
    as_of: date

    @property
    def days(self) -> int:
        """Days of history, the first activity's day and the as-of date included (0: none)."""
        if self.first is None or self.first > self.as_of:
            return 0
        return (self.as_of - self.first).days + 1

    def span(self, window_days: int) -> dict[str, Any]:
        """The span we can judge, for the wording: the window, or the history when shorter
        (`span` is "window", "history" or "none")."""
        if self.first is None or self.first > self.as_of:
            return {"span": "none"}
        if self.days < window_days:
            return {"span": "history", "first": self.first.isoformat()}
        return {"span": "window", "window_days": window_days}


def top_audience(goals: Goals) -> str | None:
    """The audience with the largest weight (the main one), if any weighs anything."""
    ranked = sorted(goals.audiences, key=lambda item: (-item.weight, item.name))
    return ranked[0].name if ranked and ranked[0].weight > 0 else None
