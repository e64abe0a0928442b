"""Hypothesis fuzzing: any rows in any file never crash the import; bad rows come with a line."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_tui.domain.models import Activity, Contact
from ssi_tui.domain.text import clean_optional, clean_text
from ssi_tui.importers.archive import open_export
from ssi_tui.importers.cleaning import clean, clean_or_none
from ssi_tui.importers.merge import activities, new_drafts, resolve_people
from ssi_tui.importers.people import profile_key
from ssi_tui.importers.reader import read_export
from ssi_tui.importers.summary import ImportSummary
from ssi_tui.store import Store
from ssi_tui.store.tables import normalise_profile_url

from .builders import CONNECTIONS_HEADER, INVITATIONS_HEADER, MESSAGES_HEADER_2026, csv_text

HEADERS = {
    "Connections.csv": CONNECTIONS_HEADER,
    "messages.csv": MESSAGES_HEADER_2026,
    "Invitations.csv": INVITATIONS_HEADER,
    "Shares_1.csv": ["Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"],
    "Comments.csv": ["Date", "Link", "Message"],
    "Reactions.csv": ["Date", "Type", "Link"],
    "Votes.csv": ["Date", "Link", "OptionText"],
    "InstantReposts.csv": ["Date", "Link"],
    "Endorsement_Received_Info.csv": [
        "Endorsement Date",
        "Skill Name",
        "Endorser First Name",
        "Endorser Last Name",
        "Endorser Public Url",
        "Endorsement Status",
    ],
    "Recommendations_Given.csv": [
        "First Name",
        "Last Name",
        "Company",
        "Job Title",
        "Text",
        "Creation Date",
        "Status",
    ],
    "SearchQueries.csv": ["Time", "Search Query"],
    "Company Follows.csv": ["Organization", "Followed On"],
    "Rich_Media.csv": ["Date/Time", "Media Description", "Media Link"],
    "Events.csv": ["Event Name", "Event Time", "Status", "External Url"],
    "Profile.csv": ["First Name", "Headline", "Summary", "Industry", "Geo Location"],
    "Skills.csv": ["Name"],
}
# Text a hostile or broken export could hold: quotes, separators, escapes, controls, markup.
NASTY = st.sampled_from(
    [
        '"',
        ",",
        "\\",
        "\n",
        "\r\n",
        "\x1b[31m",
        "\x00",
        "[b]x[/b]",
        "%C3%BC",
        "/in/",
        "urn:li:activity:7",
        " UTC",
        "AM",
        "é",
    ]
)
FIELD = st.one_of(
    st.text(max_size=12),
    st.lists(st.one_of(NASTY, st.text(max_size=4)), max_size=6).map("".join),
    st.sampled_from(
        [
            "2025-01-02 03:04:05 UTC",
            "9/27/25, 8:41 AM",
            "04 Mar 2024",
            "Wed Oct 01 16:02:32 UTC 2025",
            "https://www.linkedin.com/in/some-one",
            "www.linkedin.com/in/J%C3%BCrgen",
            "INCOMING",
            "OUTGOING",
            "true",
            "",
        ]
    ),
)


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    """An empty read-only store: nothing is ever written by these tests."""
    yield Store.open(tmp_path / "empty", read_only=True)


def write_zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8", "surrogatepass"))
    return buffer.getvalue()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(sorted(HEADERS)),
    rows=st.lists(st.lists(FIELD, max_size=15), max_size=8),
    raw_tail=st.text(max_size=40),
    as_csv=st.booleans(),
)
def test_fuzzed_rows_never_crash_and_bad_rows_have_lines(
    tmp_path: Path,
    empty_store: Store,
    name: str,
    rows: list[list[str]],
    raw_tail: str,
    as_csv: bool,
) -> None:
    header = HEADERS[name]
    if as_csv:
        text = csv_text(header, rows) + raw_tail
    else:  # joined by hand: unbalanced quotes and all
        text = ",".join(header) + "\r\n" + "\r\n".join(",".join(row) for row in rows) + raw_tail
    text = text.encode("utf-8", "replace").decode("utf-8")
    path = tmp_path / "fuzz.zip"
    path.write_bytes(write_zip({name: text}))
    with open_export(path) as opened:
        parsed = read_export(opened)
    physical_lines = max(1, len(text.splitlines()) + 1)
    for report in parsed.files.values():
        assert report.rows >= 0
        assert len(report.errors) <= max(report.rows, 1)
        for error in report.errors:
            assert 1 <= error.line <= physical_lines
            assert error.error
    summary = ImportSummary(files=parsed.files)
    for contact in resolve_people(empty_store, parsed.people.all, summary):
        # A new contact's document, made directly: what validation accepts, in the form a
        # model dumps to.
        assert isinstance(contact, dict)
        assert Contact.model_validate(contact).model_dump(mode="json") == contact
    new = new_drafts(empty_store, parsed.drafts, parsed.files)
    for document in activities(new):
        # The fast-built documents hold only what validation accepts, control characters
        # stripped, in the form a model dumps to.
        activity = Activity.model_validate(document)
        assert activity.model_dump(mode="json") == document
        for text_field in (activity.contact, activity.company, activity.title, activity.note):
            assert text_field is None or "\x1b" not in text_field and "\x00" not in text_field


@given(st.text(max_size=40).map(lambda text: "https://www.linkedin.com/in/" + text))
def test_profile_keys_agree_with_the_store(url: str) -> None:
    assert profile_key(url) == normalise_profile_url(url)


@given(st.one_of(st.none(), st.text(max_size=40)))
def test_profile_keys_agree_with_the_store_on_any_text(url: str | None) -> None:
    assert profile_key(url) == normalise_profile_url(url)


@given(st.text(max_size=60))
def test_the_fast_clean_is_exactly_clean_text(text: str) -> None:
    assert clean(text) == clean_text(text)
    assert clean_or_none(text) == clean_optional(text)
