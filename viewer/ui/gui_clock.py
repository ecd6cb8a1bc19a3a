"""A tick on the GUI thread while workers run, so their pacing can tell a busy window from an idle one.

Reading 100,000 profiles, the reader slept 3 ms after every 20 ms of work
so that the window's paints never waited for the interpreter: 0.15-0.2 s of a
1.5 s load, mostly while the window had nothing to do. The clock ticks every
``TICK_MS`` on the GUI thread; a tick that is late by more than ``BUSY_AFTER``
means the window is busy (painting, laying out, handling input), and only then
does paced work stand aside (``viewer.ui.tasks.Pacer``). It runs only while a
worker thread does: ``worker_started`` starts it, and it stops itself once
``worker_ended`` has been called as often.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Slot
from PySide6.QtWidgets import QApplication

TICK_MS = 8
BUSY_AFTER = 0.016  # seconds since the last tick after which the GUI thread counts as busy

_lock = threading.Lock()
_workers = 0  # worker threads running (all runners together)
_last_tick = 0.0  # time.perf_counter() of the newest tick; 0.0: the clock is not running (one float: atomic)
_clock: _Clock | None = None


class _Clock(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    def run(self) -> None:
        global _last_tick
        if not self._timer.isActive():
            _last_tick = time.perf_counter()
            self._timer.start()

    @Slot()
    def _tick(self) -> None:
        global _last_tick
        with _lock:
            idle = _workers == 0
        if idle:
            self._timer.stop()
            _last_tick = 0.0
        else:
            _last_tick = time.perf_counter()


def worker_started() -> None:
    """A worker thread is starting (call on the GUI thread): the clock runs until every worker has ended."""
    global _clock, _workers
    with _lock:
        _workers += 1
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return
    if _clock is None:
        _clock = _Clock(app)
    _clock.run()


def worker_ended() -> None:
    """A worker thread has finished its work (any thread)."""
    global _workers
    with _lock:
        _workers = max(0, _workers - 1)


def gui_busy() -> bool:
    """Whether the GUI thread is busy now: its clock's last tick is overdue (or it has no clock)."""
    last = _last_tick
    return last == 0.0 or time.perf_counter() - last > BUSY_AFTER
