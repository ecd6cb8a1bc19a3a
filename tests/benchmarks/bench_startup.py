"""Startup time: process start to the first painted window, with no file and with the sample.

Run: ``python tests/benchmarks/bench_startup.py [--runs N]``. Spawns ``python -m
viewer`` offscreen with ``AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT=1`` (see
viewer/app.py), which prints the seconds since its own process start at the
first paint (and, with a file, at the first paint after it loaded), then quits.
Also prints the wall time seen from here (spawn to exit). Target: <= 1.0 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_once(args: list[str], settings_dir: str) -> dict[str, float]:
    """One fresh process; returns the figures it printed plus the wall time."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.update(AUDIENCE_VIEWER_BENCH_EXIT_AFTER_PAINT="1", AUDIENCE_VIEWER_SETTINGS=os.path.join(settings_dir, "s.ini"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "viewer", *args], env=env, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"viewer {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    figures = {"process exit (wall)": wall}
    for line in done.stdout.splitlines():
        if line.startswith("bench ") and len(line.split()) == 3:
            _, name, seconds = line.split()
            figures[name] = float(seconds)
    return figures


def main() -> int:
    """Print median/min/max over N runs for each scenario."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    scenarios = {"no file": [], "sample": ["--sample"]}
    with tempfile.TemporaryDirectory() as settings_dir:
        run_once([], settings_dir)  # warm the file cache (.pyc, Qt libraries)
        for label, argv in scenarios.items():
            runs = [run_once(argv, settings_dir) for _ in range(args.runs)]
            for name in runs[0]:
                values = [run[name] for run in runs if name in run]
                print(
                    f"{label:8} {name:20} median {statistics.median(values):.3f} s"
                    f"  min {min(values):.3f}  max {max(values):.3f}  (n={len(values)})"
                )
    print("target: first paint <= 1.0 s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
