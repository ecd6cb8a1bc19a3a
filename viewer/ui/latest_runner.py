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
    """Runs ``job()`` callables in one worker thread; ``resultReady`` carries the newest's result."""

    resultReady = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request = 0
        self._pending: tuple[int, Callable[[], Any]] | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def submit(self, job: Callable[[], Any]) -> None:
        """Run ``job`` soon, replacing any request that has not started yet."""
        with self._wake:
            self._request += 1
            self._pending = (self._request, job)
            self._wake.notify()
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._loop, name="latest-runner", daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        """Drop the pending request and any result still on its way."""
        with self._wake:
            self._request += 1
            self._pending = None

    def _loop(self) -> None:
        while True:
            with self._wake:
                if self._pending is None and not self._wake.wait_for(lambda: self._pending is not None, 5.0):
                    return  # idle: the thread ends, the next submit starts another
                request, job = self._pending  # type: ignore[misc]
                self._pending = None
            try:
                result = job()
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
