"""The forked helper: its result handed back, its failures and death seen, never left running."""

from __future__ import annotations

import _thread
import os
import threading
import time

import pytest

from ssi_tui import forked
from ssi_tui.forked import Board, Helper, HelperFailed

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="a helper is forked")
THREADS = forked._threads


@pytest.fixture(autouse=True)
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test runner has threads of its own: the helpers here fork all the same."""
    monkeypatch.setattr(forked, "_threads", lambda: 1)


def test_a_helper_hands_back_what_its_work_returned() -> None:
    board = Board(2)
    here = os.getpid()

    def work() -> dict[str, object]:
        board[1] = 42
        return {"pid": os.getpid(), "items": list(range(100_000))}

    helper = Helper.start(work)
    assert helper is not None
    result = helper.result()
    assert result["pid"] != here and result["items"] == list(range(100_000))
    assert board[1] == 42 and board[0] == 0  # what it wrote is seen here
    assert forked.peaks_with_helpers_kb[-1] > 0
    board.close()


def test_a_helper_that_raises_or_dies_fails_here() -> None:
    def raises() -> None:
        raise ValueError("no")

    def dies() -> None:
        os._exit(7)

    for work in (raises, dies):
        helper = Helper.start(work)
        assert helper is not None
        with pytest.raises(HelperFailed):
            helper.result()


def test_a_helper_given_up_on_is_stopped_and_reaped() -> None:
    helper = Helper.start(lambda: time.sleep(60))
    assert helper is not None
    pid = helper._pid
    started = time.monotonic()
    helper.close()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more


def test_no_helper_is_forked_beside_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "_threads", THREADS)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
        assert Helper.start(lambda: 1) is None
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="the system's thread count")
def test_no_helper_is_forked_beside_a_thread_python_did_not_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forked, "_threads", THREADS)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)  # as Python counts them
    release = _thread.allocate_lock()
    release.acquire()
    started = _thread.allocate_lock()
    started.acquire()

    def native() -> None:  # (as a C library's thread: not in `threading`'s count)
        started.release()
        release.acquire()

    _thread.start_new_thread(native, ())
    started.acquire()
    try:
        assert not forked.can_fork()
    finally:
        release.release()
