"""Paced work stands aside for a busy window only: the clock on the GUI thread tells the two apart."""

from __future__ import annotations

import time

from viewer.ui import gui_clock, tasks
from viewer.ui.tasks import Pacer, TaskRunner


def _hold_the_gui_thread(seconds: float) -> None:
    """What a long paint does: the GUI thread runs without returning to its event loop."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_the_window_counts_as_busy_while_its_thread_is_held_and_idle_once_it_ticks_again(qtbot) -> None:
    gui_clock.worker_started()
    try:
        qtbot.waitUntil(lambda: not gui_clock.gui_busy(), timeout=5_000)
        _hold_the_gui_thread(3 * gui_clock.BUSY_AFTER)
        assert gui_clock.gui_busy()
        qtbot.waitUntil(lambda: not gui_clock.gui_busy(), timeout=5_000)
    finally:
        gui_clock.worker_ended()


def test_without_workers_the_clock_stops_and_pacing_is_as_careful_as_ever(qtbot) -> None:
    gui_clock.worker_started()
    gui_clock.worker_ended()
    qtbot.waitUntil(lambda: gui_clock._last_tick == 0.0, timeout=5_000)  # no wakeups while nothing runs
    assert gui_clock.gui_busy()  # no clock: a pacer cannot tell, so it pauses


def test_work_paced_while_busy_runs_without_pauses_beside_an_idle_window(qtbot, monkeypatch) -> None:
    naps: list[float] = []
    real_sleep = time.sleep

    def counted(seconds: float) -> None:
        naps.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(tasks.time, "sleep", counted)

    def steps(_task: object, while_busy: bool) -> int:
        pace = Pacer(work=0.0, while_busy=while_busy)
        for _ in range(200):
            pace()
        return len(naps)

    runner = TaskRunner()
    done: list[int] = []
    runner.submit("steps", steps, True, on_result=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert done[0] < 50  # the window was idle: (almost) every step ran on at once
    naps.clear()
    runner.submit("steps", steps, False, on_result=done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
    assert done[1] == 200  # paced on a schedule: a pause after every step


def test_what_follows_a_paint_waits_for_it_however_late_it_comes(qtbot) -> None:
    """A busy machine painted a freshly filled list after ``when_quiet``'s limit: the profile came first."""
    from PySide6.QtWidgets import QWidget

    order: list[str] = []

    class Late(QWidget):
        def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
            order.append("paint")

    widget = Late()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)
    order.clear()
    widget.setUpdatesEnabled(False)  # holds the paint back, as a busy machine did, past the 0.05 s limit
    gui_clock.after_paint(widget, lambda: order.append("then"), ticks=1, limit=0.05, give_up=5.0)
    qtbot.wait(300)
    assert order == []
    widget.setUpdatesEnabled(True)
    widget.update()
    qtbot.waitUntil(lambda: "then" in order, timeout=5_000)
    assert order[0] == "paint" and order[-1] == "then"


def test_a_hidden_widget_never_paints_and_what_follows_comes_anyway(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    called: list[bool] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    gui_clock.after_paint(widget, lambda: called.append(True), ticks=1, limit=0.05)
    qtbot.waitUntil(lambda: called == [True], timeout=2_000)
