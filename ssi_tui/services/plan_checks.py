"""What a user types about plans, checked: a plan in a form (every bad field at once, then the
plan itself), a plan id or its prefix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ssi_tui.domain.dates import DateParseError, parse_date
from ssi_tui.domain.recurrence import RuleError, parse_rule, require_occurrence
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.fields import with_kind_id
from ssi_tui.wording import _, pgettext

if TYPE_CHECKING:
    from ssi_tui.domain.models import Goals
    from ssi_tui.domain.plans import Plan
    from ssi_tui.services.planner import Planner

COUNT_LIMIT = 10_000
MIN_ID_PREFIX = 4  # the shortest prefix of a plan id that names it


def field_problems(planner: Planner, values: Mapping[str, Any]) -> dict[str, str]:
    """Each field's own problem (kind, repeat, dates, count), as typed."""
    workspace = planner.workspace
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if not kind:
        errors["kind"] = _("type a kind, e.g. comment, message_sent, follow_up")
    elif kind not in workspace.catalog:
        kinds = sorted(workspace.catalog.kinds)
        close = [name for name in kinds if name.startswith(kind[:3])] or kinds[:6]
        errors["kind"] = _("unknown kind {kind}; try {kinds}").format(
            kind=repr(kind), kinds=", ".join(close[:6])
        )
    if not values.get("rule"):
        errors["rule"] = _("required: a preset (weekly…) or an RRULE")
    for name in ("start", "until"):
        if values.get(name):
            try:
                parse_date(values[name], workspace.today)
            except DateParseError as error:
                errors[name] = str(error)
    count = str(values.get("count") or "")
    if count and (not count.isdigit() or not 1 <= int(count) <= COUNT_LIMIT):
        errors["count"] = _("a whole number 1-{most}, not {count}").format(
            most=COUNT_LIMIT, count=repr(count)
        )
    if count and values.get("until"):
        errors["count"] = _("give an end date or a count, not both")
    return errors


def check_plan(planner: Planner, values: Mapping[str, Any], goals: Goals) -> Plan:
    """A form's values (text) → the plan to add, checked once against `goals` (no store read):
    `FieldErrors` naming every bad field."""
    values = with_kind_id(planner.workspace.catalog, values)
    errors = field_problems(planner, values)
    try:
        planner.workspace.goals.check_audience(values.get("audience"), goals)
    except InputError as error:
        errors["audience"] = str(error)
    if errors:
        raise FieldErrors(errors)
    today = planner.workspace.today
    fields = dict(values)
    for name in ("start", "until"):
        fields[name] = parse_date(values[name], today) if values.get(name) else None
    fields["count"] = int(values["count"]) if values.get("count") else None
    fields["personalised"] = bool(values.get("personalised"))
    start = fields["start"] or today
    try:
        recurrence = parse_rule(fields["rule"], start, fields["until"], fields["count"])
        require_occurrence(recurrence, start, fields["rule"])
    except RuleError as error:
        message = str(error)
        raise InputError(message, "until" if message.startswith("until") else "rule") from None
    return planner.build_plan(fields, goals)


def matching_ids(text: str, ids: Iterable[str]) -> list[str]:
    """[text] if it is one of `ids`, else the ids it is a prefix of (4 characters or more)."""
    candidates = list(ids)
    if text in candidates:
        return [text]
    if len(text) < MIN_ID_PREFIX:
        return []
    return [item for item in candidates if item.startswith(text)]


def prefix_problem(text: str, matches: list[str], what: str, listing: str) -> str:
    """Why `text` names no one id of `matches` (the ids it is a prefix of): it names several,
    it is too short to be a prefix, or no id starts with it."""
    nouns = {
        "plan": pgettext("id of", "plan"),
        "activity": pgettext("id of", "activity"),
        "contact": pgettext("id of", "contact"),
    }
    noun = nouns.get(what, what)
    if len(matches) > 1:
        shown = ", ".join(match[:8] for match in sorted(matches)[:5])
        return _("{noun} id {id} matches {count} of them ({shown}): give more characters").format(
            noun=noun, id=repr(text), count=len(matches), shown=shown
        )
    if len(text.strip()) < MIN_ID_PREFIX:
        return _(
            "give at least {count} characters of the {noun} id, not {id} (see {listing})"
        ).format(count=MIN_ID_PREFIX, noun=noun, id=repr(text), listing=listing)
    return _("no {noun} id starts with {id}; see {listing}").format(
        noun=noun, id=repr(text), listing=listing
    )


def short_ids(ids: Iterable[str], least: int = 8) -> dict[str, str]:
    """Each id's shortest prefix of `least` characters or more that no other id shares (as
    git shortens commits): what lists show, and what `matching_ids` takes back."""
    ordered = sorted(set(ids))
    shown: dict[str, str] = {}
    for position, item in enumerate(ordered):
        shared = 0
        for other in ordered[max(0, position - 1) : position + 2]:
            if other != item:
                common = next(
                    (i for i, (a, b) in enumerate(zip(item, other, strict=False)) if a != b),
                    min(len(item), len(other)),
                )
                shared = max(shared, common)
        shown[item] = item[: max(least, shared + 1)]
    return shown
