"""Pausing CPython's cyclic garbage collector while long-lived data is built, and handing freed memory back.

The pause is counted across threads: the loader and the search-index build
(two threads) may overlap in any order. The first pause disables the
collector, the last resume re-enables it if it was enabled at the first pause,
so no interleaving of starts and ends, and no exception or ``LoadCancelled``
inside a pause, leaves the collector off once every pause has ended.
"""

from __future__ import annotations

import ctypes
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_pauses = 0  # pauses running now, in every thread
_was_enabled = False  # whether the collector ran when the first of them began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector, then freeze what was built out of its reach.

    On CPython 3.11 the collector runs during allocation-heavy C calls and
    triples the cost of building millions of objects. Without the freeze, the
    first collection afterwards would walk every object just built (about
    0.3 s per 100,000 profiles). Profiles never form cycles, so nothing is lost.
    """
    _pause()
    try:
        yield
    finally:
        _resume()


def pauses() -> int:
    """How many pauses are running now (in every thread)."""
    return _pauses


def _pause() -> None:
    global _pauses, _was_enabled
    with _LOCK:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1


def _resume() -> None:
    global _pauses
    with _LOCK:
        gc.freeze()
        _pauses -= 1
        if _pauses == 0 and _was_enabled:
            gc.enable()


def _trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim  # glibc
        return trim
    except (OSError, TypeError, AttributeError):  # another C library: nothing to call
        return None


_MALLOC_TRIM = _trim()


def give_back_freed_memory() -> None:
    """Hand the free pages of the C heap back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    Pages freed by big temporary lists and strings stay with the process: for
    100,000 profiles the key rewrite grew it by 46 MB while the texts shrank by
    13 MB, and a few searches and sorts left 43 MB more. This call (1-5 ms)
    handed those pages back.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
