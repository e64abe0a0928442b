"""The large files' bound readers (`mapping.READERS`): each record's fields picked by position.
messages.csv with short rows, absent columns, drafts, system senders and old exports'
DIRECTION; Connections.csv with what rows share read once."""

from __future__ import annotations

import io
from datetime import date, datetime

from ssi_tui.importers.csvfiles import CsvTable
from ssi_tui.importers.files import KINDS
from ssi_tui.importers.mapping import Collector, connection_reader, message_reader
from ssi_tui.importers.messages import MessageLog

ADA = "https://www.linkedin.com/in/ada"
OWNER = "https://www.linkedin.com/in/olivia"


def collect(text: str, kind_id: str) -> tuple[Collector, list[object]]:
    """What `text` read as a file of this kind adds up to, and what each record gave (its
    reader's result or the error's message)."""
    kind = next(kind for kind in KINDS if kind.id == kind_id)
    table = CsvTable(io.StringIO(text, newline=""), kind)
    found = Collector()
    bind = message_reader if kind_id == "messages" else connection_reader
    handle = None
    results: list[object] = []
    for line, fields in table:
        handle = handle or bind(found, table, f"{kind_id}.csv")
        try:
            results.append(handle(line, fields))
        except ValueError as error:
            results.append(str(error))
    return found, results


def read(text: str) -> tuple[MessageLog, list[object]]:
    """The log of `text` read as messages.csv, and what each record gave."""
    found, results = collect(text, "messages")
    return found.message_logs["messages.csv"], results


def test_each_kind_of_record() -> None:
    log, results = read(
        "CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT,"
        "IS MESSAGE DRAFT\n"
        f"c1,Ada, {ADA} ,Olivia,{OWNER},2025-01-02 10:00:00 UTC,  hello  ,false\n"
        f"c1,Olivia,{OWNER},Ada,{ADA},2025-01-02 11:00:00 UTC\n"  # short: no content, no flag
        f"c1,Olivia,{OWNER},Ada,{ADA},2025-01-02 12:00:00 UTC,draft,TRUE\n"
        "c2,LinkedIn Member,,Olivia,,2025-01-03 10:00:00 UTC,hi,false\n"
        ",,,Olivia,,2025-01-03 11:00:00 UTC,hi,false\n"
        f"c3,Ada,{ADA},Olivia,{OWNER},2025-01-04 10:00:00,hi,false,, \n"  # blank extra fields
    )
    assert results == [True, True, False, False, "no sender (FROM is empty)", True]
    assert log.skipped == {"hidden": 1}
    first, second, third = log.messages
    assert (first.line, first.when, first.conversation) == (2, datetime(2025, 1, 2, 10), "c1")
    assert first.template == hash("hello") and second.template is None
    assert first.outgoing is None  # today's exports do not say
    assert log.participants[first.sender].url == ADA
    assert [log.participants[index].url for index in first.recipients] == [OWNER]
    assert second.sender == first.recipients[0] and second.recipients == (first.sender,)
    assert third.when == datetime(2025, 1, 4, 10) and third.conversation == "c3"
    assert log.has_urls


def test_old_exports_say_the_direction_and_may_have_no_urls() -> None:
    log, results = read(
        "From,To,Date,Subject,Content,Direction\n"
        "Ada,Olivia,2019-05-06 07:08:09 UTC,,hi,INCOMING\n"
        "Olivia,Ada,2019/05/06 08:00:00 UTC,,hello,outgoing\n"
    )
    assert results == [True, True]
    first, second = log.messages
    assert (first.outgoing, second.outgoing) == (False, True)
    assert second.when == datetime(2019, 5, 6, 8)
    assert not log.has_urls


def test_a_bad_date_is_the_rows_error() -> None:
    _, results = read("FROM,TO,DATE\nAda,Olivia,yesterday-ish\nAda,Olivia,1970-01-01 00:00:00\n")
    assert len(results) == 2 and all(isinstance(result, str) for result in results)
    assert "1990-2100" in str(results[1])


def test_connections_share_days_companies_and_titles() -> None:
    found, results = collect(
        "Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ada,Lovelace,{ADA},Ada@Example.com,\x1b[31mAcme\x1b[0m ,CTO,04 Mar 2024\n"
        "Bob,Stone,,, Acme,CTO,04 Mar 2024\n"
        ",,,,,,04 Mar 2024\n"
        "Cy,Young,,,Acme,,31 Feb 2024\n"
        "Di,Vine,https://www.linkedin.com/in/di,,  ,  ,5 Mar 2024\n",  # short: no more fields
        "connections",
    )
    assert results[:2] == [None, None] and results[4] is None
    assert results[2] == "no name and no profile URL"
    assert "impossible date" in str(results[3])
    ada, bob, di = (draft.person for draft in found.drafts)
    assert ada is not None and bob is not None and di is not None
    assert (ada.company, ada.title, ada.email) == ("[31mAcme[0m", "CTO", "ada@example.com")
    assert (bob.company, bob.email, bob.key) == ("Acme", None, None)
    assert (di.company, di.title, di.connected_on) == (None, None, date(2024, 3, 5))
    first = found.drafts[0]
    assert (first.kind, first.date, first.line, first.company) == (
        "connection",
        date(2024, 3, 4),
        4,
        ada.company,
    )
    assert first.key.startswith("connections:2024-03-04:") and first.key != found.drafts[1].key
    assert all(person.contact for person in (ada, bob, di))
