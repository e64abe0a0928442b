"""Renaming an audience: everything that names it follows, in one atomic save, undoably.

The goals (the audience, its role keywords, accounts, objectives and cadence), the contacts
set to it, the plans for it and the activities tagged with it all take the new name, so a
rename never changes a score. An undo renames back exactly what was renamed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ssi_tui.domain.models import Audience, Goals
from ssi_tui.services.errors import InputError
from ssi_tui.services.undo import Change
from ssi_tui.wording.goals import already_audience, renamed

if TYPE_CHECKING:
    from ssi_tui.services.workspace import Workspace


def renamed_goals(goals: Goals, old: str, audience: Audience) -> Goals:
    """The goals with audience `old` replaced by `audience` everywhere it is named."""
    new = audience.name

    def follow(name: str | None) -> str | None:
        return new if name == old else name

    return goals.model_copy(
        update={
            "audiences": [audience if item.name == old else item for item in goals.audiences],
            "roles": {follow(key): words for key, words in goals.roles.items()},
            "topics": {follow(key): words for key, words in goals.topics.items()},
            "accounts": [
                item.model_copy(update={"audience": follow(item.audience)})
                for item in goals.accounts
            ],
            "objectives": [
                item.model_copy(update={"audience": follow(item.audience)})
                for item in goals.objectives
            ],
            "cadence": {follow(key): days for key, days in goals.cadence.items()},
        }
    )


def _retag(
    workspace: Workspace,
    goals: Goals,
    contact_ids: list[str],
    plan_ids: list[str],
    activity_ids: list[str],
    name: str,
) -> None:
    """Save `goals` and give `name` as audience to the listed contacts, plans and activities,
    in one atomic save of the store."""
    store = workspace.store
    contacts = [
        store.contacts.get(key).model_copy(update={"audience": name}) for key in contact_ids
    ]
    plans = [store.plans.get(key).model_copy(update={"audience": name}) for key in plan_ids]
    activities = [
        store.activities.get(key).model_copy(update={"audience": name}) for key in activity_ids
    ]
    with store.transaction():
        store.goals.set(goals)
        for plan in plans:
            store.plans.update(plan)
        if contacts or activities:
            store.save_bulk(
                [item.model_dump(mode="json") for item in activities],
                [item.model_dump(mode="json") for item in contacts],
                force_hot=True,
            )


def rename_audience(workspace: Workspace, old: str, audience: Audience) -> Change[Audience]:
    """Rename audience `old` to `audience.name` (with `audience.weight`) and everything that
    names it (an undo renames back exactly those)."""
    store = workspace.store
    before = store.goals.get()
    new = audience.name
    if any(item.name == new for item in before.audiences):
        raise InputError(already_audience(new), "name")
    after = Goals.model_validate(renamed_goals(before, old, audience).model_dump())
    contact_ids = [c.id for c in store.contacts.all() if c.audience == old]
    plan_ids = [p.id for p in store.plans.all() if p.audience == old]
    activity_ids = [r.id for r in store.activities.records_between(None, None) if r.audience == old]
    _retag(workspace, after, contact_ids, plan_ids, activity_ids, new)
    what = renamed(old, new, len(contact_ids), len(plan_ids), len(activity_ids))
    return Change(audience, what)
