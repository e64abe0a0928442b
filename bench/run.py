"""Benchmark: the performance goals of PRODUCT.md on a 100,000-activity, 30,000-contact store.

    python bench/run.py                 # all figures, as a table
    python bench/run.py --json          # ... and one JSON object as the last line
    python bench/run.py --only save,score

Figures (null when the feature does not exist yet):
  save_ms         median of 50 single activity saves (durable: fsync + atomic replace)
  score_ms        full score + flags recomputed after a save, as the app does (median of 10)
  score_cold_ms   (extra) the first score after opening the store, every cache empty (median of 3)
  history_ms      52 weekly scores, every cache empty (median of 5)
  startup_ratio   headless app to first painted dashboard / a bare Textual app's start-up
  scores_s        (extra) seconds from launching the app to the dashboard showing its scores
  import_s        import of a synthetic export: 30,000 connections + 100,000 messages
  import_peak_mb  peak memory (RSS high-water mark growth) during that import
  backup_s        (extra) one backup of the store: every file copied, made durable, checked
  backup_mb       (extra) the size of that backup on disk
  calendar_s      import of a synthetic calendar: 5,000 events (100 repeating) over 3 years
"""

from __future__ import annotations

import argparse
import json
import platform
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
}
FIGURES = list(TARGETS)


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
            results["history_ms"] = median_ms(lambda: workspace.history(ends), 5, cold)
        if "save" in only:
            results["save_ms"] = median_ms(save, 50)
        if "backup" in only:
            start = time.perf_counter()
            backup = store.backup("bench-measure")
            results["backup_s"] = time.perf_counter() - start
            results["backup_mb"] = backup.size / 1e6 if backup is not None else None
    return results


def bench_startup(data_dir: Path) -> float | None:
    """startup_ratio, once the app exists."""
    try:
        from bench_startup import startup_ratio  # type: ignore[import-not-found]
    except ImportError:
        return None
    return startup_ratio(data_dir)


def bench_import(work: Path) -> tuple[float | None, float | None]:
    """import_s and import_peak_mb, once the importer exists."""
    try:
        from bench_import import import_figures  # type: ignore[import-not-found]
    except ImportError:
        return None, None
    return import_figures(work)


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
        help="comma-separated subset: save,score,history,backup,startup,import,calendar",
    )
    args = parser.parse_args(argv)
    only = (
        set(args.only.split(","))
        if args.only
        else {"save", "score", "history", "backup", "startup", "import", "calendar"}
    )
    results: dict[str, float | None] = dict.fromkeys(FIGURES)
    with tempfile.TemporaryDirectory(prefix="ssi-bench-") as tmp:
        work = Path(tmp)
        data_dir = work / "store"
        if only & {"save", "score", "history", "backup", "startup"}:
            start = time.perf_counter()
            build_store(data_dir)
            print(f"built synthetic store in {time.perf_counter() - start:.1f} s", file=sys.stderr)
        if only & {"save", "score", "history", "backup"}:
            results.update(bench_store(data_dir, only))
        if "startup" in only:
            results["startup_ratio"] = bench_startup(data_dir)
            if results["startup_ratio"] is not None:
                from bench_startup import scores_seconds  # type: ignore[import-not-found]

                results["scores_s"] = scores_seconds(data_dir)
        if "import" in only:
            results["import_s"], results["import_peak_mb"] = bench_import(work)
        if "calendar" in only:
            from bench_calendar import calendar_seconds  # type: ignore[import-not-found]

            results["calendar_s"], _counts = calendar_seconds(work)
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}")
    print(f"{'figure':<16}{'value':>10}{'target':>10}  ok")
    if "score_cold_ms" in results:
        print(
            f"{'score_cold_ms':<16}{results['score_cold_ms']:>10.2f}{'-':>10}  (first score after open)"
        )
    if "scores_s" in results:
        print(f"{'scores_s':<16}{results['scores_s']:>10.2f}{'-':>10}  (launch to scores shown)")
    if results.get("backup_s") is not None:
        print(f"{'backup_s':<16}{results['backup_s']:>10.2f}{'-':>10}  (one checked backup)")
        print(f"{'backup_mb':<16}{results['backup_mb']:>10.1f}{'-':>10}  (its size on disk)")
    for name in FIGURES:
        value = results[name]
        shown = "null" if value is None else f"{value:.2f}"
        ok = "-" if value is None else ("yes" if value <= TARGETS[name] else "NO")
        print(f"{name:<16}{shown:>10}{'<= ' + str(TARGETS[name]):>10}  {ok}")
    if args.json:
        rounded = {
            name: (None if value is None else round(value, 3)) for name, value in results.items()
        }
        print(json.dumps(rounded))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
