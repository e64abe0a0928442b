"""JSON export and `load`: round trip, validation before any write, refusal into a non-empty
store, --merge, and export files created 0600 whatever the umask."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.domain.models import Activity, Contact, Goals, SSIReading
from ssi_tui.domain.plans import Plan
from ssi_tui.exports.document import EXPORT_FORMAT, EXPORT_VERSION, SECTIONS
from ssi_tui.exports.loader import OPTIONAL_SECTIONS
from ssi_tui.store import Store

from .conftest import TODAY, run


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def export_json(data_dir: Path) -> dict:
    status, out, err = run("export", "--data-dir", str(data_dir), "--format", "json")
    assert status == 0, err
    return json.loads(out)


def add_plan_and_settings(data_dir: Path) -> None:
    with Store.open(data_dir) as store:
        store.settings.set("theme", "nord")
        store.plans.add(Plan(kind="comment", rule="FREQ=WEEKLY;BYDAY=MO", start=date(2026, 11, 2)))


def test_json_round_trip_gives_the_same_document(demo_dir: Path, tmp_path: Path) -> None:
    add_plan_and_settings(demo_dir)
    first = export_json(demo_dir)
    assert first["format"] == EXPORT_FORMAT and first["version"] == EXPORT_VERSION
    assert set(first) == {
        *SECTIONS,
        *OPTIONAL_SECTIONS,
        "format",
        "version",
        "generator",
        "exported_on",
    }
    assert first["activities"] and first["contacts"] and first["readings"] and first["plans"]
    assert first["settings"] == {"theme": "nord"}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(first), encoding="utf-8")
    target = tmp_path / "restored"
    status, out, err = run("load", "--data-dir", str(target), str(path))
    assert status == 0, err
    assert f"activities: {len(first['activities']):,} added" in out
    second = export_json(target)
    assert second == first
    # and the restored store scores exactly like the original
    for directory in (demo_dir, target):
        status, out, _ = run("score", "--data-dir", str(directory), "--json")
        assert status == 0
    assert json.loads(run("score", "--data-dir", str(demo_dir), "--json")[1]) == json.loads(
        run("score", "--data-dir", str(target), "--json")[1]
    )


@pytest.mark.parametrize("fmt", ["md", "csv", "json"])
def test_export_files_are_0600_under_umask_022(
    demo_dir: Path, tmp_path: Path, umask_022: None, fmt: str
) -> None:
    path = tmp_path / "out" / f"review.{fmt}"
    path.parent.mkdir()
    path.write_text("old content")
    os.chmod(path, 0o644)
    status, out, err = run("export", "--data-dir", str(demo_dir), "--format", fmt, "-o", str(path))
    assert status == 0, err
    assert out == ""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text(encoding="utf-8") != "old content"
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temp file left


def test_export_to_a_missing_directory_is_a_clear_error(demo_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "review.md"
    status, out, err = run("export", "--data-dir", str(demo_dir), "--format", "md", "-o", str(path))
    assert status == 1 and out == "" and err.count("\n") == 1 and "could not save" in err
    status, _, err = run(
        "export", "--data-dir", str(demo_dir), "--format", "json", "--as-of", "-1w"
    )
    assert status == 2 and "--format json" in err


def test_load_refuses_a_non_empty_store_unless_merge(demo_dir: Path, tmp_path: Path) -> None:
    document = export_json(demo_dir)
    extra = Activity(kind="post", date=TODAY, note="only in the file", id="file-only")
    document["activities"].append(extra.model_dump(mode="json"))
    document["contacts"].append(Contact(name="Zoe File", id="zoe").model_dump(mode="json"))
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = (demo_dir / "store.json").read_bytes()

    status, out, err = run("load", "--data-dir", str(demo_dir), str(path))
    assert status == 2 and out == ""
    assert "not empty" in err and "--merge" in err and err.count("\n") == 1
    assert (demo_dir / "store.json").read_bytes() == before

    status, out, err = run("load", "--data-dir", str(demo_dir), str(path), "--merge")
    assert status == 0, err
    assert "activities: 1 added" in out and "contacts: 1 added" in out
    with Store.open(demo_dir, read_only=True) as store:
        assert store.activities.get("file-only").note == "only in the file"
        assert store.contacts.find("zoe file") is not None
        assert store.activities.count() == len(document["activities"])

    # merging again adds nothing
    status, out, _ = run("load", "--data-dir", str(demo_dir), str(path), "--merge")
    assert status == 0 and "activities: 0 added" in out


def test_merge_keeps_the_store_records_and_goals(data_dir: Path, tmp_path: Path) -> None:
    with Store.open(data_dir) as store:
        store.goals.set(Goals.model_validate({"audiences": {"partners": 1}}))
        store.activities.add(Activity(id="same", kind="post", date=TODAY, note="mine"))
        store.contacts.add(Contact(name="Alice Moreau", id="mine"))
    document = json.loads(json.dumps(export_json(data_dir)))
    document["goals"] = Goals.model_validate({"audiences": {"prospects": 1}}).model_dump(
        mode="json"
    )
    document["activities"][0]["note"] = "theirs"
    document["contacts"] = [Contact(name="alice  moreau", id="theirs").model_dump(mode="json")]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    status, out, err = run("load", "--data-dir", str(data_dir), str(path), "--merge")
    assert status == 0, err
    with Store.open(data_dir, read_only=True) as store:
        assert store.activities.get("same").note == "mine"
        assert [contact.id for contact in store.contacts.all()] == ["mine"]
        assert [audience.name for audience in store.goals.get().audiences] == ["partners"]


def _valid_document() -> dict:
    reading = SSIReading(date=TODAY, total=60, brand=15, find=15, engage=15, relate=15)
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "goals": Goals().model_dump(mode="json"),
        "checklist": {},
        "settings": {},
        "readings": [reading.model_dump(mode="json")],
        "contacts": [],
        "activities": [Activity(kind="post", date=TODAY).model_dump(mode="json")],
        "plans": [],
        "plan_events": [],
    }


def _break(change: str) -> dict | str:
    document = _valid_document()
    if change == "not json":
        return "{not json"
    if change == "format":
        document["format"] = "something-else"
    elif change == "newer":
        document["version"] = EXPORT_VERSION + 1
    elif change == "missing":
        del document["contacts"]
    elif change == "unknown section":
        document["extra"] = []
    elif change == "bad activity date":
        document["activities"].append({"kind": "post", "date": "2026-13-45"})
    elif change == "unknown field":
        document["activities"][0]["colour"] = "red"
    elif change == "bad reading":
        document["readings"][0]["brand"] = 40
    elif change == "duplicate id":
        document["activities"].append(dict(document["activities"][0]))
    elif change == "bad plan":
        document["plans"].append({"id": "p1", "kind": "comment", "rule": "nonsense"})
    elif change == "settings":
        document["settings"] = []
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("not json", "not valid JSON"),
        ("format", "not an ssi-tui export"),
        ("newer", "newer ssi-tui"),
        ("missing", "'contacts' is missing"),
        ("unknown section", "unknown section 'extra'"),
        ("bad activity date", "activity 2 (post, 2026-13-45): date must be a date (YYYY-MM-DD)"),
        ("unknown field", "activity 1 (post, 2026-11-26): colour is not a known field"),
        ("bad reading", "reading 1 (2026-11-26): brand must be at most 25"),
        ("duplicate id", "appears twice"),
        ("bad plan", "plan 1 (comment): rule 'nonsense' must be an RRULE body"),
        ("settings", "settings must be an object"),
    ],
)
def test_bad_file_one_message_exit_2_nothing_written(
    tmp_path: Path, change: str, message: str
) -> None:
    document = _break(change)
    path = tmp_path / "bad.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), "utf-8")
    target = tmp_path / "store"
    status, out, err = run("load", "--data-dir", str(target), str(path))
    assert status == 2 and out == ""
    assert message in err, err
    assert err.count("\n") == 1
    assert not target.exists()  # validated before the store was even opened


def test_load_a_missing_file(tmp_path: Path) -> None:
    status, _, err = run("load", "--data-dir", str(tmp_path / "s"), str(tmp_path / "nope.json"))
    assert status == 2 and "file not found" in err


def test_the_valid_document_loads(tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(_valid_document()), "utf-8")
    status, out, err = run("load", "--data-dir", str(tmp_path / "s"), str(path))
    assert status == 0, err
    assert "activities: 1 added" in out and "readings: 1 added" in out


def test_a_new_export_format_is_one_entry_in_the_services(
    demo_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ARCHITECTURE.md: an export format is a renderer and one EXPORT_FORMATS entry; the
    command line's --format, --help and option checks follow."""
    from ssi_tui.services import transfer

    def render(workspace, request) -> str:  # noqa: ANN001
        return f"{len(workspace.activities.between(None, request.as_of))} activities\n"

    formats = {
        **transfer.EXPORT_FORMATS,
        "count": transfer.ExportFormat(
            render, dated=True, weekly=False, what="a count", description="how many"
        ),
    }
    monkeypatch.setattr(transfer, "EXPORT_FORMATS", formats)
    import ssi_tui.cli.export as cli_export

    monkeypatch.setattr(cli_export, "EXPORT_FORMATS", formats)
    status, out, err = run("export", "--data-dir", str(demo_dir), "--format", "count")
    assert (status, err) == (0, "") and out.endswith(" activities\n")
    status, _, err = run("export", "--data-dir", str(demo_dir), "--format", "count", "--weeks", "2")
    assert status == 2 and "--weeks applies to --format md only" in err


def test_a_checklist_without_its_history_applies_from_the_first_activity(
    demo_dir: Path, tmp_path: Path
) -> None:
    """Regression: an export with a checklist but no `checklist_history` scored every date
    before the load with an empty profile."""
    data = export_json(demo_dir)
    data.pop("checklist_history")
    source = tmp_path / "no-history.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "loaded"
    assert run("load", str(source), "--data-dir", str(target))[0] == 0
    first = min(date.fromisoformat(item["date"]) for item in data["activities"])
    with Store.open(target) as store:
        entries = store.checklist.history().entries
    assert [entry.since for entry in entries] == [first]
    week_ago = run("score", "--data-dir", str(target), "--as-of", "-7d", "--json")[1]
    assert json.loads(week_ago)["profile"]["completeness"] > 0


def test_a_version_1_document_without_topics_or_profile_texts_loads(
    tmp_path: Path, data_dir: Path
) -> None:
    """Documents written before activities had topics and the checklist had the profile's
    words: written out by hand, key by key, as those versions wrote them."""
    document = {
        "format": EXPORT_FORMAT,
        "version": 1,
        "goals": {
            "audiences": [{"name": "prospects", "weight": 60}],
            "roles": {"prospects": ["head of"]},
            "accounts": [],
            "objectives": [],
        },
        "checklist": {"photo": True, "headline": True, "summary": True, "skills": 7},
        "settings": {},
        "readings": [],
        "contacts": [{"id": "c1", "name": "Ada Example", "company": "Contoso"}],
        "activities": [
            {"id": "a1", "kind": "post", "date": TODAY.isoformat(), "note": "Supply chain notes"}
        ],
        "plans": [],
        "plan_events": [],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    status, out, err = run("load", "--data-dir", str(data_dir), str(path))
    assert (status, err) == (0, "")
    with Store.open(data_dir, read_only=True) as store:
        assert store.activities.get("a1").topics == ()
        assert store.goals.get().topics == {}
        checklist = store.checklist.get()
        assert (checklist.headline, checklist.skills) == (True, 7)
        assert (checklist.headline_text, checklist.summary_text) == ("", "")
    status, out, err = run("score", "--data-dir", str(data_dir), "--json")
    assert status == 0 and json.loads(out)["profile"]["fit"] == 0.5  # no words: unknown


def test_a_record_without_an_id_loads_with_a_new_one(tmp_path: Path, data_dir: Path) -> None:
    """A reading with no `id` ended in `unexpected error: KeyError: 'id'`."""
    document = _valid_document()
    reading = dict(document["readings"][0])
    del reading["id"]
    document["readings"] = [reading]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    status, out, err = run("load", "--data-dir", str(data_dir), str(path))
    assert (status, err) == (0, "")
    with Store.open(data_dir, read_only=True) as store:
        (stored,) = store.readings.all()
        assert stored.total == 60 and len(stored.id) == 32


def test_the_first_bad_record_is_named_and_nothing_is_stored(
    tmp_path: Path, data_dir: Path
) -> None:
    document = _valid_document()
    document["readings"][0]["brand"] = float("nan")
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")  # json writes NaN as it reads it
    status, out, err = run("load", "--data-dir", str(data_dir), str(path))
    assert status == 2 and out == ""
    assert err == (
        f"ssi-tui: error: {path}: reading 1 (2026-11-26): brand must be a number "
        "(not nan nor inf)\n"
    )
    with Store.open(data_dir, read_only=True) as store:
        assert store.readings.all() == [] and store.activities.count() == 0
