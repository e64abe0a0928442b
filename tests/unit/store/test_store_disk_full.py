"""Requirement 7: a failed save (disk full, permission denied) changes nothing, on disk or in memory."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity, Contact, Goals, SSIReading
from ssi_tui.store import NotFoundError, Store, StoreWriteError, repository

MESSAGES = {errno.ENOSPC: "disk is full", errno.EACCES: "permission denied"}


def failure(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class FailingFile:
    """A file object whose writes fail (what a full disk does to `handle.write`)."""

    def __init__(self, handle: Any, code: int) -> None:
        self._handle = handle
        self._code = code

    def write(self, data: bytes) -> int:
        raise failure(self._code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


@contextmanager
def failing(
    monkeypatch: pytest.MonkeyPatch,
    point: str,
    code: int,
    only: Callable[[str], bool] = lambda path: True,
) -> Iterator[None]:
    """Make one step of `atomic_write` fail with `code` (for target paths accepted by `only`)."""
    with monkeypatch.context() as patch:
        if point == "mkstemp":
            real_mkstemp = tempfile.mkstemp

            def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
                if only(str(kwargs.get("dir", ""))):
                    raise failure(code)
                return real_mkstemp(*args, **kwargs)

            patch.setattr(tempfile, "mkstemp", mkstemp)
        elif point == "write":
            real_fdopen = os.fdopen

            def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
                handle = real_fdopen(fd, *args, **kwargs)
                return (
                    FailingFile(handle, code)
                    if only(os.readlink(f"/proc/self/fd/{fd}"))
                    else handle
                )

            patch.setattr(os, "fdopen", fdopen)
        elif point == "fsync":
            real_fsync = os.fsync

            def fsync(fd: int) -> None:
                if only(os.readlink(f"/proc/self/fd/{fd}")):
                    raise failure(code)
                real_fsync(fd)

            patch.setattr(os, "fsync", fsync)
        elif point == "replace":
            real_replace = os.replace

            def replace(source: Any, target: Any, **kwargs: Any) -> None:
                if only(str(target)):
                    raise failure(code)
                real_replace(source, target, **kwargs)

            patch.setattr(os, "replace", replace)
        else:  # pragma: no cover
            raise ValueError(point)
        yield


needs_proc = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")


@pytest.fixture
def store(data_dir: Path, make_activity: Callable[..., Activity]) -> Iterator[Store]:
    with Store.open(data_dir) as opened:
        opened.activities.add(make_activity(note="kept"))
        opened.activities.add_many([make_activity() for _ in range(500)])
        opened.contacts.add(Contact(name="Ann Example"))
        yield opened


def state(store: Store) -> tuple[int, list[str], int, dict[str, Any], Goals]:
    return (
        store.activities.count(),
        [activity.id for activity in store.activities.all()],
        store.contacts.count(),
        store.settings.all(),
        store.goals.get(),
    )


def assert_nothing_changed(
    store: Store,
    data_dir: Path,
    before_raw: bytes,
    before_state: Any,
    error: StoreWriteError,
    code: int,
) -> None:
    assert MESSAGES[code] in str(error)
    assert (data_dir / "store.json").read_bytes() == before_raw
    assert list(data_dir.rglob(".*.tmp")) == []
    assert state(store) == before_state


@needs_proc
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES], ids=["ENOSPC", "EACCES"])
@pytest.mark.parametrize("point", ["mkstemp", "write", "fsync", "replace"])
def test_failed_add_changes_nothing(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_activity: Callable[..., Activity],
    point: str,
    code: int,
) -> None:
    before_raw = (data_dir / "store.json").read_bytes()
    before_state = state(store)
    new = make_activity(note="lost")
    with failing(monkeypatch, point, code), pytest.raises(StoreWriteError) as caught:
        store.activities.add(new)
    assert_nothing_changed(store, data_dir, before_raw, before_state, caught.value, code)
    with pytest.raises(NotFoundError):
        store.activities.get(new.id)
    # The store still works once the disk has room again.
    store.activities.add(new)
    assert store.activities.get(new.id).note == "lost"
    assert store.activities.count() == before_state[0] + 1


@needs_proc
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES], ids=["ENOSPC", "EACCES"])
@pytest.mark.parametrize(
    "operation",
    [
        "add_many-segment",
        "delete-hot",
        "delete-in-segment",
        "update",
        "contact",
        "reading",
        "goals",
        "settings",
        "compact",
    ],
)
def test_every_failed_write_changes_nothing(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_activity: Callable[..., Activity],
    operation: str,
    code: int,
) -> None:
    kept = next(activity for activity in store.activities.all() if activity.note == "kept")
    in_segment = next(activity for activity in store.activities.all() if activity.note != "kept")
    operations: dict[str, Callable[[], object]] = {
        "add_many-segment": lambda: store.activities.add_many(
            [make_activity() for _ in range(600)]
        ),
        "delete-hot": lambda: store.activities.delete(kept.id),
        "delete-in-segment": lambda: store.activities.delete(in_segment.id),
        "update": lambda: store.activities.update(kept.model_copy(update={"note": "changed"})),
        "contact": lambda: store.contacts.add(Contact(name="Bob Example")),
        "reading": lambda: store.readings.add(
            SSIReading(date=date(2024, 2, 1), total=40, brand=10, find=10, engage=10, relate=10)
        ),
        "goals": lambda: store.goals.set(Goals.model_validate({"audiences": {"prospects": 1}})),
        "settings": lambda: store.settings.set("theme", "dark"),
        "compact": lambda: store.compact(),
    }
    history = sorted((data_dir / "history").iterdir())
    before_raw = (data_dir / "store.json").read_bytes()
    before_state = state(store)
    readings = store.readings.all()
    with failing(monkeypatch, "fsync", code), pytest.raises(StoreWriteError) as caught:
        operations[operation]()
    assert_nothing_changed(store, data_dir, before_raw, before_state, caught.value, code)
    assert store.readings.all() == readings
    assert store.activities.get(kept.id).note == "kept"
    assert store.activities.get(in_segment.id) == in_segment
    assert sorted((data_dir / "history").iterdir()) == history  # no new (orphan) segment


@needs_proc
@pytest.mark.parametrize("operation", ["add_many-segment", "compact"])
def test_segment_written_but_commit_failed_leaves_no_segment(
    store: Store,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_activity: Callable[..., Activity],
    operation: str,
) -> None:
    # The segment file is saved, then the commit of store.json fails.
    history = sorted((data_dir / "history").iterdir())
    before_raw = (data_dir / "store.json").read_bytes()
    before_state = state(store)
    batch = [make_activity() for _ in range(600)]
    commit_fails = failing(
        monkeypatch, "replace", errno.ENOSPC, only=lambda path: path.endswith("store.json")
    )
    with commit_fails, pytest.raises(StoreWriteError) as caught:
        if operation == "compact":
            store.compact()
        else:
            store.activities.add_many(batch)
    assert_nothing_changed(store, data_dir, before_raw, before_state, caught.value, errno.ENOSPC)
    store.close()
    with Store.open(data_dir) as again:
        assert state(again) == before_state
    assert sorted((data_dir / "history").iterdir()) == history


@needs_proc
def test_failed_daily_backup_changes_nothing(
    data_dir: Path,
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
    make_activity: Callable[..., Activity],
) -> None:
    with Store.open(data_dir, clock=clock) as store:
        store.activities.add(make_activity())
    clock.next_day()
    with Store.open(data_dir, clock=clock) as store:
        before_raw = (data_dir / "store.json").read_bytes()
        before_state = state(store)
        new = make_activity()
        with failing(monkeypatch, "fsync", errno.ENOSPC), pytest.raises(StoreWriteError) as caught:
            store.activities.add(new)  # the day's first write: a backup is due first
        assert_nothing_changed(
            store, data_dir, before_raw, before_state, caught.value, errno.ENOSPC
        )
        store.activities.add(new)
        assert [backup.reason for backup in store.backups()] == ["daily"]
        assert store.activities.count() == before_state[0] + 1


@needs_proc
def test_add_that_fails_during_automatic_compaction_is_all_or_nothing(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, make_activity: Callable[..., Activity]
) -> None:
    # The add itself fits; the compaction it triggers cannot write its segment (disk full). Either
    # the add succeeds (compaction can wait) or it fails and then nothing at all was saved.
    monkeypatch.setattr(repository, "HOT_LIMIT", 10)
    with Store.open(data_dir) as store:
        for _ in range(10):
            store.activities.add(make_activity())
        before_raw = (data_dir / "store.json").read_bytes()
        before_count = store.activities.count()
        new = make_activity(note="eleventh")
        raised: StoreWriteError | None = None
        with failing(
            monkeypatch,
            "mkstemp",
            errno.ENOSPC,
            only=lambda directory: Path(directory).name == "history",
        ):
            try:
                store.activities.add(new)
            except StoreWriteError as error:
                raised = error
        in_memory = store.activities.count()
    with Store.open(data_dir) as again:
        on_disk = {activity.id for activity in again.activities.all()}
    if raised is None:
        assert new.id in on_disk and in_memory == before_count + 1
    else:
        assert "disk is full" in str(raised)
        assert (new.id not in on_disk, in_memory) == (True, before_count), (
            f"add raised {raised!r} but the activity was saved"
        )
        assert (data_dir / "store.json").read_bytes() == before_raw


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores file permissions")
def test_cli_log_into_a_read_only_data_dir_exits_1(
    data_dir: Path, run_script: Callable[..., Any]
) -> None:
    assert run_script("log", "post", "--data-dir", str(data_dir)).code == 0
    before = (data_dir / "store.json").read_bytes()
    os.chmod(data_dir, 0o500)
    try:
        result = run_script("log", "post", "--note", "refused", "--data-dir", str(data_dir))
    finally:
        os.chmod(data_dir, 0o700)
    assert result.code == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (data_dir / "store.json").read_bytes() == before


def test_a_full_disk_while_taking_the_lock_is_one_line_and_changes_nothing(
    data_dir: Path,
    make_activity: Callable[..., Activity],
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Any],
) -> None:
    """Writing the PID into store.lock is the first write of every writer: a full disk there
    was `unexpected error: OSError: [Errno 28]`."""
    with Store.open(data_dir) as store:
        store.activities.add(make_activity())
    before = (data_dir / "store.json").read_bytes()
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith("store.lock"):
            raise failure(errno.ENOSPC)
        return real_write(fd, data)

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", write)
        with pytest.raises(StoreWriteError, match="store.lock: the disk is full; nothing"):
            Store.open(data_dir)
        result = cli("log", "post", "--data-dir", str(data_dir))
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "the disk is full" in result.stderr
    assert "unexpected" not in result.stderr
    assert (data_dir / "store.json").read_bytes() == before
    with Store.open(data_dir, lock_timeout=0.1) as store:  # the lock was let go
        assert store.activities.count() == 1


@needs_proc
def test_a_full_disk_during_a_backup_leaves_no_partial_folder(
    data_dir: Path,
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
    make_activity: Callable[..., Activity],
) -> None:
    with Store.open(data_dir, clock=clock) as store:
        store.activities.add_many([make_activity() for _ in range(500)])
    clock.next_day()
    with Store.open(data_dir, clock=clock) as store:
        before = (data_dir / "store.json").read_bytes()
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if "/backups/" in os.readlink(f"/proc/self/fd/{fd}"):
                raise failure(errno.ENOSPC)
            real_fsync(fd)

        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", fsync)
            with pytest.raises(StoreWriteError, match="the disk is full; nothing was changed"):
                store.activities.add(make_activity())
        assert list((data_dir / "backups").iterdir()) == []  # no .partial folder left
        assert (data_dir / "store.json").read_bytes() == before


@needs_proc
def test_a_full_disk_during_an_export_is_one_line(
    data_dir: Path,
    make_activity: Callable[..., Activity],
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Any],
    tmp_path: Path,
) -> None:
    with Store.open(data_dir) as store:
        store.activities.add(make_activity())
    target = tmp_path / "out"
    target.mkdir()
    with failing(monkeypatch, "write", errno.ENOSPC, only=lambda path: str(target) in path):
        result = cli(
            "export",
            "--format",
            "json",
            "-o",
            str(target / "all.json"),
            "--data-dir",
            str(data_dir),
        )
    assert result.code == 1 and result.stderr.count("\n") == 1
    assert "the disk is full" in result.stderr and "unexpected" not in result.stderr
    assert list(target.iterdir()) == []
