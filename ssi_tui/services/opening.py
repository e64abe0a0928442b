"""Opening a workspace on a data dir (the demo seeded on first open), for the CLI and the app."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ssi_tui.domain.catalog import Catalog, default_catalog, load_user_rules
from ssi_tui.domain.demo import load_demo
from ssi_tui.services.errors import StoreLockedError
from ssi_tui.services.last_scores import Preview, judged_key, preview
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store


@dataclass(frozen=True, slots=True)
class Opened:
    """A workspace, and why it is read-only when it had to be."""

    workspace: Workspace
    read_only_reason: str | None = None


def open_workspace(
    data_dir: Path,
    today: date,
    *,
    demo: bool = False,
    write: bool = True,
    read_only_if_locked: bool = False,
) -> Opened:
    """Open the store in `data_dir` with the catalog and the user's rules (read before the lock
    is taken). A demo store is seeded when empty. With `read_only_if_locked`, a store another
    ssi-tui holds is opened read-only instead of refused (the reason is returned).

    Raises `StoreError` (locked, corrupt, newer, unreadable) and `DataFileError` (bad rules).
    """
    catalog = default_catalog()
    rules = load_user_rules(None if demo else data_dir)
    reason: str | None = None
    try:
        store = Store.open(data_dir, read_only=not write and not demo)
    except StoreLockedError as error:
        if not read_only_if_locked:
            raise
        store = Store.open(data_dir, read_only=True)
        reason = str(error)
    if demo and not store.read_only and store.activities.count() == 0:
        seed_demo(store, today, catalog)
    judged = judged_key(None if demo else data_dir)
    return Opened(Workspace(store, today, catalog, rules, judged=judged), reason)


def last_scores(data_dir: Path, today: date, *, demo: bool = False) -> Preview | None:
    """The scores the last run showed, to show while the store opens (see
    `services/last_scores.py`); None when there are none computed under these rules. Reads
    no store: only store.json's checksum, the rules' sources and the cache file."""
    return preview(data_dir, today, None if demo else data_dir)


def seed_demo(store: Store, today: date, catalog: Catalog | None = None) -> None:
    """Fill an empty store with the demo dataset, dated relative to `today`."""
    catalog = catalog or default_catalog()
    demo = load_demo(today, catalog)
    store.goals.set(demo.goals)
    for since, checklist in demo.checklist_history:
        store.checklist.set(checklist, on=since)
    for reading in demo.readings:
        store.readings.add(reading)
    store.save_bulk(
        [activity.model_dump(mode="json") for activity in demo.activities],
        [contact.model_dump(mode="json") for contact in demo.contacts],
    )
    for plan in demo.plans:
        store.plans.add(plan)


def writer_free(data_dir: Path) -> bool:
    """Whether the store in `data_dir` has no writer now (the other ssi-tui has closed): a
    read-only app may then reopen it as the writer."""
    from ssi_tui.store.datadir import LOCK_FILE
    from ssi_tui.store.lock import WriterLock

    return WriterLock(Path(data_dir) / LOCK_FILE).is_free()
