"""Benchmark: the overview of a whole export (prints figures, asserts nothing).

    python tests/benchmarks/bench_overview.py            # 100,000 profiles
    python tests/benchmarks/bench_overview.py 1000000    # and more sizes, one after the other

For each size, on a seeded export written by ``make_export.py``: the time of a
bare ``orjson.loads`` of the file, then the time to the key figures and
audiences (``summarize(..., catalogue=False)``) and to the full summary with
the attribute catalogue, each as a ratio to that parse (the best of
``--repeat`` runs of each, so a busy machine disturbs the ratios less), in
wall-clock time and in CPU time of this process (on a machine shared with
other work the wall-clock ratios swung by 2x from run to run; the CPU ratios
swing less, but still with the cache and memory the other work takes).
Targets: key figures and audiences <= 0.3x, the catalogue <= 2x. Then the
time of the queries a few histogram bins and months click to, in this thread
(the first also builds the field's column). Then, in the
window offscreen: the longest GUI stall while the overview is worked out (the
first opening includes building the page and importing pyqtgraph; until the
charts are made and the catalogue has found its date-time paths) and the time
from a click to the filtered list (targets: <= 100 ms each), for an audience
bar, the two biggest and the first total-sales bins and the two biggest created
months (the first click of each field included: the columns the bars compare
are read in the summary's worker, before the charts show), each with the time
the query took. ``--sample`` and ``--dump FILE`` say what each thread did in the stalls.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_export import write_export  # noqa: E402

import viewer  # noqa: E402


def best(runs: int, fn, kept: list | None = None) -> tuple[float, float]:  # noqa: ANN001
    """The least wall-clock and the least CPU time of ``runs`` calls of ``fn`` (the last result put in ``kept``)."""
    walls, cpus = [], []
    for _ in range(runs):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
        if kept is not None:
            kept[:] = [result]
        del result
    return min(walls), min(cpus)


def _paused(fn, *args):  # noqa: ANN001, ANN202
    gc.disable()
    try:
        return fn(*args)
    finally:
        gc.enable()


def measure(count: int, folder: Path, runs: int) -> None:
    path = folder / f"customers-{count}.json"
    if not path.exists():
        write_export(path, count)
    data = path.read_bytes()
    parse = best(runs, lambda: _paused(orjson.loads, data))  # the garbage collector paused, as the viewer does
    export = viewer.load(path)
    figures = best(runs, lambda: viewer.summarize(export, catalogue=False))
    kept: list = []
    full = best(runs, lambda: viewer.summarize(export), kept)  # the summary timed is the one queried below
    summary = kept[0]
    assert summary.catalogue is not None
    print(f"{count:>9,} profiles, {len(data) / 1e6:.0f} MB: orjson.loads {parse[0]:.2f} s (CPU {parse[1]:.2f} s)")
    for label, (wall, cpu), target in (("key figures + audiences ", figures, "0.3x"),
                                       ("full, with the catalogue", full, "2x")):
        print(f"    {label} {wall:6.2f} s {wall / parse[0]:5.2f}x   CPU {cpu:6.2f} s {cpu / parse[1]:5.2f}x  "
              f"(target <= {target})")
    print(f"    ({len(summary.catalogue.attributes)} paths in the catalogue)")
    measure_queries(export, summary)


def measure_queries(export: viewer.Export, summary) -> None:  # noqa: ANN001
    """The query of each of a few chart elements, in this thread: first (building the column) and again."""
    from viewer.query.evaluate import Evaluator
    from viewer.query.language import parse

    d = summary.distributions
    queries = []
    for histogram in (d.total_sales, d.closed_sessions):
        bins = histogram.bins
        queries += [bins[0].query, bins[len(bins) // 2].query, bins[-1].query]
    for timeline in (d.created, d.last_activity):
        months = [m for m in timeline.months if m.count]
        queries += [months[0].query, months[len(months) // 2].query] if months else []
    evaluator = Evaluator(export.profiles)
    print("    chart queries (first: with the column built; then the best of two more):")
    for text in queries:
        query = parse(text)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            found = evaluator.matches(query)
            times.append((time.perf_counter() - start) * 1000)
        print(f"      {text:42s} {len(found or ()):>9,} profiles  first {times[0]:7.1f} ms  "
              f"then {min(times[1:]):6.1f} ms")


class StallSampler:
    """A watchdog thread: while the GUI's timer has not ticked for ``after`` seconds, every thread's stack.

    Samples every ``every`` seconds (when it gets the interpreter lock: a C
    call that holds it shows as what ran right after). ``report`` prints the
    stacks seen most often in stalls, the GUI thread's and the others'.
    """

    def __init__(self, stalls, after: float = 0.05, every: float = 0.01) -> None:  # noqa: ANN001
        import threading
        self.stalls, self.after, self.every = stalls, after, every
        self.samples: list[tuple[float, dict[str, str]]] = []  # (the stall's start, thread name -> stack)
        self._stop = threading.Event()
        self._kept: list[object] = []
        self._gui = threading.main_thread().ident
        self._thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self._kept.clear()

    def _run(self) -> None:
        import threading
        import traceback
        while not self._stop.wait(self.every):
            last = self.stalls.last
            if time.perf_counter() - last < self.after:
                continue
            names = {t.ident: t.name for t in threading.enumerate()}
            stacks = {}
            frames = sys._current_frames()
            self._kept.append(frames)  # dropped on the GUI thread: a frame may hold the last reference to a QObject
            for ident, frame in frames.items():
                if ident == threading.get_ident():
                    continue
                frames = traceback.extract_stack(frame)[-7:]
                name = "GUI" if ident == self._gui else names.get(ident, str(ident))
                stacks[name] = " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))
            self.samples.append((last, stacks))

    def report(self, worst: int = 6) -> None:
        from collections import Counter
        print(f"    stall samples: {len(self.samples)} (of stalls > {self.after * 1000:.0f} ms)")
        for gap, end in self.stalls.worst(3):  # what each thread did in the longest stalls
            began = self.stalls.started + end - gap
            inside = [stacks for last, stacks in self.samples if abs(last - began) < 0.002]
            print(f"    in the {gap * 1000:.0f} ms stall, {len(inside)} samples:")
            for stacks in inside[:3]:
                for name, stack in stacks.items():
                    if name == "GUI" or not stack.startswith("threading.py"):
                        print(f"      {name}: {stack[:300]}")
        for who in ("GUI", "others"):
            seen: Counter[str] = Counter()
            for _, stacks in self.samples:
                for name, stack in stacks.items():
                    if (name == "GUI") == (who == "GUI") and not stack.startswith("threading.py"):
                        seen[(name if who != "GUI" else "") + " " + stack] += 1
            print(f"    most sampled stacks ({who}):")
            for stack, n in seen.most_common(worst):
                print(f"      {n:4d}  {stack[:400]}")


def dump_stalls(stalls, path: str, after: float = 0.07):  # noqa: ANN001, ANN201
    """Every thread's stack whenever the GUI has not ticked for ``after`` seconds, written to ``path``.

    faulthandler's watchdog needs no interpreter lock: unlike ``StallSampler``
    it sees the thread that holds the lock in one long C call (the Python line
    that made the call). Each tick of ``stalls`` re-arms it and writes the time.
    """
    import faulthandler
    out = open(path, "w")  # noqa: SIM115 - written by faulthandler until the measurement ends
    began = time.perf_counter()

    def arm() -> None:
        out.write(f"-- tick {time.perf_counter() - began:.3f} s\n")
        faulthandler.dump_traceback_later(after, repeat=False, file=out)

    stalls._timer.timeout.connect(arm)

    def stop() -> None:
        stalls._timer.timeout.disconnect(arm)
        faulthandler.cancel_dump_traceback_later()
        out.close()
    return stop


def measure_window(count: int, folder: Path, sample: bool = False, dump: str | None = None) -> None:
    """In the window, offscreen: the longest GUI stall while the overview is worked out, and a click's latency."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gui_stalls import GuiStalls
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from viewer.query.evaluate import Evaluator
    from viewer.ui.window import settings
    from viewer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings.configure_settings(Path(tempfile.mkdtemp()) / "settings.ini")
    window = MainWindow()
    window.show()

    def wait(done, limit: float = 600.0) -> None:  # noqa: ANN001
        loop, timer = QEventLoop(), QTimer()
        timer.timeout.connect(lambda: done() and loop.quit())
        timer.start(5)
        QTimer.singleShot(int(limit * 1000), loop.quit)
        loop.exec()

    window.open_files([str(folder / f"customers-{count}.json")])
    wait(lambda: window.result is not None and window.result.index is not None)
    wait(lambda: False, 1.0)  # let the list settle
    stalls = GuiStalls()
    stop_dumps = dump_stalls(stalls, dump) if dump else None
    start = stalls.start()
    sampler = StallSampler(stalls) if sample else None
    if sampler is not None:
        sampler.start()
    window.overview.show_overview()
    wait(lambda: window.overview.page is not None and window.overview.page.summary is not None
         and window.overview.page.is_complete() and not window.overview.page.catalogue.is_busy())
    shown = time.perf_counter() - start
    stalls.stop()
    if stop_dumps is not None:
        stop_dumps()
    if sampler is not None:
        sampler.stop()
    print(f"    window: overview shown after {shown:.2f} s; longest GUI stall {stalls.longest_ms():.0f} ms "
          f"(worst five: {', '.join(f'{g * 1000:.0f}' for g, _ in stalls.worst())} ms; target <= 100 ms)")
    if sampler is not None:
        sampler.report()
    page = window.overview.page
    applied: list[float] = []
    window.list_pane.searchApplied.connect(lambda: applied.append(time.perf_counter()))
    answered: list[float] = []  # how long each query took the evaluator (in whichever thread)
    matches = Evaluator.matches

    def timed(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        start = time.perf_counter()
        try:
            return matches(self, *args, **kwargs)
        finally:
            answered.append(time.perf_counter() - start)

    Evaluator.matches = timed  # type: ignore[method-assign]

    def click(chart, index: int, what: str) -> None:  # noqa: ANN001
        applied.clear()
        answered.clear()
        clicked = time.perf_counter()
        QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_center(index).toPoint())
        wait(lambda: bool(applied), 60)
        if applied:
            query = f"of which the query {sum(answered) * 1000:.0f} ms" if answered else "answer kept"
            print(f"    click on {what} to the filtered list: {(applied[0] - clicked) * 1000:.0f} ms ({query}; "
                  f"{window.model.rowCount():,} profiles, {window.search.text()!r}; target <= 100 ms)")

    def back_to_the_whole_overview() -> None:
        applied.clear()
        window.search.setText("")  # the whole export's overview again, not the clicked result's
        wait(lambda: bool(applied), 60)
        window.overview.show_overview()
        wait(lambda: page.isVisible() and page.is_complete(), 60)
        wait(lambda: False, 0.5)

    d = page.summary.distributions
    sales = sorted(range(len(d.total_sales.bins)), key=lambda i: -d.total_sales.bins[i].count)
    months = sorted(range(len(d.created.months)), key=lambda i: -d.created.months[i].count)
    click(page.audiences, 0, "an audience bar")
    for chart, index, what in ((page.sales, sales[0], "the biggest total-sales bin (the first of its field)"),
                               (page.sales, sales[1], "the next biggest total-sales bin"),
                               (page.sales, 0, "the first total-sales bin"),
                               (page.created, months[0], "the biggest created month (the first of its field)"),
                               (page.created, months[1], "the next biggest created month")):
        back_to_the_whole_overview()
        click(chart, index, what)
    Evaluator.matches = matches  # type: ignore[method-assign]
    window.close()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", default=tempfile.gettempdir())
    parser.add_argument("--no-window", action="store_true", help="leave out the GUI stall and click figures")
    parser.add_argument("--sample", action="store_true", help="sample every thread's stack during GUI stalls")
    parser.add_argument("--window-only", action="store_true", help="only the GUI stall and click figures")
    parser.add_argument("--dump", metavar="FILE", help="every thread's stack in FILE when the GUI stalls 70 ms "
                        "(faulthandler: sees a thread holding the interpreter lock in one C call)")
    args = parser.parse_args()
    for count in args.sizes:
        if not args.window_only:
            measure(count, Path(args.folder), args.repeat)
        if not args.no_window:
            measure_window(count, Path(args.folder), args.sample, args.dump)


if __name__ == "__main__":
    main()
