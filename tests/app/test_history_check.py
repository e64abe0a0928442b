"""A large store reads only the history its scores need; once they show, the rest is checked
quietly, and a damaged segment is an error notification naming it and the way out."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from ssi_tui.app.app import SSIApp
from ssi_tui.domain.models import Activity
from ssi_tui.store import Store, manifest, segments

from .conftest import TODAY, settle


def seeded(data_dir: Path) -> list[str]:
    """A store of two years of activity, written by month; its segments, oldest first."""
    rng = random.Random(3)
    items = [
        Activity(kind="comment", date=TODAY - timedelta(days=rng.randrange(730)))
        for _ in range(1500)
    ]
    with Store.open(data_dir) as store:
        store.save_import(items, [])
        return list(store.table_data("meta")["1"]["segments"])


@pytest.mark.parametrize("damaged", [False, True])
async def test_the_unread_history_is_checked_once_the_scores_show(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    monkeypatch.setattr(manifest, "LAZY_BYTES", 0)
    monkeypatch.setattr(segments, "PARTITION_MIN", 60)
    data_dir = tmp_path / "data"
    names = seeded(data_dir)
    oldest = data_dir / "history" / names[0]
    if damaged:
        raw = bytearray(oldest.read_bytes())
        raw[len(raw) // 2] ^= 0x20
        oldest.write_bytes(bytes(raw))
    app = SSIApp(data_dir, TODAY)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.report is not None  # type: ignore[attr-defined]
        assert names[0] in app.workspace.store.indexes.activities.unread_segments()  # type: ignore[union-attr]
        errors = [n for n in app._notifications if n.severity == "error"]
        checked = [n for n in errors if n.title == "Cannot show the history"]
        if damaged:
            (note,) = checked
            assert names[0] in str(note.message) and "restore --repair" in str(note.message)
            # (the day's first save is refused too: its backup will not copy a damaged file)
        else:
            assert errors == []
