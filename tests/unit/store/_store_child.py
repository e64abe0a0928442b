"""Helper process for the store's crash and lock tests (run as a script, never collected).

    python _store_child.py hold DIR     open DIR as the writer, print ``locked``, wait for stdin to close
    python _store_child.py server       a fork server for the crash tests (below)

The fork server imports everything once, then reads commands on stdin, one per line:

    start MODE DIR OUT ERR         fork a writer (stdout -> OUT, stderr -> ERR); answers ``pid N``
    reap N                         wait for writer N to end; answers ``status N CODE`` (-9: SIGKILL)

so each crash round costs a fork, not an interpreter start-up. The test kills writers itself
(SIGKILL by pid). Writer modes, each printing an id only once the save holding it has returned:

  add       add activities one at a time with `store.activities.add` (when the test has filled
            the hot table close to HOT_LIMIT, automatic compaction happens a few adds later)
  bulk      save batches of 500 activities with `add_many` (the history-segment path)
  backup    take a backup (every file copied, made durable, checked), then add one activity
  load      `load --merge` an export of 200 new activities (the `ssi-tui load` path)
  history   add one activity, compute a 60-week history and save the day-rows cache
  lazy      as `bulk` with every history counted large (read through its manifest, which each
            save brings up to date) and a write going by month, then move an earlier
            activity to another date (its older copy stays in another segment)
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import date, timedelta

from ssi_tui.domain.models import Activity
from ssi_tui.exports.document import EXPORT_FORMAT, EXPORT_VERSION
from ssi_tui.exports.loader import parse_export, restore
from ssi_tui.services.workspace import Workspace, week_ends
from ssi_tui.store import Store, manifest, segments
from ssi_tui.store.repository import BULK_THRESHOLD

START = date(2024, 1, 1)


def activity(number: int) -> Activity:
    return Activity(kind="post", date=START + timedelta(days=number % 400), note=f"crash-{number}")


def acknowledge(ids: list[str]) -> None:
    sys.stdout.write("".join(f"{activity_id}\n" for activity_id in ids))
    sys.stdout.flush()


def export_of(batch: list[Activity]) -> dict[str, object]:
    """An export document holding these activities and nothing else."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "goals": {},
        "checklist": {},
        "settings": {},
        "readings": [],
        "contacts": [],
        "activities": [item.model_dump(mode="json") for item in batch],
        "plans": [],
        "plan_events": [],
    }


HISTORY_TODAY = START + timedelta(days=400)


def lazy_everywhere() -> None:
    """Count every history large (read through its manifest) and split writes by month."""
    manifest.LAZY_BYTES = 0
    segments.PARTITION_MIN = 60


def write_forever(mode: str, data_dir: str) -> None:
    if mode == "lazy":
        lazy_everywhere()
    store = Store.open(data_dir, lock_timeout=10)
    workspace = Workspace(store, HISTORY_TODAY)
    number = 0
    while True:
        if mode == "history":
            item = activity(number)
            number += 1
            store.activities.add(item)
            workspace.history(week_ends(HISTORY_TODAY, 60))
            workspace.day_rows.keep()
            acknowledge([item.id])
            continue
        if mode in ("bulk", "lazy"):
            batch = [activity(number + index) for index in range(BULK_THRESHOLD)]
            number += BULK_THRESHOLD
            store.activities.add_many(batch)
            if mode == "lazy":
                moved = batch[number % len(batch)]
                store.activities.update(
                    moved.model_copy(update={"date": moved.date.replace(day=28)})
                )
            acknowledge([item.id for item in batch])
        elif mode == "add":
            item = activity(number)
            number += 1
            store.activities.add(item)
            acknowledge([item.id])
        elif mode == "backup":
            store.backup("crash")
            item = activity(number)
            number += 1
            store.activities.add(item)
            acknowledge([item.id])
        elif mode == "load":
            batch = [activity(number + index) for index in range(200)]
            number += len(batch)
            restore(store, parse_export(export_of(batch)), merge=True)
            acknowledge([item.id for item in batch])
        else:
            raise SystemExit(f"unknown mode {mode!r}")


def start_writer(mode: str, data_dir: str, out: str, err: str) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    # The writer: its own stdout/stderr files, no stdin, then write until killed.
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 1)
        os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
        write_forever(mode, data_dir)
    except BaseException:  # noqa: BLE001 - reported to the test through the stderr file
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    os._exit(0)


def serve() -> None:
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "start":
            mode, data_dir, out, err = rest
            answer = f"pid {start_writer(mode, data_dir, out, err)}"
        elif command == "reap":
            pid = int(rest[0])
            _, status = os.waitpid(pid, 0)
            answer = f"status {pid} {os.waitstatus_to_exitcode(status)}"
        else:
            answer = f"error unknown command {command!r}"
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()


def hold(data_dir: str) -> None:
    store = Store.open(data_dir)
    print("locked", flush=True)
    sys.stdin.read()
    store.close()


def main() -> None:
    if sys.argv[1] == "server":
        serve()
    elif sys.argv[1] == "hold":
        hold(sys.argv[2])
    else:
        raise SystemExit(f"usage: {sys.argv[0]} server | hold DIR")


if __name__ == "__main__":
    main()
