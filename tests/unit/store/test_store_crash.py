"""Requirement 1: durable atomic writes, checked by killing a writer (SIGKILL) at random moments.

A writer process opens the store and saves activities in a loop, printing each id only after the
save returned. Writers are forked by `_store_child.py server` (started with `sys.executable`), which
imports ssi_tui once: each round then costs a fork instead of a 0.35 s interpreter start-up, and the
writer is still a separate process with its own file descriptors, killed by pid with SIGKILL. The parent kills it 0.02-0.3 s after the first id appeared, then
checks that the store opens (read-only and as the writer), that every acknowledged id is on disk
and loaded, and that no temp file, half-written backup or orphan segment is left after the open.
The same data dir is reused across rounds so it grows. Set SSI_TUI_CRASH_SEED to replay a run.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.store import Store, manifest, segments
from ssi_tui.store.backups import check_store_copy, list_backups
from ssi_tui.store.repository import BULK_THRESHOLD, HOT_LIMIT

from .conftest import write_sealed

CHILD = Path(__file__).with_name("_store_child.py")
SCALE = int(os.environ.get("SSI_TUI_CRASH_SCALE", "1"))  # bench/crash.py: the long run
ID_LINE = re.compile(r"^[0-9a-f]{32}$")

pytestmark = pytest.mark.slow


class ForkServer:
    """`_store_child.py server`: a child process that forks the writers (no start-up cost per round)."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
            bufsize=1,
        )

    def ask(self, command: str) -> list[str]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().split()
        assert answer, f"fork server died (status {self.proc.poll()})"
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Writer:
    """One writer process: forked by the server, killed by the test."""

    def __init__(
        self, server: ForkServer, workdir: Path, index: int, mode: str, data_dir: Path
    ) -> None:
        self.server = server
        self.out_path = workdir / f"writer-{index}.out"
        self.err_path = workdir / f"writer-{index}.err"
        answer = server.ask(
            " ".join(["start", mode, str(data_dir), str(self.out_path), str(self.err_path)])
        )
        assert answer[0] == "pid", answer
        self.pid = int(answer[1])
        self.status: int | None = None

    def acknowledged(self) -> list[str]:
        """Ids on complete lines (a line cut by the kill is ignored)."""
        text = self.out_path.read_text(encoding="ascii", errors="replace")
        lines = text.split("\n")[:-1]
        bad = [line for line in lines if not ID_LINE.match(line)]
        assert not bad, f"unexpected writer output: {bad[:3]}"
        return lines

    def stderr(self) -> str:
        return self.err_path.read_text(errors="replace") if self.err_path.exists() else ""

    def wait_first_id(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.out_path.exists() and b"\n" in self.out_path.read_bytes():
                return
            if self.stderr():
                time.sleep(0.2)
                pytest.fail(f"writer failed before saving anything:\n{self.stderr()}")
            time.sleep(0.002)
        pytest.fail(f"writer printed no id within {timeout} s:\n{self.stderr()}")

    def kill(self) -> None:
        """SIGKILL it; it must still have been running (a writer that died on its own is a failure)."""
        os.kill(self.pid, signal.SIGKILL)
        self.reap()
        assert self.status == -signal.SIGKILL, (
            f"writer ended with status {self.status}:\n{self.stderr()}"
        )

    def reap(self) -> None:
        if self.status is None:
            answer = self.server.ask(f"reap {self.pid}")
            self.status = int(answer[2])


def ids_on_disk(data_dir: Path) -> tuple[set[str], list[str]]:
    """Activity ids in store.json's hot table plus its listed segments, read without the store code."""
    data = orjson.loads((data_dir / "store.json").read_bytes())
    segments = list(data["meta"]["1"].get("segments", []))
    ids = {doc["id"] for doc in data.get("activities", {}).values()}
    for name in segments:
        segment = orjson.loads((data_dir / "history" / name).read_bytes())
        ids.update(doc["id"] for doc in segment["activities"])
    return ids, segments


def run_crash_rounds(
    tmp_path: Path,
    env: dict[str, str],
    mode: str,
    rounds: int,
    before_round: Callable[[random.Random], set[str]] | None = None,
    after_round: Callable[[Path, str], None] | None = None,
) -> dict[str, object]:
    """Kill a writer `rounds` times; after each kill check the store. Returns some statistics."""
    seed = int(os.environ.get("SSI_TUI_CRASH_SEED", str(time.time_ns() % 2**32)))
    rounds *= SCALE
    rng = random.Random(seed)
    data_dir = tmp_path / "data"
    workdir = tmp_path / "children"
    workdir.mkdir()
    acknowledged: set[str] = set()
    segment_counts: list[int] = []
    started = time.monotonic()

    server = ForkServer(env)
    writer: Writer | None = None
    try:
        for round_number in range(rounds):
            where = f"(mode {mode}, round {round_number}, seed {seed})"
            if before_round is not None:
                acknowledged.update(before_round(rng))
            writer = Writer(server, workdir, round_number, mode, data_dir)
            writer.wait_first_id()
            time.sleep(rng.uniform(0.02, 0.3))
            writer.kill()
            new_ids = writer.acknowledged()
            assert new_ids, where
            acknowledged.update(new_ids)
            writer = None

            # A reader that cleans nothing must already see every acknowledged save.
            try:
                reader = Store.open(data_dir, read_only=True)
            except Exception as error:  # noqa: BLE001 - reported with the round
                pytest.fail(
                    f"read-only open after SIGKILL failed {where}: {type(error).__name__}: {error}"
                )
            assert reader.activities.count() >= len(acknowledged), where
            reader.close()
            try:
                store = Store.open(data_dir, lock_timeout=10)
            except Exception as error:  # noqa: BLE001
                pytest.fail(f"open after SIGKILL failed {where}: {type(error).__name__}: {error}")
            try:
                on_disk, segments = ids_on_disk(data_dir)
                missing = acknowledged - on_disk
                assert not missing, (
                    f"{len(missing)} acknowledged ids lost {where}: {sorted(missing)[:3]}"
                )
                assert store.activities.count() == len(on_disk), where
                for activity_id in new_ids:
                    assert store.activities.get(activity_id).id == activity_id
            finally:
                store.close()
            leftovers = sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob(".*.tmp"))
            assert leftovers == [], f"temp files left after open {where}: {leftovers}"
            backups = data_dir / "backups"
            partial = sorted(p.name for p in backups.glob(".*.partial")) if backups.is_dir() else []
            assert partial == [], f"half-written backups left after open {where}: {partial}"
            for backup in list_backups(backups):  # every backup kept is whole and intact
                check = check_store_copy(backup.path)
                assert check.ok, f"backup {backup.name} damaged {where}: {check.problem}"
            history = data_dir / "history"
            on_history = (
                sorted(p.name for p in history.glob("seg-*.json")) if history.is_dir() else []
            )
            assert on_history == sorted(segments), f"orphan or missing segments after open {where}"
            if after_round is not None:
                after_round(data_dir, where)
            segment_counts.append(len(segments))
    finally:
        if writer is not None and writer.status is None:
            os.kill(writer.pid, signal.SIGKILL)
            writer.reap()
        server.close()
    print(
        f"crash: mode {mode}, {rounds} kills, {len(acknowledged)} acknowledged saves, none lost, "
        f"{time.monotonic() - started:.1f} s (seed {seed})"
    )
    return {
        "acknowledged": len(acknowledged),
        "segments": segment_counts,
        "seconds": time.monotonic() - started,
        "seed": seed,
    }


def in_time(stats: dict[str, object]) -> bool:
    """The suite's rounds stay under a minute a test; the long run (bench/crash.py) grows the
    store round after round, so its time is reported, not bounded."""
    seconds = stats["seconds"]
    return SCALE > 1 or (isinstance(seconds, float) and seconds < 60)


def test_sigkill_during_single_adds_loses_no_acknowledged_activity(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    stats = run_crash_rounds(tmp_path, child_env, "add", rounds=50)
    assert stats["acknowledged"] >= 50
    assert in_time(stats), stats


def fill_hot_table(data_dir: Path, rng: random.Random) -> set[str]:
    """Top the hot table up to 0-12 short of HOT_LIMIT, editing store.json directly (no writer runs).

    Saving 2000 activities through the store takes about a second; this takes milliseconds, so
    every round can end with a compaction a few adds after the writer starts.
    """
    if not (data_dir / "store.json").exists():
        Store.open(data_dir).close()
    path = data_dir / "store.json"
    data = orjson.loads(path.read_bytes())
    hot = len(data["activities"]) + len(data.get("contacts", {}))
    missing = HOT_LIMIT - rng.randint(0, 12) - hot
    next_id = max((int(doc_id) for doc_id in data["activities"]), default=0) + 1
    added: set[str] = set()
    for number in range(max(missing, 0)):
        doc = Activity(
            kind="comment", date=date(2023, 1, 1) + timedelta(days=number % 365)
        ).model_dump(mode="json")
        data["activities"][str(next_id + number)] = doc
        added.add(doc["id"])
    write_sealed(path, data)
    return added


def test_sigkill_around_automatic_compaction(tmp_path: Path, child_env: dict[str, str]) -> None:
    # Before each round the hot table is filled to a few short of HOT_LIMIT; the writer then adds
    # one at a time, so the automatic compaction into a history segment happens 1-13 adds in and
    # kills land before, during and after it.
    stats = run_crash_rounds(
        tmp_path,
        child_env,
        "add",
        rounds=16,
        before_round=lambda rng: fill_hot_table(tmp_path / "data", rng),
    )
    counts = stats["segments"]
    assert isinstance(counts, list)
    assert counts[-1] >= 8, f"compaction happened too rarely to test it: {stats}"
    assert in_time(stats), stats


def test_sigkill_during_bulk_saves_to_segments(tmp_path: Path, child_env: dict[str, str]) -> None:
    stats = run_crash_rounds(tmp_path, child_env, "bulk", rounds=15)
    counts = stats["segments"]
    assert isinstance(counts, list)
    assert counts[-1] >= 10, stats
    assert stats["acknowledged"] >= 10 * BULK_THRESHOLD
    assert in_time(stats), stats


def test_sigkill_while_the_manifest_is_kept_never_shows_a_wrong_history(
    tmp_path: Path, child_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The writer saves batches by month and moves activities to other months; each save brings
    # the manifest up to date after the commit. Killed at any moment, the next open reads the
    # history through the manifest only if it names exactly the listed segments, and then
    # answers as reading every segment does.
    monkeypatch.setattr(manifest, "LAZY_BYTES", 0)
    monkeypatch.setattr(segments, "PARTITION_MIN", 60)
    lazy_opens = []

    def compare(data_dir: Path, where: str) -> None:
        with Store.open(data_dir, read_only=True) as store:
            lazy_opens.append(store.indexes.activities._shelf is not None)
            lazily = [a.model_dump(mode="json") for a in store.activities.all()]
        with monkeypatch.context() as patch:
            patch.setattr(manifest, "LAZY_BYTES", 1 << 62)
            with Store.open(data_dir, read_only=True) as store:
                assert lazily == [a.model_dump(mode="json") for a in store.activities.all()], where

    stats = run_crash_rounds(tmp_path, child_env, "lazy", rounds=12, after_round=compare)
    assert lazy_opens and all(lazy_opens), lazy_opens
    counts = stats["segments"]
    assert isinstance(counts, list) and counts[-1] >= 20, stats
    assert in_time(stats), stats


def test_sigkill_during_backups_leaves_every_kept_backup_intact(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    stats = run_crash_rounds(tmp_path, child_env, "backup", rounds=12)
    assert list_backups(tmp_path / "data" / "backups"), stats
    assert in_time(stats), stats


def test_sigkill_during_loads_loses_no_acknowledged_record(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    stats = run_crash_rounds(tmp_path, child_env, "load", rounds=12)
    assert stats["acknowledged"] >= 12 * 200
    assert in_time(stats), stats


HISTORY_TODAY = date(2024, 1, 1) + timedelta(days=400)  # as `_store_child.py`'s history writer


def check_history(store: Store, where: str) -> None:
    """The history a workspace shows (from whatever day-rows cache file it finds) equals the
    one computed from the activities it loaded."""
    from dataclasses import replace

    from ssi_tui.domain import daily
    from ssi_tui.domain.scoring import window_start
    from ssi_tui.services.workspace import Workspace, week_ends

    ends = week_ends(HISTORY_TODAY, 60)
    workspace = Workspace(store, HISTORY_TODAY)
    shown = workspace.history(ends)
    start = window_start(min(ends), workspace.rules.scoring.window_days)
    inputs = replace(workspace.scoring_input(start, max(ends)), cache=None)
    assert shown == daily.history(inputs, ends), f"history differs from the log {where}"


def history_from_the_log(data_dir: Path, where: str) -> None:
    """After a kill mid-history (the day-rows cache being written): a fresh open's history."""
    with Store.open(data_dir, lock_timeout=10) as store:
        check_history(store, where)


def test_sigkill_while_the_day_rows_cache_is_written_never_shows_a_wrong_history(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    stats = run_crash_rounds(
        tmp_path, child_env, "history", rounds=12, after_round=history_from_the_log
    )
    assert stats["acknowledged"] >= 12
    assert (tmp_path / "data" / "cache" / "day-rows.json").is_file()
    assert in_time(stats), stats


def test_readers_never_trust_a_day_rows_cache_a_running_writer_moves_on(
    tmp_path: Path, child_env: dict[str, str]
) -> None:
    """A writer saves an activity, computes a history and saves the day-rows cache, over and
    over; meanwhile readers (read-only, as a second app) open the store and compute the same
    history: each equals the one computed from what that reader loaded, whichever cache file
    (older, newer, being replaced) it found."""
    data_dir = tmp_path / "data"
    workdir = tmp_path / "children"
    workdir.mkdir()
    server = ForkServer(child_env)
    writer = Writer(server, workdir, 0, "history", data_dir)
    try:
        writer.wait_first_id()
        deadline = time.monotonic() + 4
        rounds = 0
        while time.monotonic() < deadline or rounds < 5:
            with Store.open(data_dir, read_only=True) as store:
                check_history(store, f"(reader round {rounds})")
            rounds += 1
        assert len(writer.acknowledged()) > 1  # the writer moved on meanwhile
    finally:
        writer.kill()
        server.close()
