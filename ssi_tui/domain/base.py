"""The base of every domain model."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    """Base for every domain model: strict about unknown fields, validated on assignment, and
    no NaN nor infinity in any number (a weight of NaN would silently score nothing)."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        frozen=False,
        allow_inf_nan=False,
        defer_build=True,
    )


def new_id() -> str:
    """A fresh random identifier for a stored record."""
    return uuid.uuid4().hex
