"""How long the GUI thread was unavailable: the gaps between the ticks of a short QTimer.

A precise timer fires every few ms while the event loop runs; a gap much
longer than the interval is a stall a person would feel (typing, scrolling).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer


class GuiStalls:
    """Records every gap between ticks as (gap seconds, seconds since ``start`` when it ended)."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.interval_ms = interval_ms
        self.gaps: list[tuple[float, float]] = []
        self.started = self.last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)

    def start(self) -> float:
        """Start measuring anew; returns the start time (``time.perf_counter``)."""
        self.gaps = []
        self.started = self.last = time.perf_counter()
        self._timer.start(self.interval_ms)
        return self.started

    def tick(self) -> None:
        """Note the gap since the last tick (also called once more at the end)."""
        now = time.perf_counter()
        self.gaps.append((now - self.last, now - self.started))
        self.last = now

    def stop(self) -> None:
        """Stop, counting the gap up to now."""
        self.tick()
        self._timer.stop()

    def longest_ms(self, until: float | None = None) -> float:
        """The longest gap in ms (of those ending ``until`` seconds after the start, when given)."""
        gaps = [g for g, at in self.gaps if until is None or at <= until + 0.001]
        return max(gaps, default=0.0) * 1000

    def worst(self, count: int = 5) -> list[tuple[float, float]]:
        """The ``count`` longest gaps, longest first."""
        return sorted(self.gaps, reverse=True)[:count]


@dataclass
class Opening:
    """What opening files in a fresh main window measured (times are ``time.perf_counter``)."""

    window: Any
    stalls: GuiStalls
    start: float
    loaded: float | None  # fileLoaded; None when the load failed
    ready: float  # indexBuilt (or the failure)
    first: float | None = None  # the first profiles on screen: a big file's preview, else fileLoaded


def open_and_measure(paths: list[str], prepare: Callable[[GuiStalls], None] | None = None) -> Opening:
    """Open ``paths`` in a new 1400x900 ``MainWindow``, measuring stalls until search works.

    ``prepare(stalls)`` runs just before the files are opened (a stall tracer, say).
    """
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from viewer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    stalls = GuiStalls(5)
    loop = QEventLoop()
    shown: list[float] = []
    window.fileLoaded.connect(lambda: shown.append(time.perf_counter()))
    previewed: list[float] = []
    window.preview.shown.connect(lambda: previewed.append(time.perf_counter()))
    window.indexBuilt.connect(loop.quit)
    window.loadFailed.connect(lambda message: (print("FAILED", message), loop.quit()))
    if prepare is not None:
        prepare(stalls)
    start = stalls.start()
    window.open_files(paths)
    loop.exec()
    ready = time.perf_counter()
    stalls.stop()
    loaded = shown[0] if shown else None
    return Opening(window, stalls, start, loaded, ready, previewed[0] if previewed else loaded)
