"""Posts', comments' and media's texts are matched against the goals' topics on import: only
the topics matched are kept, and importing the same export again after a topics edit matches
the activities already imported (known by their stable key) without adding any."""

from __future__ import annotations

from pathlib import Path

from ssi_tui.domain.models import Goals
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from .builders import ExportBuilder, csv_text

POST_TEXT = '"\n"'.join(
    [
        "Notes from the week",
        "nothing here yet",
        "What our Supply-Chain team learnt about Procurement",
    ]
)


def goals(topics: dict[str, list[str]]) -> Goals:
    return Goals.model_validate({"audiences": {"prospects": 60, "partners": 40}, "topics": topics})


def topical_export(tmp_path: Path) -> Path:
    builder = ExportBuilder()
    builder.add(
        "Shares.csv",
        csv_text(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            [
                ["2025-09-01 08:00:00", "urn:li:activity:7101", POST_TEXT, "", "", "PUBLIC"],
                ["2025-09-02 08:00:00", "urn:li:activity:7102", "Holiday pictures", "", "", ""],
            ],
        ),
    )
    builder.add(
        "Comments.csv",
        "Date,Link,Message\r\n"
        '2025-09-05 10:00:00,urn:li:activity:7103,"Great point on channel partnerships"\r\n'
        '2025-09-06 10:00:00,urn:li:activity:7104,"Congrats!"\r\n',
    )
    return builder.zip(tmp_path / "export.zip")


def topics_by_note(store: Store) -> dict[str, tuple[str, ...]]:
    return {activity.note: activity.topics for activity in store.activities.all()}


def test_only_the_matched_topics_are_kept(workspace: Workspace, tmp_path: Path) -> None:
    store = workspace.store
    store.goals.set(
        goals({"prospects": ["supply chain", "procurement"], "partners": ["partnership"]})
    )
    summary = import_export(workspace, topical_export(tmp_path))
    assert summary.activities_added == 4 and summary.activities_rematched == 0
    assert topics_by_note(store) == {
        "Notes from the week": ("supply chain", "procurement"),  # the whole text, not the note
        "Holiday pictures": (),
        "Great point on channel partnerships": ("partnership",),
        "Congrats!": (),
    }
    stored = (store.path).read_text() + "".join(
        path.read_text() for path in store.history_dir.glob("*.json")
    )
    assert "Supply-Chain team" not in stored  # the text itself is never kept


def test_without_topics_nothing_is_matched(workspace: Workspace, tmp_path: Path) -> None:
    import_export(workspace, topical_export(tmp_path))
    assert set(topics_by_note(workspace.store).values()) == {()}


def test_importing_again_after_a_topics_edit_rematches_without_adding(
    workspace: Workspace, data_dir: Path, tmp_path: Path
) -> None:
    store = workspace.store
    store.goals.set(goals({"prospects": ["procurement"]}))
    export = topical_export(tmp_path)
    import_export(workspace, export)
    count = store.activities.count()
    ids = {activity.note: activity.id for activity in store.activities.all()}
    # A topic given by hand stays whatever the export says.
    comment = next(a for a in store.activities.all() if a.note == "Congrats!")
    store.activities.update(comment.model_copy(update={"topics": ("launch",)}))

    store.goals.set(
        goals({"prospects": ["procurement", "supply chain"], "partners": ["partnership"]})
    )
    dry = import_export(workspace, export, dry_run=True)
    assert (dry.activities_added, dry.activities_rematched) == (0, 2)
    assert "would match 2 earlier activities with your topics" in dry.headline()
    assert topics_by_note(store)["Notes from the week"] == (
        "procurement",
    )  # a dry run saves nothing

    again = import_export(workspace, export)
    assert (again.activities_added, again.activities_rematched) == (0, 2)
    assert again.to_json()["activities_rematched"] == 2
    assert "matched 2 earlier activities with your topics" in again.headline()
    assert store.activities.count() == count
    assert {activity.note: activity.id for activity in store.activities.all()} == ids
    expected = {
        "Notes from the week": ("procurement", "supply chain"),
        "Holiday pictures": (),
        "Great point on channel partnerships": ("partnership",),
        "Congrats!": ("launch",),
    }
    assert topics_by_note(store) == expected
    assert import_export(workspace, export).activities_rematched == 0  # once is enough

    store.close()
    with Store.open(data_dir) as reopened:
        assert topics_by_note(reopened) == expected


def test_a_topic_dropped_from_the_goals_is_not_taken_off(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Re-matching only adds: a topic no longer in the goals simply stops counting."""
    store = workspace.store
    store.goals.set(goals({"prospects": ["procurement"]}))
    export = topical_export(tmp_path)
    import_export(workspace, export)
    store.goals.set(goals({"prospects": ["supply chain"]}))
    assert import_export(workspace, export).activities_rematched == 1
    assert topics_by_note(store)["Notes from the week"] == ("procurement", "supply chain")


def test_a_topics_edit_says_to_import_again_when_imports_are_stored(
    workspace: Workspace, tmp_path: Path
) -> None:
    store = workspace.store
    store.goals.set(goals({"prospects": ["procurement"]}))
    service = workspace.goals
    before_import = service.set_roles_undoably("prospects", "head of", "procurement, logistics")
    assert "import" not in before_import.what.casefold()  # nothing imported: nothing to say
    import_export(workspace, topical_export(tmp_path))
    roles_only = service.set_roles_undoably("prospects", "director", "procurement, logistics")
    assert "again" not in roles_only.what  # the topics did not change
    edited = service.set_roles_undoably("prospects", "director", "procurement, supply chain")
    assert edited.what.startswith("role keywords and topics of prospects saved. ")
    assert "Import your LinkedIn export again" in edited.what
