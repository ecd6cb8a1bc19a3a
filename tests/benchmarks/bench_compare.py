"""Print how fast ``viewer.compare`` finds what changed between two big exports, and its memory.

    python tests/benchmarks/bench_compare.py [--count 100000] [--changed 0.1]

Writes an export of ``count`` profiles (``make_export.py``) and a second one
with about ``changed`` of them modified (loyalty tier, city, total sales or
audiences), 0.5 % removed and 0.5 % added. In fresh processes it measures: a
bare ``orjson.loads`` of each file (GC paused; the two times summed), ``viewer.load`` of both, and
``viewer.compare`` of the two loaded exports, and prints the compare time as a
ratio to the bare parse, the same for load + compare, and memory as a multiple
of the two files' size: what compare adds at its peak (peak RSS reset before
it starts), and the whole process peak. Targets: compare <= 2x the bare parse,
compare's added memory <= 2x the files. With ``--gui``: File > Compare with…'s
worker (read the new file, compare) on a ``TaskRunner`` under a QApplication
(offscreen), the longest GUI-thread stall while it runs, and the time to show
the result.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_export import make_profile  # noqa: E402

_CHILD = r"""
import gc, json, resource, sys, time
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
def peak():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) * 1024 for l in f if l.startswith("VmHWM:"))
old_path, new_path, what = sys.argv[1:4]
import orjson, viewer
base = rss()
out = {}
if what == "bare":  # one file (old_path) per process: two parsed 1,000,000-profile files need ~10 GB
    data = open(old_path, "rb").read()
    gc.disable()
    start = time.perf_counter()
    value = orjson.loads(data)
    out["seconds"] = time.perf_counter() - start
else:
    start = time.perf_counter()
    old, new = viewer.load(old_path), viewer.load(new_path)
    out["load"] = time.perf_counter() - start
    gc.collect()
    before = rss()
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # reset VmHWM: the peak of compare alone
        out["reset"] = True
    except OSError:
        out["reset"] = False
    start = time.perf_counter()
    result = viewer.compare(old, new)
    out["seconds"] = time.perf_counter() - start
    out["compare_peak"] = peak() - before
    out["counts"] = [len(result.added), len(result.removed), len(result.changed), result.unchanged]
out["peak"] = peak() - base
print(json.dumps(out))
"""


_GUI_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[3])
from PySide6.QtWidgets import QApplication
import viewer
from gui_stalls import GuiStalls
from viewer.ui.comparison.export_comparison import ExportComparisonView
from viewer.ui.tasks import TaskRunner
from viewer.ui.window.comparing import compare_with_file
app = QApplication(["bench"])
old = viewer.load(sys.argv[1])
runner, stalls, out = TaskRunner(), GuiStalls(), {}
def done(answer):
    out["seconds"] = time.perf_counter() - start
    stalls.stop()
    begin = time.perf_counter()
    view = ExportComparisonView()
    view.set_comparison(answer[2])
    out["show"] = time.perf_counter() - begin
    app.quit()
start = stalls.start()
runner.submit("compare", compare_with_file, old, sys.argv[2], on_result=done, on_error=lambda e: (print(e), app.exit(1)))
app.exec()
out["stall_ms"] = stalls.longest_ms()
print(json.dumps(out))
"""


def write_pair(folder: Path, count: int, changed: float, seed: int = 0) -> tuple[Path, Path]:
    """The old export (``make_export``'s profiles, as ``write_export`` writes them) and a new one with about
    ``changed`` of its profiles modified; written profile by profile, so 1,000,000 need little memory."""
    old, new = folder / f"old-{count}.json", folder / f"new-{count}.json"
    rng, changes = random.Random(seed), random.Random(seed + 1)
    gone = max(1, count // 200)
    with old.open("wb") as old_file, new.open("wb") as new_file:
        old_file.write(b"[")
        new_file.write(b"[")
        for number in range(count):
            profile = make_profile(rng, number)
            old_file.write((b"," if number else b"") + orjson.dumps(profile))
            if number < gone:
                continue  # removed in the new export
            if changes.random() < changed:
                _change(profile, changes)
            new_file.write((b"," if number > gone else b"") + orjson.dumps(profile))
        for number in range(count, count + gone):  # added
            new_file.write(b"," + orjson.dumps(make_profile(changes, number)))
        old_file.write(b"]")
        new_file.write(b"]")
    return old, new


def _change(profile: dict, rng: random.Random) -> None:
    what = rng.randrange(4)
    if what == 0:
        profile["attributes"]["LoyaltyTier"] = rng.choice(["Bronze", "Silver", "Gold", "Platinum"])
    elif what == 1:
        profile["attributes"]["Address"]["City"] = rng.choice(["Berlin", "Paris", "Wien", "Lyon"])
    elif what == 2:
        profile["totalSales"] = round(profile["totalSales"] + rng.randrange(1, 50000) / 100, 2)
    else:
        profile["audienceMemberships"] = profile["audienceMemberships"][1:] + [{"id": 34, "name": "Winback"}]


def _measure(old: Path, new: Path, what: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(old), str(new), what],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _measure_gui(old: Path, new: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", _GUI_CHILD, str(old), str(new), str(Path(__file__).resolve().parent)],
                         capture_output=True, text=True, check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench(count: int, changed: float, repeat: int, gui: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        old, new = write_pair(Path(tmp), count, changed)
        size = old.stat().st_size + new.stat().st_size
        bare = sum(min(_measure(path, path, "bare")["seconds"] for _ in range(repeat)) for path in (old, new))
        runs = [_measure(old, new, "compare") for _ in range(repeat)]
        best = min(runs, key=lambda r: r["seconds"])
        added, removed, changed_n, unchanged = best["counts"]
        print(f"{count:,} profiles, files {size / 1e6:.0f} MB together: "
              f"{added:,} added, {removed:,} removed, {changed_n:,} changed, {unchanged:,} unchanged")
        print(f"  orjson.loads of both    {bare:7.3f} s")
        print(f"  viewer.load of both     {best['load']:7.3f} s")
        print(f"  viewer.compare          {best['seconds']:7.3f} s  = {best['seconds'] / bare:.2f}x the bare parse"
              " (target <= 2x)")
        print(f"  load + compare          {best['load'] + best['seconds']:7.3f} s  = "
              f"{(best['load'] + best['seconds']) / bare:.2f}x")
        reset = "" if best["reset"] else " (peak could not be reset: includes loading)"
        print(f"  compare's added peak    {best['compare_peak'] / 1e6:7.0f} MB = {best['compare_peak'] / size:.2f}x "
              f"the files (target <= 2x){reset}")
        print(f"  process peak            {best['peak'] / 1e6:7.0f} MB = {best['peak'] / size:.2f}x the files")
        if gui:
            shown = _measure_gui(old, new)
            print(f"  window: read + compare in the worker {shown['seconds']:.3f} s, longest GUI stall meanwhile "
                  f"{shown['stall_ms']:.0f} ms, showing the result {shown['show'] * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, action="append", help="profiles per export (repeatable)")
    parser.add_argument("--changed", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gui", action="store_true", help="also: the window's worker, GUI stalls while it runs")
    args = parser.parse_args()
    for count in args.count or [100_000]:
        bench(count, args.changed, args.repeat, args.gui)


if __name__ == "__main__":
    main()
