"""Argument types shared by the commands: each bad value is named in a one-line message."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from ssi_tui.wording import N_, _


def whole_number(name: str, low: int, high: int, unit: str = "") -> Callable[[str], int]:
    """An argparse type accepting a whole number from `low` to `high` (e.g. relevance 1-5)."""
    units = {
        "days": N_("days"),
        "minutes": N_("minutes"),
        "weeks": N_("weeks"),
    }  # the units given below, for the catalog

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("{name} must be a whole number, got {value}").format(name=name, value=repr(text))
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("{name} must be {low}-{high}{unit}, got {value}").format(
                    name=name,
                    low=low,
                    high=high,
                    unit=f" {_(units.get(unit, unit))}" if unit else "",
                    value=value,
                )
            )
        return value

    parse.__name__ = name  # argparse names the type in some messages
    return parse


def text(value: str) -> str:
    """An argparse type for a name or a path: not empty (an empty `--audience ''` was stored,
    and `import ''` read the current folder)."""
    if not value.strip():
        raise argparse.ArgumentTypeError(_("must not be empty"))
    return value


text.__name__ = "text"


relevance = whole_number("relevance", 1, 5)


def edited_fields(command: str, values: dict[str, Any], cleared: dict[str, bool]) -> dict[str, Any]:
    """The fields an edit command was given (`values` not None), None for each one cleared
    (`--no-…`); a `UserError` when it was given nothing to change."""
    from ssi_tui.cli.context import UserError

    given = {name: value for name, value in values.items() if value is not None}
    given.update({name: None for name, clear in cleared.items() if clear})
    if not given:
        raise UserError(
            _("nothing to change: give at least one option (see `{command} --help`)").format(
                command=command
            )
        )
    return given


def activity_options(args: argparse.Namespace) -> dict[str, Any]:
    """An activity's fields as `log`, `whatif` and `activity edit` take them (None: not given;
    the date is each command's own)."""
    return {
        "kind": args.kind,
        "audience": args.audience,
        "contact": args.contact,
        "company": args.company,
        "title": args.title,
        "personalised": args.personalised,
        "relevance": args.relevance,
        "channel": args.channel,
        "note": args.note,
        "topics": args.topic,
    }
