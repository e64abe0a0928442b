"""Goals: audiences and their weights, target roles and accounts, objectives, the profile
checklist. Every rule about changing them lives here (one validation for every caller)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.models import Audience, Goals, ProfileChecklist, TargetAccount, audience_name
from ssi_tui.domain.objectives import ObjectiveProgress, objective_progress, week_start
from ssi_tui.domain.profile import checklist_items, profile_completeness, profile_level
from ssi_tui.services.errors import InputError
from ssi_tui.wording.labels import CHECKLIST_LABELS, checklist_label

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ChecklistRow:
    """One profile checklist item as shown: its label, whether it counts as done, its count."""

    item: str
    label: str
    done: bool
    count: int | None


@dataclass(frozen=True, slots=True)
class Completeness:
    """How complete the profile is, and the level name it reaches."""

    share: float
    level: str


def parse_weight(text: str | float | None) -> float:
    """A weight typed by the user ("60", "2,5"): a number ≥ 0, else an `InputError`."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError("type a weight, e.g. 60 (weights are relative)", "weight")
    try:
        value = float(str(text).strip().replace(",", "."))
    except ValueError:
        raise InputError(f"not a number: {text!r}", "weight") from None
    if not 0 <= value <= 1_000_000 or value != value:
        raise InputError(f"weight must be 0-1000000, got {text}", "weight")
    return value


class GoalsService:
    """What the user aims for; changing it moves the weighted scores, never the raw ones."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._store = workspace.store

    # -- reading --------------------------------------------------------------------------
    def get(self) -> Goals:
        """The goals as stored."""
        return self._store.goals.get()

    def check_audience(self, audience: str | None, goals: Goals | None = None) -> str | None:
        """Normalise an audience name; refuse one that is not in the goals (when goals name
        any). Blank is no audience."""
        if audience is None or not audience.strip():
            return None
        try:
            name = audience_name(audience)
        except ValueError as error:
            raise InputError(str(error), "audience") from None
        known = [item.name for item in (goals or self.get()).audiences]
        if known and name not in known:
            raise InputError(
                f"unknown audience {audience!r}; audiences in your goals: {', '.join(known)}",
                "audience",
            )
        return name

    def objectives(self) -> list[ObjectiveProgress]:
        """This week's progress on each weekly objective."""
        today = self.workspace.today
        week = self._store.activities.between(week_start(today), today)
        return objective_progress(self.get(), week, today)

    # -- writing --------------------------------------------------------------------------
    def set(self, goals: Goals) -> Goals:
        """Replace the goals (validated as a whole: every reference must name an audience)."""
        try:
            checked = Goals.model_validate(goals.model_dump())
        except ValidationError as error:
            raise InputError(describe_validation_error(error)) from None
        return self._store.goals.set(checked)

    def change(self, change: Callable[[Goals], Goals]) -> Goals:
        """Apply a change to the stored goals and save the result."""
        return self.set(change(self.get()))

    def set_weight(self, name: str, weight: str | float) -> Audience:
        """Add an audience, or change the weight of one (names are folded: "Prospects " is
        "prospects")."""
        try:
            audience = Audience(name=name, weight=parse_weight(weight))
        except ValidationError as error:
            raise InputError(describe_validation_error(error), "name") from None

        def change(goals: Goals) -> Goals:
            audiences = [item for item in goals.audiences if item.name != audience.name]
            return goals.model_copy(update={"audiences": [*audiences, audience]})

        self.change(change)
        return audience

    def remove_audience(self, name: str) -> Goals:
        """Remove an audience with what only makes sense with it: its role keywords, its target
        accounts and its objectives."""

        def change(goals: Goals) -> Goals:
            return goals.model_copy(
                update={
                    "audiences": [item for item in goals.audiences if item.name != name],
                    "roles": {key: words for key, words in goals.roles.items() if key != name},
                    "accounts": [item for item in goals.accounts if item.audience != name],
                    "objectives": [item for item in goals.objectives if item.audience != name],
                }
            )

        return self.change(change)

    def set_roles(self, name: str, keywords: str | list[str]) -> list[str]:
        """Replace an audience's title keywords (comma-separated text or a list; none removes
        them)."""
        if isinstance(keywords, str):
            keywords = keywords.split(",")
        words = [word.strip() for word in keywords if word.strip()]

        def change(goals: Goals) -> Goals:
            roles = dict(goals.roles)
            if words:
                roles[name] = words
            else:
                roles.pop(name, None)
            return goals.model_copy(update={"roles": roles})

        self.change(change)
        return words

    def check_account(self, name: str | None, audience: str | None) -> TargetAccount:
        """A new target account, or an `InputError` naming the field that is wrong."""
        goals = self.get()
        if not name or not name.strip():
            raise InputError("required", "name")
        if not audience:
            message = (
                "choose the audience it belongs to"
                if goals.audiences
                else "add an audience first (g, then n)"
            )
            raise InputError(message, "audience")
        try:
            account = TargetAccount(name=name, audience=audience)
        except ValidationError as error:
            raise InputError(describe_validation_error(error)) from None
        if goals.account_for(account.name) is not None:
            raise InputError("already a target account", "name")
        return account

    def add_account(self, name: str, audience: str) -> TargetAccount:
        """Add a target account."""
        account = self.check_account(name, audience)
        self.change(lambda goals: goals.model_copy(update={"accounts": [*goals.accounts, account]}))
        return account

    def remove_account(self, index: int) -> Goals:
        """Remove the target account at `index` (in the goals' order)."""
        return self.change(
            lambda goals: goals.model_copy(
                update={"accounts": [a for i, a in enumerate(goals.accounts) if i != index]}
            )
        )

    # -- the profile checklist --------------------------------------------------------------
    def checklist(self) -> ProfileChecklist:
        """The profile checklist as it stands."""
        return self._store.checklist.get()

    def checklist_rows(self) -> list[ChecklistRow]:
        """Each checklist item, labelled, with whether it counts as done."""
        checklist = self.checklist()
        done = checklist_items(checklist, self.workspace.rules)
        rows = []
        for item in CHECKLIST_LABELS:
            value: Any = getattr(checklist, item)
            count = value if isinstance(value, int) and not isinstance(value, bool) else None
            rows.append(ChecklistRow(item, checklist_label(item), bool(done.get(item)), count))
        return rows

    def completeness(self) -> Completeness:
        """The profile's completeness and level."""
        rules = self.workspace.rules
        share = profile_completeness(self.checklist(), rules)
        return Completeness(share, profile_level(share, rules))

    def change_item(self, item: str, delta: int | None = None) -> ProfileChecklist:
        """Toggle a yes/no item, or change a count by `delta` (never below 0); dated today so
        the profile's history keeps when it changed."""
        if item not in CHECKLIST_LABELS:
            raise InputError(f"unknown checklist item {item!r}")
        checklist = self.checklist()
        value = getattr(checklist, item)
        new_value: Any = not value if isinstance(value, bool) else max(0, value + (delta or 1))
        return self._store.checklist.set(
            checklist.model_copy(update={item: new_value}), on=self.workspace.today
        )
