"""What a new user reads on an empty store: where to start, in the app and on the command line."""

from __future__ import annotations

from ssi_tui.wording import _


def cli_first_run() -> str:
    """What `ssi-tui score` says on an empty store."""
    return _(
        "No activity yet, so nothing to score: set your goals (`ssi-tui goals load FILE`, or g in "
        "the app), import your LinkedIn export (`ssi-tui import PATH`), log an activity "
        "(`ssi-tui log KIND`), or try `ssi-tui --demo`."
    )


def guide_steps(has_goals: bool, goals_key: str, import_key: str, log_key: str) -> list[str]:
    """The first-run guide's steps, each naming the key that does it (✓ once done)."""
    goals_mark = "✓" if has_goals else "1."
    return [
        _(
            "{mark} Set your goals ({key}): whom you aim at — prospects, recruiters, partners — "
            "with weights, target roles and accounts, weekly objectives."
        ).format(mark=goals_mark, key=goals_key),
        _(
            "2. Import your LinkedIn export ({key}): LinkedIn → Settings → Data privacy → Get a "
            "copy of your data; give the ZIP here. Your calendar's meetings too: its .ics file."
        ).format(key=import_key),
        _(
            "3. Or log an activity by hand ({key} on the Activity log): a message, a comment, a "
            "meeting off LinkedIn…"
        ).format(key=log_key),
        _(
            "Just looking? Quit ({quit}) and run `ssi-tui --demo` for a full dashboard on "
            "sample data."
        ).format(quit="ctrl+q"),
    ]


def guide_title() -> str:
    """The first-run guide's title."""
    return _("Welcome to ssi-tui: nothing to score yet")


def guide_intro() -> str:
    """The first-run guide's first paragraph."""
    return _(
        "Two scores will sit here side by side: raw (what LinkedIn's activity counter sees) and "
        "weighted (the same work counted by how well it serves your goals)."
    )
