"""Each CSS source parsed once per set of CSS variables, not at every re-parse.

Textual re-parses every stylesheet source from scratch whenever it re-parses: `reparse` fills a
fresh stylesheet, and `set_variables` empties the parse cache even when the variables are the
same. The first mode's screen does so as it mounts (same variables), and the next widget
mounted parses again: the app's CSS was parsed three times before the first frame (~20 ms of a
~350 ms start). A source's rules depend only on its text, where it was read from, its scope and
the CSS variables; `install` keeps them for the process, keyed on all of that, so a source is
parsed once per set of variables (a new theme's variables parse it again). Textual treats parsed
rules as read-only (its own cache hands the same list out again), so sharing them between
stylesheets is safe. Where the method is not the one this was written for (another Textual),
nothing is changed.
"""

from __future__ import annotations

import inspect
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from textual.css.stylesheet import Stylesheet

KEPT = 256  # parsed sources kept (a few dozen per theme used)
_PARAMETERS = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]

_parsed: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
_parsed_here: set[tuple[Any, ...]] = set()
"""The keys this process parsed itself (not taken from the rules kept by a previous run)."""
_asked: dict[tuple[Any, ...], None] = {}
"""The keys asked for since the last `to_keep`, in order."""


def install() -> bool:
    """Share parsed CSS rules between Textual's stylesheets (once); False when this Textual's
    `Stylesheet._parse_rules` is not the one expected (then nothing is changed)."""
    parse_rules = getattr(Stylesheet, "_parse_rules", None)
    if parse_rules is None:
        return False
    if getattr(parse_rules, "parsed_once", False):
        return True
    try:
        if list(inspect.signature(parse_rules).parameters) != _PARAMETERS:
            return False
    except (TypeError, ValueError):
        return False
    if not isinstance(getattr(Stylesheet(), "_variables", None), dict):
        return False
    Stylesheet._parse_rules = _shared(parse_rules)  # type: ignore[method-assign]
    return True


def _shared(parse_rules: Callable[..., list[Any]]) -> Callable[..., list[Any]]:
    def shared_parse_rules(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[Any]:
        variables = tuple(self._variables.items())
        key = (variables, css, read_from, is_default_rules, tie_breaker, scope)
        rules = _parsed.get(key)
        _asked[key] = None
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            _parsed[key] = rules
            _parsed_here.add(key)
            if len(_parsed) > KEPT:
                _parsed.popitem(last=False)
        return rules

    shared_parse_rules.parsed_once = True  # type: ignore[attr-defined]
    return shared_parse_rules


def adopt(kept: dict[tuple[Any, ...], list[Any]]) -> None:
    """Take rules parsed by an earlier run (`css_kept.py`), keyed as here."""
    for key, rules in kept.items():
        _parsed.setdefault(key, rules)
    while len(_parsed) > KEPT:
        _parsed.popitem(last=False)


def to_keep() -> dict[tuple[Any, ...], list[Any]] | None:
    """The rules of every source asked for since the last call, when this process had to parse
    any of them itself (None: all came from an earlier run, `css_kept.py`). Asked once the
    first frame is on screen: they are then the first frame's sources, and only those (not what
    an earlier run kept for other CSS variables)."""
    asked = {key: _parsed[key] for key in _asked if key in _parsed}
    parsed_here = not _parsed_here.isdisjoint(asked)
    _asked.clear()
    _parsed_here.clear()
    return asked if parsed_here else None
