"""Requirement 8: the repositories over hot tables and history segments, across close/reopen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist, SSIReading
from ssi_tui.store import NotFoundError, Store, repository
from ssi_tui.store.repository import BULK_THRESHOLD, HOT_LIMIT
from ssi_tui.store.tables import normalise_profile_url


def on_disk(data_dir: Path) -> tuple[int, list[str]]:
    """Hot activities in store.json and the listed history segments."""
    data = orjson.loads((data_dir / "store.json").read_bytes())
    return len(data["activities"]), list(data["meta"]["1"]["segments"])


def ids(store: Store) -> set[str]:
    return {activity.id for activity in store.activities.all()}


# -- activities ------------------------------------------------------------------------------
def test_add_get_update_delete_restore_hot_activity(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    store = Store.open(data_dir)
    activity = make_activity(
        kind="message_sent", audience="prospects", contact="Ann", personalised=True, relevance=5
    )
    assert store.activities.add(activity) == activity
    assert store.activities.get(activity.id) == activity
    changed = activity.model_copy(update={"note": "edited", "date": date(2024, 5, 5)})
    store.activities.update(changed)
    assert store.activities.get(activity.id) == changed
    assert store.activities.count() == 1
    assert store.activities.between(date(2024, 5, 5), date(2024, 5, 5)) == [changed]
    store.close()

    store = Store.open(data_dir)
    assert store.activities.get(activity.id) == changed
    removed = store.activities.delete(activity.id)
    assert removed == changed
    with pytest.raises(NotFoundError):
        store.activities.get(activity.id)
    assert store.activities.all() == []
    store.close()

    store = Store.open(data_dir)
    assert store.activities.count() == 0
    store.activities.restore(removed)
    store.close()
    with Store.open(data_dir) as store:
        assert store.activities.all() == [changed]
        with pytest.raises(NotFoundError):
            store.activities.delete("no-such-id")


@pytest.mark.parametrize("reopen", [False, True], ids=["same-session", "after-reopen"])
def test_update_moves_a_hot_activity_to_its_new_date(
    data_dir: Path, make_activity: Callable[..., Activity], reopen: bool
) -> None:
    moving = make_activity(date=date(2024, 1, 1))
    staying = make_activity(date=date(2024, 1, 3))
    store = Store.open(data_dir)
    store.activities.add(moving)
    store.activities.add(staying)
    if reopen:
        store.close()
        store = Store.open(data_dir)
    moved = moving.model_copy(update={"date": date(2024, 1, 5), "note": "moved"})
    store.activities.update(moved)
    assert store.activities.all() == [staying, moved]
    assert store.activities.between(date(2024, 1, 1), date(2024, 1, 2)) == []
    assert store.activities.between(date(2024, 1, 5), date(2024, 1, 5)) == [moved]
    assert store.activities.first_date() == date(2024, 1, 3)
    store.activities.delete(moved.id)
    assert store.activities.all() == [staying]
    store.close()
    with Store.open(data_dir) as store:
        assert store.activities.all() == [staying]


def test_activities_in_a_segment_can_be_updated_deleted_and_restored(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    bulk = [make_activity() for _ in range(BULK_THRESHOLD)]
    with Store.open(data_dir) as store:
        assert store.activities.add_many(bulk) == BULK_THRESHOLD
    hot, segments = on_disk(data_dir)
    assert hot == 0 and len(segments) == 1  # a large batch goes straight to a segment

    target, edited_one, other = bulk[10], bulk[20], bulk[30]
    edited = edited_one.model_copy(update={"note": "edited", "relevance": 1})
    with Store.open(data_dir) as store:
        assert store.activities.count() == BULK_THRESHOLD
        assert store.activities.get(target.id) == target
        store.activities.update(edited)
        deleted = store.activities.delete(target.id)
        assert deleted == target
        with pytest.raises(NotFoundError):
            store.activities.get(target.id)
        assert store.activities.count() == BULK_THRESHOLD - 1

    with Store.open(data_dir) as store:  # the tombstone keeps it deleted
        assert target.id not in ids(store)
        assert store.activities.get(edited.id) == edited
        assert store.activities.count() == BULK_THRESHOLD - 1
        store.compact()
    with Store.open(data_dir) as store:  # and compaction changes nothing
        assert target.id not in ids(store)
        assert store.activities.get(edited.id) == edited
        assert store.activities.count() == BULK_THRESHOLD - 1
        store.activities.restore(deleted)  # re-adding after delete
        assert store.activities.get(target.id) == target
    with Store.open(data_dir) as store:
        assert store.activities.get(target.id) == target
        assert store.activities.count() == BULK_THRESHOLD
        store.activities.delete(target.id)  # deleted again, now hot and in a segment
        store.activities.delete(other.id)
    with Store.open(data_dir) as store:
        assert target.id not in ids(store) and other.id not in ids(store)
        assert store.activities.count() == BULK_THRESHOLD - 2
        store.compact()
        store.activities.add(target)
    with Store.open(data_dir) as store:
        assert store.activities.get(target.id) == target
        assert other.id not in ids(store)
        assert store.activities.get(edited.id) == edited
        assert store.activities.count() == BULK_THRESHOLD - 1


def test_re_adding_a_deleted_segment_activity_in_a_bulk_batch(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    bulk = [make_activity() for _ in range(BULK_THRESHOLD)]
    with Store.open(data_dir) as store:
        store.activities.add_many(bulk)
        store.activities.delete(bulk[0].id)
        store.activities.add_many([bulk[0], *[make_activity() for _ in range(BULK_THRESHOLD)]])
        assert store.activities.get(bulk[0].id) == bulk[0]
    with Store.open(data_dir) as store:
        assert store.activities.get(bulk[0].id) == bulk[0]
        assert store.activities.count() == 2 * BULK_THRESHOLD + 1 - 1


def test_a_segment_save_replaces_the_hot_copies_it_updates(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    """On loading, the hot tables win over segments: a bulk save (an import) that updates a hot
    activity or contact must not be undone by the stale hot copy when the store is reopened."""
    hot_activity = make_activity(note="before")
    hot_contact = Contact(id="c" * 32, name="Ada Example", title="Old title")
    with Store.open(data_dir) as store:
        store.activities.add(hot_activity)
        store.contacts.add(hot_contact)
        assert on_disk(data_dir)[0] == 1
        store.save_import(
            [hot_activity.model_copy(update={"note": "after"})],
            [hot_contact.model_copy(update={"title": "New title"})],
        )
        assert store.activities.get(hot_activity.id).note == "after"
        assert on_disk(data_dir)[0] == 0  # the stale copy left the hot table in the same commit
    with Store.open(data_dir) as store:
        assert store.activities.get(hot_activity.id).note == "after"
        assert store.contacts.get(hot_contact.id).title == "New title"
        assert store.activities.count() == 1 and store.contacts.count() == 1
        store.activities.update(hot_activity)  # and an edit after that is hot again, and wins
    with Store.open(data_dir) as store:
        assert store.activities.get(hot_activity.id).note == "before"


def test_between_has_inclusive_bounds(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    days = [date(2024, 1, day) for day in (1, 2, 2, 3, 4, 5, 5)]
    hot = [make_activity(date=day) for day in days]
    old = [
        make_activity(date=date(2024, 1, 1) + timedelta(days=i % 6)) for i in range(BULK_THRESHOLD)
    ]
    with Store.open(data_dir) as store:
        store.activities.add_many(old)  # in a segment
        for activity in hot:
            store.activities.add(activity)
    with Store.open(data_dir) as store:
        everything = [*hot, *old]

        def expected(start: date | None, end: date | None) -> list[str]:
            return sorted(
                a.id
                for a in everything
                if (start is None or a.date >= start) and (end is None or a.date <= end)
            )

        for start, end in [
            (date(2024, 1, 2), date(2024, 1, 4)),
            (date(2024, 1, 5), date(2024, 1, 5)),
            (date(2024, 1, 1), date(2024, 1, 1)),
            (None, date(2024, 1, 2)),
            (date(2024, 1, 4), None),
            (None, None),
            (date(2024, 1, 6), date(2024, 1, 7)),
            (date(2023, 12, 1), date(2023, 12, 31)),
            (date(2024, 1, 4), date(2024, 1, 2)),
        ]:
            found = store.activities.between(start, end)
            assert sorted(a.id for a in found) == expected(start, end), (start, end)
            assert [a.date for a in found] == sorted(a.date for a in found)
        assert len(store.activities.between(date(2024, 1, 2), date(2024, 1, 4))) == sum(
            1 for a in everything if date(2024, 1, 2) <= a.date <= date(2024, 1, 4)
        )
        assert store.activities.first_date() == date(2024, 1, 1)
        assert [a.date for a in store.activities.all()] == sorted(a.date for a in everything)


def test_external_ids_survive_reopen_and_delete(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    imported = [
        make_activity(source="linkedin-export", external_id=f"row-{i}")
        for i in range(BULK_THRESHOLD)
    ]
    with Store.open(data_dir) as store:
        store.activities.add_many(imported)
        store.activities.delete(imported[0].id)
    with Store.open(data_dir) as store:
        assert store.activities.has_external("row-1")
        # Deleted by hand: no longer stored, but still known, so a re-import skips it.
        assert "row-0" not in store.activities.external_ids()
        assert store.activities.has_external("row-0")
        assert len(store.activities.external_ids()) == BULK_THRESHOLD - 1


@pytest.mark.parametrize("bulk", [False, True], ids=["hot", "segment"])
def test_a_deleted_import_stays_known_until_restored(
    data_dir: Path, make_activity: Callable[..., Activity], bulk: bool
) -> None:
    count = BULK_THRESHOLD if bulk else 3
    imported = [
        make_activity(source="linkedin-export", external_id=f"row-{i}") for i in range(count)
    ]
    with Store.open(data_dir) as store:
        store.activities.add_many(imported)
        removed = store.activities.delete(imported[0].id)
        store.compact()
    with Store.open(data_dir) as store:
        assert store.activities.has_external("row-0")
        store.activities.restore(removed)  # undo
        assert store.activities.get(imported[0].id) == imported[0]
        store.activities.delete(imported[1].id)
    with Store.open(data_dir) as store:
        assert "row-0" in store.activities.external_ids()
        assert store.activities.has_external("row-1")
        assert "row-1" not in store.activities.external_ids()
        assert store.activities.count() == count - 1


def test_deleting_a_manual_activity_remembers_nothing(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    activity = make_activity()
    with Store.open(data_dir) as store:
        store.activities.add(activity)
        store.activities.delete(activity.id)
    tombstones = orjson.loads((data_dir / "store.json").read_bytes()).get("tombstones", {})
    assert all(not doc["value"].get("imports") for doc in tombstones.values())


# -- contacts ---------------------------------------------------------------------------------
def test_normalise_profile_url() -> None:
    assert normalise_profile_url("https://www.linkedin.com/in/Ann-Example/") == "/in/ann-example"
    assert (
        normalise_profile_url("https://www.linkedin.com/in/ann%2Dexample?trk=x")
        == "/in/ann-example"
    )
    assert (
        normalise_profile_url("linkedin.com/IN/J%C3%BCrgen-M%C3%BCller#about")
        == "/in/jürgen-müller"
    )
    assert (
        normalise_profile_url("  HTTPS://LINKEDIN.COM/in/ann-example/detail/skills/ ")
        == "/in/ann-example"
    )
    assert normalise_profile_url("https://www.linkedin.com/company/acme/") is None
    assert normalise_profile_url("https://www.linkedin.com/in/") is None
    assert normalise_profile_url("") is None
    assert normalise_profile_url(None) is None


@pytest.mark.parametrize("look_first", [False, True], ids=["index-unbuilt", "index-built"])
def test_contact_lookups_follow_edits_whenever_the_index_is_built(
    data_dir: Path, look_first: bool
) -> None:
    """The name and URL indexes are built on first use: edits made before or after that give
    the same answers, and so does a reopened store."""
    ann = Contact(name="Ann Example", profile_url="https://www.linkedin.com/in/ann-example")
    bob = Contact(name="Bob Builder")
    with Store.open(data_dir) as store:
        store.contacts.add(ann)
    with Store.open(data_dir) as store:
        if look_first:
            assert store.contacts.find("ann example") == ann
        store.contacts.add(bob)
        renamed = ann.model_copy(
            update={"name": "Ann Renamed", "profile_url": "https://linkedin.com/in/ann-renamed"}
        )
        store.contacts.add(renamed)  # same id: an update
        contacts = store.contacts
        assert contacts.find("ann example") is None
        assert contacts.find("ann renamed") == renamed
        assert contacts.by_url("https://linkedin.com/in/ann-example") is None
        assert contacts.by_url("https://www.linkedin.com/in/ann-renamed/") == renamed
        assert contacts.find("bob builder") == bob
        store.contacts.delete(bob.id)
        assert store.contacts.find("bob builder") is None
    with Store.open(data_dir) as store:
        assert store.contacts.find("ann renamed") == renamed
        assert store.contacts.find("bob builder") is None
        assert store.contacts.by_url("https://linkedin.com/in/ann-renamed") == renamed


def test_contacts_find_by_name_and_profile_url(data_dir: Path) -> None:
    ann = Contact(
        name="Ann Example", company="Acme", profile_url="https://www.linkedin.com/in/Ann-Example/"
    )
    jurgen = Contact(
        name="Jürgen Müller", profile_url="https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller"
    )
    many = [
        Contact(name=f"Person {i}", profile_url=f"https://linkedin.com/in/person-{i}")
        for i in range(BULK_THRESHOLD)
    ]
    with Store.open(data_dir) as store:
        store.contacts.add(ann)
        store.contacts.add(jurgen)
        assert store.contacts.upsert_many(many) == BULK_THRESHOLD  # to a segment
    with Store.open(data_dir) as store:
        assert store.contacts.count() == BULK_THRESHOLD + 2
        assert store.contacts.find("ann example") == ann
        assert store.contacts.find("  ANN   EXAMPLE ") == ann
        assert store.contacts.find("JÜRGEN MÜLLER") == jurgen
        assert store.contacts.find("Ann") is None
        assert store.contacts.by_url("http://linkedin.com/in/ann-example?trk=abc") == ann
        assert store.contacts.by_url("https://www.linkedin.com/in/ANN%2DEXAMPLE/") == ann
        assert store.contacts.by_url("https://www.linkedin.com/in/jürgen-müller/") == jurgen
        assert store.contacts.by_url("https://www.linkedin.com/in/nobody") is None
        assert store.contacts.by_url("not a url") is None
        assert store.contacts.find("person 42") == many[42]
        assert store.contacts.by_url("HTTPS://LINKEDIN.COM/IN/PERSON-42") == many[42]
        assert store.contacts.get(ann.id) == ann
        assert "Ann Example" in store.contacts.names()

        store.contacts.delete(many[42].id)
        assert store.contacts.find("person 42") is None
    with Store.open(data_dir) as store:
        assert store.contacts.find("ann example") == ann
        assert store.contacts.find("person 42") is None
        assert store.contacts.by_url("https://linkedin.com/in/person-42") is None
        with pytest.raises(NotFoundError):
            store.contacts.get(many[42].id)
        assert store.contacts.count() == BULK_THRESHOLD + 1


@pytest.mark.parametrize("reopen", [False, True], ids=["same-session", "after-reopen"])
def test_renamed_contact_is_found_only_by_its_new_name_and_url(
    data_dir: Path, reopen: bool
) -> None:
    ann = Contact(
        name="Ann Example", company="Acme", profile_url="https://www.linkedin.com/in/ann-example/"
    )
    store = Store.open(data_dir)
    store.contacts.add(ann)
    store.contacts.add(Contact(name="Bob Example"))
    if reopen:
        store.close()
        store = Store.open(data_dir)
    moved = ann.model_copy(
        update={"name": "Ann Other", "profile_url": "https://linkedin.com/in/ann-other"}
    )
    store.contacts.update(moved)
    assert store.contacts.find("ann other") == moved
    assert store.contacts.by_url("https://linkedin.com/in/ann-other") == moved
    assert store.contacts.find("ann example") is None
    assert store.contacts.by_url("https://linkedin.com/in/ann-example") is None
    store.close()
    with Store.open(data_dir) as store:
        assert store.contacts.find("ann other") == moved
        assert store.contacts.find("ann example") is None
        assert store.contacts.by_url("https://linkedin.com/in/ann-example") is None


# -- readings, goals, checklist, settings -----------------------------------------------------
def reading(day: int, total: float) -> SSIReading:
    quarter = total / 4
    return SSIReading(
        date=date(2024, 2, day),
        total=total,
        brand=quarter,
        find=quarter,
        engage=quarter,
        relate=quarter,
    )


def test_readings_add_latest_delete(data_dir: Path) -> None:
    first, second, third = reading(1, 40), reading(15, 48), reading(8, 44)
    with Store.open(data_dir) as store:
        assert store.readings.latest() is None
        for item in (first, second, third):
            store.readings.add(item)
        assert [r.date.day for r in store.readings.all()] == [1, 8, 15]
        assert store.readings.latest() == second
        assert store.readings.latest(on_or_before=date(2024, 2, 14)) == third
        assert store.readings.latest(on_or_before=date(2024, 2, 8)) == third
        assert store.readings.latest(on_or_before=date(2024, 1, 31)) is None
    with Store.open(data_dir) as store:
        assert store.readings.latest() == second
        assert store.readings.delete(second.id) == second
        corrected = third.model_copy(
            update={"total": 45.0, "brand": 11.25, "find": 11.25, "engage": 11.25, "relate": 11.25}
        )
        store.readings.update(corrected)
        assert len(store.readings.all()) == 2
        with pytest.raises(NotFoundError):
            store.readings.delete(second.id)
    with Store.open(data_dir) as store:
        assert [r.id for r in store.readings.all()] == [first.id, third.id]
        assert store.readings.latest() == corrected
        assert store.readings.get(third.id).total == 45.0


def test_goals_checklist_settings_round_trip(data_dir: Path) -> None:
    goals = Goals.model_validate(
        {
            "audiences": {"prospects": 3, "recruiters": 1},
            "roles": {"prospects": ["CTO", "Head of Sales"]},
            "accounts": [{"name": "Acme", "audience": "prospects"}],
            "objectives": [
                {
                    "kind": "message_sent",
                    "audience": "prospects",
                    "per_week": 5,
                    "personalised": True,
                }
            ],
            "cadence": {"prospects": 20},
        }
    )
    checklist = ProfileChecklist(
        photo=True, headline=True, skills=25, recommendations=3, custom_url=True
    )
    with Store.open(data_dir) as store:
        assert store.goals.get() == Goals()
        assert store.checklist.get() == ProfileChecklist()
        assert store.settings.all() == {}
        store.goals.set(goals)
        store.checklist.set(checklist)
        store.settings.set("theme", "dark")
        store.settings.set("window", 60)
        store.settings.set("theme", "light")
    with Store.open(data_dir) as store:
        assert store.goals.get() == goals
        assert store.goals.get().to_file() == goals.to_file()
        assert store.checklist.get() == checklist
        assert store.settings.all() == {"theme": "light", "window": 60}
        assert store.settings.get("missing", "default") == "default"
        store.goals.set(Goals())
    with Store.open(data_dir, read_only=True) as store:
        assert store.goals.get() == Goals()
        assert store.checklist.get() == checklist


# -- compaction -------------------------------------------------------------------------------
def test_compact_keeps_every_activity_and_contact(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    hot = [make_activity() for _ in range(50)]
    contacts = [Contact(name=f"Contact {i}") for i in range(5)]
    with Store.open(data_dir) as store:
        store.activities.add_many([make_activity() for _ in range(BULK_THRESHOLD)])
        for activity in hot:
            store.activities.add(activity)
        for contact in contacts:
            store.contacts.add(contact)
        before = sorted(ids(store))
        store.compact()
        assert sorted(ids(store)) == before
        store.compact()  # nothing hot: a no-op
        assert sorted(ids(store)) == before
        assert store.contacts.find("contact 3") == contacts[3]
    hot_count, segments = on_disk(data_dir)
    assert hot_count == 0 and len(segments) == 2
    with Store.open(data_dir) as store:
        assert sorted(ids(store)) == before
        assert store.activities.get(hot[7].id) == hot[7]
        assert store.contacts.count() == 5


def test_automatic_compaction_beyond_hot_limit(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    docs = [make_activity().model_dump(mode="json") for _ in range(HOT_LIMIT + 1)]
    with Store.open(data_dir) as store:
        store.save_activity_docs(docs)
        assert store.activities.count() == HOT_LIMIT + 1
    hot_count, segments = on_disk(data_dir)
    assert hot_count == 0 and len(segments) == 1
    with Store.open(data_dir) as store:
        assert ids(store) == {doc["id"] for doc in docs}


def test_automatic_compaction_happens_just_past_the_limit(
    data_dir: Path, make_activity: Callable[..., Activity], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(repository, "HOT_LIMIT", 20)
    added: list[Activity] = []
    with Store.open(data_dir) as store:
        for _ in range(20):
            added.append(store.activities.add(make_activity()))
        assert on_disk(data_dir) == (20, [])
        store.contacts.add(Contact(name="Over The Limit"))
        assert on_disk(data_dir)[0] == 0 and len(on_disk(data_dir)[1]) == 1
        for _ in range(25):
            added.append(store.activities.add(make_activity()))
        assert len(on_disk(data_dir)[1]) == 2
        store.activities.delete(added[0].id)
        store.activities.update(added[1].model_copy(update={"note": "changed"}))
    with Store.open(data_dir) as store:
        assert ids(store) == {activity.id for activity in added[1:]}
        assert store.activities.get(added[1].id).note == "changed"
        assert store.contacts.find("over the limit") is not None


def test_a_closed_store_lets_its_documents_go(
    data_dir: Path, make_activity: Callable[..., Activity]
) -> None:
    """Opening freezes the documents out of the collector's way and the repositories hold the
    store in a cycle: a process opening stores one after another (a restore, the crash tests)
    grew by the whole store each time."""
    import gc
    import tracemalloc

    with Store.open(data_dir) as store:
        store.activities.add_many([make_activity() for _ in range(4 * BULK_THRESHOLD)])
    tracemalloc.start()
    try:
        sizes = []
        for _ in range(4):
            with Store.open(data_dir, read_only=True) as store:
                assert store.activities.count() == 4 * BULK_THRESHOLD
            gc.collect()
            sizes.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
        gc.unfreeze()
    assert sizes[-1] - sizes[0] < 200_000, sizes  # one store's documents are about 1.5 MB
