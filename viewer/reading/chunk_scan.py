"""Where the lines of a streamed chunk of text are: once per chunk, not once per piece of it.

The streamed readers (``ndjson_stream``, ``array_stream``) hold a chunk of up
to 32 MiB and decode it a megabyte piece at a time. What the pieces need of
the lines (how many line ends each megabyte block holds, for ``SourceText``;
for NDJSON where each line starts and ends and whether each is one ``{...}``)
is found here for the whole chunk in a few numpy calls. Looked for per piece,
for 100,000 profiles (87 MB), it took 15 ms of counting line ends (array) and
ten numpy calls per NDJSON piece, each a chance for the reading thread to take
the interpreter for a while.

Nothing more moved to the reading thread: there every numpy call lets go of
the interpreter and must get it back from the decoding thread, which gives it
up once a switch interval (5 ms). Finding the UTF-8 runs and counting line ends
there (6-13 ms of work per 32 MiB) made the reads of the first chunks 10-40 ms
late, and the decoding waited for them.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy

# looked at this much at a time (numpy's flags: one byte a byte). Over a whole 32 MiB chunk at once the
# decoding waited for the next chunk's read 30-120 ms in all (100,000 profiles), 25-33 ms in 4 MiB steps.
SCAN_BYTES = 4 * 1024 * 1024
PIECE_BYTES = 1 << 20  # an NDJSON piece reaches to the first line end this far past its start


def find_line_breaks(chunk: bytes | bytearray | memoryview) -> numpy.ndarray[Any, Any]:
    """The offsets of the line ends (``\\n``) in ``chunk``, in order (int64).

    On the reading thread (``ndjson_stream``) or for a chunk with line ends (``line_counts``).
    """
    found = []
    with memoryview(chunk) as view:
        text = numpy.frombuffer(view, numpy.uint8)
        for start in range(0, len(text), SCAN_BYTES):
            found.append(numpy.flatnonzero(text[start:start + SCAN_BYTES] == 0x0A) + start)
        del text  # before the view is released
    return numpy.concatenate(found).astype(numpy.int64, copy=False) if found else numpy.zeros(0, numpy.int64)


def line_counts(chunk: Any, base: int, block: int,
                breaks: numpy.ndarray[Any, Any] | None = None) -> list[int]:
    """For the text from ``base`` on (``chunk``: bytes, bytearray or ``mmap``): the line ends from its start to
    the end of each ``block`` of the text it reaches into, the last entry at the chunk's end
    (``SourceText.hold``). ``breaks``: the line ends' offsets in ``chunk``, when known."""
    size = len(chunk)
    ends = list(range((base // block + 1) * block - base, size, block))
    if not ends or ends[-1] != size:
        ends.append(size)
    if breaks is None:
        if chunk.find(b"\n") < 0:  # an array written on one line, as most serializers write one: 1.3 ms per 32 MiB
            return [0] * len(ends)
        breaks = find_line_breaks(chunk)
    return numpy.searchsorted(breaks, ends).tolist()  # type: ignore[no-any-return]


def object_lines(text: numpy.ndarray[Any, Any], breaks: numpy.ndarray[Any, Any]
                 ) -> tuple[numpy.ndarray[Any, Any], numpy.ndarray[Any, Any]] | None:
    """(first byte, end) of every line of ``text`` (bytes; ``breaks``: its line ends) when each line is one
    ``{...}`` (``\\r\\n`` line ends throughout or nowhere), the end before any ``\\r``; None otherwise."""
    ends = breaks
    if not len(ends) or ends[-1] != len(text) - 1:
        ends = numpy.append(ends, len(text))  # the last line of the text has no line end
    firsts = numpy.concatenate(([0], ends[:-1] + 1))
    lasts = ends - 1
    if not bool((text[firsts] == 0x7B).all()):  # blank lines, or space before a value
        return None
    if bool((text[lasts] == 0x0D).all()):  # CRLF line ends
        ends, lasts = lasts, lasts - 1
    if not (bool((lasts >= firsts).all()) and bool((text[lasts] == 0x7D).all())):
        return None
    return firsts, ends


@dataclass(slots=True)
class LinePieces:
    """The lines of an NDJSON chunk, each one ``{...}`` value (``line_layout``), in pieces of about a megabyte.

    ``bounds[k]`` is ``(start, end, first, stop)``: piece ``k`` is ``chunk[start:end]`` and holds lines
    ``first`` to ``stop`` (indices into ``starts`` and ``ends``: the lines' spans in the whole text).
    """

    bounds: Sequence[tuple[int, int, int, int]]
    starts: array[int]
    ends: array[int]
    piece_bytes: int


def line_layout(chunk: bytes | bytearray, shift: int, breaks: numpy.ndarray[Any, Any],
                piece_bytes: int = PIECE_BYTES) -> LinePieces | None:
    """The pieces of an NDJSON chunk (the text from ``shift`` on), when every line of it is one ``{...}``
    (with ``\\r\\n`` line ends throughout or nowhere); None otherwise (then each piece is looked at alone).

    The pieces are those ``ndjson_lines.iter_lines`` cuts: each reaches to the first line end
    ``piece_bytes`` or more past its start.
    """
    size = len(chunk)
    if not size:
        return None
    with memoryview(chunk) as view:
        text = numpy.frombuffer(view, numpy.uint8)
        lines = object_lines(text, breaks)
        del text  # before the view is released
    if lines is None:
        return None
    firsts, ends = lines
    bounds: list[tuple[int, int, int, int]] = []
    start = first = 0
    while start < size:
        at = int(numpy.searchsorted(breaks, min(start + piece_bytes, size)))
        end = int(breaks[at]) + 1 if at < len(breaks) else size
        stop = at + 1 if at < len(breaks) else len(firsts)
        bounds.append((start, end, first, stop))
        start, first = end, stop
    starts, stops = array("q"), array("q")
    starts.frombytes((firsts + shift).astype(numpy.int64).tobytes())
    stops.frombytes((ends + shift).astype(numpy.int64).tobytes())
    return LinePieces(bounds, starts, stops, piece_bytes)
