"""The user's `config.toml` (in the config dir): what is read before anything else opens.

Today: `language = "fr"` (or "en"), the language setting that `--lang` and $SSI_TUI_LANG
override and that the locale stands in for (see `wording.choose_language`). The keymap in the
same file is the app's (`app/keymap.py`), which reports its problems; here a missing or
unreadable file is no setting at all.
"""

from __future__ import annotations

import re

from ssi_tui.paths import user_config_dir

CONFIG_FILE = "config.toml"
_LANGUAGE_LINE = re.compile(r"^language\s*=.*$", re.MULTILINE)
_TABLE = re.compile(r"^\s*\[", re.MULTILINE)


def configured_language() -> str | None:
    """The `language` of config.toml, if the file has one."""
    try:
        source = (user_config_dir() / CONFIG_FILE).read_bytes()
    except OSError:
        return None
    import tomllib  # (only when there is a file: every start asks, most have none)

    try:
        value = tomllib.loads(source.decode("utf-8")).get("language")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) else None


def remember_language(code: str) -> None:
    """Write `language = "CODE"` into config.toml (its other lines kept; the file and its
    folder made if missing). OSError when it cannot be written."""
    from ssi_tui.store.files import atomic_write, ensure_private_dir

    directory = user_config_dir()
    ensure_private_dir(directory)
    path = directory / CONFIG_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    line = f'language = "{code}"'
    first_table = _TABLE.search(text)
    cut = first_table.start() if first_table else len(text)
    head, tables = text[:cut], text[cut:]  # the top-level keys come before any table
    if _LANGUAGE_LINE.search(head):
        head = _LANGUAGE_LINE.sub(line, head, count=1)
    else:
        head = f"{line}\n{head}"
    atomic_write(path, (head.rstrip("\n") + "\n" + ("\n" + tables if tables else "")).encode())
