"""A tick on the GUI thread while workers run, so their pacing can tell a busy window from an idle one.

Reading 100,000 profiles, the reader slept 3 ms after every 20 ms of work
so that the window's paints never waited for the interpreter: 0.15-0.2 s of a
1.5 s load, mostly while the window had nothing to do. The clock ticks every
``TICK_MS`` on the GUI thread; a tick that is late by more than ``BUSY_AFTER``
means the window is busy (painting, laying out, handling input), and only then
does paced work stand aside (``viewer.ui.tasks.Pacer``). The same ticks tell
when the window has settled after a change (``when_quiet``: some ticks in a
row, each on time). It runs only while a worker thread does or someone waits
for quiet: ``worker_started`` starts it, and it stops itself once
``worker_ended`` has been called as often and no ``when_quiet`` is waiting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Slot
from PySide6.QtWidgets import QApplication, QWidget

TICK_MS = 8
BUSY_AFTER = 0.016  # seconds since the last tick after which the GUI thread counts as busy

_lock = threading.Lock()
_workers = 0  # worker threads running (all runners together)
_last_tick = 0.0  # time.perf_counter() of the newest tick; 0.0: the clock is not running (one float: atomic)
_clock: _Clock | None = None


class _Waiter:
    """One ``when_quiet``: its callback, how many on-time ticks it still needs, when it gives up."""

    __slots__ = ("then", "ticks", "needed", "give_up")

    def __init__(self, then: Callable[[], object], ticks: int, give_up: float) -> None:
        self.then, self.ticks, self.needed, self.give_up = then, 0, ticks, give_up


class _Clock(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self.waiters: list[_Waiter] = []

    def run(self) -> None:
        global _last_tick
        if not self._timer.isActive():
            _last_tick = time.perf_counter()
            self._timer.start()

    @Slot()
    def _tick(self) -> None:
        global _last_tick
        now = time.perf_counter()
        on_time = now - _last_tick <= BUSY_AFTER
        with _lock:
            idle = _workers == 0
        _last_tick = now
        for waiter in list(self.waiters):
            waiter.ticks = waiter.ticks + 1 if on_time else 0
            if waiter.ticks >= waiter.needed or now >= waiter.give_up:
                self.waiters.remove(waiter)
                waiter.then()
        if idle and not self.waiters:
            self._timer.stop()
            _last_tick = 0.0


def _running_clock() -> _Clock | None:
    """The clock, made and started on first use (None off the GUI thread or without an application)."""
    global _clock
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return None
    if _clock is None:
        _clock = _Clock(app)
    _clock.run()
    return _clock


def worker_started() -> None:
    """A worker thread is starting (call on the GUI thread): the clock runs until every worker has ended."""
    global _workers
    with _lock:
        _workers += 1
    _running_clock()


def worker_ended() -> None:
    """A worker thread has finished its work (any thread)."""
    global _workers
    with _lock:
        _workers = max(0, _workers - 1)


def gui_busy() -> bool:
    """Whether the GUI thread is busy now: its clock's last tick is overdue (or it has no clock)."""
    last = _last_tick
    return last == 0.0 or time.perf_counter() - last > BUSY_AFTER


def when_quiet(then: Callable[[], object], ticks: int, limit: float) -> None:
    """Call ``then`` (on the GUI thread) once ``ticks`` ticks in a row came on time: what the window was just
    given has been laid out and painted, and what that set off too. At most ``limit`` seconds from now."""
    clock = _running_clock()
    if clock is None:
        then()
        return
    clock.waiters.append(_Waiter(then, ticks, time.perf_counter() + limit))


class _AfterPaint(QObject):
    """Watches ``widget`` for its next paint, then waits for quiet (``after_paint``)."""

    def __init__(self, widget: QWidget, then: Callable[[], object], ticks: int, limit: float,
                 give_up: float) -> None:
        super().__init__(widget)
        self._widget, self._ticks, self._limit = widget, ticks, limit
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(round(give_up * 1000), self, self._painted)  # a window that never paints

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._painted)  # once this paint is done
        return False

    @Slot()
    def _painted(self) -> None:
        if self._then is None:
            return
        then, self._then = self._then, None
        self._widget.removeEventFilter(self)
        self.deleteLater()
        when_quiet(then, self._ticks, self._limit)


def after_paint(widget: QWidget, then: Callable[[], object], ticks: int, limit: float,
                give_up: float = 1.0) -> None:
    """Call ``then`` once ``widget`` has painted and then ``ticks`` clock ticks came on time (``when_quiet``,
    at most ``limit`` seconds after the paint); ``give_up`` seconds without a paint count as one (a hidden
    or minimised window never paints). On a machine whose other cores were busy, the paint of a freshly
    filled list came later than ``when_quiet``'s own limit of 0.2 s, and what was to follow it came first."""
    if not widget.isVisible():
        when_quiet(then, ticks, limit)
        return
    _AfterPaint(widget, then, ticks, limit, give_up)
