"""What the user read on LinkedIn's SSI page: the official scores, as models."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from ssi_tui.domain.base import DomainModel, new_id


class SSIReading(DomainModel):
    """What LinkedIn's SSI page showed on a given day."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=80)
    date: date
    total: float = Field(ge=0, le=100)
    brand: float = Field(ge=0, le=25)
    find: float = Field(ge=0, le=25)
    engage: float = Field(ge=0, le=25)
    relate: float = Field(ge=0, le=25)
    industry_rank: float | None = Field(default=None, ge=0, le=100)
    network_rank: float | None = Field(default=None, ge=0, le=100)
    industry_avg: float | None = Field(default=None, ge=0, le=100)
    network_avg: float | None = Field(default=None, ge=0, le=100)

    def pillar(self, pillar: str) -> float:
        """The official score of one pillar."""
        return float(getattr(self, pillar))
