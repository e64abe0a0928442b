"""The app in the user's language: Textual's own palette commands worded in it, and the palette's
command that chooses it (remembered in config.toml, used from the next start)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.align import Align
from rich.text import Text
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, SimpleCommand
from textual.widgets.option_list import Option

from ssi_tui.wording import (
    ENV_LANG,
    LANGUAGE_NAMES,
    N_,
    NP_,
    _,
    language,
    language_of,
    pgettext,
)

if TYPE_CHECKING:
    from textual.screen import Screen

# Textual's own palette commands (textual.app.App.get_system_commands), in the catalog.
TEXTUAL_WORDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Hide the keys and widget help panel"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
    N_("palette"),  # the key bar's word for the palette's key
)


# The keys shown by name (the footer, the help, the hints), as the user's keyboard says them.
KEY_NAMES = {
    "space": NP_("key", "space"), "del": NP_("key", "del"), "esc": NP_("key", "esc"),
    "tab": NP_("key", "tab"), "backspace": NP_("key", "backspace"), "home": NP_("key", "home"),
    "end": NP_("key", "end"), "pgup": NP_("key", "pgup"), "pgdn": NP_("key", "pgdn"),
}  # fmt: skip


class WordedPalette(CommandPalette):
    """Textual's command palette, its "No matches found" in the user's language (Textual words
    it inside a private method: replaced here only while that method is as expected)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        super()._start_no_matches_countdown(search_value)
        timer = getattr(self, "_no_matches_timer", None)
        if timer is None or not search_value or not hasattr(self, "_NO_MATCHES"):
            return
        timer.stop()

        def show_no_matches() -> None:
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(_("No matches found"), style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class Worded:
    """For the app: the palette and the keys' names in the user's language, and
    `app.language`."""

    def get_key_display(self, binding: Binding) -> str:
        """A key as shown: Textual's name for it, in the user's language ("espace")."""
        shown = App.get_key_display(self, binding)  # type: ignore[arg-type]
        return pgettext("key", KEY_NAMES[shown]) if shown in KEY_NAMES else shown

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands (theme, quit, keys…), worded in the user's language."""
        for entry in App.get_system_commands(self, screen):  # type: ignore[arg-type]
            yield SystemCommand(_(entry.title), _(entry.help), entry.callback, entry.discover)

    def action_command_palette(self) -> None:
        """The command palette, its prompt in the user's language."""
        app: App[object] = self  # type: ignore[assignment]
        if app.use_command_palette and not CommandPalette.is_open(app):
            app.push_screen(
                WordedPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def search_themes(self) -> None:
        """The theme picker, its prompt in the user's language."""
        from textual.theme import ThemeProvider

        app: App[object] = self  # type: ignore[assignment]
        app.push_screen(
            WordedPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    def action_choose_language(self) -> None:
        """Offer the languages; the one chosen is remembered for the next start."""
        from textual.command import SimpleProvider

        app: App[object] = self  # type: ignore[assignment]
        commands = [
            SimpleCommand(
                name,
                lambda code=code: self.remember_language(code),  # type: ignore[misc]
                _("Use {language} from the next start").format(language=name),
            )
            for code, name in LANGUAGE_NAMES.items()
        ]
        app.push_screen(
            WordedPalette(
                providers=[SimpleProvider(app.screen, commands)],
                placeholder=_("Choose a language…"),
            )
        )

    @work(thread=True, exclusive=True, group="config", description="language")
    def remember_language(self, code: str) -> None:
        """Write the language into config.toml (off the UI thread) and say when it applies."""
        from ssi_tui.config import remember_language

        app: App[object] = self  # type: ignore[assignment]
        try:
            remember_language(code)
        except OSError as error:
            message = _("The language was not saved: {why}").format(why=error.strerror or error)
            app.call_from_thread(app.notify, message, severity="error", markup=False)
            return
        name = LANGUAGE_NAMES[code]
        if code == language():
            message = _("Language: {language}.").format(language=name)
        else:
            message = _("Language: {language}, from the next time you open ssi-tui.").format(
                language=name
            )
        forced = language_of(os.environ.get(ENV_LANG))
        if forced is not None and forced != code:
            message += " " + _("{variable} is set, and comes first.").format(
                variable=f"{ENV_LANG}={os.environ[ENV_LANG]}"
            )
        app.call_from_thread(app.notify, message, title=_("Language"), markup=False)
