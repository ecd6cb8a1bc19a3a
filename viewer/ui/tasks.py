"""Running plain functions off the GUI thread; only the newest request of a kind counts.

``TaskRunner.submit(kind, fn, *args, on_result=..., on_error=..., on_progress=...)``
calls ``fn(task, *args)`` in a worker thread. ``task`` is a small handle with no
Qt in it: ``task.cancelled()`` says the result is no longer wanted, so long work
can stop early, ``task.progress(done, total)`` reports progress and
``task.partial(value)`` hands over a first part of the result early (the first
profiles of a big file, to show while the rest is read). The result,
the error or the progress comes back on the GUI thread through one queued
signal of the runner (a QObject living in the GUI thread), and the callbacks run
there; the function itself touches plain data only.

The rules, per kind (a string naming one stream of requests, "search", "sort"):

- A newer request supersedes the older one: the older one's ``cancelled()``
  turns true, and anything it still delivers is dropped.
- At most one worker thread per kind runs at a time. A request that arrives
  while one runs waits, and a newer one replaces it before it ever starts: ten
  keystrokes typed during a slow search run at most two searches, not ten.
- Progress is sent at most every ``PROGRESS_INTERVAL`` seconds, so a worker
  reporting every row does not flood the GUI thread with queued events.
- An error goes to ``on_error``; without one it is handed to ``sys.excepthook``
  on the GUI thread, never silently lost.

Workers are plain daemon ``threading.Thread`` s: the work is Python, so Qt's
thread pool buys nothing, and a daemon thread never holds up quitting.

A busy Python worker costs the GUI thread more than CPU time: each of the
hundreds of short Python calls a view makes while painting a Python model has
to win the GIL back, waiting up to one switch interval (5 ms) apiece, and one
repaint becomes a second-long freeze. Long work should therefore sleep briefly
between steps (3 ms in the export loader; with the indexing also waiting for
the first paint, the worst stall measured during a load went from about a
second to 80-84 ms). That yielding belongs to the work, not to this runner,
which cannot know where a step ends: see ``viewer.ui.window.loading``. Work the
person waits for (the load, the indexing) yields only while the window is busy
(``Pacer(while_busy=True)``, ``viewer.ui.gui_clock``): sleeping on a schedule
cost a load of 100,000 profiles 0.36-0.41 s of its wall time beyond its CPU
time, yielding while busy 0.20-0.26 s, and the worst stalls stayed the same
(61-109 ms against 65-93 ms, three runs each).
What the runner does own is how often the interpreter hands the GIL over:
every 0.5 ms (``handoffs.SWITCH_INTERVAL``) instead of 5 ms once a runner exists, so
each of those waits is ten times shorter. Opening 100,000 profiles on a
machine whose two cores were busy with other work, the worst stall was
256-542 ms with 5 ms and 136-284 ms with 0.5 ms (three runs each), and search
was ready as soon.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

from viewer.reading.handoffs import quick_for_good
from viewer.ui.gui_clock import gui_busy, worker_ended, worker_started

T = TypeVar("T")

PROGRESS_INTERVAL = 0.05  # seconds: at most 20 progress events a second per task

_RESULT, _ERROR, _PROGRESS, _PARTIAL = range(4)
HOLD_AFTER_INPUT = 0.4  # seconds background work stands aside after a keystroke or a click

YIELD_SECONDS = 0.003
WORK_BETWEEN_YIELDS = 0.02  # seconds of work between two pauses for the GUI: it waits at most that long
BUSY_WAIT = 0.1  # seconds a ``while_busy`` pacer stands aside for a busy window at most, each time
_held_until = 0.0  # time.monotonic() until which paced background work waits (one float: atomic to set)


def hold_background(seconds: float = HOLD_AFTER_INPUT) -> None:
    """Ask paced background work (reading, indexing, late checks) to stand aside for ``seconds``.

    Called for each keystroke in the search: the search then has the
    interpreter to itself. Beside the late checks of a big file a keystroke's
    search took 0.3-0.5 s, against 40-80 ms alone.
    """
    global _held_until
    _held_until = max(_held_until, time.monotonic() + seconds)


SELECTION_HOLD = 0.1  # seconds the key coding stands aside after a profile is selected (handler and paint)
_selection_until = 0.0  # time.monotonic() until which ``wait_while_selecting`` waits


def hold_for_selection(seconds: float = SELECTION_HOLD) -> None:
    """Ask work that must not stand aside for typing (the search's key coding) to pause while a selection paints.

    Measured in the window on 100,000 profiles: beside the unpaced key coding a
    selection took 73-88 ms (median), against 34-38 ms alone, most of it the GUI
    thread waiting for the interpreter. Holding the coding for every keystroke
    as well left it 60 % done after 45 keystrokes, so the two holds are apart.
    """
    global _selection_until
    _selection_until = max(_selection_until, time.monotonic() + seconds)


def wait_while_selecting(sleep: Callable[[float], object] = time.sleep, limit: float = 1.0) -> None:
    """Where the key coding may pause: wait while a selection is shown (never longer than ``limit`` seconds)."""
    give_up = time.monotonic() + limit
    while (now := time.monotonic()) < _selection_until and now < give_up:
        sleep(min(_selection_until - now, 0.02))


def wait_while_held(sleep: Callable[[float], object] = time.sleep, limit: float = 5.0) -> None:
    """Where background work may pause: wait while the person is typing (never longer than ``limit`` seconds)."""
    give_up = time.monotonic() + limit
    while (now := time.monotonic()) < _held_until and now < give_up:
        sleep(min(_held_until - now, 0.05))


class Pacer:
    """Lets the GUI thread run its Python callbacks without waiting for the GIL: call it between steps.

    A view painting a Python model makes hundreds of short calls into Python,
    and each has to win the GIL back from a busy worker: up to one switch
    interval (5 ms) apiece, which turns one repaint into a second-long freeze.
    After each ``work`` seconds of steps the worker sleeps ``pause`` seconds,
    giving the GUI whole windows of uncontended time. Pausing after every step
    instead cost a load of 100,000 profiles 0.28 s and their indexing 0.6 s.
    """

    def __init__(self, work: float = WORK_BETWEEN_YIELDS, pause: float = YIELD_SECONDS,
                 after_input: bool = False, while_busy: bool = False) -> None:
        self._work, self._pause = work, pause
        self._after_input = after_input  # also wait while the person types (``hold_background``)
        # only while the window is busy (``viewer.ui.gui_clock``), and then until it is done (at most
        # ``BUSY_WAIT``): an idle window needs no pauses, a busy one needs the interpreter to itself
        self._while_busy = while_busy
        self._since = time.perf_counter()

    def __call__(self) -> None:
        if time.perf_counter() - self._since >= self._work:
            if not self._while_busy:
                time.sleep(self._pause)
            elif gui_busy():
                give_up = time.perf_counter() + BUSY_WAIT
                time.sleep(self._pause)
                while gui_busy() and time.perf_counter() < give_up:
                    time.sleep(self._pause)
            if self._after_input:
                wait_while_held()  # a keystroke's search goes first
            self._since = time.perf_counter()


class Task:
    """What the function gets: ``cancelled()`` to stop early, ``progress(done, total)`` to report."""

    __slots__ = ("_args", "_fn", "_last", "_on_error", "_on_partial", "_on_progress", "_on_result", "_post", "_stop",
                 "kind")

    def __init__(
        self,
        kind: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        post: Callable[[tuple[Task, int, Any]], None],
        on_result: Callable[[Any], object] | None,
        on_error: Callable[[BaseException], object] | None,
        on_progress: Callable[[int, int], object] | None,
        on_partial: Callable[[Any], object] | None = None,
    ) -> None:
        self.kind = kind
        self._fn, self._args, self._post = fn, args, post
        self._on_result, self._on_error, self._on_progress = on_result, on_error, on_progress
        self._on_partial = on_partial
        self._stop = threading.Event()
        self._last = float("-inf")

    def cancelled(self) -> bool:
        """Whether a newer request of the same kind, or ``cancel``, has made this one unwanted."""
        return self._stop.is_set()

    def pause(self, seconds: float) -> bool:
        """Sleep ``seconds`` (without polling: no GIL traffic), waking early when cancelled; True if so."""
        return self._stop.wait(seconds)

    def progress(self, done: int, total: int, *, force: bool = False) -> None:
        """Report progress; calls closer together than ``PROGRESS_INTERVAL`` are dropped unless ``force``."""
        if self._on_progress is None or self._stop.is_set():
            return
        now = time.monotonic()
        if force or now - self._last >= PROGRESS_INTERVAL:
            self._last = now
            self._post((self, _PROGRESS, (done, total)))

    def partial(self, value: Any) -> None:
        """Hand ``value`` (plain data the worker no longer changes) to ``on_partial`` on the GUI thread."""
        if self._on_partial is not None and not self._stop.is_set():
            self._post((self, _PARTIAL, value))

    def _run(self) -> None:
        """Runs in the worker thread."""
        try:
            outcome: tuple[Task, int, Any] = (self, _RESULT, self._fn(self, *self._args))
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
            outcome = (self, _ERROR, exc)
        if not self._stop.is_set():
            self._post(outcome)


BACKGROUND_WORK = 0.01  # seconds of work nobody waits for between two pauses twice as long


def paced_cancel(task: Task) -> Callable[[], bool]:
    """For work nobody waits for (late checks, reading ahead): call it between steps, as ``cancelled()``.

    The work then takes a third of the interpreter at most, so sorting and searching keep their speed
    (at an even share a sort of 100,000 profiles took twice as long), and stands aside while the person
    types (``hold_background``); it returns whether ``task`` was cancelled.
    """
    pace = Pacer(BACKGROUND_WORK, 2 * BACKGROUND_WORK, after_input=True)

    def cancelled() -> bool:
        pace()
        return task.cancelled()

    return cancelled


class _Kind:
    """The requests of one kind: the newest (running or waiting), the waiting one, the worker."""

    __slots__ = ("newest", "pending", "thread")

    def __init__(self) -> None:
        self.newest: Task | None = None  # cleared once delivered or cancelled
        self.pending: Task | None = None  # submitted, not started yet
        self.thread: threading.Thread | None = None


class TaskRunner(QObject):
    """Runs functions in worker threads, one thread per kind, newest request wins.

    Create it in (and call it from) the GUI thread, as a child of the object
    whose work it runs: when that object goes, so do the callbacks.
    """

    _posted = Signal(object)  # (task, what, payload), emitted by workers, delivered queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        quick_for_good()  # the GUI thread waits shorter for the GIL (see above)
        self._lock = threading.Lock()
        self._kinds: dict[str, _Kind] = {}
        self._threads: list[threading.Thread] = []  # running or winding down, for wait()
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def submit(
        self,
        kind: str,
        fn: Callable[..., T],
        *args: Any,
        on_result: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        on_progress: Callable[[int, int], object] | None = None,
        on_partial: Callable[[Any], object] | None = None,
    ) -> Task:
        """Run ``fn(task, *args)`` in the worker of ``kind``, superseding that kind's older request."""
        task = Task(kind, fn, args, self._post, on_result, on_error, on_progress, on_partial)
        with self._lock:
            state = self._kinds.setdefault(kind, _Kind())
            if state.newest is not None:
                state.newest._stop.set()
            state.newest = state.pending = task  # a request still waiting is replaced, never run
            if state.thread is None:  # decided under the lock: a finishing worker cannot slip away
                state.thread = threading.Thread(target=self._work, args=(state,), name=f"task-{kind}", daemon=True)
                self._threads = [t for t in self._threads if t.is_alive()] + [state.thread]
                worker_started()
                state.thread.start()
        return task

    def cancel(self, kind: str) -> None:
        """Drop the request of ``kind``: it is told to stop, and nothing of it is delivered."""
        with self._lock:
            state = self._kinds.get(kind)
            if state is not None and state.newest is not None:
                state.newest._stop.set()
                state.newest = state.pending = None

    def is_busy(self, kind: str) -> bool:
        """Whether a request of ``kind`` is waiting, running, or has its outcome on the way."""
        with self._lock:
            state = self._kinds.get(kind)
            return state is not None and state.newest is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every worker thread, cancelled ones included, has ended; False on timeout.

        For tests and shutdown: the outcomes are still delivered by the event loop afterwards.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            return not self._threads

    def _work(self, state: _Kind) -> None:
        """A worker thread: runs the kind's waiting request until there is none."""
        try:
            while True:
                with self._lock:
                    task, state.pending = state.pending, None
                    if task is None:
                        state.thread = None
                        return
                if not task.cancelled():
                    task._run()
        finally:
            worker_ended()

    def _post(self, message: tuple[Task, int, Any]) -> None:
        """Called in a worker thread: queue ``message`` for the GUI thread."""
        try:
            self._posted.emit(message)
        except RuntimeError:  # the runner is gone (shutdown): nobody is waiting for this
            pass

    @Slot(object)
    def _deliver(self, message: tuple[Task, int, Any]) -> None:
        task, what, payload = message
        if task.cancelled():
            return  # superseded or cancelled after it was sent
        if what == _PROGRESS:
            if task._on_progress is not None:
                task._on_progress(*payload)
            return
        if what == _PARTIAL:
            if task._on_partial is not None:
                task._on_partial(payload)
            return
        with self._lock:
            state = self._kinds.get(task.kind)
            if state is not None and state.newest is task:
                state.newest = None
        if what == _RESULT:
            if task._on_result is not None:
                task._on_result(payload)
        elif task._on_error is not None:
            task._on_error(payload)
        else:
            sys.excepthook(type(payload), payload, payload.__traceback__)
