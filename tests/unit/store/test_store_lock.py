"""Requirement 2: one writer at a time; readers may open read-only; concurrent CLI writers queue."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist, SSIReading
from ssi_tui.store import ReadOnlyStoreError, Store, StoreLockedError

CHILD = Path(__file__).with_name("_store_child.py")


@pytest.fixture
def holder(data_dir: Path, child_env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the store open as the writer (it already saved one activity)."""
    with Store.open(data_dir) as store:
        store.activities.add(Activity(kind="post", date=date(2024, 5, 1), note="before"))
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), "hold", str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "locked":
        proc.kill()
        pytest.fail(f"holder did not start: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    try:
        yield proc
    finally:
        proc.communicate(timeout=10)  # closes its stdin: it closes the store and exits


@pytest.mark.slow
def test_second_writer_is_refused_with_the_holders_pid(
    data_dir: Path, holder: subprocess.Popen[str]
) -> None:
    started = time.monotonic()
    with pytest.raises(StoreLockedError) as caught:
        Store.open(data_dir, lock_timeout=0.5)
    waited = time.monotonic() - started
    assert str(holder.pid) in str(caught.value)
    assert caught.value.pid == holder.pid
    assert 0.4 <= waited < 5
    assert caught.value.exit_code == 1


@pytest.mark.slow
def test_reader_opens_while_writer_holds_and_cannot_write(
    data_dir: Path, holder: subprocess.Popen[str]
) -> None:
    reader = Store.open(data_dir, read_only=True)
    assert [activity.note for activity in reader.activities.all()] == ["before"]
    before = (data_dir / "store.json").read_bytes()
    existing = reader.activities.all()[0]
    writes: list[Callable[[], object]] = [
        lambda: reader.activities.add(Activity(kind="post", date=date(2024, 5, 2))),
        lambda: reader.activities.add_many(
            [Activity(kind="post", date=date(2024, 5, 2)) for _ in range(600)]
        ),
        lambda: reader.activities.delete(existing.id),
        lambda: reader.contacts.add(Contact(name="Ann Example")),
        lambda: reader.readings.add(
            SSIReading(date=date(2024, 5, 2), total=40, brand=10, find=10, engage=10, relate=10)
        ),
        lambda: reader.goals.set(Goals.model_validate({"audiences": {"prospects": 1}})),
        lambda: reader.checklist.set(ProfileChecklist(photo=True)),
        lambda: reader.settings.set("theme", "dark"),
        lambda: reader.compact(),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyStoreError):
            write()
    assert (data_dir / "store.json").read_bytes() == before
    assert reader.activities.count() == 1
    assert not (data_dir / "history").exists() or list((data_dir / "history").iterdir()) == []


def test_lock_is_free_again_after_close(data_dir: Path) -> None:
    first = Store.open(data_dir)
    with pytest.raises(StoreLockedError):
        Store.open(data_dir, lock_timeout=0.1)
    first.close()
    second = Store.open(data_dir, lock_timeout=0.1)
    second.close()


@pytest.mark.slow
def test_lock_of_a_killed_writer_is_released(data_dir: Path, child_env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), "hold", str(data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    proc.kill()
    proc.wait(timeout=10)
    Store.open(data_dir, lock_timeout=1).close()


@pytest.mark.slow
def test_twenty_concurrent_cli_writers_all_succeed(
    data_dir: Path,
    script_command: list[str],
    child_env: dict[str, str],
    run_script: Callable[..., Any],
) -> None:
    processes = [
        subprocess.Popen(
            [*script_command, "log", "post", "--data-dir", str(data_dir), "--note", f"N{index}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env,
        )
        for index in range(20)
    ]
    results = [(proc, *proc.communicate(timeout=60)) for proc in processes]
    failures = [
        (index, proc.returncode, err.strip())
        for index, (proc, _, err) in enumerate(results)
        if proc.returncode
    ]
    assert failures == []
    listed = run_script("activities", "--json", "--data-dir", str(data_dir))
    assert listed.code == 0, listed.stderr
    notes = sorted(row["note"] for row in json.loads(listed.stdout))
    assert notes == sorted(f"N{index}" for index in range(20))
    with Store.open(data_dir) as store:
        assert store.activities.count() == 20
