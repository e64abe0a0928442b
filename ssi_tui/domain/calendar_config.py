"""The calendar bridge's settings: the shipped `data/calendar.toml`, with the user's own
`calendar.toml` (in the config dir, beside `config.toml`) over it, key by key.

Plans out: the time of day (`start`), the reminder (`alarm_minutes`, 0 for none), how long each
kind of action takes (`[minutes]`). Meetings in (`[meetings]`): the words and links that make an
event a call, the size that makes it an event, whether private events are left out, how far
back repeating events are expanded. A bad value or an unknown key in either file is one line
naming the file and the key (`DataFileError`); nothing else changes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator

from ssi_tui.domain.base import DomainModel
from ssi_tui.domain.catalog import describe_validation_error, merge_tables, read_toml
from ssi_tui.domain.errors import DataFileError
from ssi_tui.wording import _

FILE = "calendar.toml"
Minutes = Annotated[int, Field(ge=1, le=24 * 60)]


class MeetingRules(DomainModel):
    """How the events of a calendar become activities."""

    call_words: list[Annotated[str, Field(min_length=1, max_length=80)]] = ["call"]
    call_links: list[Annotated[str, Field(min_length=1, max_length=200)]] = []
    event_attendees: int = Field(default=8, ge=2, le=10_000)
    skip_private: bool = True
    years_back: int = Field(default=10, ge=1, le=50)
    max_occurrences: int = Field(default=4000, ge=1, le=100_000)

    @field_validator("call_links")
    @classmethod
    def _folded(cls, value: list[str]) -> list[str]:
        return [link.casefold() for link in value]


class CalendarConfig(DomainModel):
    """Everything `calendar.toml` says."""

    start: str = "09:00"
    alarm_minutes: int = Field(default=10, ge=0, le=7 * 24 * 60)
    minutes: dict[str, Minutes] = {"default": 15}
    meetings: MeetingRules = MeetingRules()

    @field_validator("start")
    @classmethod
    def _time_of_day(cls, value: str) -> str:
        if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value.strip()):
            raise ValueError(
                _("must be a time of day as HH:MM, e.g. 08:30 (not {value!r})").format(value=value)
            )
        return value.strip()

    def minutes_for(self, kind: str) -> int:
        """How long an action of this kind takes."""
        return self.minutes.get(kind, self.minutes.get("default", 15))


def load_calendar_config(shipped: Path, user: Path | None = None) -> CalendarConfig:
    """The shipped file with the user's over it (when it exists)."""
    data = read_toml(shipped)
    source = str(shipped)
    if user is not None and user.is_file():
        data = merge_tables(data, read_toml(user))
        source = str(user)
    try:
        return CalendarConfig.model_validate(data)
    except ValidationError as error:
        raise DataFileError(f"{source}: {describe_validation_error(error, data)}") from None
