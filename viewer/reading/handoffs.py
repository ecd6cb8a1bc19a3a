"""How often the interpreter hands the GIL between threads while a file is read.

A streamed file is read on a second thread (``ndjson_stream``, ``array_stream``):
``os.pread`` and numpy's scans let go of the interpreter there, and each time
the reading thread must get it back from the decoding thread, which keeps it
for a whole switch interval (Python's default: 5 ms). Finding the line ends of
a 32 MiB chunk of NDJSON takes a few dozen such handoffs, so with 5 ms the
decoding waited for its next chunk 24-28 ms per 100,000 profiles (87 MB); with
0.5 ms, 12-15 ms, and the load took 0.397 s instead of 0.424 s (medians of
seven fresh processes, alternating). A streamed array, whose reading thread
needs few handoffs, took the same time either way (0.433 s against 0.441 s).
The window's task runner sets the same 0.5 ms for as long as it lives
(``viewer.ui.tasks``); a script's ``viewer.load`` gets it for the length of the load.

Counted across threads like the collector's pause (``gc_pause``): the first
load to start lowers the interval, the last to end puts back what was set
before, unless the interval was changed meanwhile or is kept short for good
(``quick_for_good``, the task runner's).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_INTERVAL = 0.0005  # seconds a thread keeps the GIL while another waits for it

_LOCK = threading.Lock()
_quickened = 0  # loads running now, in every thread
_before: float | None = None  # the interval when the first of them began (None: nothing to put back)


def quick_for_good() -> None:
    """Hand the GIL over every ``SWITCH_INTERVAL`` from now on (if it is longer now); no load puts it back."""
    global _before
    with _LOCK:
        if sys.getswitchinterval() > SWITCH_INTERVAL:
            sys.setswitchinterval(SWITCH_INTERVAL)
        _before = None


@contextmanager
def quick_handoffs() -> Iterator[None]:
    """Hand the GIL over every ``SWITCH_INTERVAL`` while the block runs (if it is longer now)."""
    global _quickened, _before
    with _LOCK:
        if _quickened == 0:
            now = sys.getswitchinterval()
            _before = now if now > SWITCH_INTERVAL else None
            if _before is not None:
                sys.setswitchinterval(SWITCH_INTERVAL)
        _quickened += 1
    try:
        yield
    finally:
        with _LOCK:
            _quickened -= 1
            if _quickened == 0:
                # (the interval reads back rounded to the microsecond)
                if _before is not None and abs(sys.getswitchinterval() - SWITCH_INTERVAL) < 1e-6:
                    sys.setswitchinterval(_before)
                _before = None
