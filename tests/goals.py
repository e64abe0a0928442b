"""The goals the planner, nurture and CLI planner tests share, and their fixed today."""

from __future__ import annotations

from datetime import date

from ssi_tui.domain.models import Goals

TODAY = date(2026, 11, 26)  # a Thursday

GOALS = Goals.model_validate(
    {
        "audiences": {"prospects": 60, "partners": 25, "recruiters": 15},
        "roles": {"prospects": ["head of", "director"], "recruiters": ["recruit", "talent"]},
        "accounts": [
            {"name": "Contoso", "audience": "prospects"},
            {"name": "Fabrikam", "audience": "partners"},
        ],
        "objectives": [
            {"kind": "message_sent", "audience": "prospects", "per_week": 3, "personalised": True}
        ],
    }
)
