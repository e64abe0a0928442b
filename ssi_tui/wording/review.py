"""The official comparison in words: one sentence per pillar, and their summary."""

from __future__ import annotations

from collections.abc import Sequence

from ssi_tui.wording import _, number, plural, short_number, signed
from ssi_tui.wording.labels import pillar_label

LEVEL_WITHIN = 0.5  # points: closer than this, our raw estimate is "level" with LinkedIn's


def pillar_sentence(pillar: str, raw_minus_official: float) -> str:
    """E.g. "our raw estimate is 4 points above LinkedIn on engage"."""
    if abs(raw_minus_official) < LEVEL_WITHIN:
        return _("our raw estimate is level with LinkedIn on {pillar}").format(
            pillar=pillar, pillar_name=pillar_label(pillar, short=True)
        )
    points = max(1, round(abs(raw_minus_official)))  # 0.5 rounds to 0 (to even): never "0"
    if raw_minus_official > 0:
        template = plural(
            points,
            "our raw estimate is {n} point above LinkedIn on {pillar}",
            "our raw estimate is {n} points above LinkedIn on {pillar}",
        )
    else:
        template = plural(
            points,
            "our raw estimate is {n} point below LinkedIn on {pillar}",
            "our raw estimate is {n} points below LinkedIn on {pillar}",
        )
    return template.format(n=points, pillar=pillar, pillar_name=pillar_label(pillar, short=True))


def summary(sentences: Sequence[str]) -> str:
    """The per-pillar sentences joined into one line, capitalised."""
    text = _("; ").join(sentences)
    return text[:1].upper() + text[1:] + "."


def reading_total_warning(total: float, pillar_sum: float) -> str:
    """A reading whose total is not its pillars' sum (kept, with this warning)."""
    return _(
        "the total {total} is {difference} from the pillars' sum {pillar_sum}"
        " (LinkedIn's differ by 1 at most): check what you typed"
    ).format(
        total=short_number(total),
        difference=signed(total - pillar_sum, 2),
        pillar_sum=number(pillar_sum, 2),
    )


def reading_total_refused(total: float, pillar_sum: float) -> str:
    """A reading whose total is more than 1 point off its pillars' sum: refused."""
    return _(
        "the total {total} is not the pillars' sum {pillar_sum} (LinkedIn's total is "
        "brand + find + engage + relate, within 1 point): check what you typed"
    ).format(total=short_number(total), pillar_sum=number(pillar_sum, 2))


def reading_jump_warning(moved: float, previous: str, days: int) -> str:
    """A reading far from the previous one (kept, with this warning)."""
    span = plural(days, "{days} day", "{days} days").format(days=days)
    return _(
        "the total moved {moved} points in {span} since the reading of {previous}:"
        " check what you typed"
    ).format(moved=signed(moved), span=span, previous=previous)
