"""The activity log a page at a time: every view (filters, sorts, pages) as the whole log,
worked out row by row from `ActivityService.rows`, would show it; the pass over the history in
steps, started again after a save; a large store's pass holds none of its history."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ssi_tui.domain.models import Activity
from ssi_tui.domain.text import fold
from ssi_tui.services.activities import ActivityRow
from ssi_tui.services.activity_log import LogPage, LogQuery, Reading
from ssi_tui.services.workspace import Workspace
from ssi_tui.store import Store, manifest, segments
from tests.goals import GOALS, TODAY

KINDS = ("comment", "message_sent", "post", "meeting", "profile_view", "call", "no_such_kind")
PEOPLE = ("Alice Moreau", "Bob Stone", "Chloé Durand", None)
COMPANIES = ("Contoso", "Fabrikam Ltd", "Northwind", None)
TITLES = ("CTO", "Recruiter", "Partner manager", None)
COLUMNS = (
    "date",
    "kind",
    "raw",
    "weighted",
    "pillar",
    "audience",
    "contact",
    "company",
    "channel",
    "counted_raw",
    "counted_weighted",
)


def activities(count: int, seed: int = 3) -> list[Activity]:
    rng = random.Random(seed)
    made = []
    for number in range(count):
        fields: dict[str, Any] = {
            "kind": rng.choice(KINDS),
            "date": TODAY - timedelta(days=rng.randrange(400)),
            "contact": rng.choice(PEOPLE),
            "company": rng.choice(COMPANIES),
            "title": rng.choice(TITLES),
            "note": rng.choice(("", "", f"Note {number} about hiring", "Café  CHAT")),
            "channel": rng.choice(("linkedin", "linkedin", "off")),
            "audience": rng.choice((None, "prospects", "recruiters")),
        }
        made.append(Activity(**fields))
    return made


def expected(workspace: Workspace, query: LogQuery) -> list[str]:
    """A view's ids, worked out on the whole log's rows (each field matched on its own; a kind
    by its id or its words in the language in use)."""
    text = fold(query.text)
    catalog = workspace.catalog

    def passes(row: ActivityRow) -> bool:
        activity = row.activity
        words = catalog.label(activity.kind) if activity.kind in catalog.kinds else None
        fields = (
            activity.kind,
            words,
            activity.contact,
            activity.company,
            activity.title,
            row.audience,
        )
        return (
            (query.pillar is None or row.pillar == query.pillar)
            and (query.audience is None or row.audience == query.audience)
            and (query.kind is None or activity.kind == query.kind)
            and (
                not text
                or any(text in fold(value) for value in fields if value)
                or text in fold(activity.note)
            )
        )

    rows = [row for row in workspace.activities.rows() if passes(row)]
    # newest first (ties: the larger id first), then a stable sort on the column
    rows.sort(key=lambda row: (row.activity.date, row.activity.id), reverse=True)
    if query.sort == "date":
        ordered = rows if query.reverse else rows[::-1]
    else:
        ordered = sorted(rows, key=lambda row: row.key(query.sort), reverse=query.reverse)
    return [row.activity.id for row in ordered]


def everything(workspace: Workspace, query: LogQuery, limit: int = 37) -> list[str]:
    """Every page of a view, one after the other."""
    ids: list[str] = []
    offset = 0
    while True:
        page = workspace.activity_log.page(query, offset, limit)
        assert isinstance(page, LogPage)
        assert page.offset == offset and page.count == workspace.store.activities.count()
        ids.extend(row.id for row in page.rows)
        offset += limit
        if offset >= page.total:
            assert len(ids) == page.total
            return ids


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    workspace.store.save_import(activities(400), [])
    return workspace


QUERIES = [
    LogQuery(),
    LogQuery(reverse=False),
    LogQuery(kind="comment"),
    LogQuery(pillar="relationships", sort="contact", reverse=False),
    LogQuery(audience="prospects", sort="weighted"),
    LogQuery(text="  alice   MOREAU "),
    LogQuery(text="cafe"),  # (not folded to "café": no match but in "Café")
    LogQuery(text="café chat"),
    LogQuery(text="hiring", sort="kind"),
    LogQuery(text="cto"),  # (a title)
    LogQuery(text="recruiters", sort="audience"),
    LogQuery(text="fabrikam", kind="meeting", reverse=False),
    LogQuery(text="nothing like it"),
    LogQuery(text="Message Sent"),  # (a kind's words: its id is message_sent)
    LogQuery(text="profile view", sort="kind"),
    *(LogQuery(sort=column, reverse=reverse) for column in COLUMNS for reverse in (True, False)),
]


@pytest.mark.parametrize("query", QUERIES, ids=repr)
def test_every_view_pages_as_the_whole_log_would_show_it(
    filled: Workspace, query: LogQuery
) -> None:
    assert everything(filled, query) == expected(filled, query)


def test_a_kind_is_found_by_its_words_in_the_language_in_use(filled: Workspace) -> None:
    from ssi_tui.wording import set_language

    comments = expected(filled, LogQuery(kind="comment"))
    assert comments and everything(filled, LogQuery(text="commentaire")) == []
    set_language("fr")
    found = everything(filled, LogQuery(text="commentaire"))
    assert found == comments == expected(filled, LogQuery(text="commentaire"))
    assert everything(filled, LogQuery(text="comment")) == comments  # (its id still)


def test_rows_carry_what_the_log_shows(filled: Workspace) -> None:
    page = filled.activity_log.page(LogQuery(sort="kind"), 0, 1000)
    assert isinstance(page, LogPage)
    rows = {row.activity.id: row for row in filled.activities.rows()}
    for row in page.rows:
        whole = rows[row.id]
        activity = whole.activity
        assert (row.date, row.kind, row.contact, row.company, row.channel) == (
            activity.date,
            activity.kind,
            activity.contact,
            activity.company,
            activity.channel,
        )
        assert (row.pillar, row.raw, row.weighted, row.shown_audience) == (
            whole.pillar,
            whole.raw,
            whole.weighted,
            whole.shown_audience,
        )
        assert (row.counted_raw, row.counted_weighted) == (
            whole.counted_raw,
            whole.counted_weighted,
        )
    assert any(row.counted_weighted > 0 for row in page.rows)


def test_the_pass_goes_in_steps_and_starts_again_after_a_save(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ssi_tui.store.activity_index.SCAN_CHUNK", 50)
    log = filled.activity_log
    query = LogQuery(kind="comment", sort="contact")
    first = log.page(query, budget=0)
    assert first == Reading(50, 400)
    second = log.page(query, budget=0)
    assert second == Reading(100, 400)
    added = filled.store.activities.add(Activity(kind="comment", date=TODAY, contact="Zoé"))
    again = log.page(query, budget=0)
    assert again == Reading(50, 401)  # the save made the rows read so far stale
    while isinstance(page := log.page(query, budget=0), Reading):
        pass
    assert added.id in [row.id for row in page.rows] or page.total > len(page.rows)
    assert everything(filled, query) == expected(filled, query)
    assert log.prepare()


def test_the_log_as_stored_needs_no_pass(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: Any) -> Any:
        raise AssertionError("the pass was made")

    monkeypatch.setattr(filled.store.activities, "scan", refused)
    for reverse in (True, False):
        assert everything(filled, LogQuery(reverse=reverse)) == expected(
            filled, LogQuery(reverse=reverse)
        )


@pytest.mark.parametrize("query", [LogQuery(), LogQuery(kind="comment", sort="contact")], ids=repr)
def test_a_page_past_the_end_is_the_last_page(filled: Workspace, query: LogQuery) -> None:
    log = filled.activity_log
    total = len(expected(filled, query))
    page = log.page(query, 10_000, 37)
    assert isinstance(page, LogPage) and page.offset == (total - 1) // 37 * 37
    assert [row.id for row in page.rows] == expected(filled, query)[page.offset :]


def test_an_empty_log(workspace: Workspace) -> None:
    for query in (LogQuery(), LogQuery(text="x", sort="contact")):
        assert workspace.activity_log.page(query) == LogPage([], 0, 0, 0)
        assert workspace.activity_log.page(query, 500) == LogPage([], 0, 0, 0)


def test_a_large_store_s_pass_keeps_none_of_its_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest, "LAZY_BYTES", 0)
    monkeypatch.setattr(segments, "PARTITION_MIN", 60)
    data_dir = tmp_path / "large"
    with Store.open(data_dir) as store:
        store.goals.set(GOALS)
        store.save_import(activities(600), [])
    views = QUERIES[2:8]
    with Store.open(data_dir) as store:
        workspace = Workspace(store, TODAY)
        index = store.activities._index
        first = workspace.activity_log.page(LogQuery(), 0, 20)
        unread = index.unread_segments()
        assert len(unread) >= 3  # the first page read only the last months (and the window)
        lazily = {query: everything(workspace, query) for query in views}
        assert index.unread_segments() == unread  # the pass kept none of them
    monkeypatch.setattr(manifest, "LAZY_BYTES", 10**12)
    with Store.open(data_dir) as store:
        workspace = Workspace(store, TODAY)
        assert store.activities._index.unread_segments() == []
        assert workspace.activity_log.page(LogQuery(), 0, 20) == first
        assert {query: everything(workspace, query) for query in views} == lazily
        assert lazily == {query: expected(workspace, query) for query in views}


def test_what_each_activity_counts_today_is_the_dashboard_s(tmp_path: Path) -> None:
    """The log's `counted_*` columns read today's report when the dashboard has made it (the
    first page at a million: 30 ms less); the same numbers as a breakdown of its own."""
    from ssi_tui.services.opening import open_workspace

    workspace = open_workspace(tmp_path / "data", TODAY, demo=True).workspace
    assert workspace.store.readings.all()  # (the report then starts before the window)
    workspace.report()
    assert workspace.todays is not None
    from_report = workspace.activities.counted()
    workspace.todays = None
    assert from_report and workspace.activities.counted() == from_report
    earlier = TODAY - timedelta(days=10)
    workspace.report()
    assert workspace.activities.counted(earlier) != from_report  # (another day: its own)
