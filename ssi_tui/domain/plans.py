"""Planned recurring actions (plans) and what happened to their occurrences (skips)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from ssi_tui.domain.models import (
    AudienceName,
    DomainModel,
    KindId,
    Note,
    OptionalLine,
    new_id,
)
from ssi_tui.domain.recurrence import Recurrence, RuleError, check_recurrence
from ssi_tui.wording import _


class Plan(DomainModel):
    """A recurring action: what to do, for whom, and when (an RFC 5545 RRULE from `start`)."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=80)
    kind: KindId
    audience: AudienceName | None = None
    contact: OptionalLine = None
    company: OptionalLine = None
    personalised: bool = False
    rule: str = Field(min_length=1, max_length=500)
    start: date
    until: date | None = None
    count: int | None = Field(default=None, ge=1, le=10_000)
    note: Note = ""

    @field_validator("rule")
    @classmethod
    def _rule_body(cls, value: str) -> str:
        rule = value.strip().upper()
        if not rule.startswith("FREQ="):
            raise ValueError(
                _("rule {value!r} must be an RRULE body starting with FREQ=").format(value=value)
            )
        if any(part.split("=")[0] in ("UNTIL", "COUNT") for part in rule.split(";")):
            raise ValueError(_("put the end in until / count, not in the rule"))
        return rule

    @model_validator(mode="after")
    def _valid_recurrence(self) -> Plan:
        try:
            check_recurrence(self.recurrence, self.start)
        except RuleError as error:
            raise ValueError(str(error)) from None
        return self

    @property
    def recurrence(self) -> Recurrence:
        """The rule and its end."""
        return Recurrence(self.rule, self.until, self.count)

    def ended(self, as_of: date) -> bool:
        """Whether the plan's end date has passed."""
        return self.until is not None and self.until < as_of

    @property
    def short_id(self) -> str:
        """The id as shown: random ids cut to 8 characters (enough to name a plan)."""
        return self.id if len(self.id) <= 12 else self.id[:8]

    @property
    def who(self) -> str:
        """Contact and/or company, for display."""
        if self.contact and self.company:
            return f"{self.contact} ({self.company})"
        return self.contact or self.company or ""


class PlanEvent(DomainModel):
    """Something decided about one occurrence of a plan (so far: skipped)."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=80)
    plan_id: str = Field(min_length=1, max_length=80)
    occurrence: date
    status: Literal["skipped"] = "skipped"
