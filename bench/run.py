"""Benchmark: the performance goals of PRODUCT.md on a 100,000-activity, 30,000-contact store
(`--scale N`: N activities and max(30,000, N/10) contacts, e.g. a million and 100,000).

    python bench/run.py                 # all figures, as a table
    python bench/run.py --json          # ... and one JSON object as the last line
    python bench/run.py --only save,score
    python bench/run.py --scale 1000000 --json   # the large figures (the store takes minutes)
    python bench/run.py --scale 1000000 --store DIR --only log   # on a store built before
    python bench/run.py --runs 5        # five runs: medians, and each figure's min and max

Figures (null when the feature does not exist yet):
  save_ms         median of 50 single activity saves (durable: fsync + atomic replace)
  score_ms        full score + flags recomputed after a save, as the app does (median of 10)
  score_cold_ms   (extra) the first score after opening the store, every cache empty (median of 3)
  history_ms      52 weekly scores as on a fresh open: every in-memory cache empty, the day-rows
                  cache file read back and checked against the store (median of 5)
  history_rebuild_ms  (extra) the same without the cache file: every day computed (median of 3)
  startup_ratio   headless app to first painted dashboard / a bare Textual app's start-up
  scores_s        (extra) seconds from launching the app to the dashboard showing its scores: the
                  last ones, kept by a first run of the same day that quit normally (the numbers
                  the fresh report then shows), while the store opens
  fresh_scores_s  (extra) seconds from launching the app to the fresh report
  scores_ratio    scores_s / the bare Textual app's start-up (measured in the same run)
  app_peak_mb     peak RSS of the app process by the time its fresh report is shown
  open_s          a fresh process opening the store until it is ready to score
  store_mb        (extra) the store's size on disk
  import_s        import of a synthetic export: 30,000 connections + 100,000 messages
  import_peak_mb  peak memory (RSS high-water mark growth) during that import
  backup_s        (extra) one backup of the store: every file copied, made durable, checked
  backup_mb       (extra) the size of that backup on disk
  calendar_s      import of a synthetic calendar: 5,000 events (100 repeating) over 3 years
  log_page_ms     the activity log's slowest page: the log as it opens (newest first: its first
                  page, the next, one in the middle, the last, the oldest first) and the next
                  pages of filtered and sorted views
  log_view_ms     (extra) the slowest first page of a filtered or sorted view, once the pass over
                  the history it needs is made (a filter by kind, by text, a sort by contact...)
  log_pass_s      (extra) that pass: every activity's row, made ahead while the log is on screen
  log_mb          (extra) the memory the pass's rows hold (RSS growth)
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import AS_OF, build_store  # noqa: E402

from ssi_tui.domain.alignment import AlignmentCache  # noqa: E402
from ssi_tui.domain.models import Activity  # noqa: E402
from ssi_tui.services.workspace import Workspace, week_ends  # noqa: E402
from ssi_tui.store import Store  # noqa: E402

TARGETS = {
    "save_ms": 20,
    "score_ms": 50,
    "history_ms": 300,
    "startup_ratio": 1.5,
    "import_s": 10,
    "import_peak_mb": 300,
    "calendar_s": 5,
    "scores_ratio": None,
    "app_peak_mb": None,
    "open_s": None,
    "log_page_ms": 100,
}
# The targets by scale (#18): 100,000 activities, and a million.
SCALE_TARGETS = {
    100_000: {
        "startup_ratio": 1.25, "scores_ratio": 1.6, "score_ms": 20, "history_ms": 100,
        "save_ms": 5, "import_s": 3, "import_peak_mb": 150, "app_peak_mb": 150,
    },
    1_000_000: {
        "open_s": 1.5, "scores_ratio": 3, "save_ms": 20, "score_ms": 50, "history_ms": 500,
        "app_peak_mb": 600,
    },
}  # fmt: skip
FIGURES = list(TARGETS)

OPEN = """
import sys, time
start = time.perf_counter()
from ssi_tui.services.opening import open_workspace
from datetime import date
opened = open_workspace(__import__("pathlib").Path(sys.argv[1]), date(2026, 11, 26))
workspace = opened.workspace
workspace.store.activities.count()
print(time.perf_counter() - start)
"""


def median_ms(
    action: Callable[[], object], repeat: int, before: Callable[[], object] | None = None
) -> float:
    """Median wall time of `action` in milliseconds."""
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_store(data_dir: Path, only: set[str]) -> dict[str, float]:
    """save_ms, score_ms (+ score_cold_ms), history_ms on the synthetic store."""
    results: dict[str, float] = {}
    with Store.open(data_dir) as store:
        store.backup("bench")  # so the daily backup is not inside the timed saves
        workspace = Workspace(store, AS_OF)
        counter = iter(range(100_000))

        def save() -> None:
            index = next(counter)
            store.activities.add(
                Activity(
                    kind="comment", date=AS_OF - timedelta(days=index % 30), note=f"bench {index}"
                )
            )

        def cold() -> None:
            store.activities.clear_caches()
            workspace.alignments = AlignmentCache()

        if "score" in only:
            results["score_cold_ms"] = median_ms(lambda: workspace.report(AS_OF), 3, cold)
            workspace.report(AS_OF)
            results["score_ms"] = median_ms(lambda: workspace.report(AS_OF), 10, save)
        if "history" in only:
            ends = week_ends(AS_OF, 52)

            def reopened() -> None:
                # As on a fresh open: every in-memory cache empty, the day-rows cache file as
                # the last run left it (read back, checked against the store).
                cold()
                workspace.__dict__.pop("day_rows", None)

            def rebuilt() -> None:
                reopened()
                day_cache_file(data_dir).unlink(missing_ok=True)

            results["history_rebuild_ms"] = median_ms(lambda: workspace.history(ends), 3, rebuilt)
            workspace.day_rows.keep()
            results["history_ms"] = median_ms(lambda: workspace.history(ends), 5, reopened)
        if "save" in only:
            results["save_ms"] = median_ms(save, 50)
        if "log" in only:
            results.update(bench_log(workspace))
        if "backup" in only:
            start = time.perf_counter()
            backup = store.backup("bench-measure")
            results["backup_s"] = time.perf_counter() - start
            results["backup_mb"] = backup.size / 1e6 if backup is not None else None
    return results


def bench_log(workspace: Workspace) -> dict[str, float]:
    """log_page_ms, log_view_ms, log_pass_s, log_mb: the activity log's pages."""
    from ssi_tui.services.activity_log import PAGE_SIZE, LogPage, LogQuery

    workspace.report()  # (the app's dashboard has scored before the log opens)
    workspace.__dict__.pop("activity_log", None)
    log = workspace.activity_log
    count = workspace.store.activities.count()
    pages: list[float] = []

    def timed(query: LogQuery, offset: int, into: list[float]) -> None:
        start = time.perf_counter()
        page = log.page(query, offset)
        into.append((time.perf_counter() - start) * 1000)
        assert isinstance(page, LogPage) and page.rows

    for offset in (0, PAGE_SIZE, count // 2, count - 1):
        timed(LogQuery(), offset, pages)
    timed(LogQuery(reverse=False), 0, pages)
    before = rss_mb()
    start = time.perf_counter()
    log.prepare()
    results = {"log_pass_s": time.perf_counter() - start, "log_mb": rss_mb() - before}
    views: list[float] = []
    for query in (
        LogQuery(kind="comment"),
        LogQuery(text="company 1"),
        LogQuery(sort="contact", reverse=False),
        LogQuery(pillar="engage", sort="weighted"),
    ):
        timed(query, 0, views)
        timed(query, PAGE_SIZE, pages)
    print("log pages (ms):", " ".join(f"{ms:.0f}" for ms in pages), file=sys.stderr)
    print("log views (ms):", " ".join(f"{ms:.0f}" for ms in views), file=sys.stderr)
    results["log_page_ms"] = max(pages)
    results["log_view_ms"] = max(views)
    return results


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 1e6


def day_cache_file(data_dir: Path) -> Path:
    """The day-rows cache file of a store."""
    from ssi_tui.store.day_cache import CACHE_DIR, DAY_ROWS_FILE

    return data_dir / CACHE_DIR / DAY_ROWS_FILE


def bench_startup(data_dir: Path) -> dict[str, float]:
    """startup_ratio; scores_s, scores_ratio and app_peak_mb (the app to its scores)."""
    from bench_startup import scores_figures, startup_figures  # type: ignore[import-not-found]

    ratio, bare = startup_figures(data_dir)
    seconds, fresh, peak = scores_figures(data_dir)
    return {
        "startup_ratio": ratio,
        "scores_s": seconds,
        "scores_ratio": seconds / bare,
        "fresh_scores_s": fresh,
        "app_peak_mb": peak,
    }


def bench_open(data_dir: Path, rounds: int = 3) -> float:
    """open_s: a fresh process opening the store until it can score (median)."""
    import subprocess

    times = []
    for _ in range(rounds):
        result = subprocess.run(
            [sys.executable, "-c", OPEN, str(data_dir)], check=True, capture_output=True, text=True
        )
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def disk_mb(folder: Path) -> float:
    """The size of the files under `folder`, in MB."""
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def bench_import(work: Path) -> tuple[float | None, float | None]:
    """import_s and import_peak_mb, once the importer exists."""
    try:
        from bench_import import import_figures  # type: ignore[import-not-found]
    except ImportError:
        return None, None
    return import_figures(work)


STORE_FIGURES = {"save", "score", "history", "backup", "log", "startup", "open"}


def measure(work: Path, source: Path | None, scale: int, only: set[str]) -> dict[str, float | None]:
    """One run of the figures in `only`, in `work`: on a copy of `source` (a store built
    before), or on a new store of `scale` activities."""
    results: dict[str, float | None] = dict.fromkeys(FIGURES)
    data_dir = work / "store"
    if only & STORE_FIGURES:
        start = time.perf_counter()
        if source is not None:
            shutil.copytree(source, data_dir)
        else:
            build_store(data_dir, scale)
        print(f"made synthetic store in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        results["store_mb"] = disk_mb(data_dir)
    if "open" in only:
        results["open_s"] = bench_open(data_dir)
    if only & {"save", "score", "history", "backup", "log"}:
        results.update(bench_store(data_dir, only))
    if "startup" in only:
        results.update(bench_startup(data_dir))
    if "import" in only:
        results["import_s"], results["import_peak_mb"] = bench_import(work)
    if "calendar" in only:
        from bench_calendar import calendar_seconds  # type: ignore[import-not-found]

        results["calendar_s"], _counts = calendar_seconds(work)
    return results


def summary(
    runs: list[dict[str, float | None]], pick: Callable[[list[float]], float]
) -> dict[str, float | None]:
    """Each figure over the runs (`pick`: statistics.median, min, max); None if never measured."""
    names = list(dict.fromkeys(name for run in runs for name in run))
    picked: dict[str, float | None] = {}
    for name in names:
        values = [run[name] for run in runs if run.get(name) is not None]
        picked[name] = pick(values) if values else None  # type: ignore[arg-type]
    return picked


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object as the last line"
    )
    parser.add_argument(
        "--only",
        help="comma-separated subset: save,score,history,backup,log,startup,open,import,calendar",
    )
    parser.add_argument(
        "--store",
        type=Path,
        help="a synthetic store built before (bench/synthetic.py) to copy instead of building "
        "one (give its --scale too)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="measure this many times (each on a fresh copy of the store): medians, with "
        "each figure's min-max",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=100_000,
        help="activities in the synthetic store (default 100,000; contacts: max(30,000, N/10))",
    )
    args = parser.parse_args(argv)
    only = (
        set(args.only.split(","))
        if args.only
        else {"save", "score", "history", "backup", "log", "startup", "open", "import", "calendar"}
    )
    if args.scale != 100_000:  # the import and calendar figures have their own fixed sizes
        only -= {"import", "calendar"}
    runs: list[dict[str, float | None]] = []
    with tempfile.TemporaryDirectory(prefix="ssi-bench-") as tmp:
        work = Path(tmp)
        source = args.store
        if args.runs > 1 and source is None and only & STORE_FIGURES:
            source = work / "built"  # built once, copied for each run
            build_store(source, args.scale)
        for number in range(args.runs):
            run_dir = work / f"run-{number + 1}"
            run_dir.mkdir()
            runs.append(measure(run_dir, source, args.scale, only))
            if args.runs > 1:
                print(f"run {number + 1}/{args.runs} done", file=sys.stderr)
    results = summary(runs, statistics.median)
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}")
    print(f"scale: {args.scale:,} activities")
    targets = {**TARGETS, **SCALE_TARGETS.get(args.scale, {})}
    print(f"{'figure':<19}{'value':>10}{'target':>10}  ok")
    if "score_cold_ms" in results:
        print(
            f"{'score_cold_ms':<19}{results['score_cold_ms']:>10.2f}{'-':>10}  (first score after open)"
        )
    if "history_rebuild_ms" in results:
        print(
            f"{'history_rebuild_ms':<19}{results['history_rebuild_ms']:>10.2f}{'-':>10}  (no cache file)"
        )
    if "scores_s" in results:
        print(f"{'scores_s':<19}{results['scores_s']:>10.2f}{'-':>10}  (launch to scores shown)")
        print(
            f"{'fresh_scores_s':<19}{results['fresh_scores_s']:>10.2f}{'-':>10}  "
            "(launch to the fresh report)"
        )
    if results.get("store_mb") is not None:
        print(f"{'store_mb':<19}{results['store_mb']:>10.1f}{'-':>10}  (the store on disk)")
    if results.get("log_pass_s") is not None:
        print(f"{'log_view_ms':<19}{results['log_view_ms']:>10.1f}{'-':>10}  (a view's first page)")
        print(
            f"{'log_pass_s':<19}{results['log_pass_s']:>10.2f}{'-':>10}  (the rows of every activity)"
        )
        print(f"{'log_mb':<19}{results['log_mb']:>10.1f}{'-':>10}  (the memory they hold)")
    if results.get("backup_s") is not None:
        print(f"{'backup_s':<19}{results['backup_s']:>10.2f}{'-':>10}  (one checked backup)")
        print(f"{'backup_mb':<19}{results['backup_mb']:>10.1f}{'-':>10}  (its size on disk)")
    lowest, highest = summary(runs, min), summary(runs, max)
    for name in FIGURES:
        value, target = results[name], targets[name]
        shown = "null" if value is None else f"{value:.2f}"
        ok = "-" if value is None or target is None else ("yes" if value <= target else "NO")
        limit = "-" if target is None else f"<= {target}"
        spread = ""
        if len(runs) > 1 and value is not None:
            spread = f"  (min {lowest[name]:.2f}, max {highest[name]:.2f})"
        print(f"{name:<19}{shown:>10}{limit:>10}  {ok}{spread}")
    if args.json:

        def rounded(figures: dict[str, float | None]) -> dict[str, float | None]:
            return {name: (None if v is None else round(v, 3)) for name, v in figures.items()}

        document: dict[str, object] = dict(rounded(results))
        if len(runs) > 1:
            document.update(runs=len(runs), min=rounded(lowest), max=rounded(highest))
        print(json.dumps(document))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
