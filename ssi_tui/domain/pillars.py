"""LinkedIn's four SSI pillars (plain constants, cheap to import)."""

from __future__ import annotations

from typing import Literal

Pillar = Literal["brand", "find", "engage", "relate"]
PILLARS: tuple[Pillar, ...] = ("brand", "find", "engage", "relate")
PILLAR_LABELS: dict[str, str] = {
    "brand": "Professional brand",
    "find": "Find the right people",
    "engage": "Engage with insights",
    "relate": "Build relationships",
}
