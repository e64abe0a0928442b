"""Official SSI readings: one validation for the app's form and the command line."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.dates import DateParseError, not_future, parse_date
from ssi_tui.domain.models import SSIReading
from ssi_tui.domain.reading_checks import check_reading, total_problem
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.journal import undoable
from ssi_tui.services.undo import Change
from ssi_tui.wording import _, short_number
from ssi_tui.wording import day as day_text
from ssi_tui.wording.review import (
    reading_jump_warning,
    reading_total_refused,
    reading_total_warning,
)

if TYPE_CHECKING:
    from ssi_tui.domain.report import Report
    from ssi_tui.services.workspace import Workspace

# Each number of a reading: its range, and whether it must be given.
READING_FIELDS: dict[str, tuple[float, float, bool]] = {
    "total": (0.0, 100.0, True),
    "brand": (0.0, 25.0, True),
    "find": (0.0, 25.0, True),
    "engage": (0.0, 25.0, True),
    "relate": (0.0, 25.0, True),
    "industry_rank": (0.0, 100.0, False),
    "network_rank": (0.0, 100.0, False),
    "industry_avg": (0.0, 100.0, False),
    "network_avg": (0.0, 100.0, False),
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: object) -> float:
    """A typed or given number ("62", "62,5", 62.5); `ValueError` when it is not a finite one."""
    number = (
        float(str(value).strip().replace(",", "."))
        if isinstance(value, str)
        else float(
            value  # type: ignore[arg-type]
        )
    )
    if not math.isfinite(number):
        raise ValueError(value)
    return number


class DuplicateReading(InputError):
    """A reading for a day that has one: `existing` is that one (replace it, or change the
    date)."""

    def __init__(self, existing: SSIReading) -> None:
        super().__init__(
            _(
                "{day} has a reading already (total {total}): one a day; replace it, or give "
                "another date"
            ).format(day=day_text(existing.date), total=short_number(existing.total)),
            "date",
        )
        self.existing = existing


class ReadingService:
    """Add, list and delete official readings."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._store = workspace.store

    def all(self) -> list[SSIReading]:
        """Every reading, oldest first."""
        return self._store.readings.all()

    def with_estimates(self) -> list[tuple[SSIReading, Report]]:
        """Each reading with our raw and weighted estimate as of its date."""
        return [(reading, self.workspace.report(reading.date)) for reading in self.all()]

    def _day(self, value: object) -> date:
        today = self.workspace.today
        if _blank(value):
            return today
        try:
            day = value if isinstance(value, date) else parse_date(str(value), today)
        except DateParseError as error:
            raise InputError(str(error), "date") from None
        try:
            return not_future(day, today)
        except DateParseError as error:
            raise InputError(
                _("{why}: a reading is what you saw").format(why=error), "date"
            ) from None

    def problems(self, values: Mapping[str, Any]) -> dict[str, str]:
        """Every problem with a reading's values at once: field → message ("" for the reading
        as a whole). Values are text (a form) or numbers (the command line); the date may be
        text read with the shared parser, or a date; no date is today."""
        errors: dict[str, str] = {}
        data: dict[str, Any] = {}
        try:
            data["date"] = self._day(values.get("date"))
        except InputError as error:
            errors["date"] = str(error)
        for name, (low, high, required) in READING_FIELDS.items():
            value = values.get(name)
            if _blank(value):
                if required:
                    errors[name] = _("required")
                continue
            try:
                number = _number(value)
            except (TypeError, ValueError):
                errors[name] = _("not a number: {value}").format(value=repr(str(value).strip()))
                continue
            if not low <= number <= high:
                errors[name] = _("must be {low}-{high}, got {value}").format(
                    low=short_number(low), high=short_number(high), value=short_number(number)
                )
                continue
            data[name] = number
        if not errors:
            try:
                SSIReading.model_validate(data)
            except ValidationError as error:
                errors[""] = describe_validation_error(error, data)
        return errors

    def check(self, values: Mapping[str, Any]) -> SSIReading:
        """The reading the values describe, checked once: every bad field at once
        (`FieldErrors`, whose message is the first one)."""
        errors = self.problems(values)
        if errors:
            raise FieldErrors(errors)
        data: dict[str, Any] = {"date": self._day(values.get("date"))}
        for name in READING_FIELDS:
            if not _blank(values.get(name)):
                data[name] = _number(values[name])
        reading = SSIReading.model_validate(data)
        pillar_sum = total_problem(reading)
        if pillar_sum is not None:
            raise FieldErrors({"total": reading_total_refused(reading.total, pillar_sum)})
        return reading

    def on(self, day: date) -> SSIReading | None:
        """The reading of a day (there is one at most)."""
        return next((reading for reading in self.all() if reading.date == day), None)

    def _one_per_day(self, reading: SSIReading, replace: bool) -> SSIReading | None:
        """The reading of `reading`'s day it would replace (another one); refused (unless
        `replace`) with `DuplicateReading`."""
        same = self.on(reading.date)
        if same is None or same.id == reading.id:
            return None
        if not replace:
            raise DuplicateReading(same)
        return same

    def add(self, values: Mapping[str, Any] | SSIReading, *, replace: bool = False) -> SSIReading:
        """Store a reading (its values are checked here, unless it is one already checked);
        one a day: the day's other reading is refused (`DuplicateReading`) unless `replace`,
        which puts this one in its place. A doubtful one is kept: see `warnings`."""
        reading = values if isinstance(values, SSIReading) else self.check(values)
        replaced = self._one_per_day(reading, replace)
        if replaced is not None:
            reading = reading.model_copy(update={"id": replaced.id})
        return self._store.readings.add(reading)

    def warnings(self, reading: SSIReading) -> list[str]:
        """Why a reading looks doubtful, one sentence each: a total that is not the sum of
        its pillars (± 1), or a move of more than 5 points a day since the previous one."""
        sentences = []
        for warning in check_reading(reading, self.all()):
            if warning.kind == "total":
                sentences.append(reading_total_warning(reading.total, warning.pillar_sum))
            elif warning.previous is not None:
                sentences.append(
                    reading_jump_warning(
                        warning.difference, warning.previous.isoformat(), warning.days
                    )
                )
        return sentences

    def delete(self, reading_id: str) -> SSIReading:
        """Delete a reading; it is returned."""
        return self._store.readings.delete(reading_id)

    @undoable
    def add_undoably(
        self, values: Mapping[str, Any] | SSIReading, *, replace: bool = False
    ) -> Change[tuple[SSIReading, list[str]]]:
        """`add` with the reading's warnings, undoably (an undo deletes it again, or puts back
        the one it replaced)."""
        new = values if isinstance(values, SSIReading) else self.check(values)
        before = self.on(new.date) if replace else None
        reading = self.add(new, replace=replace)
        when, total = day_text(reading.date), short_number(reading.total)
        if before is not None:
            return Change(
                (reading, self.warnings(reading)),
                _("reading of {day} replaced: {old} → {new}").format(
                    day=when, old=short_number(before.total), new=total
                ),
            )
        what = _("reading of {day} added: {total}").format(day=when, total=total)
        return Change((reading, self.warnings(reading)), what)

    def edit(self, original: SSIReading, values: Mapping[str, Any] | SSIReading) -> SSIReading:
        """Store a checked edit of a reading (its id kept); a day another reading has is
        refused (`DuplicateReading`)."""
        edited = values if isinstance(values, SSIReading) else self.check(values)
        edited = edited.model_copy(update={"id": original.id})
        self._one_per_day(edited, replace=False)
        return self._store.readings.update(edited)

    @undoable
    def edit_undoably(
        self, original: SSIReading, values: Mapping[str, Any] | SSIReading
    ) -> Change[tuple[SSIReading, list[str]]]:
        """`edit`, undoably."""
        edited = self.edit(original, values)
        return Change(
            (edited, self.warnings(edited)),
            _("reading of {day} edited: {total}").format(
                day=day_text(original.date), total=short_number(edited.total)
            ),
        )

    @undoable
    def delete_undoably(self, reading_id: str) -> Change[SSIReading]:
        """`delete`, undoably."""
        reading = self.delete(reading_id)
        return Change(reading, _("reading of {day} deleted").format(day=day_text(reading.date)))
