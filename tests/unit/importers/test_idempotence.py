"""Re-importing adds nothing; a newer archive adds only what is new; ZIP or folder alike."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_tui.importers.owner import OwnerClues, detect_owner
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...conftest import TODAY
from .builders import OWNER, ExportBuilder, message_row, person, standard_export


def external_ids(store: Store) -> set[str]:
    return store.activities.external_ids()


def test_the_same_archive_twice_adds_nothing(workspace: Workspace, export_zip: Path) -> None:
    first = import_export(workspace, export_zip)
    ids = external_ids(workspace.store)
    contacts = workspace.store.contacts.count()
    second = import_export(workspace, export_zip)
    assert (second.activities_added, second.contacts_added, second.contacts_updated) == (0, 0, 0)
    assert not second.checklist_updated
    for name, report in second.files.items():
        assert report.imported == 0, name
        assert report.duplicates == first.files[name].imported, name
    assert external_ids(workspace.store) == ids
    assert workspace.store.contacts.count() == contacts


def test_an_imported_activity_deleted_by_hand_does_not_come_back(
    workspace: Workspace, export_zip: Path
) -> None:
    import_export(workspace, export_zip)
    store = workspace.store
    victim = next(a for a in store.activities.all() if a.external_id)
    store.activities.delete(victim.id)
    count = store.activities.count()
    again = import_export(workspace, export_zip)
    assert again.activities_added == 0
    assert store.activities.count() == count
    assert victim.external_id not in external_ids(store)


def test_zip_and_folder_of_the_same_export_are_the_same_rows(
    workspace: Workspace, export_zip: Path, tmp_path: Path
) -> None:
    import_export(workspace, export_zip)
    again = import_export(workspace, standard_export().folder(tmp_path / "unpacked"))
    assert (again.activities_added, again.contacts_added) == (0, 0)


def test_a_newer_archive_adds_only_the_new_rows(
    workspace: Workspace, export_zip: Path, tmp_path: Path
) -> None:
    import_export(workspace, export_zip)
    before = external_ids(workspace.store)
    newer = standard_export()
    ada = person("ada-example", "Ada Example")
    # One more connection (company changed for Ada at export time), message, share.
    newer.connections(
        [
            [
                "Ada",
                "Example",
                "https://www.linkedin.com/in/ada-example",
                "",
                "Globex",
                "CRO",
                "04 Mar 2024",
            ],
            [
                "Jürgen",
                "Muster",
                "https://www.linkedin.com/in/j%C3%BCrgen-muster",
                "",
                "Fabrikam",
                "Partner Manager",
                "1 Feb 2023",
            ],
            ["Ben", "NoUrl", "", "", "Initech", "Engineer", "15 Dec 2022"],
            [
                "Nina",
                "Newcomer",
                "https://www.linkedin.com/in/nina-newcomer",
                "",
                "Umbrella",
                "CTO",
                "20 Nov 2026",
            ],
        ]
    )
    old_messages = newer.files["messages.csv"]
    assert isinstance(old_messages, str)
    extra = message_row("conv-1", OWNER, ada, "2026-11-21 09:00:00 UTC", "Following up")
    newer.messages([])  # header only, then the old rows and one more
    newer.files["messages.csv"] = old_messages + ",".join(f'"{field}"' for field in extra) + "\r\n"
    shares = newer.files["Shares.csv"]
    assert isinstance(shares, str)
    newer.files["Shares.csv"] = (
        shares
        + "2026-11-22 08:00:00,https://www.linkedin.com/feed/update/urn:li:activity:7999,New post,,,PUBLIC\r\n"
    )
    summary = import_export(
        workspace, newer.zip(tmp_path / "newer.zip", top="Complete_LinkedInDataExport_11-25-2026")
    )
    assert summary.activities_added == 3
    assert (summary.contacts_added, summary.contacts_updated) == (1, 1)
    added = external_ids(workspace.store) - before
    assert sorted(key.split(":")[0] for key in added) == ["connections", "messages", "shares"]
    ada_contact = workspace.store.contacts.by_url("/in/ada-example")
    assert ada_contact is not None and (ada_contact.company, ada_contact.title) == ("Globex", "CRO")
    assert (
        summary.files["Connections.csv"].imported,
        summary.files["Connections.csv"].duplicates,
    ) == (1, 3)


ROW = st.tuples(
    st.integers(min_value=0, max_value=5),  # counterpart
    st.integers(min_value=0, max_value=400),  # minutes after the start
    st.booleans(),  # outgoing
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, max_size=25), cut=st.integers(min_value=0, max_value=25))
def test_importing_an_older_then_a_newer_export_equals_importing_the_newer(
    tmp_path_factory: object, rows: list[tuple[int, int, bool]], cut: int
) -> None:
    """Rows identical in every field (same second, same people) are kept apart by their rank."""
    base = tmp_path_factory.mktemp("idem")  # type: ignore[attr-defined]
    people = [person(f"p{index}", f"Person {index}") for index in range(6)]

    def export(selected: list[tuple[int, int, bool]]) -> ExportBuilder:
        messages = []
        for who, minutes, outgoing in selected:
            other = people[who]
            sender, recipient = (OWNER, other) if outgoing else (other, OWNER)
            stamp = f"2025-01-01 {minutes // 60:02d}:{minutes % 60:02d}:00 UTC"
            messages.append(message_row(f"c{who}", sender, recipient, stamp, "x"))
        builder = ExportBuilder().messages(messages)
        builder.invitations(
            [[OWNER[0], "P", "1/1/25, 9:00 AM", "", "OUTGOING", OWNER[1], people[0][1]]]
        )
        return builder

    older, newer = rows[: min(cut, len(rows))], rows
    with Store.open(base / "a") as store_a, Store.open(base / "b") as store_b:
        first = import_export(Workspace(store_a, TODAY), export(older).zip(base / "older.zip"))
        second = import_export(Workspace(store_a, TODAY), export(newer).zip(base / "newer.zip"))
        alone = import_export(Workspace(store_b, TODAY), base / "newer.zip")
        assert external_ids(store_a) == external_ids(store_b)
        assert first.activities_added + second.activities_added == alone.activities_added
        assert alone.activities_added == len(newer) + 1
        assert store_a.contacts.count() == store_b.contacts.count()


def test_owner_tie_prefers_someone_who_is_not_a_connection() -> None:
    from ssi_tui.importers.csvfiles import CsvTable, Row
    from ssi_tui.importers.files import KINDS
    from ssi_tui.importers.messages import MessageLog

    ada = "https://www.linkedin.com/in/ada"
    text = "FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONVERSATION ID\n" + "".join(
        f"x,{sender},y,{recipient},2025-01-01 10:00:00 UTC,c\n"
        for sender, recipient in ((ada, OWNER[1]), (OWNER[1], ada))
    )
    kind = next(kind for kind in KINDS if kind.id == "messages")
    table = CsvTable(io.StringIO(text, newline=""), kind)
    log = MessageLog("messages.csv")
    for line, fields in table:
        assert log.add(Row(table, line, fields))
    owner = detect_owner(OwnerClues(), [log], connections={"/in/ada"})
    assert owner is not None and owner.profile_url == OWNER[1]
    assert (
        detect_owner(OwnerClues(), [log], connections={"/in/olivia-owner-0a1b2c"}).profile_url
        == ada
    )  # type: ignore[union-attr]
