"""Filtering a large attribute tree off the GUI thread, newest request wins.

Each query gets a request number; a newer one (or another tree) makes the older
worker give up at its next check, and only the newest result is delivered. The
workers touch plain data only and hand results back through a queued signal.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from viewer.model.attribute_filter import AttributeIndex, FilterCancelled, FilterResult, Query, match
from viewer.model.attribute_tree import AttributeTree, count_values

LARGE_TREE = 5000  # values; above this, index and filter in a background thread
PREBUILD_DELAY_MS = 150
SLOW_FILTER_MS = 250


class TreeState:
    """One shown tree and its lazily built filter index (shared with workers)."""

    __slots__ = ("tree", "index", "lock", "large", "key")

    def __init__(self, attributes: Any, key: object) -> None:
        self.tree = AttributeTree(attributes)
        self.index: AttributeIndex | None = None
        self.lock = threading.Lock()
        self.large = count_values(self.tree.root.value, LARGE_TREE) > LARGE_TREE
        self.key = key

    def ensure_index(self, cancelled: Any = None) -> AttributeIndex:
        """The filter index, built on first use (by whichever thread asks first)."""
        with self.lock:
            if self.index is None:
                self.index = AttributeIndex.build(self.tree, cancelled)
            return self.index


class _Bridge(QObject):
    """Lives in the GUI thread; workers emit on it, so delivery is queued."""

    finished = Signal(int, object)  # request, FilterResult | None


class FilterRunner(QObject):
    """Runs queries over the current ``TreeState`` in worker threads."""

    resultReady = Signal(object)  # FilterResult | None: the newest request's result
    resultDelayed = Signal()  # the newest request has taken SLOW_FILTER_MS so far

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = TreeState(None, None)
        self._request = 0
        self._shown_request = 0
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._on_worker_finished, Qt.ConnectionType.QueuedConnection)
        # Indexing holds the GIL in slices: start it after the first paint, not during it.
        self._prebuild = QTimer(self, singleShot=True, interval=PREBUILD_DELAY_MS)
        self._prebuild.timeout.connect(self._prebuild_index)

    @property
    def state(self) -> TreeState:
        """The tree being filtered."""
        return self._state

    def set_state(self, state: TreeState) -> None:
        """Filter ``state`` from now on; results for the old tree are dropped."""
        self.cancel()
        self._state = state

    def cancel(self) -> None:
        """Drop any pending result (a newer answer, or none, is on its way)."""
        self._request += 1

    def prebuild_soon(self) -> None:
        """Index the tree shortly, so the first keystroke finds the index ready."""
        self._prebuild.start()

    def run(self, query: Query) -> None:
        """Match ``query`` in a worker; ``resultReady`` follows unless a newer run comes."""
        self._request += 1
        request, state = self._request, self._state
        # Say so only when a result is slow to come (the first query waits for the index).
        QTimer.singleShot(SLOW_FILTER_MS, self, lambda: self._check_delayed(request))
        threading.Thread(target=self._work, args=(request, state, query), daemon=True).start()

    @Slot()
    def _prebuild_index(self) -> None:
        state = self._state
        if state.index is None:  # no request number: a newer query must not cancel it
            threading.Thread(target=self._work, args=(None, state, None), daemon=True).start()

    def _check_delayed(self, request: int) -> None:
        if request == self._request and self._shown_request != request:
            self.resultDelayed.emit()

    def _work(self, request: int | None, state: TreeState, query: Query | None) -> None:
        """Runs in a worker thread: touches no widget, only plain data."""
        try:
            index = state.ensure_index(lambda: self._state is not state)
            if query is None:
                return
            result: FilterResult | None = match(index, query, lambda: self._request != request)
            self._bridge.finished.emit(request, result)
        except (FilterCancelled, RuntimeError):  # RuntimeError: the widget is gone
            return

    @Slot(int, object)
    def _on_worker_finished(self, request: int, result: FilterResult | None) -> None:
        if request == self._request:
            self._shown_request = request
            self.resultReady.emit(result)
