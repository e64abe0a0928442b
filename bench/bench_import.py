"""Benchmark: `ssi-tui import` of a synthetic export (30,000 connections + 100,000 messages).

    python bench/bench_import.py            # build the export in a temp dir, import, print figures

The export is generated deterministically in the LinkedIn format (Connections preamble, quoted
2026 messages header, multi-line message bodies, percent-encoded slugs, a few invitations that
name the owner). The import runs in a fresh child process, exactly as the command line runs it
(`main(["import", ZIP, "--json", "--data-dir", DIR])`, into an empty store); the child reports the
wall time of that call and its own peak RSS (VmHWM, else `ru_maxrss`), so the figure is the whole
process's. Where the import forks a helper to read on the second core, the most both processes
held together counts when it is higher (`ssi_tui.forked.peaks_with_helpers_kb`), and the CPU
time is both processes'.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import COMPANIES, FIRST, LAST, TARGETS, TITLES  # noqa: E402

SEED = 20261126
CONNECTIONS = 30_000
MESSAGES = 100_000
INVITATIONS = 40
END = datetime(2026, 11, 20, 18, 0, 0)
OWNER = ("Olivia Owner", "https://www.linkedin.com/in/olivia-owner-bench")
MESSAGES_HEADER = (
    '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
    '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS",'
    '"IS MESSAGE DRAFT","IS CONVERSATION DRAFT"\r\n'
)
PREAMBLE = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)
WORDS = [
    "hello",
    "thanks",
    "meeting",
    "next",
    "week",
    "proposal",
    "pricing",
    "demo",
    "follow",
    "up",
    "great",
    "talk",
    "coffee",
    "introduction",
    "partner",
    "project",
    "timeline",
    "budget",
    "contract",
    "review",
    "call",
    "tomorrow",
]


def _writer(buffer: io.StringIO) -> csv.writer:  # type: ignore[valid-type]
    return csv.writer(buffer, lineterminator="\r\n")


def _people(rng: random.Random, count: int) -> list[tuple[str, str, str, str, str]]:
    """(first, last, url, company, title) for `count` invented members."""
    targets = list(TARGETS)
    people = []
    for index in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first.lower()}-{last.lower()}-{index:05d}"
        url = "https://www.linkedin.com/in/" + quote(slug)  # non-ASCII slugs come encoded
        company = rng.choice(targets) if rng.random() < 0.05 else rng.choice(COMPANIES)
        people.append((first, f"{last} {index}", url, company, rng.choice(TITLES)))
    return people


def _text(rng: random.Random) -> str:
    lines = [" ".join(rng.choices(WORDS, k=rng.randint(3, 14))) for _ in range(rng.randint(1, 4))]
    return "\n".join(lines)


def build_export(
    path: Path, connections: int = CONNECTIONS, messages: int = MESSAGES, seed: int = SEED
) -> Path:
    """Write the synthetic export ZIP at `path` (same bytes for the same arguments)."""
    rng = random.Random(seed)
    people = _people(rng, connections)
    buffer = io.StringIO()
    buffer.write(PREAMBLE)
    writer = _writer(buffer)
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for first, last, url, company, title in people:
        connected = END - timedelta(days=rng.randrange(3650))
        writer.writerow([first, last, url, "", company, title, connected.strftime("%d %b %Y")])
    connections_csv = buffer.getvalue()

    buffer = io.StringIO()
    buffer.write(MESSAGES_HEADER)
    writer = _writer(buffer)
    written = 0
    conversation = 0
    while written < messages:
        conversation += 1
        first, last, url, _, _ = rng.choice(people)
        name = f"{first} {last}"
        conversation_id = f"2-{rng.getrandbits(96):024x}=="
        when = END - timedelta(seconds=rng.randrange(5 * 365 * 86400))
        for _ in range(min(rng.randint(1, 9), messages - written)):
            outgoing = rng.random() < 0.5
            sender, recipient = (OWNER, (name, url)) if outgoing else ((name, url), OWNER)
            writer.writerow(
                [
                    conversation_id,
                    "",
                    sender[0],
                    sender[1],
                    recipient[0],
                    recipient[1],
                    when.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    "",
                    _text(rng),
                    "INBOX",
                    "",
                    "false",
                    "false",
                ]
            )
            when += timedelta(minutes=rng.randint(1, 3000))
            written += 1
    messages_csv = buffer.getvalue()

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(
        [
            "From",
            "To",
            "Sent At",
            "Message",
            "Direction",
            "inviterProfileUrl",
            "inviteeProfileUrl",
        ]
    )
    for index in range(INVITATIONS):
        first, last, url, _, _ = people[index]
        sent = END - timedelta(days=index)
        writer.writerow(
            [
                OWNER[0],
                f"{first} {last}",
                f"{sent.month}/{sent.day}/{sent.year % 100}, {sent.hour % 12 or 12}:{sent.minute:02d} "
                + ("PM" if sent.hour >= 12 else "AM"),
                "Hi, glad to connect" if index % 2 else "",
                "OUTGOING",
                OWNER[1],
                url,
            ]
        )
    invitations_csv = buffer.getvalue()

    top = "Complete_LinkedInDataExport_11-26-2026"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("Connections.csv", connections_csv),
            ("messages.csv", messages_csv),
            ("Invitations.csv", invitations_csv),
        ):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=(2026, 11, 26, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return path


CHILD = """
import io, json, resource, sys, time
start = time.perf_counter()
from ssi_tui.cli.main import main
out, err = io.StringIO(), io.StringIO()
code = main(["import", sys.argv[1], "--json", "--data-dir", sys.argv[2]], stdout=out, stderr=err)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM is this process image's own peak; ru_maxrss would also count the parent's pages that the
# fork copied before exec (hundreds of MB when the bench already holds the synthetic store).
try:
    status = open("/proc/self/status").read()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError, ValueError):
    peak_mb = usage.ru_maxrss / 1024
# A large import reads its files on both cores: the helper process's memory counts too
# (ssi_tui/forked.py: both processes' resident memory at their fullest together).
from ssi_tui.forked import peaks_with_helpers_kb
peak_mb = max([peak_mb, *(kb / 1024 for kb in peaks_with_helpers_kb)])
cpu = usage.ru_utime + usage.ru_stime + (lambda c: c.ru_utime + c.ru_stime)(resource.getrusage(resource.RUSAGE_CHILDREN))
summary = json.loads(out.getvalue()) if code == 0 else None
print(json.dumps({"code": code, "seconds": seconds, "cpu_s": cpu, "peak_mb": peak_mb, "summary": summary,
                  "stderr": err.getvalue()}))
"""


def run_import(archive: Path, data_dir: Path) -> dict[str, object]:
    """Import `archive` into `data_dir` in a fresh child process; its report as a dict."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(archive), str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise RuntimeError(f"import failed: {report['stderr']}")
    return report


def import_figures(work: Path) -> tuple[float, float]:
    """(import_s, import_peak_mb): build the export in `work`, import it into a fresh store."""
    start = time.perf_counter()
    archive = build_export(work / "Complete_LinkedInDataExport_11-26-2026.zip")
    print(
        f"built synthetic export ({archive.stat().st_size / 1e6:.1f} MB zipped) in "
        f"{time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    report = run_import(archive, work / "import-store")
    summary = report["summary"]
    assert isinstance(summary, dict)
    print(
        f"imported {summary['activities_added']:,} activities, {summary['contacts_added']:,} "
        f"contacts in {report['seconds']:.2f} s ({report['cpu_s']:.2f} s CPU, the helper's included)",
        file=sys.stderr,
    )
    return float(report["seconds"]), float(report["peak_mb"])  # type: ignore[arg-type]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="ssi-bench-import-") as tmp:
        seconds, peak = import_figures(Path(tmp))
        print(f"import_s {seconds:.2f} (<= 10) · import_peak_mb {peak:.1f} (<= 300)")
