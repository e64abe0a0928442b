"""What the planner says: its refusals, and the changes it makes (the undo journal names them)."""

from __future__ import annotations

from datetime import date

from ssi_tui.wording import _, day


def unknown_kind(kind: str, kinds: list[str]) -> str:
    """A plan of a kind the catalog lacks."""
    return _("unknown activity kind {kind}; valid kinds: {kinds}").format(
        kind=repr(kind), kinds=", ".join(kinds)
    )


def plan_added(kind: str, schedule: str) -> str:
    """The change that added a plan."""
    return _("plan added: {kind}, {schedule}").format(kind=kind, schedule=schedule)


def plan_removed(kind: str) -> str:
    """The change that removed a plan."""
    return _("plan removed: {kind}").format(kind=kind)


def invalid_plan_removed(plan_id: str) -> str:
    """The change that removed a plan the store holds broken."""
    return _("invalid plan {id} removed").format(id=plan_id)


def adopted(suggestion: str) -> str:
    """The change that adopted a suggestion as a plan."""
    return _("adopted: {suggestion}").format(suggestion=suggestion)


def not_an_occurrence(when: date, plan_id: str, schedule: str, start: date) -> str:
    """A day the plan does not fall on."""
    return _("{day} is not an occurrence of plan {id} ({schedule} from {start})").format(
        day=day(when), id=plan_id, schedule=schedule, start=day(start)
    )


def already(kind: str, occurrence: date, status: str) -> str:
    """An occurrence done or skipped already."""
    if status == "done":
        text = _("{kind} of {day} is already done: undo it first")
    else:
        text = _("{kind} of {day} is already skipped: undo it first")
    return text.format(kind=kind, day=day(occurrence))


def too_far_ahead(occurrence: date) -> str:
    """An occurrence more than a week ahead, marked."""
    return _("{day} is more than a week ahead").format(day=day(occurrence))


def after_today(done_on: date, today: date) -> str:
    """Done on a day still to come."""
    return _("done on {day}? That is after today ({today})").format(
        day=day(done_on), today=day(today)
    )


def too_early(done_on: date, days: int, occurrence: date) -> str:
    """Done long before the occurrence."""
    return _("done on {day} is more than {days} days before the occurrence of {occurrence}").format(
        day=day(done_on), days=days, occurrence=day(occurrence)
    )


def nothing_open(plan_id: str, kind: str, days: int, upcoming: date | None) -> str:
    """A plan with nothing to mark now."""
    if upcoming is None:
        text = _(
            "plan {id} ({kind}) has nothing open today or in the last {days} days; the plan "
            "has ended"
        )
    else:
        text = _(
            "plan {id} ({kind}) has nothing open today or in the last {days} days; next: {next}"
        )
    return text.format(id=plan_id, kind=kind, days=days, next=day(upcoming) if upcoming else "")


def nothing_to_undo(kind: str, occurrence: date) -> str:
    """An occurrence still open, asked to be reopened."""
    return _("{kind} of {day} is open: nothing to undo").format(kind=kind, day=day(occurrence))


def occurrence(kind_label: str, when: date) -> str:
    """One occurrence of a plan: "Comment of 2026-12-03"."""
    return _("{kind} of {day}").format(kind=kind_label, day=day(when))


def done(what: str, logged_on: date, late: bool) -> str:
    """An occurrence marked done (late: it counts on the day it was logged)."""
    text = _("Done: {what} (logged on {day})").format(what=what, day=day(logged_on))
    if late:
        text += " — " + _("late: it counts today; the streak stays as it was")
    return text


def skipped(what: str) -> str:
    """An occurrence skipped."""
    return _("Skipped: {what}").format(what=what)


def reopened(status: str, what: str) -> str:
    """An occurrence done or skipped, opened again."""
    if status == "done":
        return _("Undone (done): {what} is open again").format(what=what)
    return _("Undone (skipped): {what} is open again").format(what=what)
