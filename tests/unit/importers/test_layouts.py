"""Every layout observed in real exports since 2018, and what Excel does to a file: headers
matched by name (aliases, any case), old column sets, index columns, duplicated headers, a lost
first column, and the date forms of each."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ssi_tui.importers.dates import parse_when
from ssi_tui.services.imports import import_export
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store

from ...conftest import TODAY
from .builders import OWNER_NAME, OWNER_URL, ExportBuilder, csv_text


def run_import(tmp_path: Path, builder: ExportBuilder, name: str = "export"):
    store = Store.open(tmp_path / f"data-{name}")
    try:
        summary = import_export(Workspace(store, TODAY), builder.zip(tmp_path / f"{name}.zip"))
        return summary, list(store.activities.all()), list(store.contacts.all())
    finally:
        store.close()


def test_hand_edited_connections_headers_and_excel_dates(tmp_path: Path) -> None:
    text = csv_text(
        ["FirstName", "LastName", "EmailAddress", "Company", "Position", "ConnectedOn"],
        [["Ada", "Example", "", "Contoso", "VP Sales", "04-May-22"]],
    )
    summary, activities, contacts = run_import(
        tmp_path, ExportBuilder().add("Connections.csv", text)
    )
    assert summary.files["Connections.csv"].errors == []
    assert [(c.name, c.company, c.title) for c in contacts] == [
        ("Ada Example", "Contoso", "VP Sales")
    ]
    assert [(a.kind, a.date) for a in activities] == [
        ("connection_accepted", date(2022, 5, 4))
    ] or [a.date for a in activities] == [date(2022, 5, 4)]


def test_connections_2018_without_url_and_us_dates(tmp_path: Path) -> None:
    text = csv_text(
        ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
        [["Ben", "Old", "", "Initech", "Engineer", "1/8/18, 6:14 PM"]],
    )
    summary, activities, contacts = run_import(
        tmp_path, ExportBuilder().add("Connections.csv", text)
    )
    assert summary.files["Connections.csv"].errors == []
    assert [a.date for a in activities] == [date(2018, 1, 8)]
    assert contacts[0].profile_url is None


def test_invitations_date_sent_variant(tmp_path: Path) -> None:
    text = csv_text(
        ["From", "To", "Date Sent", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
        [[OWNER_NAME, "Cara Prospect", "12/15/24, 7:47 AM", "Hi", "OUTGOING", OWNER_URL,
          "https://www.linkedin.com/in/cara"]],
    )  # fmt: skip
    summary, activities, _ = run_import(tmp_path, ExportBuilder().add("Invitations.csv", text))
    assert summary.files["Invitations.csv"].errors == []
    assert [a.date for a in activities] == [date(2024, 12, 15)]


def test_invitations_2018_five_columns_and_urns(tmp_path: Path) -> None:
    old = csv_text(
        ["From", "To", "Sent At", "Message", "Direction"],
        [[OWNER_NAME, "Cara Prospect", "1/8/18, 6:14 PM", "", "OUTGOING"]],
    )
    urns = csv_text(
        ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrn", "inviteeProfileUrn"],
        [[OWNER_NAME, "Dan Other", "12/15/24, 7:47 AM", "", "OUTGOING", "urn:li:member:1",
          "urn:li:member:2"]],
    )  # fmt: skip
    for name, text in (("old", old), ("urns", urns)):
        summary, activities, contacts = run_import(
            tmp_path, ExportBuilder().add("Invitations.csv", text), name
        )
        assert summary.files["Invitations.csv"].errors == []
        assert len(activities) == 1
        assert all(c.profile_url is None for c in contacts)  # a URN is never taken for a URL


def test_messages_2018_layout_with_html_entities(tmp_path: Path) -> None:
    text = csv_text(
        ["From", "To", "Date", "Subject", "Content", "Direction", "Folder"],
        [
            [OWNER_NAME, "Ada Example", "2018-03-01 10:00:00 UTC", "", "I&rsquo;d like to talk",
             "OUTGOING", "INBOX"],
            ["Ada Example", OWNER_NAME, "2018-03-02 10:00:00 UTC", "", "Sure &amp; thanks",
             "INCOMING", "INBOX"],
        ],
    )  # fmt: skip
    summary, activities, _ = run_import(tmp_path, ExportBuilder().add("Messages.csv", text))
    assert summary.files["Messages.csv"].errors == []
    assert sorted(a.kind for a in activities) == ["message_received", "message_sent"]


def test_skills_with_an_index_column_and_crlf(tmp_path: Path) -> None:
    text = ",Name\r\n0,Negotiation\r\n1,Python\r\n"
    summary, _activities, _ = run_import(tmp_path, ExportBuilder().add("Skills.csv", text))
    assert summary.files["Skills.csv"].errors == []
    assert summary.files["Skills.csv"].rows == 2


def test_recommendations_after_a_pandas_round_trip(tmp_path: Path) -> None:
    # first column lost, a duplicated header, cp1252 bytes, dd-Mon-yy dates, CRLF
    text = (
        "Last Name,Company,Job Title,Text,Creation Date,Status,Creation Date.1\r\n"
        "Müller,Fabrikam,Partner Manager,Great work,25-Jan-21,VISIBLE,25-Jan-21\r\n"
    ).encode("cp1252")
    summary, activities, _ = run_import(
        tmp_path, ExportBuilder().add("Recommendations_Received.csv", text)
    )
    report = summary.files["Recommendations_Received.csv"]
    assert report.errors == []
    assert [a.date for a in activities] == [date(2021, 1, 25)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18-Jun-24", date(2024, 6, 18)),
        ("04-May-22", date(2022, 5, 4)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/09/22, 07:18 PM", date(2022, 12, 9)),
        ("2024/12/07 14:51:07 UTC", date(2024, 12, 7)),
        ("2024-12-16 18:24:37 UTC", date(2024, 12, 16)),
        ("2025-07-01 14:33:22", date(2025, 7, 1)),
        ("05 Feb 2026", date(2026, 2, 5)),
        ("2017/06/08 08:15:44 UTC", date(2017, 6, 8)),
        ("Tue Aug 30 14:33:11 UTC 2022", date(2022, 8, 30)),
        ("Feb 17, 1998", date(1998, 2, 17)),
    ],
)
def test_every_date_form(text: str, expected: date) -> None:
    assert parse_when(text, "iso").date() == expected


def test_unquoted_multi_line_comments_are_joined_to_their_record(tmp_path: Path) -> None:
    text = (
        "Date,Link,Message\r\n"
        "2025-01-02 10:00:00,https://www.linkedin.com/feed/update/urn:li:activity:1,First line\r\n"
        "second line, with a comma\r\n"
        "third line\r\n"
        "2025-01-03 11:00:00,https://www.linkedin.com/feed/update/urn:li:activity:2,Short one\r\n"
    )
    summary, activities, _ = run_import(tmp_path, ExportBuilder().add("Comments.csv", text))
    report = summary.files["Comments.csv"]
    assert report.errors == [] and report.rows == 2
    assert sorted(a.date for a in activities) == [date(2025, 1, 2), date(2025, 1, 3)]


def test_system_senders_are_not_contacts(tmp_path: Path) -> None:
    from .builders import OWNER, message_row, person

    ada = person("ada-example", "Ada Example")
    builder = ExportBuilder()
    builder.messages(
        [
            message_row("c1", ("LinkedIn Member", ""), OWNER, "2025-10-02 09:15:00 UTC", "Hi"),
            message_row("c2", ("Sales Navigator from LinkedIn Premium", ""), OWNER,
                        "2025-10-03 09:15:00 UTC", "Try Premium"),
            message_row("c3", OWNER, ada, "2025-10-04 09:15:00 UTC", "Hello Ada"),
            message_row("c3", ada, OWNER, "2025-10-05 09:15:00 UTC", "Hello"),
        ]
    )  # fmt: skip
    summary, activities, contacts = run_import(tmp_path, builder)
    assert {c.name for c in contacts} == {"Ada Example"}
    assert sorted(a.kind for a in activities) == ["message_received", "message_sent"]
    report = summary.files["messages.csv"]
    assert any("LinkedIn Member" in w or "not a person" in w for w in report.warnings), report
