"""Workers report through messages; a store error in one is a notification, never a crash."""

from __future__ import annotations

import pytest

from ssi_tui.app.app import SSIApp
from ssi_tui.store.errors import StoreError

from .conftest import settle


async def test_a_store_error_while_scoring_is_a_notification(
    demo_app: SSIApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        workspace = demo_app.workspace
        assert workspace is not None

        def broken(*_args: object, **_kwargs: object) -> None:
            raise StoreError("the disk went away")

        monkeypatch.setattr(workspace, "report", broken)
        await pilot.press("w")  # rescore: the worker fails
        await settle(pilot)
        assert demo_app.is_running
        messages = [(n.title, n.message) for n in demo_app._notifications]
        assert ("Cannot show the scores", "the disk went away") in messages
        await pilot.press("a")  # the app goes on
        await settle(pilot)
        assert demo_app.current_mode == "activities"


async def test_a_store_error_while_loading_contacts_is_a_notification(
    demo_app: SSIApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui.services.contacts import ContactService

    def broken(*_args: object, **_kwargs: object) -> None:
        raise StoreError("segment unreadable")

    monkeypatch.setattr(ContactService, "last_interactions", broken)
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert demo_app.is_running
        titles = [n.title for n in demo_app._notifications]
        assert "Cannot show the contacts" in titles
