"""Filtering a large attribute tree off the GUI thread, newest request wins.

Queries go through the shared ``LatestRunner``: a newer query (or another
tree) makes the older one give up at its next check, and only the newest
result is delivered. Workers touch plain data only.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from viewer.attributes.filter import AttributeIndex, FilterCancelled, FilterResult, Query, match
from viewer.attributes.tree import AttributeTree
from viewer.model.values import count_values
from viewer.ui.latest_runner import LatestRunner

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


class FilterRunner(QObject):
    """Runs queries over the current ``TreeState`` in a worker thread, newest query wins."""

    resultReady = Signal(object)  # FilterResult | None: the newest request's result
    resultDelayed = Signal()  # the newest request has taken SLOW_FILTER_MS so far

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._state = TreeState(None, None)
        self._shown_request = 0
        self._latest = LatestRunner(self)
        self._latest.resultReady.connect(self._on_result)
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
        self._latest.cancel()

    def prebuild_soon(self) -> None:
        """Index the tree shortly, so the first keystroke finds the index ready."""
        self._prebuild.start()

    def run(self, query: Query) -> None:
        """Match ``query`` in the worker; ``resultReady`` follows unless a newer run comes."""
        state = self._state

        def job(stale: Any) -> tuple[int, FilterResult | None]:
            index = state.ensure_index(lambda: self._state is not state)
            return request, match(index, query, stale)

        request = self._latest.submit(job)
        # Say so only when a result is slow to come (the first query waits for the index).
        QTimer.singleShot(SLOW_FILTER_MS, self, lambda: self._check_delayed(request))

    @Slot()
    def _prebuild_index(self) -> None:
        state = self._state
        if state.index is None:  # not a request: a newer query must not cancel it
            threading.Thread(target=self._build, args=(state,), daemon=True).start()

    def _build(self, state: TreeState) -> None:
        """Runs in a worker thread: plain data only."""
        try:
            state.ensure_index(lambda: self._state is not state)
        except (FilterCancelled, RuntimeError):  # RuntimeError: the widget is gone
            return

    def _check_delayed(self, request: int) -> None:
        if request == self._latest.request and self._shown_request != request:
            self.resultDelayed.emit()

    @Slot(object)
    def _on_result(self, answer: object) -> None:
        if isinstance(answer, FilterCancelled):
            return  # the tree changed while indexing; a newer answer follows
        if isinstance(answer, Exception):
            raise answer
        request, result = answer  # type: ignore[misc]
        self._shown_request = request
        self.resultReady.emit(result)
