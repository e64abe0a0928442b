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


async def test_a_save_waits_off_the_ui_thread_and_keeps_its_order(demo_app: SSIApp) -> None:
    """A long read holds the workspace lock: the UI still answers keys, and the saves asked
    meanwhile land afterwards, in the order they were asked."""
    import threading

    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        workspace = demo_app.workspace
        assert workspace is not None
        before = len(workspace.readings.all())
        held, release = threading.Event(), threading.Event()

        def long_read() -> None:
            with workspace.lock:
                held.set()
                release.wait(10)

        reader = threading.Thread(target=long_read)
        reader.start()
        assert held.wait(5)
        order: list[str] = []
        values = {"total": "60", "brand": "15", "find": "15", "engage": "15", "relate": "15"}

        async def save(name: str, reading: dict[str, str]) -> None:
            await demo_app.write(lambda ws: ws.readings.add(reading))
            order.append(name)

        demo_app.run_worker(save("first", values))
        demo_app.run_worker(save("second", {**values, "date": "-1d"}))
        await pilot.press("a")  # the UI thread is free
        await pilot.pause()
        assert demo_app.current_mode == "activities"
        assert len(workspace.readings.all()) == before  # the saves wait for the lock
        release.set()
        reader.join()
        await settle(pilot)
        assert order == ["first", "second"]
        assert len(workspace.readings.all()) == before + 2


async def test_a_refused_save_is_a_notification_and_changes_nothing(demo_app: SSIApp) -> None:
    async with demo_app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        workspace = demo_app.workspace
        assert workspace is not None
        goals = workspace.goals.get()
        demo_app.save(lambda ws: ws.goals.set_weight("prospects", "lots"))
        await settle(pilot)
        assert ("Not saved", "not a number: 'lots'") in [
            (n.title, n.message) for n in demo_app._notifications
        ]
        assert workspace.goals.get() == goals


async def test_quitting_right_after_a_save_or_an_undo_leaves_no_coroutine_behind(
    demo_app: SSIApp,
) -> None:
    """A save asked for as the app quits never starts: it must not leave a coroutine that was
    never awaited (Python prints a RuntimeWarning on the user's terminal after the app)."""
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with demo_app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            demo_app.undo_left = 1
            demo_app.exit()
            demo_app.save(lambda workspace: workspace.settings.theme, refresh=False)
            demo_app.action_undo()
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
