"""The attribute keys of the search texts written as short codes, so that a key never matches a query.

A search text holds its keys (``"name":"ada"``), and telling a hit in a key
from a hit in a value takes one regular-expression search per profile:
50-90 ms for 100,000 profiles, where a plain substring test takes 15-60 ms.
Once every key of the export is known, each is rewritten as ``"\\x01X":``
(the first 29 keys; later ones ``"\\x01XY":``; X and Y are 0x02-0x1e: control
characters, which a typed query never holds and JSON text never holds
unescaped), and a substring test is exact again. The texts also get shorter:
for 100,000 profiles of 20 keys, 51.9 MB as written, 38.5 MB with one-character
codes (40.5 MB with two). The rewrite finds every key of 1,024 profiles at
once (``viewer.query.coded_runs``: 0.36 s for 100,000 profiles, where one
``str.replace`` per key took 1.35-1.45 s); the window runs it in the background as
soon as search works. It writes each run back into the same list as soon as it is made: making
a second list and swapping it in held both (59 MB and 48 MB of strings for
100,000 profiles). Until the last run is written the texts are mixed, which
``KeyCodes.complete`` tells the search; the runs are written in order, and the
texts before ``KeyCodes.written`` hold codes already.

Stopped (the texts not yet written keep their keys as written, and the texts
stay mixed) when a collected "key" holds a comma, colon or closing bracket:
the collecting expression then met a string that starts with a colon after a
value, and could take a value for a key.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from viewer.query import coded_runs
from viewer.reading.gc_pause import give_back_freed_memory

_UNCODED = re.compile(r'"([^"\x00\x01]*)":')  # a key not yet written as its code
_DIGITS = "".join(map(chr, range(0x02, 0x1F)))  # 29 control characters (0x1f separates the ID and owner)
_MAX = len(_DIGITS) + len(_DIGITS) ** 2  # one-character codes, then two (``"\x01X":`` never holds ``"\x01XY":``)
_STRUCTURE = re.compile(r"[,:}\]]")
RUN = 1024  # profiles per rewrite call
_REPLACES = 64  # up to this many keys, each is replaced on its own
ANSWER_FIRST = 0.1  # seconds a search's answer goes before the next run at most (``Turns``)
_RUNS_PER_TRIM = 16  # runs written between two ``give_back_freed_memory`` calls (about 7 MB freed each time)


class KeyCodes:
    """Key (as the search text writes it: ASCII lowercase) <-> code, for the keys met so far.

    ``complete``: every text is written with codes (until then some may hold their keys as written);
    ``written``: the texts before it hold codes.
    """

    def __init__(self) -> None:
        self.complete = False
        self.written = 0  # the texts before this one hold codes (``learn`` writes the runs in order)
        self.code: dict[str, str] = {}
        self._names: dict[str, str] = {}  # code -> the key as a person types it
        self._by_name: dict[str, list[str]] = {}

    def add(self, key: str) -> bool:
        """Give ``key`` a code; False when it cannot have one (see the module docstring), or none are left."""
        if key in self.code:
            return True
        n = len(self.code)
        if n >= _MAX or _STRUCTURE.search(key):
            return False
        base = len(_DIGITS)
        written = "\x01" + (_DIGITS[n] if n < base else _DIGITS[(n - base) // base] + _DIGITS[(n - base) % base])
        self.code[key] = written
        name = key.encode("latin-1").decode("utf-8", "replace")  # the text holds a key's UTF-8 bytes
        self._names[written] = name
        self._by_name.setdefault(name.lower(), []).append(written)
        return True

    def codes_for(self, key: str) -> list[str]:
        """The codes of every key that is ``key`` (lowercase) whatever its case."""
        return self._by_name.get(key, [])

    def name_of(self, written: str) -> str:
        """The key a decoded text's key stands for (itself when it is no code)."""
        return self._names.get(written, written)

    def rewrite_run(self, run: str) -> str | None:
        """``run`` (texts joined by NUL) with every key written as its code; None when a key cannot be."""
        fast = coded_runs.rewrite(run, self)  # every key at once (``viewer.query.coded_runs``)
        if fast is not None:
            return fast
        code = self.code

        def coded(match: re.Match[str]) -> str:
            return '"' + code[match.group(1)] + '":'

        while True:
            if len(code) <= _REPLACES:  # one C-speed replace per key: ``"key":`` is found only as a key
                for key, written in code.items():
                    run = run.replace(f'"{key}":', f'"{written}":')
            else:
                run = _UNCODED.sub(lambda match: coded(match) if match.group(1) in code else match.group(0), run)
            if run.count('":') == run.count('"\x01'):
                return run  # every key has its code
            if not all(map(self.add, _UNCODED.findall(run))):
                return None


class Turns:
    """The texts to one at a time: a search (``search()``) or a run of ``learn`` (``with turns:``).

    A lock does not queue its waiters: ``learn`` let go of it after each run
    and took it again at once, and a keystroke's search beside it waited 50-80 ms
    for runs of a few ms. So a search says it is waiting, and a run does not
    begin while one is (it sleeps on a condition meanwhile: waking every
    millisecond to look took the interpreter from the search).

    Nor does a run begin in the ``ANSWER_FIRST`` seconds after a search's turn, unless ``answer_shown()``
    says the window has shown its answer sooner: a run is one C call of several milliseconds that holds the
    interpreter, and the GUI thread, which must have it to take the answer, fill the list and paint it,
    waited behind the run that began the moment the search let go. Measured in the window on 100,000
    profiles while the codes were being written, ``Name:a`` went from its search's end to the list
    showing its answer in 24 ms (its keystroke: 134 ms); with the wait, in 6-14 ms (keystroke 91-110 ms,
    four runs).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        # guards ``_waiting`` and ``_answering``; told when no search waits any more, and when an answer shows
        self._quiet = threading.Condition()
        self._waiting = 0  # searches waiting for their turn
        self._answering = 0.0  # ``time.monotonic()`` until which the last search's answer goes first ...
        self._answerer: threading.Thread | None = None  # ... unless the run is written in that search's thread

    @contextmanager
    def search(self) -> Iterator[None]:
        """A search's turn: it waits for the run being written, at most."""
        with self._quiet:
            self._waiting += 1
        try:
            self._lock.acquire()
        finally:
            with self._quiet:
                self._waiting -= 1
                if not self._waiting:
                    self._quiet.notify_all()
        try:
            yield
        finally:
            with self._quiet:
                self._answering, self._answerer = time.monotonic() + ANSWER_FIRST, threading.current_thread()
            self._lock.release()

    def answer_shown(self) -> None:
        """The window shows the last search's answer: the runs may go on."""
        with self._quiet:
            self._answering = 0.0
            self._quiet.notify_all()

    def __enter__(self) -> None:
        while True:
            with self._quiet:
                while not self._may_run(wait=True):
                    pass
            self._lock.acquire()
            with self._quiet:  # a search that had the lock meanwhile has ended: its answer goes first too
                if self._may_run(wait=False):
                    return
            self._lock.release()

    def _may_run(self, wait: bool) -> bool:
        """Whether a run may begin (called holding ``_quiet``): no search waits, and no answer goes first;
        ``wait``: if not, sleep until a search stops waiting, or the answer's time is up or it is shown."""
        if self._waiting:
            if wait:
                self._quiet.wait()  # (told when no search waits any more)
            return False
        left = self._answering - time.monotonic()
        if left <= 0 or self._answerer is threading.current_thread():
            return True
        if wait:
            self._quiet.wait(left)  # (told by ``answer_shown``)
        return False

    def __exit__(self, *_: object) -> None:
        self._lock.release()


def learn(texts: list[str], codes: KeyCodes, poll: Callable[[], None],
          turns: AbstractContextManager[object] = nullcontext()) -> bool:
    """Write every key of ``texts`` as its code, in place, a run at a time; False: not safe, or too many keys
    (the runs written so far keep their codes, the rest their keys as written).

    Keys are learnt as they are met: only a run that holds a key not met
    before is searched for keys (most exports use the same few keys in every
    profile). ``codes.complete`` is set once the last run is written. A call after one that stopped goes
    on from ``codes.written`` (the runs before it hold codes already).
    """
    for first in range(codes.written, len(texts), RUN):
        poll()
        with turns:  # (held by a search meanwhile: one that began before a code was learnt missed its runs)
            run = codes.rewrite_run("\x00".join(texts[first:first + RUN]))
            if run is None:
                return False
            texts[first:first + RUN] = run.split("\x00")  # the run as written goes at once
            codes.written = max(codes.written, min(first + RUN, len(texts)))
        if first // RUN % _RUNS_PER_TRIM == _RUNS_PER_TRIM - 1:
            give_back_freed_memory()
    codes.complete = True
    give_back_freed_memory()
    return True
