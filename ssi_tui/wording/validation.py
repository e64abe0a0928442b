"""Validation errors in the user's words: the field named as they wrote it, and what is wrong.

Every check of a document, a file or a form ends here: the one place that turns a validator's
report (a list of errors, each a `loc` path, a `type` and its `ctx`, as pydantic gives them)
into one line such as "audience 'prospects': weight must be a number". Standard library only:
the errors arrive as plain dicts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ssi_tui.wording import _, plural

__all__ = ["error_location", "error_text", "validation_message"]

# What a list of the document is called, one item of it (the rest: a trailing "s" dropped).
_ITEM = {
    "activities": "activity",
    "entries": "entry",
    "kind": "kind",
    "checklist_history": "checklist",
}
# The fields that say what an unnamed item of a list is (an id would mean nothing).
_HINTS = ("kind", "date", "start")


def _quantity(ctx: Mapping[str, Any], key: str) -> str:
    value = ctx.get(key)
    return f"{value:g}" if isinstance(value, float) else str(value)


_TEXTS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda ctx: _("is missing"),
    "extra_forbidden": lambda ctx: _("is not a known field (a typo?)"),
    "float_parsing": lambda ctx: _("must be a number"),
    "float_type": lambda ctx: _("must be a number"),
    "int_parsing": lambda ctx: _("must be a whole number"),
    "int_type": lambda ctx: _("must be a whole number"),
    "int_from_float": lambda ctx: _("must be a whole number"),
    "finite_number": lambda ctx: _("must be a number (not nan nor inf)"),
    "bool_parsing": lambda ctx: _("must be true or false"),
    "bool_type": lambda ctx: _("must be true or false"),
    "string_type": lambda ctx: _("must be text"),
    "list_type": lambda ctx: _("must be a list"),
    "tuple_type": lambda ctx: _("must be a list"),
    "set_type": lambda ctx: _("must be a list"),
    "dict_type": lambda ctx: _("must be a table of fields"),
    "model_type": lambda ctx: _("must be a table of fields"),
    "model_attributes_type": lambda ctx: _("must be a table of fields"),
    "date_type": lambda ctx: _("must be a date (YYYY-MM-DD)"),
    "date_parsing": lambda ctx: _("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": lambda ctx: _("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": lambda ctx: _("must be a date without a time"),
    "datetime_parsing": lambda ctx: _("must be a date and time (YYYY-MM-DDTHH:MM)"),
    "datetime_type": lambda ctx: _("must be a date and time (YYYY-MM-DDTHH:MM)"),
    "greater_than_equal": lambda ctx: _("must be at least {n}").format(n=_quantity(ctx, "ge")),
    "greater_than": lambda ctx: _("must be more than {n}").format(n=_quantity(ctx, "gt")),
    "less_than_equal": lambda ctx: _("must be at most {n}").format(n=_quantity(ctx, "le")),
    "less_than": lambda ctx: _("must be less than {n}").format(n=_quantity(ctx, "lt")),
    "string_too_short": lambda ctx: (
        _("must not be empty")
        if ctx.get("min_length") == 1
        else _("must be at least {n} characters").format(n=ctx.get("min_length"))
    ),
    "string_too_long": lambda ctx: _("must be at most {n} characters").format(
        n=ctx.get("max_length")
    ),
    "too_short": lambda ctx: _("must have at least {n} {items}").format(
        n=ctx.get("min_length"), items=plural(ctx.get("min_length", 0), "item", "items")
    ),
    "too_long": lambda ctx: _("must have at most {n} {items}").format(
        n=ctx.get("max_length"), items=plural(ctx.get("max_length", 0), "item", "items")
    ),
    "literal_error": lambda ctx: _("must be {expected}").format(expected=ctx.get("expected")),
    "enum": lambda ctx: _("must be {expected}").format(expected=ctx.get("expected")),
    "string_pattern_mismatch": lambda ctx: _("is not in the expected form"),
    "recursion_loop": lambda ctx: _("refers to itself"),
}


def error_text(error: Mapping[str, Any]) -> str:
    """What is wrong, in a few words (a check of ours says it in its own message)."""
    kind = str(error.get("type", ""))
    describe = _TEXTS.get(kind)
    if describe is not None:
        return describe(error.get("ctx") or {})
    message = str(error.get("msg", "")).strip()
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message or _("is not valid")


def _item_name(section: str, index: int, item: object) -> str:
    """`audience 'prospects'` for an item of a list with a name; else its position, counted
    from 1, and what it is (`activity 3 (post, 2026-01-02)`, `reading 1 (2026-12-01)`)."""
    singular = _ITEM.get(section) or (
        section[:-3] + "y" if section.endswith("ies") else section.removesuffix("s")
    )
    singular = singular or plural(1, "item", "items")
    if isinstance(item, Mapping):
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            return f"{singular} {name.strip()!r}"
        hints = [str(item[key]) for key in _HINTS if isinstance(item.get(key), str) and item[key]]
        if hints:
            return f"{singular} {index + 1} ({', '.join(hints)})"
    return f"{singular} {index + 1}"


def error_location(loc: Sequence[object], data: object = None) -> str:
    """Where the error is, as the user wrote it: the field names of their file or form, an item
    of a list named by its name (`audience 'prospects': weight`), never a validator's own
    path parts (the union branches `float`, `function-after[…]`…)."""
    parts: list[tuple[str, bool]] = []  # (text, whether it names an item of a list)
    current: object = data
    section = ""
    for part in loc:
        if isinstance(part, int):
            item: object = None
            if isinstance(current, list) and 0 <= part < len(current):
                item = current[part]
            elif isinstance(current, Mapping) and 0 <= part < len(current):
                # A list the user wrote as a table ("[audiences] prospects = 60"): name → value.
                name, value = list(current.items())[part]
                item = {"name": str(name), "value": value}
            label = (_item_name(section, part, item), True)
            if parts and parts[-1] == (section, False):
                parts[-1] = label  # "audiences", 0 → "audience 'prospects'"
            else:
                parts.append(label)
            current = item
            continue
        key = str(part)
        if isinstance(current, Mapping):
            if key not in current and ("[" in key or key in _TYPE_TAGS):
                continue  # a validator's branch, not a field the user wrote
            parts.append((key, False))
            current = current.get(key)
        elif "[" in key or key in _TYPE_TAGS:
            continue
        else:
            parts.append((key, False))
            current = None
        section = key
    # A named item, then its field after a colon ("audience 'prospects': weight"); nested
    # fields with dots ("scoring.saturation.brand"); a further item after a comma.
    text = ""
    after_item = False
    for part, is_item in parts:
        if not text:
            text = part
        elif is_item:
            text = f"{text}, {part}"
        elif after_item:
            text = f"{text}: {part}"
        else:
            text = f"{text}.{part}"
        after_item = is_item
    return text


_TYPE_TAGS = frozenset(
    {"str", "int", "float", "bool", "list", "dict", "date", "datetime", "none", "tuple", "set"}
)


def validation_message(
    errors: Sequence[Mapping[str, Any]], data: object = None, *, shown: int = 3
) -> str:
    """One line for a whole report: up to `shown` errors, each where and what, then how many
    more ("audience 'prospects': weight must be a number; … (and 2 more)")."""
    lines: list[str] = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        where = error_location(loc, data)
        text = error_text(error)
        field = loc[-1] if loc and isinstance(loc[-1], str) else None
        if field and text.startswith((f"{field} ", f"{field}:")):  # our check names it already
            where = error_location(loc[:-1], data)
            line = f"{where}: {text}" if where else text
        elif not where:
            line = text
        elif text[:1].isupper():  # a sentence of our own checks
            line = f"{where}: {text}"
        else:
            line = f"{where} {text}"
        if line not in lines:
            lines.append(line)
    if not lines:
        return _("is not valid")
    more = len(lines) - shown
    message = "; ".join(lines[:shown])
    return message + (_(" (and {n} more)").format(n=more) if more > 0 else "")
