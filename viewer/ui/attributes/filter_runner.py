"""Filtering a large attribute tree off the GUI thread, newest request wins.

Queries and the index prebuild go through a ``TaskRunner`` (kinds "filter"
and "prebuild"): a newer query (or another tree) makes the older one give up at
its next check, and only the newest result is delivered. A query does not
cancel the prebuild, whose index it needs. Workers touch plain data only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from viewer.attributes.filter import AttributeIndex, FilterCancelled, FilterResult, Query, match
from viewer.attributes.paths import ROOT_NAME
from viewer.attributes.tree import AttributeTree
from viewer.model.values import count_values
from viewer.ui.tasks import Task, TaskRunner

LARGE_TREE = 5000  # values; above this, index and filter in a background thread
PREBUILD_DELAY_MS = 150
SLOW_FILTER_MS = 250
_FILTER, _PREBUILD = "filter", "prebuild"


class TreeState:
    """One shown tree and its lazily built filter index (shared with workers)."""

    __slots__ = ("tree", "index", "lock", "large", "key")

    def __init__(self, attributes: Any, key: object, root_name: str = ROOT_NAME) -> None:
        self.tree = AttributeTree(attributes, root_name)
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
        self._request: Task | None = None  # the newest query's task
        self._tasks = TaskRunner(self)
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
        self._tasks.cancel(_PREBUILD)
        self._state = state

    def cancel(self) -> None:
        """Drop any pending result (a newer answer, or none, is on its way)."""
        self._tasks.cancel(_FILTER)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until every filter and index thread has ended (tests, shutdown); False on timeout."""
        return self._tasks.wait(timeout)

    def prebuild_soon(self) -> None:
        """Index the tree shortly, so the first keystroke finds the index ready."""
        self._prebuild.start()

    def run(self, query: Query) -> None:
        """Match ``query`` in the worker; ``resultReady`` follows unless a newer run comes."""
        state = self._state
        # The index build stops only for another tree: the next keystroke needs it too.
        # (set_state cancels this task then, so its FilterCancelled is dropped.)
        request = self._request = self._tasks.submit(
            _FILTER, _filter, state, lambda: self._state is not state, query, on_result=self.resultReady.emit
        )
        # Say so only when a result is slow to come (the first query waits for the index).
        QTimer.singleShot(SLOW_FILTER_MS, self, lambda: self._check_delayed(request))

    @Slot()
    def _prebuild_index(self) -> None:
        if self._state.index is None:
            self._tasks.submit(_PREBUILD, _index_tree, self._state)

    def _check_delayed(self, request: Task) -> None:
        if request is self._request and self._tasks.is_busy(_FILTER):
            self.resultDelayed.emit()


def _filter(task: Task, state: TreeState, other_tree: Callable[[], bool], query: Query) -> FilterResult:
    """Runs in a worker thread: plain data only."""
    return match(state.ensure_index(other_tree), query, task.cancelled)


def _index_tree(task: Task, state: TreeState) -> None:
    """Runs in a worker thread: plain data only."""
    try:
        state.ensure_index(task.cancelled)
    except FilterCancelled:  # another tree is shown; the task is cancelled, nothing to report
        pass
