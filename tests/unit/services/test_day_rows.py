"""Histories read each day's points from a cache (in memory, and on disk between runs) that is
never trusted over the log: every number equals the one computed from the activities alone,
after saves, deletes, goal and contact changes, on a fresh open with the cache file, and with a
cache file that is stale, damaged, of another version or written by other code."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from ssi_tui.domain import daily
from ssi_tui.domain.models import Activity, Contact
from ssi_tui.domain.scoring import PillarTotals, window_start
from ssi_tui.services import day_rows
from ssi_tui.services.opening import open_workspace
from ssi_tui.services.workspace import Workspace, week_ends
from ssi_tui.store import day_cache
from ssi_tui.store.integrity import seal
from tests.goals import TODAY

WEEKS = week_ends(TODAY, 26)
CACHE = Path(day_cache.CACHE_DIR) / day_cache.DAY_ROWS_FILE


def from_scratch(workspace: Workspace) -> list[PillarTotals]:
    """The history computed from the activities alone (no cache of any kind)."""
    start = window_start(min(WEEKS), workspace.rules.scoring.window_days)
    inputs = workspace.scoring_input(start, max(WEEKS))
    return daily.history(replace(inputs, cache=None), WEEKS)


def open_demo(data_dir: Path) -> Workspace:
    return open_workspace(data_dir, TODAY, demo=True).workspace


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[date, date]]:
    """The spans of days computed from activities (the others came from the cache)."""
    spans: list[tuple[date, date]] = []
    original = day_rows.DayRowsService._compute

    def spy(self: day_rows.DayRowsService, first: date, last: date) -> object:
        spans.append((first, last))
        return original(self, first, last)

    monkeypatch.setattr(day_rows.DayRowsService, "_compute", spy)
    return spans


def test_history_with_the_cache_equals_the_history_from_scratch(
    tmp_path: Path, computed: list[tuple[date, date]]
) -> None:
    workspace = open_demo(tmp_path / "data")
    try:
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert len(computed) == 1  # every day of the range, once
        computed.clear()
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert computed == []  # every day known
        day = TODAY - timedelta(days=10)
        added = workspace.store.activities.add(
            Activity(kind="message_sent", date=day, contact="Ada Lovelace", personalised=True)
        )
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert computed == [(day, day)]  # only the day that changed
        computed.clear()
        workspace.store.activities.delete(added.id)
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert computed == [(day, day)]
    finally:
        workspace.close()


def test_goals_and_contacts_that_change_the_points_reset_the_cache(
    tmp_path: Path, computed: list[tuple[date, date]]
) -> None:
    workspace = open_demo(tmp_path / "data")
    try:
        before = workspace.history(WEEKS)
        goals = workspace.store.goals.get()
        heavier = {
            audience.name: audience.weight + (50 if index == 0 else 0)
            for index, audience in enumerate(goals.audiences)
        }
        workspace.store.goals.set(
            goals.model_validate({**goals.model_dump(), "audiences": heavier})
        )
        computed.clear()
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert len(computed) == 1
        # A contact's audience changes what the activities with them are worth.
        named = next(
            activity.contact
            for activity in workspace.store.activities.all()
            if activity.contact and activity.date >= min(WEEKS)
        )
        contact = workspace.store.contacts.find(named) or Contact(name=named)
        audience = next(name for name in heavier if name != contact.audience)
        workspace.store.contacts.add(contact.model_copy(update={"audience": audience}))
        computed.clear()
        after = workspace.history(WEEKS)
        assert after == from_scratch(workspace)
        assert len(computed) == 1
        assert after != before
        # A contact without facts changes nothing: the cache stays.
        workspace.store.contacts.add(Contact(name="Nobody In Particular"))
        computed.clear()
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert computed == []
    finally:
        workspace.close()


def test_the_cache_file_is_used_on_the_next_open_and_is_private(
    tmp_path: Path, computed: list[tuple[date, date]]
) -> None:
    data_dir = tmp_path / "data"
    workspace = open_demo(data_dir)
    expected = workspace.history(WEEKS)
    workspace.close()
    path = data_dir / CACHE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    computed.clear()
    workspace = open_demo(data_dir)
    try:
        assert workspace.history(WEEKS) == expected == from_scratch(workspace)
        assert computed == []  # read from the file
    finally:
        workspace.close()


def test_a_read_only_store_never_writes_the_cache(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    open_demo(data_dir).close()
    reader = open_workspace(data_dir, TODAY, write=False).workspace
    reader.history(WEEKS)
    reader.close()
    assert not (data_dir / CACHE).exists()


def cached_then(data_dir: Path) -> list[PillarTotals]:
    """Open the demo, compute a history, close (the cache file written); its history."""
    workspace = open_demo(data_dir)
    history = workspace.history(WEEKS)
    workspace.close()
    assert (data_dir / CACHE).is_file()
    return history


def test_a_stale_cache_is_ignored_after_another_writer_changed_the_activities(
    tmp_path: Path, computed: list[tuple[date, date]]
) -> None:
    data_dir = tmp_path / "data"
    before = cached_then(data_dir)
    # Another writer (the command line) saves an activity; it never computed a history.
    other = open_workspace(data_dir, TODAY).workspace
    other.store.activities.add(
        Activity(kind="post", date=TODAY - timedelta(days=10), note="from elsewhere")
    )
    other.close()
    computed.clear()
    workspace = open_demo(data_dir)
    try:
        after = workspace.history(WEEKS)
        assert after == from_scratch(workspace) and after != before
        assert len(computed) == 1  # the whole range recomputed: the file was not trusted
    finally:
        workspace.close()


def rewrite(path: Path, change: dict[str, object]) -> None:
    """Rewrite the cache file, sealed as ssi-tui writes it, with some keys changed."""
    document = orjson.loads(path.read_bytes())
    document.pop("checksum", None)
    document.update(change)
    path.write_bytes(seal(orjson.dumps(document))[0])


@pytest.mark.parametrize(
    "damage",
    ["flipped byte", "truncated", "not json", "empty", "other version", "other key",
     "other format", "wrong row size", "row outside known days", "a string in a row",
     "unsealed"],
)  # fmt: skip
def test_a_damaged_or_foreign_cache_is_discarded_never_trusted(
    tmp_path: Path, computed: list[tuple[date, date]], damage: str
) -> None:
    data_dir = tmp_path / "data"
    cached_then(data_dir)
    path = data_dir / CACHE
    raw = path.read_bytes()
    document = orjson.loads(raw)
    first_row = document["rows"][0]
    if damage == "flipped byte":
        # A number in a row changes: the checksum no longer matches.
        at = raw.index(b'"rows":[[') + 12
        digit = next(i for i in range(at, len(raw)) if raw[i : i + 1].isdigit())
        path.write_bytes(
            raw[:digit] + (b"7" if raw[digit] != ord("7") else b"3") + raw[digit + 1 :]
        )
    elif damage == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif damage == "not json":
        path.write_bytes(b"\x00\xff garbage")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other version":
        rewrite(path, {"version": day_cache.VERSION + 1})
    elif damage == "other key":
        rewrite(path, {"key": "blake2b-128:" + "0" * 32})
    elif damage == "other format":
        rewrite(path, {"format": "something-else"})
    elif damage == "wrong row size":
        rewrite(path, {"rows": [[first_row[0], first_row[1][:-1]], *document["rows"][1:]]})
    elif damage == "row outside known days":
        rewrite(path, {"rows": [[1, first_row[1]], *document["rows"]]})
    elif damage == "a string in a row":
        rewrite(path, {"rows": [[first_row[0], ["1.0", *first_row[1][1:]]]]})
    elif damage == "unsealed":
        document.pop("checksum", None)
        path.write_bytes(orjson.dumps(document))
    computed.clear()
    workspace = open_demo(data_dir)
    try:
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert len(computed) == 1  # recomputed from the activities
    finally:
        workspace.close()
    # Replaced by a sound file on closing, which the next open uses.
    computed.clear()
    workspace = open_demo(data_dir)
    try:
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert computed == []
    finally:
        workspace.close()


def test_rows_from_other_code_are_not_reused(
    tmp_path: Path, computed: list[tuple[date, date]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    cached_then(data_dir)
    monkeypatch.setattr(day_rows, "code_digest", lambda: "blake2b-128:" + "1" * 32)
    computed.clear()
    workspace = open_demo(data_dir)
    try:
        assert workspace.history(WEEKS) == from_scratch(workspace)
        assert len(computed) == 1
    finally:
        workspace.close()


def test_a_history_leaves_its_records_out_of_the_collectors_way(tmp_path: Path) -> None:
    """The records and rows a history reads live as long as the store and make no cycles:
    frozen, a later full collection does not walk them (at a million activities a history
    rebuilt left ~10^6 objects, and the next full collection, inside the log's first page, took
    0.14 s)."""
    import gc

    workspace = open_demo(tmp_path / "data")
    try:
        gc.unfreeze()
        assert gc.get_freeze_count() == 0
        workspace.history(WEEKS)
        assert gc.get_freeze_count() > 0
        assert not any(item is workspace for item in gc.get_objects())  # (frozen: not tracked)
    finally:
        gc.unfreeze()
        workspace.store.close()
