"""Where long work in a worker thread may stand aside: one hook per thread, called between slices (no Qt).

A pass over 1,000,000 values in one C call or comprehension (``numpy.array``
over a list, ``Counter.update``, ``sandbox.count``) has no point at which a
paced worker can pause: beside the window's charts such a pass was a
0.1-0.5 s stall of the GUI thread, which waits for the interpreter. Code that
makes such passes walks its values in slices and calls ``between_slices()``
between two of them; the worker that runs it sets what that does
(``pausing``), usually its pacing (sleep a moment, stand aside while the
person types). Without a hook set in the thread it costs nothing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

PAUSE_EVERY = 0.02  # seconds of work between two calls of the hook, at most one call per slice

_local = threading.local()  # ``between``: what this thread calls between two slices


@contextmanager
def pausing(between: Callable[[], object], every: float | None = None) -> Iterator[None]:
    """Call ``between()`` between slices in this thread, at most once per ``every`` seconds of work.

    Only the time since the last call is measured, so work that is quick
    between two slices pays nothing.
    """
    last = time.perf_counter()
    every = PAUSE_EVERY if every is None else every

    def maybe() -> None:
        nonlocal last
        now = time.perf_counter()
        if now - last >= every:
            between()
            last = time.perf_counter()

    outer = getattr(_local, "between", None)
    _local.between = maybe
    try:
        yield
    finally:
        _local.between = outer


def between_slices() -> None:
    """Where long work in this thread may pause (see ``pausing``); nothing without a hook."""
    between = getattr(_local, "between", None)
    if between is not None:
        between()
