"""Benchmark the main window on a 100,000-profile export (offscreen).

    python tests/benchmarks/bench_window.py [EXPORT.json] [--profiles N]

Prints: open -> fileLoaded, the longest GUI event-loop stall during the load
(a 5 ms QTimer measures the gaps), time to sort by Total sales and Last
activity, and search latency per keystroke. Targets: stall <= 100 ms, sort <=
0.5 s, keystroke <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# never touch the user's real settings (recent files, window layout)
os.environ.setdefault("AUDIENCE_VIEWER_SETTINGS", os.path.join(tempfile.mkdtemp(), "bench-settings.ini"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_stalls import GuiStalls  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.model.profile_columns import LAST_ACTIVITY, SALES  # noqa: E402
from viewer.ui.window.main_window import MainWindow  # noqa: E402


def make_file(n: int) -> Path:
    """A cached synthetic export of ``n`` profiles (the lead's generator)."""
    from make_export import write_export

    path = Path(f"/tmp/bench_window_{n}.json")
    if not path.exists():
        write_export(path, n, shape="array", seed=0)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("export", nargs="?")
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--shot", help="save a screenshot of the loaded window here")
    args = parser.parse_args()
    path = Path(args.export) if args.export else make_file(args.profiles)
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    stalls = GuiStalls(5)
    loop = QEventLoop()
    shown: list[float] = []
    window.fileLoaded.connect(lambda: shown.append(time.perf_counter()))
    window.indexBuilt.connect(loop.quit)
    window.loadFailed.connect(lambda message: (print("FAILED", message), loop.quit()))
    start = stalls.start()
    window.open_files([str(path)])
    loop.exec()
    opened = time.perf_counter() - start
    stalls.stop()
    print(f"file: {path} ({path.stat().st_size / 1e6:.0f} MB, {window.model.profile_count():,} profiles)")
    print(f"open -> fileLoaded:            {shown[0] - start:6.2f} s")
    print(f"open -> search ready:          {opened:6.2f} s")
    print(f"longest event-loop stall:      {stalls.longest_ms():6.0f} ms  (load and indexing; "
          f"ticks: {len(stalls.gaps)})")
    print(f"  five longest stalls (ms):    {', '.join(f'{g * 1000:.0f}' for g, _ in stalls.worst())}")

    for column, name in ((SALES, "Total sales"), (LAST_ACTIVITY, "Last activity")):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t0 = time.perf_counter()
            window.table.sortByColumn(column, order)
            window.table.viewport().repaint()
            word = "asc " if order == Qt.SortOrder.AscendingOrder else "desc"
            print(f"sort by {name:13} {word}:    {(time.perf_counter() - t0) * 1000:6.0f} ms")

    for query in ("ada lovelace", "name:ada", "audience:churn live", "berlin"):
        times = []
        window.search.clear()
        for n in range(1, len(query) + 1):
            t0 = time.perf_counter()
            window.search.setText(query[:n])  # what one keystroke does
            window.table.viewport().repaint()
            window.count_label.repaint()
            times.append(time.perf_counter() - t0)
        print(
            f"search {query!r:22}: max {max(times) * 1000:5.0f} ms, mean {sum(times) / len(times) * 1000:5.0f} ms"
            f" per keystroke -> {window.count_label.text()}"
        )
    window.search.clear()
    if args.shot:
        app.processEvents()
        window.grab().save(args.shot)


if __name__ == "__main__":
    main()
