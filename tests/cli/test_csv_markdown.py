"""CSV export safe against formula injection; Markdown review where user text cannot form a link,
an image, HTML or an autolink."""

from __future__ import annotations

import csv
import html as html_module
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ssi_tui.domain.catalog import default_catalog
from ssi_tui.domain.models import Activity, Contact
from ssi_tui.exports.csv_log import COLUMNS, activities_csv, safe_cell
from ssi_tui.exports.markdown import escape_markdown
from ssi_tui.store import Store

from .conftest import TODAY, run

NASTY = [
    "[click](javascript:alert(1))",
    "<script>alert(1)</script>",
    "![img](http://evil.example/x.png)",
    "<http://evil.example>",
    "https://evil.example/path",
    "www.evil.com",
    "mail me: evil@evil.com",
    "&lt;b&gt; &#60;i&#62;",
    "*bold* _it_ `code` ~~gone~~ | pipe",
    "[ref]: http://evil.example",
    "<img src=x onerror=alert(1)>",
]


# ----------------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "yes"),
        (3, "3"),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_csv_log_prefixes_every_formula_cell(data_dir: Path) -> None:
    activity = Activity(
        kind="message_sent",
        date=TODAY,
        contact="=cmd|'/c calc'!A1",
        company="+Contoso",
        title="@Head of ops",
        note="-1+1 and more",
        audience="prospects",
    )
    text = activities_csv([activity], default_catalog())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(COLUMNS)
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["contact"] == "'=cmd|'/c calc'!A1"
    assert row["company"] == "'+Contoso"
    assert row["title"] == "'@Head of ops"
    assert row["note"] == "'-1+1 and more"
    assert row["pillar"] == "engage" and row["date"] == "2026-11-26"
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_export_command(demo_dir: Path, tmp_path: Path) -> None:
    status, out, err = run("export", "--data-dir", str(demo_dir), "--format", "csv")
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    with Store.open(demo_dir, read_only=True) as store:
        assert len(rows) == 1 + store.activities.count()
    status, out, _ = run(
        "export", "--data-dir", str(demo_dir), "--format", "csv", "--as-of", "2026-10-01"
    )
    assert status == 0
    dates = [row[0] for row in csv.reader(io.StringIO(out))][1:]
    assert dates and max(dates) <= "2026-10-01"
    status, _, err = run("export", "--data-dir", str(demo_dir), "--format", "csv", "--weeks", "4")
    assert status == 2 and "--weeks" in err


# ------------------------------------------------------------------------------------ Markdown


def render_html(markdown: str) -> str:
    """HTML as a permissive renderer would make it: raw HTML allowed, tables, autolinks."""
    renderer = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
        ["table", "linkify", "strikethrough"]
    )
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]  # even javascript:
    return renderer.render(markdown)


@pytest.mark.parametrize("text", NASTY)
def test_escaped_user_text_forms_no_link_html_or_emphasis(text: str) -> None:
    html = render_html(
        f"Contact: {escape_markdown(text)}\n\n| a |\n| --- |\n| {escape_markdown(text)} |\n"
    )
    assert "<a " not in html and "<img" not in html and "<script" not in html
    assert "<em>" not in html and "<strong>" not in html and "<code>" not in html
    assert "<s>" not in html and "<i>" not in html and "<b>" not in html
    # Shown literally: the visible text is the original, twice (paragraph and table cell).
    visible = html_module.unescape(re.sub(r"<[^>]+>", "", html))
    assert visible.count(text) == 2


def test_escape_keeps_plain_text_readable() -> None:
    assert escape_markdown("Engage with insights: 20.5/25 raw, Jean-Pierre O'Neil") == (
        "Engage with insights: 20.5/25 raw, Jean-Pierre O'Neil"
    )
    assert escape_markdown("line\nbreak\x1b[31m") == "line break[31m".replace("[", "\\[")


def test_weekly_review_escapes_contacts_and_has_every_section(demo_dir: Path) -> None:
    with Store.open(demo_dir) as store:
        for index, name in enumerate(NASTY[:3]):
            store.activities.add(
                Activity(
                    kind="meeting",
                    date=TODAY,
                    contact=name,
                    company="<b>Evil</b> Corp",
                    audience="prospects",
                    relevance=5,
                    channel="off",
                    note=f"note {index}",
                )
            )
            store.contacts.add(Contact(name=name, audience="prospects"))
    status, out, err = run("export", "--data-dir", str(demo_dir), "--format", "md")
    assert status == 0, err
    for heading in (
        "# Weekly review: as of 2026-11-26",
        "## Scores",
        "## Flags",
        "## Agenda",
        "## Top activities",
        "## Trend (last 12 weeks, newest first)",
    ):
        assert heading in out
    assert "\\[click\\](javascript\\:alert(1))" in out  # brackets escaped: no link forms
    assert "\\<script\\>" in out and "\\<b\\>Evil\\</b\\> Corp" in out
    html = render_html(out)
    assert "<a " not in html and "<script" not in html and "<img" not in html
    assert "<b>" not in html
    assert html.count("<table>") == 3  # scores, top activities, trend
    assert "Suggested action" in out and "our raw estimate is" in out.lower()


def test_markdown_top_activities_show_the_audience_the_scores_use(demo_dir: Path) -> None:
    status, out, _ = run("export", "--data-dir", str(demo_dir), "--format", "md")
    assert status == 0
    top = out.split("## Top activities")[1].split("## Trend")[0]
    audiences = {line.split(" | ")[5] for line in top.splitlines() if line.startswith("| 2026-")}
    # the effective audience with its source (set, account, role, topic, tag), as in the lists
    assert audiences and all(
        re.fullmatch(r"[a-z]+ \((set|account|role|topic|tag)\)|–", a) for a in audiences
    ), audiences
    assert any(a.endswith("(account)") for a in audiences)


def test_markdown_export_weeks_and_as_of(demo_dir: Path) -> None:
    status, out, _ = run(
        "export", "--data-dir", str(demo_dir), "--format", "md", "--weeks", "4", "--as-of", "-1w"
    )
    assert status == 0
    assert "# Weekly review: as of 2026-11-19" in out
    trend = out.split("## Trend (last 4 weeks, newest first)")[1]
    assert len([line for line in trend.splitlines() if line.startswith("| 2026-")]) == 4


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("lead_saved", "lead_saved"),  # "_" inside a word forms no emphasis
        ("(18.4/25 raw, 12.0 weighted)", "(18.4/25 raw, 12.0 weighted)"),
        ("_not emphasis_", "\\_not emphasis\\_"),
        ("*bold*", "\\*bold\\*"),
        ("[x](https://e.com)", "\\[x\\](https\\://e\\.com)"),
        ("![img](u)", "!\\[img\\](u)"),
    ],
)
def test_markdown_escapes_only_what_would_form_markup(text: str, shown: str) -> None:
    from ssi_tui.exports.markdown import escape_markdown

    assert escape_markdown(text) == shown
    assert render_html(escape_markdown(text)).count("<") == render_html("plain").count("<")
