"""The profile's fit with the goals, in words (`score --explain` and the dashboard's brand
pillar give the same lines)."""

from __future__ import annotations

from collections.abc import Sequence

from ssi_tui.wording import _, percent


def fit_label() -> str:
    """The Goals screen's checklist row for the profile's fit."""
    return _("Headline & summary fit")


# (audience, share of the goals, words looked for, words named, value counted)
AudienceFitRow = tuple[str, float, Sequence[str], Sequence[str], float]


def fit_lines(value: float, has_text: bool, audiences: Sequence[AudienceFitRow]) -> list[str]:
    """The fit, then one line per goal audience: the words of it the headline or summary
    names, or those it could name."""
    if not has_text:
        return [
            _(
                "profile fit {value}: no headline or summary text to judge it by (import "
                "your export, or set them: h on Goals, or ssi-tui goals profile)"
            ).format(value=percent(value))
        ]
    if not audiences:
        return [_("profile fit {value}: no goals to judge it by").format(value=percent(value))]
    lines = [
        _("profile fit {value}: what your headline and summary say to each audience").format(
            value=percent(value)
        )
    ]
    for audience, share, sought, words, counted in audiences:
        if words:
            said = _("names {words}").format(words=", ".join(words))
        elif sought:
            said = _("names none of {words}").format(words=", ".join(sought))
        else:
            said = _("no role keywords or topics to look for (counts {value})").format(
                value=percent(counted)
            )
        lines.append(f"  {audience} ({percent(share)}): {said}")
    return lines


def fit_preview(
    value: float, has_text: bool, named: Sequence[tuple[str, Sequence[str], Sequence[str]]]
) -> str:
    """The fit in one line, as a form's words are typed ("fit with your goals 60%: prospects
    by pricing; partners not named (try partner manager, alliances)"). `named` holds each
    audience, the words looked for and those found."""
    if not has_text:
        return _("fit with your goals {value}: nothing to judge yet").format(value=percent(value))
    if not named:
        return _("fit {value}: no goals to judge it by").format(value=percent(value))
    parts = []
    for audience, sought, words in named:
        if words:
            parts.append(
                _("{audience} by {words}").format(audience=audience, words=", ".join(words))
            )
        elif sought:
            parts.append(
                _("{audience} not named (try {words})").format(
                    audience=audience, words=", ".join(sought[:3])
                )
            )
        else:
            parts.append(_("{audience}: nothing to look for").format(audience=audience))
    return _("fit with your goals {value}: {parts}").format(
        value=percent(value), parts="; ".join(parts)
    )
