"""One transaction: a failure or a kill -9 mid-import leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import orjson
import pytest

from ssi_tui.domain.models import Activity, Contact
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store, StoreWriteError, repository, segments, storage

from ...conftest import TODAY
from .builders import OWNER, ExportBuilder, message_row, person


def state(data_dir: Path) -> tuple[object, ...]:
    """What a user could see of the store, read from disk by a fresh reader."""
    with Store.open(data_dir, lock_timeout=10) as store:
        return (
            sorted(a.model_dump_json() for a in store.activities.all()),
            sorted(c.model_dump_json() for c in store.contacts.all()),
            store.checklist.get(),
        )


def seed(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.activities.add(Activity(kind="talk", date=date(2026, 1, 5), channel="off"))
        store.contacts.add(Contact(name="Ada Example", company="Old Co"))


@pytest.mark.parametrize("failing", ["segment", "commit"])
def test_a_failed_save_leaves_the_store_as_before(
    tmp_path: Path, export_zip: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    data_dir = tmp_path / "data"
    seed(data_dir)
    before = state(data_dir)

    def disk_full(path: Path, data: bytes, **options: object) -> None:
        raise StoreWriteError(f"cannot write {path.name}: no space left on device")

    target = segments if failing == "segment" else storage
    with Store.open(data_dir) as store:
        store.backup("before")  # the daily backup is not what fails here
        monkeypatch.setattr(target, "atomic_write", disk_full)
        with pytest.raises(StoreWriteError, match="no space left"):
            import_export(Workspace(store, TODAY), export_zip)
        monkeypatch.undo()
    assert state(data_dir) == before
    # And the import then works.
    with Store.open(data_dir) as store:
        assert import_export(Workspace(store, TODAY), export_zip).activities_added == 25


def test_an_unexpected_error_during_the_save_leaves_the_store_as_before(
    tmp_path: Path, export_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    seed(data_dir)
    before = state(data_dir)
    original = repository.Store._register_segment

    def crash(self: Store, name: str, checksum: str) -> None:
        original(self, name, checksum)
        raise RuntimeError("power cut")

    with Store.open(data_dir) as store:
        monkeypatch.setattr(repository.Store, "_register_segment", crash)
        with pytest.raises(RuntimeError, match="power cut"):
            import_export(Workspace(store, TODAY), export_zip)
    monkeypatch.undo()
    assert state(data_dir) == before


CHILD = """
import sys
from ssi_tui.services.imports import import_export
from ssi_tui.store import Store
from ssi_tui.services.workspace import Workspace
from datetime import date

def progress(event):
    if not event.file and event.done == 0:
        print("saving", flush=True)

with Store.open(sys.argv[2], lock_timeout=10) as store:
    import_export(Workspace(store, date(2026, 11, 26)), sys.argv[1], progress=progress)
print("done", flush=True)
"""


def big_export(path: Path, count: int) -> Path:
    people = [person(f"member-{index}", f"Member {index}") for index in range(count // 4)]
    rows = [
        message_row(
            f"conv-{index % 500}",
            OWNER if index % 2 else people[index % len(people)],
            people[index % len(people)] if index % 2 else OWNER,
            f"2025-{1 + index % 12:02d}-{1 + index % 28:02d} {index % 24:02d}:{index % 60:02d}:{index % 59:02d} UTC",
            f"body {index}\nsecond line",
        )
        for index in range(count)
    ]
    return ExportBuilder().messages(rows).zip(path)


@pytest.mark.slow
def test_kill_9_during_the_import_loses_all_of_it_or_none(tmp_path: Path) -> None:
    count = 9000  # two segments and more: written as it comes (`segments.write_stream`)
    archive = big_export(tmp_path / "big.zip", count)
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root)}
    delays = [0.0, 0.005, 0.02, 0.05, 0.1, 0.2]
    outcomes = []
    for round_, delay in enumerate(delays):
        data_dir = tmp_path / f"data-{round_}"
        seed(data_dir)
        before = state(data_dir)
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(archive), str(data_dir)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        line = child.stdout.readline()  # the save starts: kill somewhere inside it
        assert line.strip() == "saving", line
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        after = state(data_dir)
        if after == before:
            outcomes.append("none")
        else:
            activities, contacts, _ = after
            assert len(activities) == len(before[0]) + count  # type: ignore[arg-type]
            assert len(contacts) == len(before[1]) + count // 4  # type: ignore[arg-type]
            outcomes.append("all")
        # The store opens as a writer (leftovers cleaned) and a re-import completes it.
        with Store.open(data_dir) as store:
            summary = import_export(Workspace(store, TODAY), archive)
            assert summary.activities_added == (count if outcomes[-1] == "none" else 0)
            assert store.activities.count() == 1 + count
        history = data_dir / "history"
        listed = set(orjson.loads((data_dir / "store.json").read_bytes())["meta"]["1"]["segments"])
        assert {path.name for path in history.glob("seg-*.json")} == listed
    assert "none" in outcomes  # the kill did land before the commit at least once
