"""Weekly history with the official reading of each week, and official SSI vs our estimate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from ssi_tui.domain.models import PILLARS, SSIReading
from ssi_tui.domain.scoring import PillarTotals
from ssi_tui.wording import review as wording


class Scores(Protocol):
    """Anything with a raw and a goal-weighted pillar score (a `PillarScore`)."""

    @property
    def raw(self) -> float:
        """Raw score out of 25."""
        ...

    @property
    def weighted(self) -> float:
        """Goal-weighted score out of 25."""
        ...


def reading_json(reading: SSIReading) -> dict[str, Any]:
    """A reading as plain JSON (what `readings --json` and history rows show)."""
    return reading.model_dump(mode="json")


def week_of(week_end: date) -> tuple[date, date]:
    """The Monday and the Sunday of the week ending on `week_end`."""
    return week_end - timedelta(days=6), week_end


def official_of_week(readings: Iterable[SSIReading], week_end: date) -> SSIReading | None:
    """The latest reading dated within the Monday-Sunday week ending on `week_end`, if any."""
    start, end = week_of(week_end)
    within = [reading for reading in readings if start <= reading.date <= end]
    return max(within, key=lambda reading: (reading.date, reading.id)) if within else None


@dataclass(frozen=True, slots=True)
class WeekRow:
    """One week of history: our scores as of its Sunday and LinkedIn's reading of that week."""

    totals: PillarTotals
    official: SSIReading | None

    @property
    def week_end(self) -> date:
        """The Sunday the scores are computed as of."""
        return self.totals.as_of

    @property
    def raw(self) -> float:
        """Raw total out of 100."""
        return self.totals.raw

    @property
    def weighted(self) -> float:
        """Goal-weighted total out of 100."""
        return self.totals.weighted

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of one `ssi-tui history --json` entry (rounded like `score --json`)."""
        return {
            "week_end": self.week_end.isoformat(),
            "raw": round(self.raw, 2),
            "weighted": round(self.weighted, 2),
            "pillars": {
                pillar: {
                    "raw": round(self.totals.pillars[pillar].raw, 2),
                    "weighted": round(self.totals.pillars[pillar].weighted, 2),
                }
                for pillar in PILLARS
            },
            "official": reading_json(self.official) if self.official is not None else None,
        }


def weekly_rows(totals: Sequence[PillarTotals], readings: Sequence[SSIReading]) -> list[WeekRow]:
    """History rows, oldest first, each with the official reading of its week (if any)."""
    ordered = sorted(readings, key=lambda reading: (reading.date, reading.id))
    return [
        WeekRow(totals=item, official=official_of_week(ordered, item.as_of))
        for item in sorted(totals, key=lambda item: item.as_of)
    ]


@dataclass(frozen=True, slots=True)
class PillarComparison:
    """LinkedIn's score of one pillar beside our raw and goal-weighted estimate."""

    pillar: str
    official: float
    raw: float
    weighted: float

    @property
    def raw_minus_official(self) -> float:
        """How far our raw estimate is above (positive) or below LinkedIn's."""
        return self.raw - self.official

    def sentence(self) -> str:
        """E.g. "our raw estimate is 4 points above LinkedIn on engage" (worded by
        `ssi_tui.wording.review`)."""
        return wording.pillar_sentence(self.pillar, self.raw_minus_official)


@dataclass(frozen=True, slots=True)
class OfficialComparison:
    """The latest official reading against our estimate, pillar by pillar."""

    reading: SSIReading
    as_of: date
    pillars: tuple[PillarComparison, ...]

    @property
    def raw_total(self) -> float:
        """Our raw total out of 100."""
        return sum(item.raw for item in self.pillars)

    @property
    def weighted_total(self) -> float:
        """Our goal-weighted total out of 100."""
        return sum(item.weighted for item in self.pillars)

    def sentences(self) -> list[str]:
        """One sentence per pillar, in pillar order."""
        return [item.sentence() for item in self.pillars]

    def summary(self) -> str:
        """The per-pillar sentences joined into one line, capitalised."""
        return wording.summary(self.sentences())

    def as_dict(self) -> dict[str, Any]:
        """JSON shape (used by `readings --json`)."""
        return {
            "reading": reading_json(self.reading),
            "estimate_as_of": self.as_of.isoformat(),
            "raw_total": round(self.raw_total, 2),
            "weighted_total": round(self.weighted_total, 2),
            "pillars": {
                item.pillar: {
                    "official": item.official,
                    "raw": round(item.raw, 2),
                    "weighted": round(item.weighted, 2),
                    "raw_minus_official": round(item.raw_minus_official, 2),
                    "sentence": item.sentence(),
                }
                for item in self.pillars
            },
        }


def compare_reading(
    reading: SSIReading, scores: Mapping[str, Scores], as_of: date
) -> OfficialComparison:
    """Compare a reading with our pillar scores (computed as of `as_of`)."""
    return OfficialComparison(
        reading=reading,
        as_of=as_of,
        pillars=tuple(
            PillarComparison(
                pillar=pillar,
                official=reading.pillar(pillar),
                raw=scores[pillar].raw,
                weighted=scores[pillar].weighted,
            )
            for pillar in PILLARS
        ),
    )


def latest_reading(readings: Iterable[SSIReading], on_or_before: date) -> SSIReading | None:
    """The most recent reading dated on or before a day."""
    past = [reading for reading in readings if reading.date <= on_or_before]
    return max(past, key=lambda reading: (reading.date, reading.id)) if past else None
