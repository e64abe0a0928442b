"""The user's keymap: `config.toml` in the platform config dir rebinds commands by id.

```toml
[keymap]
"dashboard.window" = "W"          # one key
"app.go_activities" = "a,l"       # several, comma-separated
```

Ids are those of `commands.toml` (`ssi-tui keys` lists them). A bad entry — an unknown id, a
key Textual does not know, a key another command of the same screen already has — is left out
with a one-line warning, and the rest applies; a file that is not TOML is ignored as a whole
with a warning. The file is read once at start-up; pydantic is imported only when one exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from ssi_tui.app.registry import AREAS, COMMANDS, DIALOGS, SCREENS
from ssi_tui.paths import ENV_CONFIG_DIR, user_config_dir  # noqa: F401 - ENV_CONFIG_DIR re-exported
from ssi_tui.wording import _

CONFIG_FILE = "config.toml"
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = frozenset(
    {
        "space", "tab", "enter", "escape", "backspace", "delete", "insert", "home", "end",
        "pageup", "pagedown", "up", "down", "left", "right",
        *(f"f{number}" for number in range(1, 25)),
    }
)  # fmt: skip


def config_dir() -> Path:
    """$SSI_TUI_CONFIG_DIR, else the platform's config dir for ssi-tui."""
    return user_config_dir()


def config_path() -> Path:
    """Where the user's `config.toml` is (it may not exist)."""
    return config_dir() / CONFIG_FILE


def _known_key(name: str) -> bool:
    from textual.keys import _character_to_key

    if len(name) == 1:
        return name.isprintable() and not name.isspace()
    printable = {_character_to_key(chr(code)) for code in range(33, 127)}
    return name in _NAMED_KEYS or name in printable


def check_keys(value: str) -> str:
    """A comma-separated list of Textual key names (`W`, `ctrl+w`, `f5`, `?`), normalised."""
    from textual.keys import _character_to_key

    keys = [part.strip() for part in value.split(",")]
    if not value.strip() or any(not part for part in keys):
        raise ValueError(_("give one key or several separated by commas"))
    normalised = []
    for key in keys:
        *modifiers, name = key.split("+") if key != "+" else ["+"]
        unknown = [modifier for modifier in modifiers if modifier not in MODIFIERS]
        if unknown or not name:
            raise ValueError(
                _("{key} is not a key (modifiers: {modifiers})").format(
                    key=repr(key), modifiers=", ".join(sorted(MODIFIERS))
                )
            )
        if not _known_key(name):
            raise ValueError(_("{key} is not a key Textual knows").format(key=repr(key)))
        name = _character_to_key(name) if len(name) == 1 else name
        normalised.append("+".join([*modifiers, name]))
    return ",".join(normalised)


def check_command(value: str) -> str:
    """A command id of the registry."""
    if value not in COMMANDS:
        raise ValueError(_("no such command (see `ssi-tui keys`)"))
    if COMMANDS[value].key is None:
        raise ValueError(_("a palette-only command has no key to change"))
    return value


def _model() -> Any:
    """The pydantic model of the file (built on first use: pydantic loads only then)."""
    from pydantic import AfterValidator, BaseModel, ConfigDict

    command_id = Annotated[str, AfterValidator(check_command)]
    keys = Annotated[str, AfterValidator(check_keys)]

    class UserConfig(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        keymap: dict[command_id, keys] = {}  # type: ignore[valid-type]

    return UserConfig


@dataclass(frozen=True)
class Keymap:
    """The keymap read from the file (command id → keys) and what was wrong with it."""

    bindings: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    path: Path | None = None


def _error_line(error: dict[str, Any], data: dict[str, Any]) -> tuple[str, str | None]:
    """One line for a pydantic error, and the keymap entry to leave out (if it is one)."""
    location = [str(part) for part in error["loc"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    if location[:1] == ["keymap"] and len(location) >= 2:
        entry = location[1]
        value = data.get("keymap", {}).get(entry) if isinstance(data.get("keymap"), dict) else None
        shown = entry if value is None else f"{entry} = {value!r}"
        if error["type"] == "extra_forbidden":
            return _("unknown setting {name}").format(name=repr(entry)), None
        return f"[keymap] {shown}: {message}", entry
    if error["type"] == "extra_forbidden":
        return _("unknown setting {name}").format(name=repr(".".join(location))), None
    where = ".".join(location) or _("file")
    return _("{name}: {value}").format(name=where, value=message), None


def _areas_sharing(area: str) -> list[str]:
    """The areas whose keys are active together with `area`'s (where a clash matters)."""
    screens = [screen.id for screen in SCREENS]
    if area in ("app", "screen"):
        return [*screens, "screen", "app"]
    if area in DIALOGS:
        return [area]
    return [area, "screen", "app"]


def _clashes(bindings: dict[str, str]) -> list[str]:
    """Warnings for overrides that give a key two commands on one screen; drops them."""
    warnings = []
    for command_id, keys in list(bindings.items()):
        area = COMMANDS[command_id].area
        for shared in _areas_sharing(area):
            others = {}
            for entry in AREAS[shared]:
                if entry.id == command_id:
                    continue
                effective = bindings.get(entry.id, entry.key)
                for key in (effective or "").split(","):
                    others.setdefault(key, entry.id)
            taken = [key for key in keys.split(",") if key in others]
            if taken:
                warnings.append(
                    _(
                        "[keymap] {id} = {keys}: {key} is already {other}'s key; kept the default"
                    ).format(id=command_id, keys=repr(keys), key=taken[0], other=others[taken[0]])
                )
                del bindings[command_id]
                break
    return warnings


def read_keymap(path: Path | None = None) -> Keymap:
    """The user's keymap from `config.toml` (none when the file does not exist)."""
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Keymap(path=path)
    except OSError as error:
        return Keymap(
            path=path,
            warnings=(_("{path}: cannot read it ({why})").format(path=path, why=error.strerror),),
        )
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return Keymap(
            path=path,
            warnings=(_("{path}: not valid TOML ({why}); ignored").format(path=path, why=error),),
        )
    from pydantic import ValidationError

    model = _model()
    warnings: list[str] = []
    for _attempt in range(2):
        try:
            config = model.model_validate(data)
            break
        except ValidationError as error:
            for detail in error.errors():
                line, entry = _error_line(dict(detail), data)
                warnings.append(f"{path.name}: {line}")
                if entry is not None and isinstance(data.get("keymap"), dict):
                    data["keymap"] = {k: v for k, v in data["keymap"].items() if k != entry}
            data = {"keymap": data["keymap"]} if isinstance(data.get("keymap"), dict) else {}
    else:  # pragma: no cover - the second attempt has only valid entries left
        return Keymap(path=path, warnings=tuple(warnings))
    bindings = dict(config.keymap)
    warnings.extend(f"{path.name}: {line}" for line in _clashes(bindings))
    return Keymap(bindings=bindings, warnings=tuple(warnings), path=path)


def effective_keys(keymap: Keymap) -> dict[str, str | None]:
    """Every command id → its keys with the keymap applied (None: palette only)."""
    return {
        command_id: keymap.bindings.get(command_id, entry.key)
        for command_id, entry in COMMANDS.items()
    }
