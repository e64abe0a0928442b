"""startup_ratio: `ssi-tui` to its first painted dashboard ÷ a bare Textual app to its first paint.

Both run as fresh processes (interpreter start and imports included), headless, and report the
time of Textual's `Ready` event (sent once the first frame is displayed), then exit. Both are
given the terminal's size (80x24), as a real terminal gives it to Textual and its driver alike:
headless, Rich assumed 25 lines and the driver 24, so every app laid its first screen out again
just after its first frame (a Static: nothing; the dashboard: ~25 ms, just when the last scores
are read), which no terminal does. The ssi-tui process goes
through the real entry point (`ssi_tui.cli.main.main`) on the benchmark store; the bench only
patches the app to run headless (and the terminal check) and to exit when ready, as its module is
imported: `ssi-tui` imports it (and Textual) in `run_app`, after its own start-up has begun, and
the bench keeps that order (importing the app first made the measure miss what a thread started
by `run_app` cost the first frame: ~90 ms). Runs alternate; medians are compared.

Before both, one `ssi-tui` run quits normally, as a user's earlier run did: it keeps the first
frame's parsed CSS in the app's cache dir (`app/css_kept.py`; here a folder beside the store, never
the user's own) and the last scores in the store. Every start but the first after installing or
upgrading finds them so.

Also measured: seconds from spawning `ssi-tui` to the dashboard showing scores (the last ones,
kept by a run that quit normally, shown while the store opens and is scored in a worker), and to
the fresh report.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello")
    def on_ready(self):
        print(time.time(), flush=True)
        self.exit()

Hello().run(headless=True, size=(80, 24))
"""

# The app's module is patched as it is imported (not before `main`, which would import Textual
# ahead of the entry point, outside its start-up as `ssi-tui` runs it: `app/launch.py`).
PATCH_ON_IMPORT = """
import importlib.util, sys

def patch_on_import(name, patch):
    class Finder:
        def find_spec(self, fullname, path=None, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            run = spec.loader.exec_module
            def exec_module(module):
                run(module)
                patch(module)
            spec.loader.exec_module = exec_module
            return spec
    sys.meta_path.insert(0, Finder())
"""

SSI = (
    PATCH_ON_IMPORT
    + """
import os, sys, time
from ssi_tui.cli import main as cli_main
from ssi_tui.cli.main import main

def patch(module):
    original_run = module.SSIApp.run
    module.SSIApp.run = lambda self, *a, **k: original_run(self, headless=True, size=(80, 24))
    def ready(self):
        print(time.time(), flush=True)
        os._exit(0)  # the store may still be loading in a worker thread: the figure is first paint
    module.SSIApp.on_ready = ready

patch_on_import("ssi_tui.app.app", patch)
cli_main._isatty = lambda stream: True  # headless: no terminal, on purpose
sys.exit(main(["--data-dir", sys.argv[1]]))
"""
)

SSI_SCORES = (
    PATCH_ON_IMPORT
    + """
import os, resource, sys, time
from ssi_tui.cli import main as cli_main
from ssi_tui.cli.main import main

warm_up = sys.argv[2] == "warm-up"

def patch_app(module):
    original_run = module.SSIApp.run
    module.SSIApp.run = lambda self, *a, **k: original_run(self, headless=True, size=(80, 24))

def patch_dashboard(dashboard):
    original_show = dashboard.DashboardScreen.show_report
    def show_report(self, report, *args):
        original_show(self, report, *args)
        now = time.time()
        if self.app.workspace is None:  # the last scores, shown while the store opens
            print("first", now, flush=True)
            return
        try:  # this process's own high-water mark (ru_maxrss also counts the parent's, from fork)
            status = open("/proc/self/status").read()
            peak_kb = int(status.split("VmHWM:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        print("peak", peak_kb / 1024, flush=True)
        print("fresh", now, flush=True)
        if warm_up:
            self.app.exit()  # a normal exit: the workspace keeps its last scores
        else:
            os._exit(0)
    dashboard.DashboardScreen.show_report = show_report

patch_on_import("ssi_tui.app.app", patch_app)
patch_on_import("ssi_tui.app.screens.dashboard", patch_dashboard)
cli_main._isatty = lambda stream: True
sys.exit(main(["--data-dir", sys.argv[1]]))
"""
)

ROUNDS = 7


def app_env(data_dir: Path) -> dict[str, str]:
    """The environment of an `ssi-tui` run on `data_dir`: its app cache dir beside the store."""
    return {**os.environ, "SSI_TUI_CACHE_DIR": str(data_dir.with_name(data_dir.name + "-cache"))}


def _time(code: str, *args: str) -> float:
    """Seconds from spawning the process to the first frame it reports."""
    env = app_env(Path(args[0])) if args else None
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env
    )
    return float(result.stdout.strip().splitlines()[-1]) - start


def startup_times(data_dir: Path, rounds: int = ROUNDS) -> tuple[float, float]:
    """Median seconds to first paint: (bare Textual app, ssi-tui)."""
    _time(BARE)  # warm the file cache for both
    _scores_run(data_dir, "warm-up")  # a run that quit normally: the first frame's CSS kept
    bare, ssi = [], []
    for _ in range(rounds):
        bare.append(_time(BARE))
        ssi.append(_time(SSI, str(data_dir)))
    return statistics.median(bare), statistics.median(ssi)


def scores_seconds(data_dir: Path, rounds: int = 3) -> float:
    """Median seconds from spawning `ssi-tui` to the dashboard showing its scores."""
    return scores_figures(data_dir, rounds)[0]


def _scores_run(data_dir: Path, mode: str) -> dict[str, float]:
    start = time.time()
    result = subprocess.run(
        [sys.executable, "-c", SSI_SCORES, str(data_dir), mode],
        check=True,
        capture_output=True,
        text=True,
        env=app_env(data_dir),
    )
    found = dict(line.split() for line in result.stdout.strip().splitlines() if " " in line)
    figures = {name: float(value) for name, value in found.items()}
    figures["fresh"] -= start
    figures["first"] = figures.get("first", figures["fresh"] + start) - start
    return figures


def scores_figures(data_dir: Path, rounds: int = 3) -> tuple[float, float, float]:
    """Median seconds from spawning `ssi-tui` to the dashboard showing scores (the last ones,
    kept by a first run that quit normally, the same day: the numbers the fresh report then
    shows), median seconds to the fresh report, and the highest peak RSS (MB) the app reached
    by then."""
    _scores_run(data_dir, "warm-up")
    runs = [_scores_run(data_dir, "measure") for _ in range(rounds)]
    return (
        statistics.median(run["first"] for run in runs),
        statistics.median(run["fresh"] for run in runs),
        max(run["peak"] for run in runs),
    )


def startup_ratio(data_dir: Path) -> float:
    """The figure reported by bench/run.py."""
    return startup_figures(data_dir)[0]


def startup_figures(data_dir: Path) -> tuple[float, float]:
    """startup_ratio, and the bare Textual app's start-up (s) it is measured against."""
    bare, ssi = startup_times(data_dir)
    print(
        f"startup: bare Textual {bare * 1000:.0f} ms, ssi-tui {ssi * 1000:.0f} ms", file=sys.stderr
    )
    return ssi / bare, bare
