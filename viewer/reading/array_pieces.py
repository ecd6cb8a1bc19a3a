"""Parsing big JSON arrays in short pieces.

orjson holds the GIL for a whole call, so one ``loads`` of 100 MB freezes every
other thread for a second or more. Here an array is cut at candidate element
boundaries (``}`` ``,`` ``{``) into pieces of about a megabyte; a piece that
parses as ``[piece]`` is proven to end on a top-level boundary (a cut inside a
string or a nested value leaves it unbalanced), so no byte is scanned in
Python. The same machinery keeps what is readable before a truncation or a
syntax error, resynchronises after one, and skips values nested too deeply.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from viewer.reading.exact_numbers import byte_position, loads, long_number_offsets, skip_space, skip_value

PIECE_BYTES = 1 << 20
MAX_FAILURES = 50
RESYNC_TRIES = 200
RESYNC_WINDOW = 256 << 10

_WS = rb"[ \t\n\r]*"  # JSON's white space: a cut never swallows a form feed
_SPLIT = re.compile(rb"\}" + _WS + rb"," + _WS + rb"(?=\{)")
# Where salvage may cut before damage: after any "}" (with its ","), so the last
# complete element is kept even when no "{" follows (truncated after "},").
_CUT = re.compile(rb"\}" + _WS + rb"(?:," + _WS + rb")?")
_KEY = rb'"(?:[^"\\\n]|\\.){1,100}"'
_SCALAR = rb'(?:[^{}\[\],"]{1,100}|"(?:[^"\\\n]|\\.){0,200}")'
_FIRST_KEYS = re.compile(rb"\{\s*(" + _KEY + rb")\s*:\s*" + _SCALAR + rb"\s*,\s*(" + _KEY + rb")\s*:")


@dataclass(slots=True)
class Failure:
    """Bytes that could not be read: where (absolute offset), why, and how much was lost."""

    offset: int
    message: str
    kind: str  # "syntax", "truncated", "depth", "trailing"


@dataclass(slots=True)
class Piece:
    """Values read from one piece, and the offset where reading stopped."""

    values: list[Any]
    end: int
    failures: list[Failure] = field(default_factory=list)
    done: bool = False  # the array closed (or the data ended) within this piece


def iter_array(data: bytes | bytearray, start: int, piece_bytes: int = PIECE_BYTES,
               poll: Callable[[], None] | None = None) -> Iterator[Piece]:
    """Read the array whose ``[`` is at ``start``, one piece at a time.

    The last piece's ``end`` is the offset just past the closing ``]`` (or the
    end of the data when the array never closes). ``poll()`` is called during
    the scan for long numbers that precedes the first piece (it raises to stop).
    """
    pos = skip_space(data, start + 1)
    size = len(data)
    if pos < size and data[pos] == 0x5D:  # empty array
        yield Piece([], pos + 1, done=True)
        return
    if pos >= size:  # "[" and nothing after it: a truncated file, not an empty list
        yield Piece([], size, [Failure(size, "the file ends in the middle of a value", "truncated")], done=True)
        return
    failures = 0
    split = _element_split(data, pos)
    long_numbers = long_number_offsets(data, poll)
    while pos < size:
        piece = _next_piece(data, pos, piece_bytes, split, long_numbers)
        yield piece
        failures += len(piece.failures)
        if piece.done or piece.end >= size:
            return
        if failures >= MAX_FAILURES:
            message = "too many errors: the rest of the file was not read"
            yield Piece([], size, [Failure(piece.end, message, "syntax")], done=True)
            return
        pos = piece.end


def _element_split(data: bytes | bytearray, pos: int) -> re.Pattern[bytes]:
    """A split pattern that also matches the first two keys of the array's first element.

    Elements written by one serializer share their key order, while nested
    objects (audience memberships, attribute lists) rarely start with the same
    two keys, so most candidate cuts are right the first time.
    """
    keys = _FIRST_KEYS.match(data, pos)
    if keys is None:
        return _SPLIT
    first, second = (re.escape(k) for k in keys.groups())
    return re.compile(rb"\}" + _WS + rb"," + _WS + rb"(?=\{" + _WS + first + _WS + rb":" + _WS + _SCALAR + _WS
                      + rb"," + _WS + second + _WS + rb":)")


def _parse_span(data: bytes | bytearray, pos: int, end: int, exact: bool) -> list[Any]:
    """The elements between ``pos`` and ``end`` parsed as one array.

    A bytearray (a file's own buffer) is parsed in place: the separators just
    outside the span become brackets for the call and are put back after,
    which saves copying every megabyte. Raises ``SpanError`` with the byte
    offset of a failure within the span.
    """
    parse: Callable[[bytes | memoryview], list[Any]] = _exact_or_orjson if exact else orjson.loads
    if isinstance(data, bytearray) and pos > 0 and end < len(data):
        before, after = data[pos - 1], data[end]
        data[pos - 1], data[end] = 0x5B, 0x5D
        view = memoryview(data)[pos - 1:end + 1]
        try:
            return parse(view)
        except orjson.JSONDecodeError as exc:
            raise SpanError(byte_position(bytes(view), exc) - 1, str(exc)) from None
        finally:
            view.release()
            data[pos - 1], data[end] = before, after
    document = b"".join((b"[", memoryview(data)[pos:end], b"]"))
    try:
        return parse(document)
    except orjson.JSONDecodeError as exc:
        raise SpanError(byte_position(document, exc) - 1, str(exc)) from None


class SpanError(Exception):
    """A span did not parse: ``at`` is the byte offset within the span (``end - pos`` = just past it)."""

    def __init__(self, at: int, message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


def _exact_or_orjson(document: Any) -> Any:
    return loads(bytes(document))


def _next_piece(data: bytes | bytearray, pos: int, piece_bytes: int, split: re.Pattern[bytes] = _SPLIT,
                long_numbers: list[int] | None = None) -> Piece:
    """Parse from ``pos`` (the first byte of an element) to a proven boundary."""
    size = len(data)
    reach = piece_bytes
    if long_numbers is None:
        long_numbers = long_number_offsets(data)
    while pos + reach < size:
        cut = split.search(data, pos + reach, min(size, pos + 4 * reach))
        if cut is None:
            cut = _SPLIT.search(data, pos + reach)  # elements with other key orders
        if cut is None:
            break
        end = cut.start() + 1
        exact = bisect_left(long_numbers, end) > bisect_left(long_numbers, pos)
        try:
            values = _parse_span(data, pos, end, exact)
        except SpanError as exc:
            if exc.at >= end - pos:
                reach *= 2  # the cut fell inside a string or nested value: look further on
                continue
            return _salvage(data, pos, pos + exc.at, exc.message, split)
        return Piece(values, cut.end())
    # the rest of the array, up to and including its "]"
    document = b"[" + data[pos:]
    try:
        return Piece(loads(document), size, done=True)
    except orjson.JSONDecodeError as exc:
        offset = pos + byte_position(document, exc) - 1
        if str(exc).startswith(("unexpected content after document", "trailing characters")):
            return Piece(loads(b"[" + data[pos:offset]), offset, done=True)
        return _salvage(data, pos, offset, str(exc), split)


def _salvage(
    data: bytes | bytearray, pos: int, error_at: int, message: str, split: re.Pattern[bytes] = _SPLIT
) -> Piece:
    """Keep the elements before an error, then step past the damage."""
    values: list[Any] = []
    resume = pos
    for cut in reversed(list(_CUT.finditer(data, pos, error_at))):
        try:
            values = loads(b"[" + data[pos:cut.start() + 1] + b"]")
        except orjson.JSONDecodeError:
            continue
        resume = cut.end()
        break
    kind = _kind(message, data, error_at)
    text = message.split(": line ")[0]
    if kind == "depth":
        end = skip_value(data, resume)
        after = skip_space(data, end)
        failure = Failure(error_at, "nested more than 1024 levels deep", kind)
        if after < len(data) and data[after] == 0x2C:  # ","
            return Piece(values, skip_space(data, after + 1), [failure])
        if after < len(data) and data[after] == 0x5D:
            return Piece(values, after + 1, [failure], done=True)
        return Piece(values, len(data), [failure], done=True)
    if kind == "truncated":
        return Piece(values, len(data), [Failure(error_at, "the file ends in the middle of a value", kind)], done=True)
    failure = Failure(error_at, text, kind)
    return Piece(values, _resync(data, resume, error_at, split), [failure])


def _resync(data: bytes | bytearray, damaged: int, error_at: int, split: re.Pattern[bytes]) -> int:
    """Where the first whole element after damage starts (``len(data)`` if none).

    A "},{" after the damage may sit inside the damaged element's nested lists
    or inside a string; resuming there would read fragments as profiles (or end
    the array early). In order of trust: the array's own element signature
    (its first two keys), then the end of the damaged element with brackets and
    strings counted from its start at ``damaged`` (right unless the damage broke
    the quotes, hence a small window), then any "},{". A candidate counts only
    when a whole object parses from it.
    """
    if split is not _SPLIT:
        found = _first_element(data, split, error_at)
        if found is not None:
            return found
    if data[damaged:damaged + 1] in (b"{", b"["):
        window = data[:damaged + RESYNC_WINDOW]  # the scan runs in Python: keep it short
        after = skip_space(window, skip_value(window, damaged))
        if after > error_at and window[after:after + 1] == b",":
            start = skip_space(data, after + 1)
            if _element_at(data, start):
                return start
    found = _first_element(data, _SPLIT, error_at)
    if found is not None:
        return found
    again = _SPLIT.search(data, error_at)
    return again.end() if again else len(data)


def _first_element(data: bytes | bytearray, pattern: re.Pattern[bytes], error_at: int) -> int | None:
    for tried, cut in enumerate(pattern.finditer(data, error_at)):
        if tried >= RESYNC_TRIES:
            return None
        if _element_at(data, cut.end()):
            return cut.end()
    return None


def _element_at(data: bytes | bytearray, start: int) -> bool:
    """Whether a whole JSON object starts at ``start`` (and something may follow it).

    orjson reads the object and stops at what follows ("trailing characters"),
    in C and without copying: a wrong candidate fails within a few bytes.
    """
    if data[start:start + 1] != b"{":
        return False
    with memoryview(data) as view:
        try:
            orjson.loads(view[start:])
        except orjson.JSONDecodeError as exc:
            return str(exc).startswith(("trailing characters", "unexpected content after document"))
    return True


def _kind(message: str, data: bytes | bytearray, error_at: int) -> str:
    if message.startswith("depth limit exceeded") or "recursion" in message:
        return "depth"
    if error_at >= len(data) - 1 or message.startswith("unexpected end of data") or "EOF" in message:
        return "truncated"
    return "syntax"
