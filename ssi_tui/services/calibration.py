"""Calibration on the official readings: fitted, kept in the store's settings with what it was
fitted on, refitted when the readings, the rules or the activities change."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.calibration import MIN_READINGS, Calibration, Sample, calibrate, usable
from ssi_tui.domain.pillars import PILLARS
from ssi_tui.domain.reading_checks import MIN_COVERAGE, window_coverage

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

SETTING = "calibration"  # the fit and its fingerprint
ENABLED = "calibration_enabled"  # False turns calibration off


class CalibrationService:
    """Fit, keep and apply the per-pillar calibration."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._store = workspace.store
        self._memo: tuple[str, Calibration | None] | None = None

    @property
    def enabled(self) -> bool:
        """Whether the calibrated estimate is shown (the `calibration_enabled` setting)."""
        return self._store.settings.get(ENABLED, True) is not False

    def set_enabled(self, enabled: bool) -> None:
        """Turn calibration on or off (kept in the store's settings)."""
        self._store.settings.set(ENABLED, bool(enabled))

    def fingerprint(self) -> str:
        """What a fit depends on: the readings, the rules, the catalog, the profile history and
        the activities dated up to the latest reading (their count and first date)."""
        store = self._store
        readings = [
            [reading.id, reading.date.isoformat(), *(reading.pillar(p) for p in PILLARS)]
            for reading in store.readings.all()
        ]
        parts = {
            "readings": readings,
            "rules": self.workspace.rules.model_dump(mode="json"),
            "catalog": sorted(
                (kind.id, kind.points, kind.pillar)
                for kind in self.workspace.catalog.kinds.values()
            ),
            # Only activity up to the latest reading moves the estimates the fit compares:
            # logging today's work does not refit (unless a reading is dated today).
            "activities": [
                store.activities.count_until(max(r.date for r in store.readings.all()))
                if readings
                else 0,
                str(store.activities.first_date()),
            ],
            "checklist": store.checklist.export_history(),
        }
        text = json.dumps(parts, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def samples(self) -> list[Sample]:
        """Each reading beside our raw estimate on its day (over the rules' window), with how
        much of that window the activity history covers."""
        readings = self._store.readings.all()
        if not readings:
            return []
        totals = self.workspace.history(sorted({reading.date for reading in readings}))
        by_day = {row.as_of: row for row in totals}
        first_day = self._store.activities.first_date()
        rules = self.workspace.rules
        return [
            Sample(
                official={p: reading.pillar(p) for p in PILLARS},
                raw={p: by_day[reading.date].pillars[p].raw for p in PILLARS},
                day=reading.date,
                coverage=window_coverage(reading.date, first_day, rules),
            )
            for reading in readings
        ]

    def fit(self) -> Calibration | None:
        """A fresh fit on the readings whose window the history covers."""
        if len(self._store.readings.all()) < MIN_READINGS:
            return None  # too few to fit: not worth scoring their days
        used, left_out = usable(self.samples(), MIN_COVERAGE)
        return calibrate(used, skipped=[(s.day, s.coverage) for s in left_out if s.day])

    def skipped(self) -> list[tuple[date, float]]:
        """The readings left out of the fit (their window starts before the history)."""
        _, left_out = usable(self.samples(), MIN_COVERAGE)
        return [(sample.day, sample.coverage) for sample in left_out if sample.day]

    def current(self) -> Calibration | None:
        """The calibration for the data as it is: the kept fit when what it was fitted on is
        unchanged, else a fresh one (kept in memory: scoring never writes; `keep` stores it,
        on the save path); None with fewer than 3 readings."""
        fingerprint = self.fingerprint()
        if self._memo is not None and self._memo[0] == fingerprint:
            return self._memo[1]
        kept: Any = self._store.settings.get(SETTING)
        calibration: Calibration | None
        if isinstance(kept, dict) and kept.get("fingerprint") == fingerprint:
            fit = kept.get("fit")
            calibration = Calibration.from_dict(fit) if isinstance(fit, dict) else None
        else:
            calibration = self.fit()
            if calibration is not None:
                # As it is kept (rounded), so that what is shown now is what is shown next time.
                calibration = Calibration.from_dict(calibration.as_dict())
        self._memo = (fingerprint, calibration)
        return calibration

    def keep(self) -> bool:
        """Store the calibration for the data as it is, when the kept one is out of date (a
        write: the app runs it after each save, on its writer thread). Whether it wrote."""
        if self._store.read_only:
            return False
        calibration = self.current()
        assert self._memo is not None
        fingerprint = self._memo[0]
        kept: Any = self._store.settings.get(SETTING)
        if isinstance(kept, dict) and kept.get("fingerprint") == fingerprint:
            return False
        self._store.settings.set(
            SETTING,
            {"fingerprint": fingerprint, "fit": calibration.as_dict() if calibration else None},
        )
        return True

    def applied(self) -> Calibration | None:
        """The calibration when it is on, else None."""
        return self.current() if self.enabled else None
