"""Suite-wide guards: never the real user data dir, never the network, a fixed today."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the default data dir (and HOME/XDG) at a temp dir so no test can touch real data."""
    monkeypatch.setenv("SSI_TUI_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / "cache"))
    monkeypatch.setenv("SSI_TUI_TODAY", TODAY.isoformat())
    monkeypatch.delenv("SSI_TUI_CONFIG_DIR", raising=False)  # the user's keymap, calendar.toml
    monkeypatch.delenv("SSI_TUI_CACHE_DIR", raising=False)  # the app's own caches
    # English unless a test asks otherwise, whatever this machine's locale.
    for name in ("SSI_TUI_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    """Each test starts and ends in English (the language is the process's)."""
    from ssi_tui.wording import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tests must not use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def today() -> date:
    """The fixed 'today' of the suite."""
    return TODAY
