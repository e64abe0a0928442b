"""The long crash test: every crash round of tests/unit/store/test_store_crash.py, many times over.

    python bench/crash.py              # 10x the suite's rounds (about 2,000 kills, ~5 minutes)
    python bench/crash.py --scale 2    # a shorter run

Writers are killed with SIGKILL at random moments while they add activities one by one, save
batches to history segments, compact, take backups and load exports; after each kill the store
must open (read-only and as the writer), hold every save acknowledged before the kill, keep
every backup intact, and leave no temp file, half-written backup or orphan segment behind.
Set SSI_TUI_CRASH_SEED to replay a run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Run the crash tests at a scale and print what each mode went through."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=int, default=10, help="times the suite's rounds")
    args = parser.parse_args(argv)
    env = {**os.environ, "SSI_TUI_CRASH_SCALE": str(max(1, args.scale))}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests" / "unit" / "store" / "test_store_crash.py"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    lines = [
        line[line.index("crash:") :] for line in result.stdout.splitlines() if "crash:" in line
    ]
    print("\n".join(lines))
    tail = result.stdout.strip().splitlines()[-1:] if result.stdout.strip() else []
    print(*tail, result.stderr.strip()[-2000:], f"(exit status {result.returncode})", sep="\n")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
