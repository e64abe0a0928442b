"""Goals: audiences and their weights, target roles and accounts, objectives, the profile
checklist. Every rule about changing them lives here (one validation for every caller)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.limits import MAX_AUDIENCES
from ssi_tui.domain.models import (
    Audience,
    Goals,
    Objective,
    TargetAccount,
    audience_name,
)
from ssi_tui.domain.objectives import ObjectiveProgress, objective_progress, week_start
from ssi_tui.services.checklist import ChecklistRow, Completeness, ProfileChecklistPart
from ssi_tui.services.errors import FieldErrors, InputError
from ssi_tui.services.fields import parse_count, parse_weight, split_list
from ssi_tui.services.journal import undoable
from ssi_tui.services.undo import Change
from ssi_tui.wording import _
from ssi_tui.wording import goals as goal_words

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace

Item = TypeVar("Item", TargetAccount, Objective)

__all__ = ["ChecklistRow", "Completeness", "GoalsService", "parse_weight"]


class GoalsService(ProfileChecklistPart):
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
        if not known:
            raise InputError(goal_words.no_goals_yet(audience), "audience")
        if name not in known:
            raise InputError(goal_words.unknown_audience(audience, known), "audience")
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
            document = goals.model_dump()
            checked = Goals.model_validate(document)
        except ValidationError as error:
            raise InputError(describe_validation_error(error, document)) from None
        return self._store.goals.set(checked)

    def change(self, change: Callable[[Goals], Goals]) -> Goals:
        """Apply a change to the stored goals and save the result."""
        return self.set(change(self.get()))

    @undoable
    def changed(self, what: str, change: Callable[[Goals], Goals]) -> Change[Goals]:
        """Like `change`, undoably (the journal keeps the goals as they were)."""
        return Change(self.set(change(self.get())), what)

    # -- audiences ------------------------------------------------------------------------
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

    def check_audience_form(
        self, values: dict[str, Any], original: str | None, goals: Goals
    ) -> Audience:
        """The audience a form describes (a new one when `original` is None, else `original`
        edited: renamed and/or reweighted), or `FieldErrors` naming every bad field."""
        errors: dict[str, str] = {}
        name: str | None = None
        try:
            name = audience_name(values.get("name") or "")
        except ValueError:
            errors["name"] = _("type a name, e.g. prospects")
        if (
            name is not None
            and name != original
            and any(item.name == name for item in goals.audiences)
        ):
            errors["name"] = goal_words.already_audience(name)
        if original is None and len(goals.audiences) >= MAX_AUDIENCES:
            errors["name"] = goal_words.too_many_audiences(MAX_AUDIENCES)
        weight = 0.0
        try:
            weight = parse_weight(values.get("weight"))
        except InputError as error:
            errors["weight"] = str(error)
        if errors or name is None:
            raise FieldErrors(errors)
        return Audience(name=name, weight=weight)

    def shares_with(
        self, goals: Goals, original: str | None, name: str | None, weight: str | None
    ) -> list[tuple[str, float]]:
        """Each audience's share of the total if the form's audience had `weight` (a live
        preview; an unreadable weight counts as the current one)."""
        try:
            value = parse_weight(weight)
        except InputError:
            value = goals.weight(original) if original else 0.0
        label = (name or "").strip() or original or _("new")
        weights = [
            (item.name, item.weight) for item in goals.audiences if item.name != original
        ] + [(label, value)]
        total = sum(w for _, w in weights)
        return sorted(
            ((audience, w / total if total else 0.0) for audience, w in weights),
            key=lambda pair: (-pair[1], pair[0]),
        )

    @undoable
    def save_audience(self, original: str | None, audience: Audience) -> Change[Audience]:
        """Add `audience` (original None) or edit `original` into it: a new name carries its
        roles, accounts, objectives, cadence, contacts, plans and tagged activities along."""
        from ssi_tui.services.rename import rename_audience

        goals = self.get()
        if original is None:
            if any(item.name == audience.name for item in goals.audiences):
                raise InputError(goal_words.already_audience(audience.name), "name")
            change = self.changed(
                goal_words.audience_added(audience.name),
                lambda g: g.model_copy(update={"audiences": [*g.audiences, audience]}),
            )
            return Change(audience, change.what)
        if original not in {item.name for item in goals.audiences}:
            raise InputError(goal_words.no_such_audience(original))
        if audience.name == original:
            change = self.changed(
                goal_words.weight_set(original, audience.weight),
                lambda g: g.model_copy(
                    update={
                        "audiences": [
                            audience if item.name == original else item for item in g.audiences
                        ]
                    }
                ),
            )
            return Change(audience, change.what)
        return rename_audience(self.workspace, original, audience)

    def removal_summary(self, name: str, goals: Goals | None = None) -> str:
        """What goes with an audience: 'prospects, 5 role keywords, 3 accounts, 1 objective'."""
        goals = goals or self.get()
        return goal_words.audience_removal(
            name,
            len(goals.roles.get(name, [])),
            sum(1 for item in goals.accounts if item.audience == name),
            sum(1 for item in goals.objectives if item.audience == name),
        )

    def remove_audience(self, name: str) -> Goals:
        """Remove an audience with what only makes sense with it: its role keywords, its target
        accounts and its objectives."""
        return self.remove_audience_undoably(name).result

    def remove_audience_undoably(self, name: str) -> Change[Goals]:
        """`remove_audience`, undoably."""
        goals = self.get()
        if name not in {item.name for item in goals.audiences}:
            raise InputError(goal_words.no_such_audience(name))
        summary = self.removal_summary(name, goals)

        def change(goals: Goals) -> Goals:
            return goals.model_copy(
                update={
                    "audiences": [item for item in goals.audiences if item.name != name],
                    "roles": {key: words for key, words in goals.roles.items() if key != name},
                    "topics": {key: words for key, words in goals.topics.items() if key != name},
                    "accounts": [item for item in goals.accounts if item.audience != name],
                    "objectives": [item for item in goals.objectives if item.audience != name],
                    "cadence": {key: days for key, days in goals.cadence.items() if key != name},
                }
            )

        return self.changed(goal_words.removed(summary), change)

    def set_roles(self, name: str, keywords: str | list[str]) -> list[str]:
        """Replace an audience's title keywords (comma-separated text or a list; none removes
        them)."""
        return self.set_roles_undoably(name, keywords).result.roles.get(name, [])

    def set_roles_undoably(
        self, name: str, keywords: str | list[str], topics: str | list[str] | None = None
    ) -> Change[Goals]:
        """`set_roles`, undoably; with `topics`, the audience's topics too (the subjects that
        make a post, a talk or a comment naming no one evidence for it)."""
        words = split_list(keywords)
        subjects = None if topics is None else split_list(topics)

        def change(goals: Goals) -> Goals:
            update = {"roles": _keywords(goals.roles, name, words)}
            if subjects is not None:
                update["topics"] = _keywords(goals.topics, name, subjects)
            return Goals.model_validate({**goals.model_dump(), **update})

        before = self.get().topics.get(name, [])
        done = self.changed(goal_words.keywords_saved(name, subjects is not None), change)
        if done.result.topics.get(name, []) != before and self._store.activities.any_imported():
            done = replace(done, what=f"{done.what}. {goal_words.reimport_hint()}")
        return done

    # -- target accounts --------------------------------------------------------------------
    def check_account(
        self,
        name: str | None,
        audience: str | None,
        aliases: str | list[str] | None = None,
        domains: str | list[str] | None = None,
        *,
        goals: Goals | None = None,
        index: int | None = None,
    ) -> TargetAccount:
        """A target account (new, or the one at `index` edited), or an `InputError` naming the
        field that is wrong (`FieldErrors` when several are)."""
        goals = goals or self.get()
        errors: dict[str, str] = {}
        if not name or not name.strip():
            errors["name"] = _("required")
        if not audience:
            errors["audience"] = (
                _("choose the audience it belongs to")
                if goals.audiences
                else _("add an audience first (g, then n)")
            )
        elif audience not in {item.name for item in goals.audiences}:
            errors["audience"] = goal_words.unknown("audience", audience)
        try:
            TargetAccount(name="x", audience="x", domains=split_list(domains))
        except ValidationError as error:
            errors["domains"] = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
        if errors:
            if len(errors) == 1:
                field, message = next(iter(errors.items()))
                raise InputError(message, field)
            raise FieldErrors(errors)
        account = TargetAccount(
            name=name or "",
            audience=audience or "",
            aliases=split_list(aliases),
            domains=split_list(domains),
        )
        same = goals.account_for(account.name)
        if same is not None and (index is None or goals.accounts.index(same) != index):
            raise InputError(_("already a target account"), "name")
        return account

    def add_account(self, name: str, audience: str) -> TargetAccount:
        """Add a target account."""
        return self.save_account(None, self.check_account(name, audience)).result

    def save_account(self, index: int | None, account: TargetAccount) -> Change[TargetAccount]:
        """Add a target account (index None), or replace the one at `index`; undoably."""
        what = goal_words.account_saved(account.name, added=index is None)
        return self._put("accounts", index, account, what)

    def remove_account(self, index: int) -> Goals:
        """Remove the target account at `index` (in the goals' order)."""
        return self.remove_account_undoably(index).result

    def remove_account_undoably(self, index: int) -> Change[Goals]:
        """`remove_account`, undoably."""
        return self._drop("accounts", index, lambda item: goal_words.account_removed(item.name))

    # -- objectives -------------------------------------------------------------------------
    def check_objective(self, values: dict[str, Any], goals: Goals | None = None) -> Objective:
        """The objective a form or a command describes (kind, audience or none, per week,
        personalised only), or `FieldErrors` naming every bad field."""
        goals = goals or self.get()
        errors: dict[str, str] = {}
        kind = (values.get("kind") or "").strip()
        kind = self.workspace.catalog.find(kind) or kind  # (its words name it too)
        if not kind:
            errors["kind"] = _("choose a kind, e.g. message_sent")
        elif kind not in self.workspace.catalog.kinds:
            errors["kind"] = goal_words.unknown("kind", kind)
        audience = values.get("audience") or None
        if audience is not None and audience not in {item.name for item in goals.audiences}:
            errors["audience"] = goal_words.unknown("audience", audience)
        per_week = 0
        try:
            per_week = parse_count(values.get("per_week"), "per_week", 1, 1000)
        except InputError as error:
            errors["per_week"] = str(error)
        if errors:
            raise FieldErrors(errors)
        return Objective(
            kind=kind,
            audience=audience,
            per_week=per_week,
            personalised=bool(values.get("personalised")),
        )

    def save_objective(self, index: int | None, objective: Objective) -> Change[Objective]:
        """Add an objective (index None), or replace the one at `index`; undoably."""
        what = goal_words.objective_saved(self.objective_text(objective), added=index is None)
        return self._put("objectives", index, objective, what)

    def objective_text(self, objective: Objective, *, a_week: bool = True) -> str:
        """E.g. '5 × personalised message sent to prospects a week' (its kind in words;
        without `a_week`, where a heading says it: '5 × personalised message sent to
        prospects')."""
        kind, goal = self.workspace.catalog.label(objective.kind), objective
        if a_week:
            return goal_words.objective_text(kind, goal.per_week, goal.audience, goal.personalised)
        return goal_words.objective_times(goal.per_week, kind, goal.audience, goal.personalised)

    def remove_objective(self, index: int) -> Change[Goals]:
        """Remove the objective at `index` (in the goals' order); undoably."""
        return self._drop(
            "objectives",
            index,
            lambda item: goal_words.objective_removed(self.objective_text(item)),
        )

    # -- lists of the goals (accounts, objectives) --------------------------------------------
    def _put(self, field: str, index: int | None, item: Item, what: str) -> Change[Item]:
        """Append `item` to a list of the goals (index None) or replace the one at `index`."""

        def change(goals: Goals) -> Goals:
            items = list(getattr(goals, field))
            if index is None:
                items.append(item)
            else:
                self._check_index(items, index, field)
                items[index] = item
            return goals.model_copy(update={field: items})

        done = self.changed(what, change)
        return Change(item, done.what)

    def _drop(self, field: str, index: int, what: Callable[[Any], str]) -> Change[Goals]:
        """Remove the item at `index` from a list of the goals."""
        items = list(getattr(self.get(), field))
        self._check_index(items, index, field)
        return self.changed(
            what(items[index]),
            lambda goals: goals.model_copy(
                update={field: [x for i, x in enumerate(getattr(goals, field)) if i != index]}
            ),
        )

    @staticmethod
    def _check_index(items: list[Any], index: int, field: str) -> None:
        if not 0 <= index < len(items):
            raise InputError(goal_words.gone(field, index + 1))


def _keywords(table: dict[str, list[str]], name: str, words: list[str]) -> dict[str, list[str]]:
    """A keyword table (roles, topics) with one audience's words replaced (none: removed)."""
    result = {key: value for key, value in table.items() if key != name}
    if words:
        result[name] = words
    return result
