"""LinkedIn's four SSI pillars (plain constants, cheap to import)."""

from __future__ import annotations

from typing import Literal

Pillar = Literal["brand", "find", "engage", "relate"]
PILLARS: tuple[Pillar, ...] = ("brand", "find", "engage", "relate")
