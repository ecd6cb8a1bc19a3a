"""The profile search's part in a worker thread, and the list kept still while it runs.

A search over 100,000 profiles runs in a worker (``TaskRunner``, kind
"search"). A repaint of the list meanwhile (the rows of the last answer, which
the worker's answer replaces at once) is some 1,300 short calls into Python,
each waiting for the interpreter behind the worker's search: sampled in the
window (100,000 profiles), a paint of 22 ms alone took about 0.2 s beside a
search, and slowed the search too. So the list does not repaint while a
search it will show runs (``StillList``); the answer repaints it once. (The
person typing sees the last answer's rows meanwhile, as before.)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from viewer.query.evaluate import Evaluator, QueryCancelled
from viewer.query.language import Query
from viewer.query.search_index import ProfileSearchIndex

Answer = tuple[ProfileSearchIndex, "list[int] | None", "Query | None"]


def run_search(task: object, index: ProfileSearchIndex, evaluator: Evaluator, query: Query,
               within: Sequence[int] | None) -> tuple[ProfileSearchIndex, list[int] | None, Query]:
    """The worker's part of a search: plain data in, matching indices out (stops when a newer one is asked)."""
    return index, evaluator.matches(query, getattr(task, "cancelled", None), within), query


def drop_cancelled(error: BaseException) -> None:
    """A search cut short by a newer one has nothing to say; anything else is a bug to report."""
    if not isinstance(error, QueryCancelled):
        sys.excepthook(type(error), error, error.__traceback__)


class StillList:
    """Holds ``widget``'s repaints while a background search runs (``hold``), until its answer shows (``release``)."""

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget
        self._held = False

    def hold(self) -> None:
        """No repaint until ``release`` (a second ``hold`` changes nothing)."""
        if not self._held and self._widget.updatesEnabled():
            self._held = True
            self._widget.setUpdatesEnabled(False)

    def release(self) -> None:
        """Repaint as usual again (and once now, if held)."""
        if self._held:
            self._held = False
            self._widget.setUpdatesEnabled(True)

    @property
    def held(self) -> bool:
        """Whether repaints are held."""
        return self._held
