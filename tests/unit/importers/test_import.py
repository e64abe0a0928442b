"""A whole import of the standard synthetic export: mapping, contacts, owner, checklist, privacy."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ssi_tui.domain.alignment import effective_audience
from ssi_tui.domain.models import Activity, Contact, Goals, ProfileChecklist
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from .builders import (
    MESSAGES_HEADER_2026,
    OWNER,
    OWNER_URL,
    ExportBuilder,
    csv_text,
    message_row,
    person,
)

EXPECTED_KINDS = {
    "connection": 3,
    "invitation_sent": 2,
    "invitation_received": 1,
    "message_sent": 1,
    "message_received": 2,
    "post": 1,
    "share": 2,  # a bare repost in Shares.csv + an instant repost
    "comment": 1,
    "reaction": 1,
    "poll_vote": 1,
    "endorsement_received": 1,
    "endorsement_given": 1,
    "recommendation_received": 2,
    "recommendation_given": 1,
    "people_search": 2,
    "account_followed": 1,
    "media": 1,
    "event": 1,
}


def by_kind(store: Store) -> dict[str, list[Activity]]:
    found: dict[str, list[Activity]] = {}
    for activity in store.activities.all():
        found.setdefault(activity.kind, []).append(activity)
    return found


def test_every_file_maps_to_its_activity_kind(workspace: Workspace, export_zip: Path) -> None:
    summary = import_export(workspace, export_zip)
    store = workspace.store
    assert Counter(activity.kind for activity in store.activities.all()) == EXPECTED_KINDS
    assert summary.activities_added == sum(EXPECTED_KINDS.values())
    for activity in store.activities.all():
        assert activity.source == "linkedin-export"
        assert activity.channel == "linkedin"
        assert activity.audience is None
        assert activity.external_id
        # Built without pydantic validation for speed: it must validate all the same, and its
        # stored document be exactly what the model dumps to.
        assert Activity.model_validate(activity.model_dump()) == activity
        document = store.indexes.activities.document(activity.id)
        assert document == activity.model_dump(mode="json")
        assert list(document) == list(Activity.model_fields)


def test_connections_become_contacts_with_their_details(
    workspace: Workspace, export_zip: Path
) -> None:
    import_export(workspace, export_zip)
    contacts = workspace.store.contacts
    assert contacts.all()
    for contact in contacts.all():
        # Saved as documents made without pydantic (`merge.resolve_people`): each exactly
        # what the model validates and dumps to.
        document = workspace.store.indexes.contacts.document(contact.id)
        assert document == contact.model_dump(mode="json")
        assert list(document) == list(Contact.model_fields)
    ada = contacts.by_url("https://www.linkedin.com/in/ada-example")
    assert ada is not None
    assert (ada.name, ada.company, ada.title, ada.connected_on, ada.source) == (
        "Ada Example",
        "Contoso",
        "VP Sales",
        date(2024, 3, 4),
        "linkedin-export",
    )
    # Percent-encoded slug: joined on the decoded, lowercased /in/<slug>.
    jurgen = contacts.by_url("https://www.linkedin.com/in/J%C3%BCrgen-Muster/")
    assert jurgen is not None and jurgen.name == "Jürgen Muster"
    assert contacts.by_url("linkedin.com/in/jürgen-muster") == jurgen
    # No URL: kept by name.
    ben = contacts.find("ben nourl")
    assert ben is not None and ben.profile_url is None and ben.company == "Initech"
    connection = next(
        a for a in by_kind(workspace.store)["connection"] if a.contact == "Ada Example"
    )
    assert (connection.date, connection.company, connection.title) == (
        date(2024, 3, 4),
        "Contoso",
        "VP Sales",
    )


def test_messages_direction_counterparts_and_no_bodies(
    workspace: Workspace, export_zip: Path, data_dir: Path
) -> None:
    summary = import_export(workspace, export_zip)
    kinds = by_kind(workspace.store)
    sent = kinds["message_sent"]
    assert [(a.contact, a.date, a.company, a.personalised) for a in sent] == [
        ("Ada Example", date(2025, 10, 2), "Contoso", True)
    ]
    received = sorted((a.contact, a.date) for a in kinds["message_received"])
    assert received == [("Ada Example", date(2025, 10, 2)), ("Frank New", date(2025, 10, 5))]
    # The counterpart of a message becomes a contact (Frank), Ada is not duplicated.
    frank = workspace.store.contacts.by_url("https://www.linkedin.com/in/frank-new")
    assert frank is not None and frank.connected_on is None
    assert len(workspace.store.contacts.names()) == 4
    assert summary.files["messages.csv"].rows == 3  # the draft is not a message
    # Bodies never reach the disk: not in store.json, segments or backups.
    for path in data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for body in (b"multi-line", b"Thanks!", b"Hello there", b"draft text", b"AI coach"):
                assert body not in data, (path, body)
            assert b"loved your talk" not in data  # nor invitation messages


def test_invitations_personalised_and_direction(workspace: Workspace, export_zip: Path) -> None:
    import_export(workspace, export_zip)
    kinds = by_kind(workspace.store)
    assert sorted((a.contact, a.personalised) for a in kinds["invitation_sent"]) == [
        ("Cara Prospect", True),
        ("Dan Generic", False),
    ]
    assert [a.contact for a in kinds["invitation_received"]] == ["Eve Recruiter"]
    # Invitation counterparts are named on the activity, not made contacts.
    assert workspace.store.contacts.find("Cara Prospect") is None


def test_share_commentary_quirk_and_backslash_comments(
    workspace: Workspace, export_zip: Path
) -> None:
    summary = import_export(workspace, export_zip)
    kinds = by_kind(workspace.store)
    assert [a.note for a in kinds["post"]] == ["First line of my post"]
    assert sorted(a.note for a in kinds["share"]) == ["", ""]
    assert [a.note for a in kinds["comment"]] == ['He said "hi", then']
    comments = summary.files["Comments_123456.csv"]
    assert (comments.rows, comments.imported, [(e.line, e.error) for e in comments.errors]) == (
        2,
        1,
        [(4, "no date")],
    )
    assert [a.note for a in kinds["reaction"]] == ["Praise"]


def test_other_files(workspace: Workspace, export_zip: Path) -> None:
    import_export(workspace, export_zip)
    kinds = by_kind(workspace.store)
    endorsement = kinds["endorsement_received"][0]
    assert (endorsement.contact, endorsement.company, endorsement.note) == (
        "Ada Example",
        "Contoso",
        "Python",
    )
    assert kinds["endorsement_given"][0].contact == "Cara Prospect"
    given = kinds["recommendation_given"][0]
    assert (given.contact, given.date, given.company) == (
        "Ada Example",
        date(2024, 5, 20),
        "Contoso",
    )
    assert sorted(a.contact or "" for a in kinds["recommendation_received"]) == [
        "Gina Mentor",
        "Hal Hidden",
    ]
    assert kinds["account_followed"][0].company == "Contoso"
    assert kinds["media"][0].date == date(2024, 3, 2)
    assert (kinds["event"][0].date, kinds["event"][0].note) == (date(2025, 7, 8), "Sales Summit")
    assert len(kinds["people_search"]) == 2  # two searches in the same second are two rows


def test_profile_files_fill_the_checklist(workspace: Workspace, export_zip: Path) -> None:
    workspace.store.checklist.set(ProfileChecklist(photo=True, custom_url=True))
    summary = import_export(workspace, export_zip)
    assert workspace.store.checklist.get() == ProfileChecklist(
        photo=True,  # kept: the export does not say
        headline=True,
        summary=True,
        experience=True,
        industry=True,
        location=True,
        skills=5,
        recommendations=1,  # the VISIBLE one only
        featured=False,
        custom_url=True,
        # The words too (for the profile's fit with the goals), control characters stripped.
        headline_text="Helping teams sell better",
        summary_text="Long summary\nfor supply chain leaders",
    )
    assert summary.checklist_updated
    assert summary.files["Skills.csv"].imported == 5


def test_owner_detected_from_invitations(workspace: Workspace, export_zip: Path) -> None:
    summary = import_export(workspace, export_zip)
    assert summary.owner is not None
    assert summary.owner.to_json() == {
        "name": "Olivia Owner",
        "profile_url": OWNER_URL,
        "detected_from": "invitations",
    }


def test_owner_detected_from_messages_without_invitations(
    workspace: Workspace, export: ExportBuilder, tmp_path: Path
) -> None:
    del export.files["Invitations.csv"]
    summary = import_export(workspace, export.folder(tmp_path / "export"))
    assert summary.owner is not None
    assert (summary.owner.profile_url, summary.owner.detected_from) == (OWNER_URL, "messages")
    assert len(by_kind(workspace.store)["message_sent"]) == 1


def test_no_owner_without_invitations_or_messages(workspace: Workspace, tmp_path: Path) -> None:
    builder = ExportBuilder().table("Skills.csv", ["Name"], [["Python"]])
    summary = import_export(workspace, builder.zip(tmp_path / "skills.zip"))
    assert summary.owner is None
    assert summary.to_json()["owner"] is None


def test_decoys_and_unknown_files_are_listed_as_ignored(
    workspace: Workspace, export_zip: Path
) -> None:
    summary = import_export(workspace, export_zip)
    assert summary.ignored_files == [
        "Articles/Articles/my-article.html",
        "LearningCoachMessages.csv",
        "Member_Follows.csv",
        "guide_messages.csv",
        "learning_coach_messages.csv",
        "learning_role_play_messages.csv",
    ]
    assert workspace.store.contacts.find("Coach") is None


def test_missing_files_are_fine(workspace: Workspace, tmp_path: Path) -> None:
    builder = ExportBuilder().connections(
        [["Ada", "Example", "https://www.linkedin.com/in/ada", "", "Contoso", "VP", "04 Mar 2024"]]
    )
    summary = import_export(workspace, builder.zip(tmp_path / "basic.zip"))
    assert list(summary.files) == ["Connections.csv"]
    assert (summary.activities_added, summary.contacts_added) == (1, 1)
    empty = import_export(workspace, ExportBuilder().add("README.txt", "hi").folder(tmp_path / "e"))
    assert (empty.files, empty.ignored_files, empty.activities_added) == ({}, ["README.txt"], 0)


def test_old_formats(workspace: Workspace, tmp_path: Path) -> None:
    builder = ExportBuilder()
    builder.connections(
        [["Ada", "Example", "https://www.linkedin.com/in/ada", "", "Contoso", "VP", "04 Mar 2019"]],
        preamble=False,
    )
    builder.add(
        "Messages.csv",
        csv_text(
            ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
            [
                [
                    "Ada Example",
                    "Olivia Owner",
                    "2017-03-01 10:00:00 UTC",
                    "Hi",
                    "Hello",
                    "INCOMING",
                    "INBOX",
                ],
                [
                    "Olivia Owner",
                    "Ada Example",
                    "2017-03-02 10:00:00 UTC",
                    "Re: Hi",
                    "Hi!",
                    "OUTGOING",
                    "SENT",
                ],
            ],
        ),
    )
    builder.table(
        "Comments.csv",
        ["Date", "Link", "Comment"],
        [["2017-03-03 10:00:00", "urn:li:activity:1", "Old comment"]],
    )
    builder.table(
        "Likes.csv",
        ["Date", "Type", "Link"],
        [["2017-03-04 10:00:00", "LIKE", "urn:li:activity:2"]],
    )
    summary = import_export(workspace, builder.zip(tmp_path / "old.zip"))
    kinds = by_kind(workspace.store)
    assert [a.contact for a in kinds["message_received"]] == ["Ada Example"]
    assert [a.contact for a in kinds["message_sent"]] == ["Ada Example"]
    assert [a.note for a in kinds["comment"]] == ["Old comment"]
    assert len(kinds["reaction"]) == 1
    assert workspace.store.contacts.count() == 1  # Ada from the connection and the messages
    assert summary.owner is not None and summary.owner.name == "Olivia Owner"


def test_an_existing_contact_is_updated_not_duplicated(
    workspace: Workspace, export_zip: Path
) -> None:
    store = workspace.store
    by_url = store.contacts.add(
        Contact(name="Ada E.", profile_url="https://linkedin.com/in/ADA-EXAMPLE/", company="Old Co")
    )
    by_name = store.contacts.add(Contact(name="ben nourl", audience=None))
    namesake = store.contacts.add(
        Contact(name="Frank New", profile_url="https://www.linkedin.com/in/another-frank")
    )
    summary = import_export(workspace, export_zip)
    ada = store.contacts.get(by_url.id)
    assert (ada.name, ada.company, ada.title, ada.connected_on) == (
        "Ada E.",
        "Contoso",
        "VP Sales",
        date(2024, 3, 4),
    )
    assert store.contacts.get(by_name.id).company == "Initech"
    # Same name, another profile URL: another person.
    assert store.contacts.get(namesake.id).profile_url.endswith("another-frank")  # type: ignore[union-attr]
    assert store.contacts.by_url("https://www.linkedin.com/in/frank-new") is not None
    assert (summary.contacts_added, summary.contacts_updated) == (2, 2)
    assert store.contacts.count() == 5
    # Activities name the contact as stored, so "last interaction" finds them.
    assert {a.contact for a in by_kind(store)["message_sent"]} == {"Ada E."}


def test_audience_comes_from_the_goals_and_follows_them(
    workspace: Workspace, export_zip: Path
) -> None:
    store = workspace.store
    store.goals.set(
        Goals.model_validate(
            {
                "audiences": {"prospects": 60, "partners": 40},
                "accounts": [{"name": "Contoso", "audience": "prospects"}],
                "roles": {"partners": ["partner manager"]},
            }
        )
    )
    import_export(workspace, export_zip)
    goals = store.goals.get()
    ada_messages = [a for a in store.activities.all() if a.contact == "Ada Example"]
    assert ada_messages and {effective_audience(a, goals) for a in ada_messages} == {"prospects"}
    jurgen = next(a for a in store.activities.all() if a.contact == "Jürgen Muster")
    assert effective_audience(jurgen, goals) == "partners"  # by title
    # Goals change: the same stored activities are re-evaluated, nothing re-imported.
    store.goals.set(
        Goals.model_validate(
            {
                "audiences": {"partners": 100},
                "accounts": [{"name": "Contoso", "audience": "partners"}],
            }
        )
    )
    assert {effective_audience(a, store.goals.get()) for a in ada_messages} == {"partners"}
    assert effective_audience(jurgen, store.goals.get()) is None


def test_a_person_without_name_or_url_is_a_row_error(workspace: Workspace, tmp_path: Path) -> None:
    builder = ExportBuilder().connections(
        [
            ["", "", "", "", "Contoso", "VP", "04 Mar 2024"],
            ["", "", "https://www.linkedin.com/in/nameless-1", "", "", "", "05 Mar 2024"],
            ["Bad", "Date", "", "", "", "", "31 Feb 2024"],
        ]
    )
    summary = import_export(workspace, builder.zip(tmp_path / "x.zip"))
    report = summary.files["Connections.csv"]
    assert [(error.line, error.error.split(" (")[0]) for error in report.errors] == [
        (5, "no name and no profile URL"),
        (7, "impossible date '31 Feb 2024'"),
    ]
    assert workspace.store.contacts.by_url("/in/nameless-1") is not None


@pytest.mark.parametrize("dry_run", [True, False])
def test_dry_run_counts_the_same_and_saves_nothing(
    workspace: Workspace, export_zip: Path, data_dir: Path, dry_run: bool
) -> None:
    before = (data_dir / "store.json").read_bytes()
    summary = import_export(workspace, export_zip, dry_run=dry_run)
    assert (summary.activities_added, summary.contacts_added) == (25, 4)
    if dry_run:
        assert (data_dir / "store.json").read_bytes() == before
        assert workspace.store.activities.count() == 0
        assert "would add" in summary.headline()
    else:
        assert workspace.store.activities.count() == 25


def test_group_message_counterpart_is_the_first_other_recipient(
    workspace: Workspace, tmp_path: Path
) -> None:
    ada, ben = person("ada", "Ada Example"), person("ben", "Ben Other")
    row = message_row("g1", OWNER, ada, "2025-01-01 10:00:00 UTC", "Hi both")
    row[4] = "Ada Example, Ben Other"
    row[5] = f"{ada[1]},{ben[1]}"
    builder = ExportBuilder().messages(
        [row, message_row("g1", ben, OWNER, "2025-01-01 11:00:00 UTC")]
    )
    builder.invitations(
        [
            [
                OWNER[0],
                "X",
                "1/1/25, 9:00 AM",
                "",
                "OUTGOING",
                OWNER[1],
                "https://www.linkedin.com/in/x",
            ]
        ]
    )
    import_export(workspace, builder.zip(tmp_path / "group.zip"))
    kinds = by_kind(workspace.store)
    assert [a.contact for a in kinds["message_sent"]] == ["Ada Example"]
    assert [a.contact for a in kinds["message_received"]] == ["Ben Other"]
    assert workspace.store.contacts.count() == 2


def test_post_links_join_on_the_numeric_urn_id(workspace: Workspace, tmp_path: Path) -> None:
    builder = ExportBuilder().table(
        "Reactions.csv",
        ["Date", "Type", "Link"],
        [
            [
                "2025-09-06 11:00:00",
                "LIKE",
                "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7005",
            ],
            [
                "2025-09-06 11:00:00",
                "LIKE",
                "https://www.linkedin.com/feed/update/urn:li:activity:7005/",
            ],
            [
                "2025-09-06 11:00:00",
                "LIKE",
                "https://www.linkedin.com/feed/update/urn:li:activity:7006",
            ],
        ],
    )
    summary = import_export(workspace, builder.zip(tmp_path / "r.zip"))
    report = summary.files["Reactions.csv"]
    assert (report.rows, report.imported, report.duplicates) == (3, 2, 1)


MESSAGE_HEADERS = {
    "2026": (MESSAGES_HEADER_2026, True),
    "2026-12": (MESSAGES_HEADER_2026[:12], False),  # …,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT
    "2024-12": (  # …,FOLDER,IS MESSAGE DRAFT,IS CONVERSATION DRAFT
        [c for c in MESSAGES_HEADER_2026 if c != "ATTACHMENTS"],
        True,
    ),
    "2025": (MESSAGES_HEADER_2026[:11], False),  # unquoted, ends at ATTACHMENTS
    "2023": (MESSAGES_HEADER_2026[:10], False),  # ends at FOLDER
    "older": (
        [c for c in MESSAGES_HEADER_2026[:10] if c != "RECIPIENT PROFILE URLS"],
        False,
    ),
}


@pytest.mark.parametrize("version", sorted(MESSAGE_HEADERS))
def test_every_messages_header_version(workspace: Workspace, tmp_path: Path, version: str) -> None:
    header, quoted = MESSAGE_HEADERS[version]
    ada = person("ada-example", "Ada Example")
    full = [
        message_row("c1", OWNER, ada, "2025-10-02 09:15:00 UTC", "Hi"),
        message_row("c1", ada, OWNER, "2025-10-02 10:00:00 UTC", ""),  # empty content
    ]
    rows = [[row[MESSAGES_HEADER_2026.index(column)] for column in header] for row in full]
    builder = ExportBuilder().messages(rows, header=header, quote_header=quoted)
    builder.connections([["Ada", "Example", ada[1], "", "Contoso", "VP Sales", "04 Mar 2024"]])
    builder.invitations(
        [[OWNER[0], "Ada Example", "3/1/24, 9:00 AM", "", "OUTGOING", OWNER[1], ada[1]]]
    )
    summary = import_export(workspace, builder.zip(tmp_path / f"{version}.zip"))
    assert summary.files["messages.csv"].errors == []
    kinds = by_kind(workspace.store)
    assert [(a.contact, a.company) for a in kinds["message_sent"]] == [("Ada Example", "Contoso")]
    assert [(a.contact, a.personalised) for a in kinds["message_received"]] == [
        ("Ada Example", False)
    ]
    assert workspace.store.contacts.count() == 1


def test_a_template_sent_to_many_is_not_personalised(workspace: Workspace, tmp_path: Path) -> None:
    people = [person(f"p{index}", f"Person {index}") for index in range(4)]
    template = "Hi! I'd love to connect and tell you about our product."
    rows = [
        message_row(f"c{index}", OWNER, who, f"2025-01-0{index + 1} 10:00:00 UTC", template)
        for index, who in enumerate(people[:3])
    ]
    rows.append(
        message_row("c9", OWNER, people[3], "2025-01-09 10:00:00 UTC", "Hi Person 3, as promised")
    )
    builder = ExportBuilder().messages(rows)
    builder.invitations(
        [
            [
                OWNER[0],
                "X",
                "1/1/25, 9:00 AM",
                "",
                "OUTGOING",
                OWNER[1],
                "https://www.linkedin.com/in/x",
            ]
        ]
    )
    import_export(workspace, builder.zip(tmp_path / "t.zip"))
    sent = {a.contact: a.personalised for a in by_kind(workspace.store)["message_sent"]}
    assert sent == {"Person 0": False, "Person 1": False, "Person 2": False, "Person 3": True}


def test_rows_dated_after_today_are_reported_and_left_out(
    workspace: Workspace, tmp_path: Path
) -> None:
    export = ExportBuilder().add(
        "Shares.csv",
        csv_text(
            ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
            [
                [
                    "2026-11-20 08:00:00",
                    "https://www.linkedin.com/feed/update/1",
                    "Past",
                    "",
                    "",
                    "",
                ],
                [
                    "2026-12-24 08:00:00",
                    "https://www.linkedin.com/feed/update/2",
                    "Late",
                    "",
                    "",
                    "",
                ],
            ],
        ),
    )
    summary = import_export(workspace, export.zip(tmp_path / "export.zip"))
    report = summary.files["Shares.csv"]
    assert (report.rows, report.imported) == (2, 1)
    assert [(error.line, error.error) for error in report.errors] == [
        (3, f"date 2026-12-24 is after today ({workspace.today})")
    ]
    assert [activity.date for activity in workspace.store.activities.all()] == [date(2026, 11, 20)]
    assert "1 bad row skipped" in summary.headline()
