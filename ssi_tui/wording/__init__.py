"""Every sentence and label a user reads, in one place: the seam a translation plugs into.

The domain returns structured results (a flag's id and parameters, a recurrence's tokens, a
comparison's numbers); these modules word them. Each template goes through `_` so that a
translation (gettext) replaces it; until then `_` returns the English template.

- `labels`      pillar, flag, checklist and severity labels (the one source for CLI, app, exports)
- `flags`       a flag's message, action and suggested-plan note
- `recurrence`  a plan's schedule ("weekly on Tue, Thu, until 2026-12-31")
- `review`      the official comparison's sentences
- `validation`  every validation error, the field named as the user wrote it

This package imports nothing else from ssi_tui (it is below the domain in the layers).
"""

from __future__ import annotations


def _(message: str) -> str:
    """The template of `message` in the user's language (English until a catalog is loaded)."""
    return message


def plural(count: int, singular: str, plural_form: str) -> str:
    """`singular` or `plural_form` by `count` (gettext's ngettext has this signature)."""
    return singular if count == 1 else plural_form


def counted(count: int, singular: str, plural_form: str | None = None) -> str:
    """A count and its noun, agreed: "1 contact", "2 contacts", "1,200 activities"."""
    many = plural_form if plural_form is not None else f"{singular}s"
    return f"{count:,} {plural(count, singular, many)}"
