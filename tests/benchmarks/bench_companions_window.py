"""Benchmark the main window opening 100,000 profiles with a 1,000,000-row sessions CSV (offscreen).

    python tests/benchmarks/bench_companions_window.py [--profiles 100000] [--sessions 1000000] [--trace-stalls]
        [--explain-stalls MS]

Writes (seeded, cached in /tmp) a profile export with ``make_export.py`` and a
customer sessions CSV with ``bench_companions.write_sessions``, opens both in
the real ``MainWindow`` and prints open -> fileLoaded, open -> search ready and
the longest GUI event-loop stall during the load (a 5 ms QTimer measures the
gaps, as ``bench_window.py`` does). Target: stall <= 100 ms. ``--trace-stalls``
names, for every 10 ms the GUI is 50 ms or more behind, each thread's innermost
lines (the GUI thread's own work, or a worker holding the interpreter), by time.
``--explain-stalls MS`` explains each stall of MS or more (``stall_sampler``): what each
thread ran and how long it waited for a CPU meanwhile, and where the GUI and the workers were.

Then it selects 20 profiles spread over the list with the Sessions tab shown,
right after search is ready (the late checks running) and again once they are
done, and prints the time from the selection to the repainted window, and the
Sessions tab's own part of it (the rows built from the file's lines, the table
filled, the newest session's tree shown). Target: <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# never touch the user's real settings (recent files, window layout)
os.environ.setdefault("AUDIENCE_VIEWER_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench-settings.ini"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_stalls import GuiStalls, open_and_measure  # noqa: E402

STALL_TARGET_MS = 100
SHOW_TARGET_MS = 50


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
    parser.add_argument("--explain-stalls", type=float, metavar="MS",
                        help="explain each stall of MS ms or more: each thread's CPU and CPU wait, the stacks")
    args = parser.parse_args()
    export, csv = make_files(args.profiles, args.sessions)
    culprits: dict[str, int] = {}
    late: list[bool] = []  # the late checks are done
    samplers: list[Any] = []

    def prepare(stalls: GuiStalls) -> None:
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            worker = getattr(widget, "worker", None)
            if worker is not None:
                worker.lateProblems.connect(lambda _problems: late.append(True))
        if args.trace_stalls:
            _watch(stalls, culprits)
        if args.explain_stalls is not None:
            from stall_sampler import StallSampler

            samplers.append(StallSampler(stalls, report_ms=args.explain_stalls))
            samplers[0].start()

    opening = open_and_measure([str(export), str(csv)], prepare)
    for sampler in samplers:
        sampler.stop()
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
    worst = [at for _gap, at in stalls.worst()]
    near = [(where, n) for where, n in sorted(culprits.items())
            if any(at - 0.5 <= float(where[1:6]) <= at + 0.05 for at in worst)]
    for where, n in near[:60]:  # in time order, those of the five longest stalls
        print(f"  seen {n:3} x while the GUI was >= 50 ms behind {where}")
    for sampler in samplers:
        print(sampler.report())
    print_shows("right after search is ready (the late checks running)", show_sessions(window))
    if not late:
        from PySide6.QtCore import QEventLoop, QTimer

        done = QEventLoop()
        window.worker.lateProblems.connect(done.quit)
        QTimer.singleShot(120_000, done.quit)
        done.exec()
    print_shows("once the late checks are done", show_sessions(window, seed=4241))


def print_shows(when: str, shows: list[tuple[float, float, float, int]]) -> None:
    """The figures of ``show_sessions``: the whole window's median and worst, and the Sessions tab's part."""
    whole = sorted(ms for ms, _own, _cpu, _count in shows)
    tab = sorted(own for _ms, own, _cpu, _count in shows)
    cpu = sorted(used for _ms, _own, used, _count in shows)
    verdict = "ok" if whole[-1] <= SHOW_TARGET_MS else "OVER TARGET"
    print(f"select a profile -> window repainted, Sessions tab filled, {when} ({len(shows)} profiles, "
          f"{min(c for *_, c in shows)}-{max(c for *_, c in shows)} sessions each, built on first show):\n"
          f"  whole window median {whole[len(whole) // 2]:.1f} ms, worst {whole[-1]:.1f} ms (target <= "
          f"{SHOW_TARGET_MS} ms: {verdict}); the Sessions tab's part median {tab[len(tab) // 2]:.1f} ms, "
          f"worst {tab[-1]:.1f} ms; GUI-thread CPU median {cpu[len(cpu) // 2]:.1f} ms, worst {cpu[-1]:.1f} ms")


def show_sessions(window: Any, count: int = 20, seed: int = 13) -> list[tuple[float, float, float, int]]:
    """(ms, ms of the Sessions tab, GUI-thread CPU ms, sessions) for selecting ``count`` profiles over the list.

    With the Sessions tab shown, each is timed from setting the list's current row until the whole
    window (panel, tabs, list) is repainted (the selection's signals run synchronously; one
    ``processEvents`` paints); the second figure is the Sessions tab's own part (its rows built
    from the file's lines, the table filled, the newest session's tree shown).
    """
    from PySide6.QtWidgets import QApplication

    from viewer.ui.details.profile_details import SESSIONS_TAB

    # The CPU time of the GUI thread beside the wall-clock: what the selection costs whatever else runs
    # (on a loaded machine the wall-clock also counts the waits for a CPU and for the interpreter).

    app = QApplication.instance()
    details, table = window.details, window.list_pane.table
    details.tabs.setCurrentIndex(SESSIONS_TAB)
    app.processEvents()
    rows = table.model().rowCount()
    view = details.sessions
    own = view._show_profile
    spent: list[float] = []

    def timed(profile: Any) -> None:
        began = time.perf_counter()
        own(profile)
        spent.append(time.perf_counter() - began)

    view._show_profile = timed
    found: list[tuple[float, float, float, int]] = []
    for n in range(count):
        row = (n * 7919 + seed) % rows
        spent.clear()
        start, cpu = time.perf_counter(), time.thread_time()
        table.setCurrentIndex(table.model().index(row, 0))
        app.processEvents()
        elapsed, used = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
        shown = view.model.rowCount()
        if shown != len(window.profile.sessions):
            print(f"  row {row}: the Sessions table lists {shown}, the profile has {len(window.profile.sessions)}")
        found.append((elapsed, sum(spent) * 1000, used, shown))
    view._show_profile = own
    return found


def _watch(stalls: GuiStalls, culprits: dict[str, int]) -> None:
    """A daemon thread noting every thread's innermost lines (the GUI's too) whenever the GUI tick is 50 ms late.

    Each note says when (seconds since the start, to the tenth) and which thread: the GUI thread
    itself at work, or a worker holding the interpreter.
    """
    import threading
    import traceback

    gui = threading.main_thread().ident
    names: dict[int | None, str] = {}

    def run() -> None:
        me = threading.get_ident()
        while True:
            time.sleep(0.01)
            now = time.perf_counter()
            if now - stalls.last < 0.05:
                continue
            for thread in threading.enumerate():
                names[thread.ident] = "GUI" if thread.ident == gui else thread.name
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                stack = traceback.extract_stack(frame)[-3:]
                where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.line}" for f in reversed(stack))
                if "_stop.wait" in where or "waiter.acquire" in where:
                    continue  # an idle worker
                key = f"@{now - stalls.started:5.1f} s {names.get(ident, ident)}: {where}"
                culprits[key] = culprits.get(key, 0) + 1

    threading.Thread(target=run, daemon=True).start()


if __name__ == "__main__":
    main()
