"""How much a goals document may hold: far more than anyone aims at, few enough that every
screen and score stays fast (10,000 audiences made every command take seconds)."""

from __future__ import annotations

from typing import Any

from ssi_tui.wording import _, number

MAX_AUDIENCES = 50
MAX_KEYWORDS = 200  # role keywords, and topics, per audience
MAX_ACCOUNTS = 500
MAX_OBJECTIVES = 100


def check_goal_sizes(data: Any) -> None:
    """`ValueError` naming the first part of a goals document over its limit (checked before
    anything in it is validated)."""
    if not isinstance(data, dict):
        return
    for key, limit, what in (
        ("audiences", MAX_AUDIENCES, _("audiences")),
        ("accounts", MAX_ACCOUNTS, _("target accounts")),
        ("objectives", MAX_OBJECTIVES, _("objectives")),
        ("cadence", MAX_AUDIENCES, _("cadences")),
    ):
        value = data.get(key)
        if isinstance(value, dict | list) and len(value) > limit:
            raise ValueError(
                _("{key}: at most {limit} {what}, not {count}").format(
                    key=key, limit=limit, what=what, count=number(len(value))
                )
            )
    for key in ("roles", "topics"):
        table = data.get(key)
        if not isinstance(table, dict):
            continue
        if len(table) > MAX_AUDIENCES:
            raise ValueError(
                _("{key}: at most {most} audiences, not {count}").format(
                    key=key, most=MAX_AUDIENCES, count=number(len(table))
                )
            )
        for audience, words in table.items():
            if isinstance(words, str):
                count = len(words.split(","))
            elif isinstance(words, list | tuple | dict):
                count = len(words)
            else:
                continue  # not a list of words: the model's own check says so
            if count > MAX_KEYWORDS:
                raise ValueError(
                    _("{key}.{audience}: at most {most} per audience, not {count}").format(
                        key=key, audience=audience, most=MAX_KEYWORDS, count=number(count)
                    )
                )


def reference_problem(goals: Any) -> str | None:
    """Why a goals document names an audience it does not weigh (or lists one twice), if it
    does: a roles, topics, account, objective or cadence entry must name a weighted audience."""
    names = [audience.name for audience in goals.audiences]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        return _("audience listed twice: {duplicates}").format(
            duplicates=", ".join(sorted(duplicates))
        )
    known = set(names)
    for table, words in (("roles", goals.roles), ("topics", goals.topics)):
        for audience in sorted(set(words) - known):
            return _("{table} name audience {audience!r}, not in [audiences]").format(
                table=table, audience=audience
            )
    for account in goals.accounts:
        if account.audience not in known:
            return _(
                "account {name!r} names audience {audience!r}, which has no weight in [audiences]"
            ).format(name=account.name, audience=account.audience)
    for objective in goals.objectives:
        if objective.audience is not None and objective.audience not in known:
            return _("objective names unknown audience {audience!r}").format(
                audience=objective.audience
            )
    for audience in goals.cadence:
        if audience not in known:
            return _(
                "cadence names audience {audience!r}, which has no weight in [audiences]"
            ).format(audience=audience)
    return None
