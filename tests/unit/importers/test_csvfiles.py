"""Tolerant CSV reading: header scan, line numbers, blank rows, escapes, bounded fields."""

from __future__ import annotations

import csv
import io
import sys

from ssi_tui.importers.csvfiles import FIELD_SIZE_LIMIT, CsvTable, Row, text_stream
from ssi_tui.importers.files import kind_of

from .builders import CONNECTIONS_HEADER, CONNECTIONS_PREAMBLE, csv_text


def table_of(text: str | bytes, basename: str) -> tuple[CsvTable, list[tuple[int, list[str]]]]:
    kind = kind_of(basename)
    assert kind is not None
    data = text.encode("utf-8") if isinstance(text, str) else text
    stream = text_stream(io.BytesIO(data))  # type: ignore[arg-type]
    table = CsvTable(stream, kind)
    return table, list(table)


ROWS = [
    ["Ada", "Example", "https://www.linkedin.com/in/ada", "", "Contoso", "VP", "04 Mar 2024"],
    ["Ben", "Other", "", "", "Initech", "Engineer", "15 Dec 2022"],
]


def test_connections_header_found_after_the_preamble_or_without_one() -> None:
    with_preamble, rows = table_of(
        CONNECTIONS_PREAMBLE + csv_text(CONNECTIONS_HEADER, ROWS), "Connections.csv"
    )
    assert with_preamble.header_line == 4
    assert [line for line, _ in rows] == [5, 6]
    old, old_rows = table_of(csv_text(CONNECTIONS_HEADER, ROWS), "Connections.csv")  # pre-2020
    assert old.header_line == 1
    assert [fields for _, fields in old_rows] == [fields for _, fields in rows]


def test_a_preamble_paragraph_spanning_lines_is_skipped() -> None:
    preamble = 'Notes:\r\n"First line of the note,\r\nsecond line, with First Name, inside"\r\n\r\n'
    table, rows = table_of(preamble + csv_text(CONNECTIONS_HEADER, ROWS), "Connections.csv")
    assert table.header_line == 5
    assert rows[0] == (6, ROWS[0])


def test_blank_rows_and_rows_of_only_commas_are_skipped() -> None:
    text = csv_text(CONNECTIONS_HEADER, [ROWS[0], [""] * 7, [], ["  "] * 7, ROWS[1]])
    table, rows = table_of(text, "Connections.csv")
    assert [line for line, _ in rows] == [2, 6]
    assert table.errors == [] and table.bad_rows == 0


def test_headers_are_looked_up_case_and_space_insensitively() -> None:
    text = "first name,LAST NAME,url,Email address,COMPANY,position,connected on\r\nA,B,,,C,D,1 Jan 2020\r\n"
    table, rows = table_of(text, "Connections.csv")
    row = Row(table, *rows[0])
    assert (row["firstname"], row["connectedon"], row["company"]) == ("A", "1 Jan 2020", "C")
    assert row["nosuchcolumn"] == ""


def test_old_column_names() -> None:
    table, rows = table_of(
        "Date,Link,Comment\r\n2020-01-01 10:00:00,urn:li:activity:1,Nice\r\n", "Comments.csv"
    )
    assert Row(table, *rows[0])["message"] == "Nice"  # Comment → Message
    table, rows = table_of(
        "Date,ShareLink,ShareCommentary,SharedURL\r\nd,l,c,https://x\r\n", "Shares.csv"
    )
    assert Row(table, *rows[0])["sharedurl"] == "https://x"  # SharedURL → SharedUrl


def test_multi_line_quoted_fields_keep_line_numbers_right() -> None:
    text = csv_text(
        ["Date", "Link", "Message"],
        [
            ["2025-01-01 10:00:00", "l1", "one\r\ntwo\r\nthree"],
            ["2025-01-02 10:00:00", "l2", "single"],
        ],
    )
    table, rows = table_of(text, "Comments.csv")
    assert [(line, fields[2]) for line, fields in rows] == [
        (2, "one\r\ntwo\r\nthree"),
        (5, "single"),
    ]


def test_backslash_escaped_quotes_in_comments() -> None:
    line = '2025-09-05 10:00:00,urn:li:activity:7003,"He said \\"hi, there\\" and left"\r\n'
    text = "Date,Link,Message\r\n" + line + "2025-09-06 10:00:00,urn:li:activity:7004,plain\r\n"
    default = list(csv.reader(io.StringIO(line)))[0]
    assert len(default) != 3  # what a default reader makes of it
    table, rows = table_of(text, "Comments.csv")
    assert rows[0][1] == [
        "2025-09-05 10:00:00",
        "urn:li:activity:7003",
        'He said "hi, there" and left',
    ]
    assert rows[1] == (3, ["2025-09-06 10:00:00", "urn:li:activity:7004", "plain"])


def test_field_size_stays_bounded_and_an_unmatched_quote_does_not_swallow_the_file() -> None:
    filler = "".join(
        f"2025-01-01 10:00:00,urn:li:activity:{i},filler {i}\r\n" for i in range(40_000)
    )
    text = (
        "Date,Link,Message\r\n"
        '2025-01-01 09:00:00,urn:li:activity:1,"unmatched quote\r\n'
        + filler
        + "2025-12-31 23:00:00,urn:li:activity:999999,the last row\r\n"
    )
    assert len(filler) > FIELD_SIZE_LIMIT
    table, rows = table_of(text, "Comments.csv")
    assert csv.field_size_limit() == FIELD_SIZE_LIMIT < sys.maxsize
    assert rows[-1][1] == ["2025-12-31 23:00:00", "urn:li:activity:999999", "the last row"]
    assert len(table.errors) == 1 and "field larger than field limit" in table.errors[0].error
    assert table.errors[0].line == 2


def test_a_bom_and_bad_bytes_are_tolerated() -> None:
    data = (
        b"\xef\xbb\xbf"
        + csv_text(CONNECTIONS_HEADER, ROWS).encode()
        + b"Caf\xe9,X,,,,,1 Jan 2020\r\n"
    )
    table, rows = table_of(data, "Connections.csv")
    assert table.header_line == 1
    assert rows[-1][1][0] == "Café"  # the byte that is not UTF-8 read as Windows-1252


def test_a_row_with_extra_fields_is_an_error_with_its_line() -> None:
    text = csv_text(
        ["Date", "Link"],
        [
            ["2025-01-01 10:00:00", "a"],
            ["2025-01-02 10:00:00", "b", "stray"],
            ["2025-01-03 10:00:00", "c", ""],
        ],
    )
    table, rows = table_of(text, "Votes.csv")
    assert [line for line, _ in rows] == [2, 4]
    assert [
        (error.line, "3 fields where the header has 2" in error.error) for error in table.errors
    ] == [(3, True)]
    assert table.bad_rows == 1


def test_a_file_without_its_header_is_reported_not_read() -> None:
    table, rows = table_of("No conversations found\r\n", "messages.csv")
    assert rows == []
    assert table.errors[0].line == 1 and "no header line" in table.errors[0].error
