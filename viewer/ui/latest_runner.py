"""One background thread that always works on the newest request.

Typing a query into a search over a million profiles must not wait for each
keystroke's answer: requests that pile up while the worker is busy are
replaced by the newest, and only the newest request's result is delivered.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot


class _Bridge(QObject):
    """Lives in the GUI thread; the worker emits on it, so delivery is queued."""

    finished = Signal(int, object)  # request number, result


class LatestRunner(QObject):
    """Runs jobs in one worker thread; ``resultReady`` carries the newest request's result.

    A job is called as ``job(stale)``: ``stale()`` turns true once a newer
    request (or ``cancel``) has made its result unwanted, so long work can stop.
    """

    resultReady = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = 0
        self._pending: tuple[int, Callable[[Callable[[], bool]], Any]] | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def request(self) -> int:
        """The number of the newest request (0 before any)."""
        return self._request

    def submit(self, job: Callable[[Callable[[], bool]], Any]) -> int:
        """Run ``job`` soon, replacing any request that has not started yet; returns its number."""
        with self._wake:
            self._request += 1
            self._pending = (self._request, job)
            self._wake.notify()
            if self._thread is None:  # decided under the lock: an idle worker cannot slip away
                self._thread = threading.Thread(target=self._loop, name="latest-runner", daemon=True)
                self._thread.start()
            return self._request

    def cancel(self) -> None:
        """Drop the pending request and any result still on its way."""
        with self._wake:
            self._request += 1
            self._pending = None

    def _loop(self) -> None:
        while True:
            with self._wake:
                if self._pending is None and not self._wake.wait_for(lambda: self._pending is not None, 5.0):
                    self._thread = None  # idle: the thread ends, the next submit starts another
                    return
                request, job = self._pending  # type: ignore[misc]
                self._pending = None
            try:
                result = job(lambda request=request: request != self._request)
            except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, never lost
                result = exc
            try:
                self._bridge.finished.emit(request, result)
            except RuntimeError:  # the window is gone
                return

    @Slot(int, object)
    def _on_finished(self, request: int, result: object) -> None:
        if request == self._request:
            self.resultReady.emit(result)
