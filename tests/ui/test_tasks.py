"""TaskRunner: outcomes on the GUI thread, newest request wins, at most one worker per kind."""

from __future__ import annotations

import threading
import time

import pytest

from viewer.ui.tasks import Task, TaskRunner

TIMEOUT = 5.0  # seconds a worker may take to reach a checkpoint on a slow machine


@pytest.fixture
def runner(qtbot):
    tasks = TaskRunner()
    yield tasks
    for kind in ("a", "b", "load", "search"):
        tasks.cancel(kind)
    assert tasks.wait(10)


def held_until(gate: threading.Event, value: object = None, started: threading.Event | None = None):
    """A function that signals ``started``, then waits for ``gate`` (or its cancellation)."""

    def fn(task: Task) -> object:
        if started is not None:
            started.set()
        while not gate.wait(0.01):
            if task.cancelled():
                return "stopped"
        return value

    return fn


def test_result_is_delivered_on_the_gui_thread(qtbot, runner):
    seen: list[tuple[object, threading.Thread]] = []
    worker_threads: list[threading.Thread] = []

    def fn(task: Task, a: int, b: int) -> int:
        worker_threads.append(threading.current_thread())
        return a + b

    runner.submit("a", fn, 2, 3, on_result=lambda value: seen.append((value, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(5, threading.main_thread())]
    assert worker_threads[0] is not threading.main_thread()
    assert not runner.is_busy("a")


def test_error_goes_to_on_error(qtbot, runner):
    errors: list[tuple[BaseException, threading.Thread]] = []

    def fn(task: Task) -> None:
        raise ValueError("broken")

    runner.submit("a", fn, on_result=pytest.fail, on_error=lambda e: errors.append((e, threading.current_thread())))
    qtbot.waitUntil(lambda: bool(errors))
    error, thread = errors[0]
    assert isinstance(error, ValueError) and str(error) == "broken"
    assert thread is threading.main_thread()


def test_error_without_on_error_reaches_the_excepthook(qtbot, runner):
    def fn(task: Task) -> None:
        raise KeyError("lost?")

    with qtbot.capture_exceptions() as caught:
        runner.submit("a", fn)
        qtbot.waitUntil(lambda: bool(caught))
    assert caught[0][0] is KeyError


def test_progress_is_delivered_and_rate_limited(qtbot, runner):
    progress: list[tuple[int, int, threading.Thread]] = []
    done = threading.Event()

    def fn(task: Task) -> str:
        for n in range(10_000):  # far more calls than the 50 ms limit lets through
            task.progress(n, 10_000)
        return "done"

    runner.submit(
        "a", fn,
        on_progress=lambda d, t: progress.append((d, t, threading.current_thread())),
        on_result=lambda value: done.set(),
    )
    qtbot.waitUntil(done.is_set)
    assert progress[0] == (0, 10_000, threading.main_thread())  # the first report goes through
    assert len(progress) < 1000


def test_a_newer_request_supersedes_the_older(qtbot, runner):
    gate, started = threading.Event(), threading.Event()
    results: list[object] = []
    older = runner.submit("a", held_until(gate, "older", started), on_result=results.append)
    assert started.wait(TIMEOUT)
    newer = runner.submit("a", lambda task: "newer", on_result=results.append)
    assert older.cancelled() and not newer.cancelled()
    qtbot.waitUntil(lambda: bool(results))  # the older one stopped early, the newer ran after it
    assert results == ["newer"]


def test_a_superseded_result_already_sent_is_dropped(qtbot, runner):
    results: list[object] = []
    sent = threading.Event()
    runner.submit("a", lambda task: (sent.set(), "older")[1], on_result=results.append)
    assert runner.wait(TIMEOUT) and sent.is_set()  # its result is queued, not yet delivered
    runner.submit("a", lambda task: "newer", on_result=results.append)
    qtbot.waitUntil(lambda: bool(results))
    assert results == ["newer"]


def test_a_waiting_request_is_replaced_by_a_newer_one(qtbot, runner):
    gate, started = threading.Event(), threading.Event()
    ran: list[str] = []
    results: list[str] = []

    def search(task: Task, text: str) -> str:
        ran.append(text)
        return text

    runner.submit("search", held_until(gate, "slow", started))
    assert started.wait(TIMEOUT)
    for n in range(1, 11):  # ten keystrokes while the first search runs
        runner.submit("search", search, "x" * n, on_result=results.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(results))
    assert ran == ["x" * 10]  # with the first one: two runs, not eleven
    assert results == ["x" * 10]


def test_kinds_do_not_supersede_each_other(qtbot, runner):
    gate, started = threading.Event(), threading.Event()
    results: list[object] = []
    slow = runner.submit("a", held_until(gate, "a", started), on_result=results.append)
    assert started.wait(TIMEOUT)
    runner.submit("b", lambda task: "b", on_result=results.append)
    qtbot.waitUntil(lambda: results == ["b"])  # "b" has a worker of its own
    assert not slow.cancelled() and runner.is_busy("a")
    gate.set()
    qtbot.waitUntil(lambda: results == ["b", "a"])


def test_cancel_stops_the_request_and_drops_its_outcome(qtbot, runner):
    gate, started = threading.Event(), threading.Event()
    results: list[object] = []
    task = runner.submit("a", held_until(gate, "cancelled", started), on_result=results.append)
    assert started.wait(TIMEOUT)
    assert runner.is_busy("a")
    runner.cancel("a")
    assert task.cancelled() and not runner.is_busy("a")
    assert runner.wait(TIMEOUT)  # it noticed and stopped without the gate opening
    runner.submit("a", lambda task: "after", on_result=results.append)
    qtbot.waitUntil(lambda: bool(results))  # delivered after anything the cancelled one sent
    assert results == ["after"]


def test_wait_joins_every_thread_cancelled_ones_included(qtbot, runner):
    gate, started = threading.Event(), threading.Event()
    finished: list[str] = []

    def slow(task: Task) -> None:
        started.set()
        gate.wait(TIMEOUT)
        finished.append("slow")  # ignores cancellation: wait() must still join it

    runner.submit("a", slow)
    assert started.wait(TIMEOUT)
    runner.cancel("a")
    assert not runner.wait(0.05)  # still running: a timeout says so
    gate.set()
    assert runner.wait(TIMEOUT)
    assert finished == ["slow"]


def test_an_outcome_for_a_runner_already_deleted_is_dropped_quietly(qtbot, monkeypatch):
    # At shutdown the runner goes with its owner while a worker still runs.
    shiboken6 = pytest.importorskip("shiboken6")
    thread_errors: list[object] = []
    monkeypatch.setattr(threading, "excepthook", thread_errors.append)
    gate, started = threading.Event(), threading.Event()
    tasks = TaskRunner()
    tasks.submit("a", held_until(gate, "late", started), on_result=pytest.fail)
    assert started.wait(TIMEOUT)
    shiboken6.delete(tasks)
    gate.set()
    assert tasks.wait(TIMEOUT)  # the worker emitted on the deleted runner and ended normally
    assert thread_errors == []


def test_paced_background_work_waits_while_the_person_types(monkeypatch) -> None:
    from viewer.ui import tasks

    monkeypatch.setattr(tasks, "_held_until", 0.0)  # a keystroke of an earlier test may still hold it
    slept: list[float] = []
    tasks.wait_while_held(slept.append)
    assert slept == []  # nobody typed: no wait
    tasks.hold_background(0.3)
    tasks.wait_while_held(lambda seconds: (slept.append(seconds), time.sleep(seconds)))
    assert slept and all(0 < s <= 0.05 for s in slept)  # waited, in short naps
    assert not tasks._held_until > time.monotonic()  # and only until the hold ran out


def test_the_key_coding_waits_while_a_profile_is_shown_but_not_while_the_person_types(monkeypatch) -> None:
    from viewer.ui import tasks

    monkeypatch.setattr(tasks, "_selection_until", 0.0)
    slept: list[float] = []
    tasks.hold_background(0.3)  # a keystroke: the coding must go on, or it is not done when the search needs it
    tasks.wait_while_selecting(slept.append)
    assert slept == []
    tasks.hold_for_selection(0.2)
    tasks.wait_while_selecting(lambda seconds: (slept.append(seconds), time.sleep(seconds)))
    assert slept and all(0 < s <= 0.02 for s in slept)  # waited, in short naps
    assert not tasks._selection_until > time.monotonic()  # and only until the hold ran out


def test_a_runner_makes_the_interpreter_hand_the_gil_over_often(qtbot) -> None:
    """The GUI thread then waits at most 0.5 ms, not 5 ms, each time it needs the interpreter back from a worker."""
    import sys

    from viewer.reading.handoffs import SWITCH_INTERVAL

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        TaskRunner()
        assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL) and SWITCH_INTERVAL <= 0.0005
    finally:
        sys.setswitchinterval(before)
