"""The last scores, shown on the first frame while the store opens.

Opening a large store and scoring it takes seconds. The writer keeps the dashboard's report
(today, the rules' window, calibrated) in `cache/last-scores.json` on closing; the next start
reads it before opening the store and shows it at once, until the fresh report replaces it.
When nothing changed since (the same store: store.json's checksum names all it holds, segments
included; the same day) the numbers are exactly the fresh ones (`Preview.exact`); otherwise the
dashboard says they are the scores of that day, updating. Scores computed with other rules, a
catalog or scoring code of another version are never shown; a damaged or foreign file is
ignored.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ssi_tui.domain
from ssi_tui.domain.calibration import Calibration, PillarFit
from ssi_tui.domain.flag_model import Flag, Suggestion
from ssi_tui.domain.totals import Calibrated, Totals
from ssi_tui.paths import package_data_dir
from ssi_tui.store.day_cache import read_cached, store_checksum, write_cached

if TYPE_CHECKING:
    from ssi_tui.domain.report import Report
    from ssi_tui.services.workspace import Workspace

LAST_SCORES_FILE = "last-scores.json"
FORMAT = "ssi-tui-last-scores"
VERSION = 1
USER_RULES_FILE = "rules.toml"  # (as `domain.catalog.USER_RULES_FILE`: this module stays light)
PILLAR_FIELDS = (
    "raw",
    "weighted",
    "alignment",
    "raw_points",
    "weighted_points",
    "effort_points",
    "off_linkedin_points",
    "profile_part",
    "profile_weighted",
    "weighted_by_evidence",
)
READING_FIELDS = ("date", "total", "brand", "find", "engage", "relate")


@cache
def code_digest() -> str:
    """A digest of the domain's code: numbers computed by other code are never reused."""
    folder = Path(ssi_tui.domain.__file__).parent
    contents = [path.read_bytes() for path in sorted(folder.glob("*.py"))]
    return "blake2b-128:" + hashlib.blake2b(b"\0".join(contents), digest_size=16).hexdigest()


def judged_key(rules_dir: Path | None) -> str:
    """What scores are judged with besides the store, as a digest of its sources: the scoring
    code, the shipped catalog and rules, and the user's rules file in `rules_dir` (None: the
    shipped rules only). Read from the files, never parsed: the first frame can afford it."""
    shipped = package_data_dir()
    parts = [code_digest().encode(), (shipped / "catalog.toml").read_bytes()]
    parts.append((shipped / "rules.toml").read_bytes())
    user = Path(rules_dir) / USER_RULES_FILE if rules_dir is not None else None
    parts.append(user.read_bytes() if user is not None and user.is_file() else b"")
    return "blake2b-128:" + hashlib.blake2b(b"\0".join(parts), digest_size=16).hexdigest()


# -- what the dashboard shows of a report, rebuilt without the scoring modules -----------------
@dataclass(frozen=True, slots=True)
class ShownPillar:
    """A pillar's scores as the dashboard shows them (the fields of `scoring.PillarScore`)."""

    pillar: str
    raw: float
    weighted: float
    alignment: float | None
    raw_points: float
    weighted_points: float
    effort_points: float
    off_linkedin_points: float
    profile_part: float
    profile_weighted: float
    weighted_by_evidence: float


@dataclass(frozen=True, slots=True)
class ShownReading:
    """The latest official reading as the dashboard shows it."""

    date: date
    total: float
    brand: float
    find: float
    engage: float
    relate: float


@dataclass(frozen=True, slots=True)
class ShownBreakdown(Totals):
    """The scores as the dashboard shows them (as `scoring.Breakdown`, without the scored
    activities: a pillar's explanation waits for the fresh report)."""

    as_of: date
    window_days: int
    pillars: dict[str, ShownPillar]
    completeness: float
    level: str
    scored: tuple[()] = ()
    contributions: tuple[()] = ()


@dataclass(frozen=True, slots=True)
class ShownReport(Calibrated):
    """A report as the dashboard shows it (as `report.Report`): rebuilt from the last scores."""

    breakdown: ShownBreakdown
    flags: list[Flag] = field(default_factory=list)
    latest_reading: ShownReading | None = None
    calibration: Calibration | None = None


def snapshot(report: Report) -> dict[str, Any]:
    """What the dashboard shows of a report, as JSON."""
    scores = report.breakdown
    calibration = report.calibration
    reading = report.latest_reading
    return {
        "as_of": scores.as_of.isoformat(),
        "window_days": scores.window_days,
        "completeness": scores.completeness,
        "level": scores.level,
        "pillars": {
            pillar: {name: getattr(score, name) for name in PILLAR_FIELDS}
            for pillar, score in scores.pillars.items()
        },
        "flags": [
            {
                "id": flag.id,
                "severity": flag.severity,
                "pillar": flag.pillar,
                "params": flag.params,
                "evidence": flag.evidence,
                "suggestion": None if flag.suggestion is None else asdict(flag.suggestion),
            }
            for flag in report.flags
        ],
        "latest_reading": (
            None
            if reading is None
            else {name: getattr(reading, name) for name in READING_FIELDS}
            | {"date": reading.date.isoformat()}
        ),
        "calibration": (
            None
            if calibration is None
            else {
                "readings": calibration.readings,
                "pillars": {name: asdict(fit) for name, fit in calibration.pillars.items()},
                "loo_error_before": calibration.loo_error_before,
                "loo_error_after": calibration.loo_error_after,
            }
        ),
    }


def rebuilt(data: dict[str, Any]) -> ShownReport:
    """The report a snapshot was made of, as far as the dashboard shows it."""
    pillars = {
        pillar: ShownPillar(pillar=pillar, **{name: values[name] for name in PILLAR_FIELDS})
        for pillar, values in data["pillars"].items()
    }
    flags = [
        Flag(
            id=item["id"],
            severity=item["severity"],
            pillar=item["pillar"],
            params=item["params"],
            evidence=item["evidence"],
            suggestion=None if item["suggestion"] is None else Suggestion(**item["suggestion"]),
        )
        for item in data["flags"]
    ]
    reading, calibration = data["latest_reading"], data["calibration"]
    return ShownReport(
        breakdown=ShownBreakdown(
            as_of=date.fromisoformat(data["as_of"]),
            window_days=int(data["window_days"]),
            pillars=pillars,
            completeness=float(data["completeness"]),
            level=str(data["level"]),
        ),
        flags=flags,
        latest_reading=(
            None
            if reading is None
            else ShownReading(
                date.fromisoformat(reading["date"]),
                *(float(reading[name]) for name in READING_FIELDS[1:]),
            )
        ),
        calibration=(
            None
            if calibration is None
            else Calibration(
                readings=calibration["readings"],
                pillars={name: PillarFit(**fit) for name, fit in calibration["pillars"].items()},
                loo_error_before=calibration["loo_error_before"],
                loo_error_after=calibration["loo_error_after"],
            )
        ),
    )


def keep(workspace: Workspace, saves: int, report: Report) -> bool:
    """Save today's report, computed when the store was at `saves` (nothing is kept if it
    changed since, for a store with no activity, where the first-run guide shows, nor for a
    workspace whose rules' sources are unknown: `Workspace.judged`)."""
    store = workspace.store
    if workspace.judged is None or store.read_only or store.saves != saves:
        return False
    if not store.activities.count():
        return False
    checksum = store_checksum(store.data_dir)
    if checksum is None:
        return False
    document = {
        "format": FORMAT,
        "version": VERSION,
        "store": checksum,
        "today": workspace.today.isoformat(),
        "key": workspace.judged,
        "report": snapshot(report),
    }
    return write_cached(store, LAST_SCORES_FILE, document)


@dataclass(frozen=True, slots=True)
class Preview:
    """The last scores, and whether they are today's for the store as it is (`exact`: the
    numbers the fresh report will show); otherwise they are the last the user saw, as of
    `report.breakdown.as_of`, to be shown as such until the fresh ones come."""

    report: ShownReport
    exact: bool


def preview(data_dir: Path, today: date, rules_dir: Path | None) -> Preview | None:
    """The last scores kept, if they were computed with the same code, catalog and rules
    (`rules_dir`: see `judged_key`); None otherwise, or when the file is unusable. Exact when
    the store and the day are the same too."""
    document = read_cached(Path(data_dir), LAST_SCORES_FILE, FORMAT, VERSION)
    try:
        if document is None or document.get("key") != judged_key(rules_dir):
            return None
        report = rebuilt(document["report"])
    except (OSError, KeyError, TypeError, ValueError, AttributeError):
        return None
    if report.breakdown.as_of > today:
        return None  # kept on a later day (the clock moved back): not the last seen
    checksum = store_checksum(Path(data_dir))
    exact = document.get("today") == today.isoformat() and document.get("store") == checksum
    return Preview(report, exact and checksum is not None)
