"""Benchmark the main window opening 100,000 profiles with a 1,000,000-row sessions CSV (offscreen).

    python tests/benchmarks/bench_companions_window.py [--profiles 100000] [--sessions 1000000]

Writes (seeded, cached in /tmp) a profile export with ``make_export.py`` and a
customer sessions CSV with ``bench_companions.write_sessions``, opens both in
the real ``MainWindow`` and prints open -> fileLoaded, open -> search ready and
the longest GUI event-loop stall during the load (a 5 ms QTimer measures the
gaps, as ``bench_window.py`` does). Target: stall <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# never touch the user's real settings (recent files, window layout)
os.environ.setdefault("AUDIENCE_VIEWER_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench-settings.ini"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_stalls import GuiStalls, open_and_measure  # noqa: E402

STALL_TARGET_MS = 100


def make_files(profiles: int, sessions: int) -> tuple[Path, Path]:
    """A cached synthetic export of ``profiles`` profiles and a sessions CSV of ``sessions`` rows naming them."""
    from bench_companions import write_sessions
    from make_export import write_export

    export = Path(f"/tmp/bench_window_{profiles}.json")
    if not export.exists():
        write_export(export, profiles, shape="array", seed=0)
    csv = Path(f"/tmp/bench_companions_window_{profiles}_{sessions}_sessions.csv")
    if not csv.exists():
        partial = csv.with_suffix(".partial")
        write_sessions(partial, profiles, sessions, random.Random(20240611))
        partial.replace(csv)
    return export, csv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--trace-stalls", action="store_true",
                        help="name the worker's code line running when the GUI falls 50 ms behind")
    args = parser.parse_args()
    export, csv = make_files(args.profiles, args.sessions)
    culprits: dict[str, int] = {}
    opening = open_and_measure([str(export), str(csv)],
                               (lambda stalls: _watch(stalls, culprits)) if args.trace_stalls else None)
    window, stalls = opening.window, opening.stalls
    ready = opening.ready - opening.start
    if opening.loaded is None:
        return
    loaded = opening.loaded - opening.start
    result = window.result
    files = result.export.companions.files if result is not None else []
    print(f"export:   {export} ({export.stat().st_size / 1e6:.0f} MB, {window.model.profile_count():,} profiles)")
    print(f"sessions: {csv} ({csv.stat().st_size / 1e6:.0f} MB, "
          f"{sum(f.rows for f in files):,} rows, {sum(len(f.unmatched) for f in files):,} unmatched IDs)")
    print(f"open -> fileLoaded:            {loaded:6.2f} s")
    print(f"open -> search ready:          {ready:6.2f} s")
    worst_load = stalls.longest_ms(until=loaded)
    worst_all = stalls.longest_ms()
    verdict = "ok" if max(worst_load, worst_all) <= STALL_TARGET_MS else "OVER TARGET"
    print(f"longest stall until fileLoaded: {worst_load:5.0f} ms")
    print(f"longest stall until search:     {worst_all:5.0f} ms  (target <= {STALL_TARGET_MS} ms: {verdict}; "
          f"ticks: {len(stalls.gaps)})")
    print("  five longest stalls (ms @ s): " + ", ".join(f"{g * 1000:.0f} @ {w:.2f}" for g, w in stalls.worst()))
    for where, n in sorted(culprits.items(), key=lambda item: -item[1])[:12]:
        print(f"  seen {n:3} x while the GUI was >= 50 ms behind: {where}")


def _watch(stalls: GuiStalls, culprits: dict[str, int]) -> None:
    """A daemon thread that notes the other threads' innermost lines whenever the GUI tick is 50 ms late."""
    import threading
    import traceback

    me, gui = threading.get_ident(), threading.main_thread().ident

    def run() -> None:
        while True:
            time.sleep(0.01)
            if time.perf_counter() - stalls.last < 0.05:
                continue
            for ident, frame in sys._current_frames().items():
                if ident in (me, gui):
                    continue
                stack = traceback.extract_stack(frame)[-3:]
                where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.line}" for f in reversed(stack))
                culprits[where] = culprits.get(where, 0) + 1

    threading.Thread(target=run, daemon=True).start()


if __name__ == "__main__":
    main()
