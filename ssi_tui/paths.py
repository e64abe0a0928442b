"""Where things live: the shipped data files and the user's store. Resolved on call, never at import."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "SSI_TUI_DATA_DIR"
ENV_CONFIG_DIR = "SSI_TUI_CONFIG_DIR"
ENV_CACHE_DIR = "SSI_TUI_CACHE_DIR"


def package_data_dir() -> Path:
    """The catalog, rules and demo data: inside the installed wheel, else the checkout's `data/`."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    if installed.is_dir():
        return installed
    return here.parent / "data"


def user_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The user's data dir: an explicit override, else $SSI_TUI_DATA_DIR, else the platform default."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(ENV_DATA_DIR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("ssi-tui", appauthor=False))


def user_config_dir() -> Path:
    """$SSI_TUI_CONFIG_DIR, else the platform's config dir for ssi-tui (`config.toml`,
    `calendar.toml`)."""
    from_env = os.environ.get(ENV_CONFIG_DIR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("ssi-tui", appauthor=False))


def user_cache_dir() -> Path:
    """$SSI_TUI_CACHE_DIR, else the platform's cache dir for ssi-tui: the app's own caches (the
    first frame's parsed CSS), nothing of the store's."""
    from_env = os.environ.get(ENV_CACHE_DIR)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("ssi-tui", appauthor=False))
