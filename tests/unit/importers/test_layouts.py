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


def test_mixed_line_endings_in_one_archive(tmp_path: Path) -> None:
    from .builders import standard_export

    crlf = standard_export()
    mixed = ExportBuilder()
    for name, text in crlf.files.items():
        lf = isinstance(text, str) and name in (
            "Connections.csv",
            "Invitations.csv",
            "messages.csv",
        )
        mixed.add(name, text.replace("\r\n", "\n") if lf else text)  # type: ignore[union-attr]
    _, first, first_contacts = run_import(tmp_path, crlf, "crlf")
    summary, second, second_contacts = run_import(tmp_path, mixed, "mixed")
    key = lambda a: (a.kind, a.date, a.contact, a.external_id)  # noqa: E731
    assert sorted(map(key, second)) == sorted(map(key, first))
    assert {c.name for c in second_contacts} == {c.name for c in first_contacts}


def excel_round_trip() -> ExportBuilder:
    """The standard export after a spreadsheet re-save of its profile files: Connections without
    its preamble, dates as dd-Mon-yy, Windows-1252; Skills with an index column."""
    import csv as csv_module
    import io

    from .builders import standard_export

    source = standard_export()
    saved = ExportBuilder(dict(source.files))
    text = str(source.files["Connections.csv"])
    body = text[text.index("First Name") :]
    rows = list(csv_module.reader(io.StringIO(body, newline="")))
    for row in rows[1:]:
        if row and row[-1]:
            row[-1] = parse_when(row[-1], "day_month_year").strftime("%d-%b-%y")
    saved.add("Connections.csv", csv_text(rows[0], rows[1:]).encode("cp1252"))
    skills = list(csv_module.reader(io.StringIO(str(source.files["Skills.csv"]), newline="")))
    indexed = [["", *skills[0]]] + [[str(i), *row] for i, row in enumerate(skills[1:])]
    saved.add("Skills.csv", csv_text(indexed[0], indexed[1:]))
    return saved


def test_an_excel_round_trip_gives_the_same_import(tmp_path: Path) -> None:
    from .builders import standard_export

    _, plain_activities, plain_contacts = run_import(tmp_path, standard_export(), "plain")
    summary, activities, contacts = run_import(tmp_path, excel_round_trip(), "excel")
    key = lambda a: (a.kind, a.date, a.contact, a.external_id)  # noqa: E731
    assert sorted(map(key, activities)) == sorted(map(key, plain_activities))
    details = lambda c: (c.name, c.company, c.title, c.profile_url, c.connected_on)  # noqa: E731
    assert sorted(map(details, contacts)) == sorted(map(details, plain_contacts))
    assert summary.files["Skills.csv"].errors == []


def test_the_owner_under_another_url_form_is_still_the_owner(tmp_path: Path) -> None:
    from .builders import message_row, person

    member_id = (OWNER_NAME, "https://www.linkedin.com/in/ACoAABcdEfGh123")
    ada = person("ada-example", "Ada Example")
    builder = ExportBuilder()
    builder.invitations(
        [[OWNER_NAME, "Ada Example", "3/1/24, 9:00 AM", "", "OUTGOING", OWNER_URL, ada[1]]]
    )
    builder.messages(
        [
            message_row("c1", member_id, ada, "2025-10-02 09:15:00 UTC", "Hi Ada"),
            message_row("c1", ada, member_id, "2025-10-03 09:15:00 UTC", "Hi"),
        ]
    )
    summary, activities, contacts = run_import(tmp_path, builder)
    assert summary.files["messages.csv"].errors == []
    assert {c.name for c in contacts} == {"Ada Example"}  # the owner is no contact
    sent = [a for a in activities if a.kind == "message_sent"]
    assert [a.contact for a in sent] == ["Ada Example"]
