"""A large import says how far its save is, segment by segment, in the app and on the terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ssi_tui.cli.importer import TerminalProgress
from ssi_tui.importers.summary import ImportProgress
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store, segments

from ...conftest import TODAY
from .test_crash import big_export


def saving(archive: Path, data_dir: Path) -> list[tuple[int, int]]:
    events: list[ImportProgress] = []
    with Store.open(data_dir) as store:
        import_export(Workspace(store, TODAY), archive, progress=events.append)
    return [(event.done, event.total) for event in events if not event.file]


def test_a_large_import_reports_its_save_as_its_segments_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segments, "PARTITION_MIN", 300)  # streamed from 600 activities
    events = saving(big_export(tmp_path / "big.zip", 3000), tmp_path / "data")
    assert events[0] == (0, 3000) and events[-1] == (3000, 3000)
    written = [done for done, _ in events[1:-1]]
    assert len(written) >= 3  # one per segment of activities
    assert written == sorted(written) and all(0 < done <= 3000 for done in written)


def test_a_small_import_reports_its_save_at_the_start_and_the_end(tmp_path: Path) -> None:
    events = saving(big_export(tmp_path / "small.zip", 200), tmp_path / "data")
    assert events == [(0, 200), (200, 200)]


def test_the_terminal_line_says_how_far_the_save_is() -> None:
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    progress(ImportProgress("", 0, 130_000))
    progress(ImportProgress("", 65_000, 130_000))
    progress(ImportProgress("", 130_000, 130_000))
    lines = stream.getvalue().split("\r\x1b[K")[1:]
    assert lines[0] == "saving 130,000 activities…"
    assert lines[1] == "saving 130,000 activities  50%"
    assert lines[2] == "saving 130,000 activities…"
