"""Requirement 3: schema versions — v1 stores migrate (after a backup), newer stores are refused untouched."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from ssi_tui.store import Store, StoreVersionError
from ssi_tui.store.schema import SCHEMA_VERSION

FIXTURE = Path(__file__).with_name("fixtures") / "store-v1.json"


@pytest.fixture
def v1_dir(data_dir: Path) -> Path:
    data_dir.mkdir()
    shutil.copyfile(FIXTURE, data_dir / "store.json")
    return data_dir


def test_fixture_is_a_v1_store() -> None:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert "meta" not in data
    assert set(data) == {"activities", "contacts", "goals", "readings", "checklist", "settings"}
    for doc in data["activities"].values():
        assert "id" not in doc and "channel" not in doc


def test_opening_a_v1_store_backs_it_up_first_then_migrates(v1_dir: Path, clock: Any) -> None:
    original = FIXTURE.read_bytes()
    with Store.open(v1_dir, clock=clock) as store:
        backups = store.backups()
        assert [backup.reason for backup in backups] == ["pre-migration-v1"]
        assert (backups[0].path / "store.json").read_bytes() == original
        assert backups[0].name.startswith("20240301-093000")
    on_disk = orjson.loads((v1_dir / "store.json").read_bytes())
    assert on_disk["meta"]["1"]["schema_version"] == SCHEMA_VERSION == 3


def test_migrated_v1_data_is_kept(v1_dir: Path) -> None:
    with Store.open(v1_dir) as store:
        activities = {
            activity.note or activity.kind: activity for activity in store.activities.all()
        }
        assert store.activities.count() == 5
        ids = [activity.id for activity in store.activities.all()]
        assert len(set(ids)) == 5 and all(ids)

        post = activities["first post"]
        assert (post.kind, post.date, post.channel, post.relevance) == (
            "post",
            date(2024, 1, 2),
            "linkedin",
            4,
        )
        talk = activities["meetup talk"]
        assert (talk.kind, talk.channel, talk.audience) == ("talk", "off", "prospects")
        message = activities["message_sent"]
        assert message.channel == "linkedin"
        assert (message.contact, message.company, message.personalised) == (
            "Jane Doe",
            "Acme",
            True,
        )
        follow_up = activities["follow_up"]
        assert follow_up.channel == "off"
        assert activities["no flag stored"].channel == "linkedin"

        jane = store.contacts.find("JANE DOE")
        assert jane is not None and jane.company == "Acme"
        assert store.contacts.by_url("https://linkedin.com/in/jane-doe") == jane
        assert store.contacts.find("rick recruiter") is not None

        goals = store.goals.get()
        assert goals.share("prospects") == pytest.approx(0.75)
        assert goals.roles["recruiters"] == ["recruiter", "talent"]
        assert [account.name for account in goals.accounts] == ["Acme"]
        assert goals.objectives[0].per_week == 5 and goals.objectives[0].personalised

        assert [reading.total for reading in store.readings.all()] == [52.5, 55.0]
        latest = store.readings.latest()
        assert latest is not None and latest.date == date(2024, 1, 8)
        checklist = store.checklist.get()
        assert (
            checklist.photo
            and checklist.headline
            and not checklist.summary
            and checklist.skills == 12
        )
        assert store.settings.get("theme") == "dark"
    # Reopening: same data and ids, no second migration backup.
    with Store.open(v1_dir) as store:
        assert sorted(activity.id for activity in store.activities.all()) == sorted(ids)
        assert store.migrated_from is None
        assert [backup.reason for backup in store.backups()] == ["pre-migration-v1"]
        assert store.settings.get("theme") == "dark"


def test_read_only_open_of_a_v1_store_changes_nothing(
    v1_dir: Path, cli: Callable[..., Any]
) -> None:
    store = Store.open(v1_dir, read_only=True)
    assert store.activities.count() == 5
    result = cli("activities", "--json", "--data-dir", str(v1_dir))
    assert result.code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5
    assert (v1_dir / "store.json").read_bytes() == FIXTURE.read_bytes()
    assert not (v1_dir / "backups").exists()


def newer_store(data_dir: Path) -> bytes:
    data_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "meta": {
            "1": {
                "schema_version": SCHEMA_VERSION + 1,
                "segments": [],
                "created": "2030-01-01T00:00:00",
            }
        },
        "activities": {"1": {"id": "a1", "kind": "post", "date": "2030-01-01", "hologram": True}},
        "future_table": {"1": {"x": 1}},
    }
    raw = json.dumps(data).encode()
    (data_dir / "store.json").write_bytes(raw)
    return raw


@pytest.mark.parametrize("read_only", [False, True])
def test_newer_schema_is_refused_and_left_untouched(data_dir: Path, read_only: bool) -> None:
    raw = newer_store(data_dir)
    with pytest.raises(StoreVersionError) as caught:
        Store.open(data_dir, read_only=read_only)
    assert str(SCHEMA_VERSION + 1) in str(caught.value)
    assert caught.value.exit_code == 3
    assert (data_dir / "store.json").read_bytes() == raw
    assert not (data_dir / "backups").exists()
    # The failed open did not keep the lock.
    if not read_only:
        with pytest.raises(StoreVersionError):
            Store.open(data_dir, lock_timeout=0.1)


@pytest.mark.parametrize(
    "args",
    [("score",), ("activities",), ("log", "post", "--note", "x"), ("goals", "show")],
    ids=["score", "activities", "log", "goals-show"],
)
def test_cli_refuses_a_newer_store_with_status_3(
    data_dir: Path, cli: Callable[..., Any], args: tuple[str, ...]
) -> None:
    raw = newer_store(data_dir)
    result = cli(*args, "--data-dir", str(data_dir))
    assert result.code == 3, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "newer" in lines[0]
    assert (data_dir / "store.json").read_bytes() == raw


@pytest.mark.slow
def test_console_script_refuses_a_newer_store_with_status_3(
    data_dir: Path, run_script: Callable[..., Any]
) -> None:
    raw = newer_store(data_dir)
    result = run_script("log", "post", "--data-dir", str(data_dir))
    assert result.code == 3, result.stderr
    assert (data_dir / "store.json").read_bytes() == raw
