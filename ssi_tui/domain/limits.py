"""How much a goals document may hold: far more than anyone aims at, few enough that every
screen and score stays fast (10,000 audiences made every command take seconds)."""

from __future__ import annotations

from typing import Any

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
        ("audiences", MAX_AUDIENCES, "audiences"),
        ("accounts", MAX_ACCOUNTS, "target accounts"),
        ("objectives", MAX_OBJECTIVES, "objectives"),
        ("cadence", MAX_AUDIENCES, "cadences"),
    ):
        value = data.get(key)
        if isinstance(value, dict | list) and len(value) > limit:
            raise ValueError(f"{key}: at most {limit} {what}, not {len(value):,}")
    for key in ("roles", "topics"):
        table = data.get(key)
        if not isinstance(table, dict):
            continue
        if len(table) > MAX_AUDIENCES:
            raise ValueError(f"{key}: at most {MAX_AUDIENCES} audiences, not {len(table):,}")
        for audience, words in table.items():
            if isinstance(words, str):
                count = len(words.split(","))
            elif isinstance(words, list | tuple | dict):
                count = len(words)
            else:
                continue  # not a list of words: the model's own check says so
            if count > MAX_KEYWORDS:
                raise ValueError(
                    f"{key}.{audience}: at most {MAX_KEYWORDS} per audience, not {count:,}"
                )
