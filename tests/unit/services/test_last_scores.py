"""The last scores kept for the first frame: exactly the fresh ones when nothing changed, said
to be of their day otherwise, never shown when computed under other rules or code, never read
from a damaged file, never kept by a reader or for a report the store has moved on from."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.domain.report import Report
from ssi_tui.services import last_scores as last_scores_module
from ssi_tui.services.last_scores import LAST_SCORES_FILE, READING_FIELDS, ShownReport
from ssi_tui.services.opening import last_scores, open_workspace
from ssi_tui.store.day_cache import CACHE_DIR
from ssi_tui.store.integrity import seal
from tests.goals import TODAY


def shown(report: Report | ShownReport) -> object:
    """What the dashboard shows of a report: pillars, totals, flags, reading, calibration."""
    scores = report.breakdown
    return (
        scores.as_of,
        {
            pillar: (score.raw, score.weighted, score.alignment, score.weighted_by_evidence)
            for pillar, score in scores.pillars.items()
        },
        scores.total_raw,
        scores.total_weighted,
        scores.total_weighted_by_evidence,
        [
            (flag.id, flag.severity, flag.pillar, flag.message, flag.evidence)
            for flag in report.flags
        ],
        None
        if report.latest_reading is None
        else tuple(getattr(report.latest_reading, name) for name in READING_FIELDS),
        report.calibrated_total,
        None if report.calibration is None else report.calibration.loo_error_after,
    )


def kept(data_dir: Path, today: date = TODAY) -> Report:
    """Open the demo, compute the dashboard's report, close (the last scores kept)."""
    workspace = open_workspace(data_dir, today, demo=True).workspace
    report = workspace.report()
    workspace.close()
    return report


def test_the_same_store_the_same_day_shows_exactly_the_fresh_scores(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    report = kept(data_dir)
    assert report.flags and report.calibration is not None and report.latest_reading
    preview = last_scores(data_dir, TODAY, demo=True)
    assert preview is not None and preview.exact
    assert shown(preview.report) == shown(report)
    # And the report a fresh open computes is that one.
    workspace = open_workspace(data_dir, TODAY, demo=True).workspace
    try:
        assert shown(workspace.report()) == shown(preview.report)
    finally:
        workspace.close()


def test_another_day_or_a_changed_store_shows_the_last_scores_as_of_their_day(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    report = kept(data_dir)
    later = last_scores(data_dir, TODAY + timedelta(days=1), demo=True)
    assert later is not None and not later.exact
    assert later.report.breakdown.as_of == TODAY
    assert shown(later.report) == shown(report)
    # The command line saves an activity: the store's checksum moves.
    other = open_workspace(data_dir, TODAY).workspace
    other.store.activities.add(Activity(kind="post", date=TODAY, note="from elsewhere"))
    other.close()
    changed = last_scores(data_dir, TODAY, demo=True)
    assert changed is not None and not changed.exact
    # Scores kept on a later day (the clock moved back) are not the last seen: none.
    assert last_scores(data_dir, TODAY - timedelta(days=1), demo=True) is None


def test_scores_from_other_rules_or_code_are_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "data"
    kept(data_dir)
    (data_dir / "rules.toml").write_text("[scoring]\nhalf_life_days = 10\n", encoding="utf-8")
    assert last_scores(data_dir, TODAY) is None  # the user's rules now differ
    (data_dir / "rules.toml").unlink()
    assert last_scores(data_dir, TODAY) is not None
    monkeypatch.setattr(last_scores_module, "code_digest", lambda: "blake2b-128:" + "2" * 32)
    assert last_scores(data_dir, TODAY) is None


@pytest.mark.parametrize("damage", ["flipped", "unsealed", "other version", "not a report"])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path: Path, damage: str) -> None:
    data_dir = tmp_path / "data"
    kept(data_dir)
    path = data_dir / CACHE_DIR / LAST_SCORES_FILE
    raw = path.read_bytes()
    document = orjson.loads(raw)
    document.pop("checksum")
    if damage == "flipped":
        at = raw.index(b'"raw":') + 6
        path.write_bytes(raw[:at] + (b"9" if raw[at : at + 1] != b"9" else b"8") + raw[at + 1 :])
    elif damage == "unsealed":
        path.write_bytes(orjson.dumps(document))
    elif damage == "other version":
        path.write_bytes(seal(orjson.dumps({**document, "version": 99}))[0])
    else:
        path.write_bytes(seal(orjson.dumps({**document, "report": {"pillars": 3}}))[0])
    assert last_scores(data_dir, TODAY, demo=True) is None


def test_only_the_writer_keeps_scores_and_only_while_the_store_is_as_scored(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    open_workspace(data_dir, TODAY, demo=True).workspace.close()
    reader = open_workspace(data_dir, TODAY, write=False).workspace
    reader.report()
    reader.close()
    assert not (data_dir / CACHE_DIR / LAST_SCORES_FILE).exists()
    # Another day's or another window's report is not the dashboard's first one.
    writer = open_workspace(data_dir, TODAY).workspace
    writer.report(TODAY - timedelta(days=7))
    writer.report(TODAY, 30)
    writer.close()
    assert not (data_dir / CACHE_DIR / LAST_SCORES_FILE).exists()
    # Scored, then changed before closing: what is kept is scored again, as the store is.
    writer = open_workspace(data_dir, TODAY).workspace
    before = writer.report()
    writer.store.activities.add(Activity(kind="post", date=TODAY, note="after the score"))
    writer.close()
    preview = last_scores(data_dir, TODAY)
    assert preview is not None and preview.exact
    fresh = open_workspace(data_dir, TODAY).workspace
    try:
        assert shown(preview.report) == shown(fresh.report()) != shown(before)
    finally:
        fresh.close()


def test_an_empty_store_keeps_no_scores(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    workspace = open_workspace(data_dir, TODAY).workspace
    workspace.report()
    workspace.close()
    assert last_scores(data_dir, TODAY) is None


def test_a_failure_to_keep_the_scores_never_stops_the_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ssi_tui.services.errors import StoreError

    data_dir = tmp_path / "data"
    workspace = open_workspace(data_dir, TODAY, demo=True).workspace
    workspace.report()
    workspace.store.activities.add(Activity(kind="post", date=TODAY, note="then a change"))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the disk went away")

    monkeypatch.setattr(workspace, "report", broken)  # scoring again at close fails
    workspace.close()
    assert not (data_dir / CACHE_DIR / LAST_SCORES_FILE).exists()
    open_workspace(data_dir, TODAY).workspace.close()  # the lock was released
