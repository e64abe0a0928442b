"""Every screen's keys, footer, palette and help come from the registry (commands.toml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.actions import parse
from textual.command import CommandPalette

from ssi_tui.app.app import SSIApp
from ssi_tui.app.commands import AppCommands, provider_for
from ssi_tui.app.keymap import check_keys, read_keymap
from ssi_tui.app.registry import (
    AREAS,
    COMMANDS,
    SCREENS,
    command,
    fill_keys,
    key_references,
    unknown_references,
)
from ssi_tui.app.screens.help import HelpScreen, help_text, key_table
from ssi_tui.app.widgets.keybar import KeyBar

from .conftest import TODAY, settle

SCREEN_IDS = [screen.id for screen in SCREENS]


def keyed(area: str) -> list[str]:
    return [entry.id for entry in AREAS[area] if entry.key is not None]


# -- the registry itself -----------------------------------------------------------------------
def test_every_command_is_declared_once_with_a_known_area() -> None:
    ids = [entry.id for commands in AREAS.values() for entry in commands]
    assert len(ids) == len(set(ids)) == len(COMMANDS)
    assert {entry.area for entry in COMMANDS.values()} <= set(AREAS)


def test_every_key_named_in_help_prose_is_a_command() -> None:
    assert unknown_references() == []
    assert sum(len(key_references(screen.help)) for screen in SCREENS) >= 20


def test_fill_keys_shows_the_given_keys() -> None:
    text = "press {dashboard.window} then {dashboard.today}"
    assert fill_keys(text, {"dashboard.window": "W", "dashboard.today": "T"}) == "press W then T"


@pytest.mark.parametrize("screen_id", SCREEN_IDS)
def test_no_key_does_two_things_on_a_screen(screen_id: str) -> None:
    owners: dict[str, list[str]] = {}
    for area in (screen_id, "screen", "app"):
        for entry in AREAS[area]:
            for key in (entry.key or "").split(","):
                if key:
                    owners.setdefault(key, []).append(entry.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_commands_that_run_another_command_name_a_real_one() -> None:
    for entry in COMMANDS.values():
        if entry.runs is not None:
            target = command(entry.runs)
            assert target.area in SCREEN_IDS, entry.id


def test_every_action_exists_on_its_screen() -> None:
    import importlib

    from ssi_tui.app.screens.confirm import ConfirmScreen
    from ssi_tui.app.screens.form import FormScreen
    from ssi_tui.app.screens.recovery import RecoveryScreen

    classes: dict[str, type] = {"app": SSIApp, "form": FormScreen, "help": HelpScreen}
    classes["recovery"] = RecoveryScreen
    classes["confirm"] = ConfirmScreen
    from ssi_tui.app.screens.detail import DetailScreen

    classes["detail"] = DetailScreen
    from ssi_tui.app.screens.backups import BackupsScreen

    classes["backups"] = BackupsScreen
    from ssi_tui.app.screens.done_when import DoneWhenScreen

    classes["when"] = DoneWhenScreen
    for screen in SCREENS:
        module = importlib.import_module(f"ssi_tui.app.screens.{screen.module}")
        classes[screen.id] = getattr(module, screen.cls)
    from ssi_tui.app.screens.base import BaseScreen

    classes["screen"] = BaseScreen
    for entry in COMMANDS.values():
        if not entry.action:
            continue
        name = entry.action.partition("(")[0]
        owner = classes[entry.area]
        assert hasattr(owner, f"action_{name}") or name in ("dismiss", "quit"), entry.id


def test_screen_classes_carry_the_registry_bindings_with_ids() -> None:
    import importlib

    for screen in SCREENS:
        cls = getattr(importlib.import_module(f"ssi_tui.app.screens.{screen.module}"), screen.cls)
        assert screen.id == cls.SCREEN_ID
        assert screen.title == cls.TITLE_TEXT
        assert [binding.id for binding in cls.BINDINGS] == keyed(screen.id)


# -- keymap file ------------------------------------------------------------------------------
def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_keymap_reads_valid_entries(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[keymap]\n"dashboard.window" = "W"\n"app.help" = "?, f2"\n')
    keymap = read_keymap(path)
    assert keymap.bindings == {"dashboard.window": "W", "app.help": "question_mark,f2"}
    assert keymap.warnings == ()


def test_a_missing_file_is_the_defaults(tmp_path: Path) -> None:
    keymap = read_keymap(tmp_path / "nope.toml")
    assert keymap.bindings == {} and keymap.warnings == ()


@pytest.mark.parametrize(
    ("line", "warning"),
    [
        ('"dashboard.windw" = "x"', "dashboard.windw = 'x': no such command"),
        ('"app.help" = "ctrl+zz"', "'ctrl+zz' is not a key Textual knows"),
        ('"app.help" = "hyperr+a"', "is not a key (modifiers"),
        ('"app.help" = ""', "give one key or several"),
        ('"app.help" = 3', "app.help = 3: Input should be a valid string"),
        ('"dashboard.window_30" = "3"', "a palette-only command has no key"),
        ('"goals.remove" = "n"', "n is already goals.new_audience's key; kept the default"),
        ('"goals.remove" = "d"', "d is already app.go_dashboard's key"),
    ],
)
def test_a_bad_entry_is_left_out_with_one_line_and_the_rest_applies(
    tmp_path: Path, line: str, warning: str
) -> None:
    path = write_config(tmp_path, f'[keymap]\n"trends.weeks" = "W"\n{line}\n')
    keymap = read_keymap(path)
    assert keymap.bindings == {"trends.weeks": "W"}
    assert len(keymap.warnings) == 1
    assert warning in keymap.warnings[0]
    assert "\n" not in keymap.warnings[0]


def test_rebinding_a_key_away_frees_it_for_another_command(tmp_path: Path) -> None:
    path = write_config(tmp_path, '[keymap]\n"goals.remove" = "n"\n"goals.new_audience" = "a,N"\n')
    keymap = read_keymap(path)
    # `a` is the app's go-to-log key: the second entry clashes, so the first does too.
    assert "goals.new_audience" not in keymap.bindings
    path = write_config(tmp_path, '[keymap]\n"goals.new_audience" = "N"\n"goals.remove" = "n"\n')
    assert read_keymap(path).bindings == {"goals.new_audience": "N", "goals.remove": "n"}


def test_a_file_that_is_not_toml_is_ignored_with_a_warning(tmp_path: Path) -> None:
    keymap = read_keymap(write_config(tmp_path, "keymap = [\n"))
    assert keymap.bindings == {}
    assert len(keymap.warnings) == 1 and "not valid TOML" in keymap.warnings[0]


def test_unknown_sections_are_named(tmp_path: Path) -> None:
    keymap = read_keymap(write_config(tmp_path, '[keymaps]\n"app.help" = "h"\n'))
    assert keymap.warnings == ("config.toml: unknown setting 'keymaps'",)


def test_check_keys_normalises_characters() -> None:
    assert check_keys("?,ctrl+w, [") == "question_mark,ctrl+w,left_square_bracket"


# -- the running app --------------------------------------------------------------------------
def keybar_entries(app: SSIApp) -> tuple[list[str], list[str]]:
    own, screens, _help, _palette = app.screen.query_one(KeyBar)._keys()
    return [entry.description for entry in own], [entry.description for entry in screens]


def enabled(screen: object, action: str) -> bool:
    _namespace, name, parameters = parse(action)
    return bool(screen.check_action(name, parameters))  # type: ignore[attr-defined]


async def palette_titles(app: SSIApp) -> set[str]:
    titles = set()
    for provider_class in (AppCommands, provider_for(app.screen.SCREEN_ID)):
        provider = provider_class(app.screen)
        titles |= {str(hit.text) async for hit in provider.discover()}
    return titles


@pytest.mark.parametrize("screen_id", SCREEN_IDS)
async def test_keys_footer_palette_and_help_of_every_screen(
    demo_app: SSIApp, screen_id: str
) -> None:
    async with demo_app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        demo_app.action_go(screen_id)
        await settle(pilot)
        screen = demo_app.screen
        screen.set_focus(None)  # a text field would take the printable keys
        await settle(pilot)
        # Keys: every keyed command of the screen, the main screens' and the app's is active
        # (unless the screen disables it now, e.g. "previous page" on the first page).
        active_ids = {active.binding.id for active in screen.active_bindings.values()}
        expected = {
            entry_id for entry_id in keyed(screen_id) if enabled(screen, COMMANDS[entry_id].action)
        } | {  # undo too: dimmed while there is nothing to undo; take over only when offered
            entry_id
            for entry_id in keyed("app")
            if demo_app.check_action(COMMANDS[entry_id].action, ()) is not False
        }
        assert expected <= active_ids
        assert {i for i in active_ids if i in COMMANDS} <= expected | set(keyed("screen"))
        # Footer: the shown ones, in the registry's order.
        own, screens = keybar_entries(demo_app)
        shown = [
            e.description
            for e in AREAS[screen_id]
            if e.key and e.show and enabled(screen, e.action)
        ]
        assert own == [*shown, "Undo"]  # the app's undo follows the screen's own keys
        assert screens == [s.label for s in SCREENS]
        # Palette: the app's commands (less this screen's shortcuts) and the screen's own.
        titles = await palette_titles(demo_app)
        wanted = {e.palette_title for e in AREAS[screen_id] if e.palette}
        wanted |= {
            e.palette_title
            for e in AREAS["app"]
            if e.palette and (e.runs is None or command(e.runs).area != screen_id)
        }
        assert titles == wanted
        # Help: its key table lists the registry's commands, its prose the keys, no placeholder.
        table = key_table(screen)
        assert [entry.id for entry, _key in table if entry.area == screen_id] == [
            entry_id for entry_id in keyed(screen_id) if enabled(screen, COMMANDS[entry_id].action)
        ]
        text = help_text(screen)
        assert "{" not in text and "?" not in text.replace("(?", "")
        assert next(s.title for s in SCREENS if s.id == screen_id) == screen.TITLE_TEXT


async def test_help_screen_shows_the_current_keys(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(demo_app.screen, HelpScreen)
        body = str(demo_app.screen.query_one("#help-body Static").render())
        assert "w switches the window" in body
        assert "Cycle" not in body  # the footer's wording, not the palette's
        assert "Window" in body


async def test_palette_runs_a_screen_command_by_id(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        demo_app.run_command("app.window_365")
        await settle(pilot)
        assert demo_app.screen.window_days == 365
        demo_app.run_command("app.log_activity")
        await settle(pilot)
        assert demo_app.current_mode == "activities"
        assert demo_app.screen.__class__.__name__ == "ActivityFormScreen" or (
            demo_app.screen.is_modal
        )


async def test_the_palette_opens_with_the_screen_provider(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(demo_app.screen, CommandPalette)
        await pilot.press(*"cycle the window")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert demo_app.screen.window_days == 365


async def test_a_keymap_override_rebinds_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text(
        '[keymap]\n"dashboard.window" = "W"\n"app.go_trends" = "ctrl+y"\n"bad.id" = "z"\n'
        '"goals.add_account" = "ctrl+b"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("SSI_TUI_CONFIG_DIR", str(config))
    app = SSIApp(tmp_path / "data", TODAY, demo=True)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.window_days == 90
        await pilot.press("w")
        await settle(pilot)
        assert app.screen.window_days == 90  # no longer bound
        await pilot.press("W")
        await settle(pilot)
        assert app.screen.window_days == 365
        own, _screens = keybar_entries(app)
        bar = str(app.screen.query_one(KeyBar).render())
        assert " W Window " in bar and "^y Trends" in bar
        assert "Window" in own
        assert any("bad.id" in n.message for n in app._notifications)
        assert "W switches the window" in help_text(app.screen)
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.current_mode == "trends"
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.query_one("#accounts").border_title == "Target accounts (^b, e, x)"


def test_keys_command_lists_ids_and_applies_the_keymap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ssi_tui.cli.main import main

    (tmp_path / "config.toml").write_text('[keymap]\n"dashboard.window" = "W"\n', "utf-8")
    monkeypatch.setenv("SSI_TUI_CONFIG_DIR", str(tmp_path))
    assert main(["keys", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {entry["id"]: entry for entry in data["commands"]}
    assert set(by_id) == set(COMMANDS)
    assert by_id["dashboard.window"]["keys"] == "W"
    assert by_id["dashboard.window"]["default"] == "w"
    assert data["warnings"] == []
    assert main(["keys"]) == 0
    out = capsys.readouterr().out
    assert "dashboard.window" in out and "(* changed there)" in out
