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
from viewer.reading.gc_pause import give_back_freed_memory
from viewer.reading.load_errors import LoadCancelled
from viewer.ui.tasks import wait_while_selecting

Answer = tuple[ProfileSearchIndex, "list[int] | None", "Query | None"]


def run_search(task: object, index: ProfileSearchIndex, evaluator: Evaluator, query: Query,
               within: Sequence[int] | None) -> tuple[ProfileSearchIndex, list[int] | None, Query]:
    """The worker's part of a search: plain data in, matching indices out (stops when a newer one is asked)."""
    return index, evaluator.matches(query, getattr(task, "cancelled", None), within), query


def learn_keys(task: object, index: ProfileSearchIndex) -> None:
    """The worker's part of writing the index's keys as codes (``ProfileSearchIndex.learn_keys``), begun as
    soon as search works, so that a person who starts typing soon after is searched with plain substring tests.

    Measured in the window on 100,000 profiles: the late checks came to the keys
    only after grouping the audiences, at a third of the interpreter, and stood
    aside while the person typed, so every keystroke of a search begun within
    seconds of opening tested the keys as written (70-130 ms of the worker's time
    for ``a``, ``b``, ``name:ad``, against 15-60 ms once coded). The codes take
    0.3-0.7 s of the interpreter and are not paced: a keystroke's search goes
    before the next run of them (``key_codes.Turns``); made to stand aside while
    the window was busy, they covered only 60-65% of the profiles after the
    benchmark's 45 keystrokes, and its later searches were slower for it. Beside
    them the first sorts after opening took up to twice as long (still under 0.3 s).
    """
    cancelled = getattr(task, "cancelled", None)

    def stop() -> bool:
        wait_while_selecting()  # a profile being shown goes first (``tasks.hold_for_selection``)
        return cancelled is not None and bool(cancelled())

    try:
        index.learn_keys(stop)
    except LoadCancelled:
        pass  # another export, or the window closed: the next call goes on from here


def tidy_memory(_task: object) -> None:
    """The worker's part of handing the C heap's free pages back once the person pauses (``malloc_trim``)."""
    give_back_freed_memory()


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
