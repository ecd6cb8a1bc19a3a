"""NDJSON (JSON Lines): one value per line, found about a megabyte at a time.

Each chunk yields the byte span of every line that holds a value, not the
value: msgspec checks each line's JSON at C speed without building the
line's Python objects (the columns and profiles are decoded from the spans
later, only as far as they are needed).

With ``decode`` (the profile list's typed decode of a chunk's lines), a chunk
whose every line starts with ``{`` and ends with ``}`` is decoded in that one
call and checked by nothing else: in JSON a ``}`` is never followed by a ``{``
within one value and a string never holds a line end, so no value spans two
such lines, and as many values as lines means one value a line. Checking each
line on its own first (and splitting the chunk into a ``bytes`` per line) cost
0.15 s per 100,000 profiles, a sixth of a bare parse.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add
from typing import Any

import msgspec
import numpy
import orjson

from viewer.reading.chunk_scan import LinePieces, object_lines

CHUNK_BYTES = 1 << 20
_ONE_VALUE = msgspec.json.Decoder(msgspec.Raw).decode


@dataclass(slots=True)
class Lines:
    """The values of one chunk: byte spans and line numbers, the lines that are not JSON, and bytes done."""

    starts: Sequence[int]
    ends: Sequence[int]
    lines: Sequence[int]
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, message)
    upto: int = 0
    rows: Any = None  # (sized) what ``decode`` made of the lines, one row a line (None: not decoded)


def iter_lines(
    data: bytes | bytearray, chunk_bytes: int | None = None, poll: Callable[[], None] | None = None,
    offset: int = 0, first_line: int = 0, decode: Callable[[memoryview], Any] | None = None,
    breaks: Any = None, layout: LinePieces | None = None,
) -> Iterator[Lines]:
    """NDJSON, about a megabyte at a time (``poll`` is accepted for symmetry with the array reader).

    ``data`` may be one chunk of a longer text (``ndjson_stream``) that starts at ``offset`` after
    ``first_line`` lines: spans, line numbers and ``upto`` are then those of the whole text.
    ``decode(lines)`` returns a row per value of ``lines`` (None when one is not well formed): a chunk it
    reads whole comes with its ``rows``. ``breaks``: the offsets of every line end in ``data`` (sorted,
    numpy), when known already (``ndjson_stream`` finds them while the chunk before is decoded);
    ``layout``: its lines and pieces, when every line of ``data`` was found to be one ``{...}`` then too
    (``chunk_scan.line_layout``, for pieces of ``chunk_bytes``): each piece is then only decoded.
    """
    size = len(data)
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    if layout is not None and decode is not None and layout.piece_bytes == chunk_bytes:
        yield from _laid_out(data, layout, decode, offset, first_line)
        return
    start = 0
    line = first_line  # lines before this chunk
    while start < size:
        end = data.find(b"\n", min(start + chunk_bytes, size))
        end = size if end < 0 else end + 1
        typed = _typed(data, start, end, decode, offset, breaks) if decode is not None else None
        if typed is not None:
            count = len(typed.starts)
            typed.lines = range(line + 1, line + 1 + count)
        else:
            typed, count = _one_by_one(data, start, end, offset, line)
        line += count
        start = end
        typed.upto = start + offset
        yield typed


def _laid_out(data: bytes | bytearray, layout: LinePieces, decode: Callable[[memoryview], Any], offset: int,
              line: int) -> Iterator[Lines]:
    """The pieces of ``layout``, each decoded in one call (looked at line by line when that fails)."""
    with memoryview(data) as whole:
        for start, end, first, stop in layout.bounds:
            with whole[start:end] as view:
                rows = decode(view)
            count = stop - first
            if rows is not None and len(rows) == count:
                found = Lines(layout.starts[first:stop], layout.ends[first:stop], range(line + 1, line + 1 + count),
                              rows=rows)
            else:
                found, _ = _one_by_one(data, start, end, offset, line)
            line += count
            found.upto = end + offset
            yield found


def _one_by_one(data: bytes | bytearray, start: int, end: int, offset: int, line: int) -> tuple[Lines, int]:
    """The lines of ``data[start:end]`` (after ``line`` lines), each checked on its own; and how many lines."""
    chunk = bytes(memoryview(data)[start:end])  # one copy, split into bytes objects below
    texts = chunk.split(b"\n")
    if chunk.endswith(b"\n"):
        texts.pop()  # the empty text after the last line end belongs to no line
    lengths = list(map(len, texts))
    starts = list(accumulate((n + 1 for n in lengths[:-1]), initial=start + offset))
    kept = list(map(len, map(bytes.rstrip, texts)))  # a "\r" or spaces before the line end are not the value's
    numbers = range(line + 1, line + 1 + len(texts))
    try:
        for _ in map(_ONE_VALUE, texts):  # every line one value: the usual case, at C speed
            pass
        return Lines(starts, list(map(add, starts, kept)), list(numbers)), len(texts)
    except (msgspec.DecodeError, RecursionError):
        pass
    valid: tuple[list[int], list[int], list[int]] = ([], [], [])
    found = Lines(*valid)
    for number, text, first, length in zip(numbers, texts, starts, kept):
        if not text.strip():
            continue  # blank lines separate nothing in NDJSON
        try:
            _ONE_VALUE(text)
        except (msgspec.DecodeError, RecursionError):
            try:
                orjson.loads(text)  # its message and column; it also reads depths msgspec refuses
            except orjson.JSONDecodeError as exc:
                found.errors.append((number, exc.colno, str(exc).split(": line ")[0]))
                continue
        valid[0].append(first)
        valid[1].append(first + length)
        valid[2].append(number)
    return found, len(texts)


def _typed(data: bytes | bytearray, start: int, end: int, decode: Callable[[memoryview], Any],
           shift: int, known: Any = None) -> Lines | None:
    """The lines of ``data[start:end]`` (spans in the text: ``shift`` is where ``data`` starts) and their rows,
    when each line is one ``{...}`` value. ``known``: the offsets of the line ends in ``data``, if found.

    The line ends are found and the lines' first and last bytes looked at with numpy: for 100,000
    lines 0.04 s, half the time of a ``find`` loop and ``map`` calls over the offsets.
    """
    with memoryview(data) as whole, whole[start:end] as view:
        text = numpy.frombuffer(view, numpy.uint8)
        if known is None:
            breaks = numpy.flatnonzero(text == 0x0A)
        else:
            breaks = known[numpy.searchsorted(known, start):numpy.searchsorted(known, end)] - start
        lines = object_lines(text, breaks)  # None: blank lines, space before a value...: line by line
        del text  # before the view is released
        if lines is None:
            return None
        firsts, breaks = lines
        rows = decode(view)
    if rows is None or len(rows) != len(firsts):
        return None
    starts, ends = array("q"), array("q")
    starts.frombytes((firsts + (start + shift)).astype(numpy.int64).tobytes())
    ends.frombytes((breaks + (start + shift)).astype(numpy.int64).tobytes())
    return Lines(starts, ends, [], rows=rows)
