"""The profile checklist and its history (what LinkedIn's brand pillar looks at)."""

from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator

from ssi_tui.domain.base import DomainModel
from ssi_tui.domain.text import clean_text
from ssi_tui.wording import _

# LinkedIn's own limits: a headline of 220 characters, an About section of 2,600.
HEADLINE_LIMIT = 220
SUMMARY_LIMIT = 2600


class ProfileChecklist(DomainModel):
    """The profile facts LinkedIn's brand pillar looks at; completeness is computed from rules."""

    photo: bool = False
    headline: bool = False
    summary: bool = False
    experience: bool = False
    industry: bool = False
    location: bool = False
    skills: int = Field(default=0, ge=0, le=10_000)
    recommendations: int = Field(default=0, ge=0, le=10_000)
    featured: bool = False
    custom_url: bool = False
    # The words themselves, for the profile's fit with the goals (what the weighted brand
    # pillar reads): from Profile.csv on import, or typed on the Goals screen.
    headline_text: str = ""
    summary_text: str = ""

    @field_validator("headline_text")
    @classmethod
    def _headline(cls, value: str) -> str:
        cleaned = clean_text(value)
        if len(cleaned) > HEADLINE_LIMIT:
            raise ValueError(
                _("a headline is at most {most} characters, as on LinkedIn").format(
                    most=HEADLINE_LIMIT
                )
            )
        return cleaned

    @field_validator("summary_text")
    @classmethod
    def _summary(cls, value: str) -> str:
        cleaned = clean_text(value, multiline=True)
        if len(cleaned) > SUMMARY_LIMIT:
            raise ValueError(
                _("a summary (About) is at most {most} characters, as on LinkedIn").format(
                    most=SUMMARY_LIMIT
                )
            )
        return cleaned


class DatedChecklist(DomainModel):
    """The profile checklist as it was from a day on."""

    since: date
    checklist: ProfileChecklist


class ProfileHistory(DomainModel):
    """Every state of the profile checklist with the day it was recorded, oldest first: a score
    as of a date uses the checklist in force that day (none before the first one)."""

    entries: list[DatedChecklist] = Field(default_factory=list)

    @field_validator("entries")
    @classmethod
    def _ordered(cls, value: list[DatedChecklist]) -> list[DatedChecklist]:
        by_day = {entry.since: entry for entry in value}  # the last one of a day wins
        return [by_day[day] for day in sorted(by_day)]

    def at(self, day: date) -> ProfileChecklist | None:
        """The checklist in force on a day (None before the first one)."""
        found: ProfileChecklist | None = None
        for entry in self.entries:
            if entry.since > day:
                break
            found = entry.checklist
        return found

    @property
    def current(self) -> ProfileChecklist:
        """The latest checklist (an empty one when none was ever recorded)."""
        return self.entries[-1].checklist if self.entries else ProfileChecklist()

    def changed(self, day: date, checklist: ProfileChecklist) -> ProfileHistory:
        """A copy with `checklist` in force from `day` (replacing one recorded that day; a
        change dated before later entries goes in date order)."""
        kept = [entry for entry in self.entries if entry.since != day]
        return ProfileHistory(entries=[*kept, DatedChecklist(since=day, checklist=checklist)])
