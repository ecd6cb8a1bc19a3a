"""Finding the elements of big JSON arrays, a short piece at a time.

A JSON parser holds the GIL for a whole call, so one call over 100 MB freezes
every other thread for a second or more. Here an array is cut at candidate
element boundaries (``}`` ``,`` ``{``) into pieces of about a megabyte; a piece
that reads as ``[piece]`` is proven to end on a top-level boundary (a cut inside
a string or a nested value leaves it unbalanced), so no byte is scanned in
Python. A piece yields the byte span of each element, not its value: msgspec's
``list[Raw]`` validates the piece and measures every element without building
one Python object per JSON value (0.04 s for 100,000 profiles, against 0.31 s
for orjson building them), and the offsets follow from those lengths and the
separator between elements, which one serializer writes the same every time.
The same machinery keeps what is readable before a truncation or a syntax
error, resynchronises after one, and skips values nested too deeply.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add
from typing import Any

import msgspec
import orjson

from viewer.reading.decoding import text_end
from viewer.reading.exact_numbers import byte_position, scanned_spans, skip_space, skip_value

PIECE_BYTES = 1 << 20
MAX_FAILURES = 50
RESYNC_TRIES = 200
RESYNC_WINDOW = 256 << 10

_WS = rb"[ \t\n\r]*"  # JSON's white space: a cut never swallows a form feed
ELEMENT_SPLIT = re.compile(rb"\}" + _WS + rb"," + _WS + rb"(?=\{)")
# Where salvage may cut before damage: after any "}" (with its ","), so the last
# complete element is kept even when no "{" follows (truncated after "},").
_COMMA = re.compile(rb"," + _WS)
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
    """The elements of one piece (absolute byte spans ``starts[i]:ends[i]``) and where reading stopped."""

    starts: Sequence[int]
    ends: Sequence[int]
    end: int
    failures: list[Failure] = field(default_factory=list)
    done: bool = False  # the array closed (or the data ended) within this piece
    document: bytes | None = None  # the JSON array of exactly these elements, when it was read whole
    rows: Any = None  # (sized) what ``decode`` made of the elements (then no spans: ``low``, ``high``)
    low: int = 0  # the elements are written between these offsets (when ``rows`` is not None)
    high: int = 0


def iter_array(data: bytes | bytearray, start: int, piece_bytes: int | None = None,
               poll: Callable[[], None] | None = None,
               decode: Callable[[bytes], Any] | None = None) -> Iterator[Piece]:
    """Read the array whose ``[`` is at ``start``, one piece at a time.

    The last piece's ``end`` is the offset just past the closing ``]`` (or the
    end of the data when the array never closes). ``poll()`` is called during
    the scan for long numbers that precedes the first piece (it raises to stop).
    ``decode(document)`` makes a row of each element of a JSON array, or returns
    None: a piece it reads whole comes with its ``rows`` and without spans
    (``spans_of`` measures them when needed): its reading whole proves the cut.
    """
    pos = skip_space(data, start + 1)
    size = len(data)
    if pos < size and data[pos] == 0x5D:  # empty array
        yield Piece([], [], pos + 1, done=True)
        return
    if pos >= size:  # "[" and nothing after it: a truncated file, not an empty list
        yield Piece([], [], size, [Failure(size, "the file ends in the middle of a value", "truncated")], done=True)
        return
    failures = 0
    split = element_split(data, pos)
    while pos < size:
        piece = _next_piece(data, pos, piece_bytes or PIECE_BYTES, split, decode)
        yield piece
        failures += len(piece.failures)
        if piece.done or piece.end >= size:
            return
        if failures >= MAX_FAILURES:
            message = "too many errors: the rest of the file was not read"
            yield Piece([], [], size, [Failure(piece.end, message, "syntax")], done=True)
            return
        pos = piece.end


def element_split(data: bytes | bytearray, pos: int) -> re.Pattern[bytes]:
    """A split pattern that also matches the first two keys of the array's first element.

    Elements written by one serializer share their key order, while nested
    objects (audience memberships, attribute lists) rarely start with the same
    two keys, so most candidate cuts are right the first time.
    """
    keys = _FIRST_KEYS.match(data, pos)
    if keys is None:
        return ELEMENT_SPLIT
    first, second = (re.escape(k) for k in keys.groups())
    return re.compile(rb"\}" + _WS + rb"," + _WS + rb"(?=\{" + _WS + first + _WS + rb":" + _WS + _SCALAR + _WS
                      + rb"," + _WS + second + _WS + rb":)")


_RAWS = msgspec.json.Decoder(list[msgspec.Raw]).decode
_NOT_STARTS = frozenset(b" \t\r\n,")


def element_spans(data: bytes | bytearray, pos: int, end: int,
                  documents: list[bytes] | None = None) -> tuple[Sequence[int], Sequence[int]]:
    """The byte spans of the elements between ``pos`` (an element's first byte) and ``end``.

    Raises ``SpanError`` with the byte offset (within the span) where the text
    stops being a valid array of values. ``documents`` receives the JSON array
    of those elements that was read (for the columns' decode: no second copy).
    """
    with memoryview(data) as view:
        document = b"".join((b"[", view[pos:end], b"]"))
    starts, ends = document_spans(document, pos - 1)
    if documents is not None:
        documents.append(document)
    return starts, ends


def spans_of(piece: bytes | bytearray | memoryview, offset: int) -> tuple[Sequence[int], Sequence[int]]:
    """The spans of the elements in ``piece`` (array elements and their separators, found at ``offset``).

    Raises ``SpanError`` when ``piece`` is not such elements.
    """
    return document_spans(b"".join((b"[", piece, b"]")), offset - 1)


def document_spans(document: bytes, shift: int = 0) -> tuple[Sequence[int], Sequence[int]]:
    """Element spans within ``document`` (a whole JSON array), plus ``shift``; ``SpanError`` if invalid.

    The error's offset is from byte 1 of ``document``, without the shift.
    """
    fast = _minified(document, shift)
    if fast is not None:
        return fast
    starts, ends = _unshifted(document)
    if not shift:
        return starts, ends
    by = repeat(shift)
    return array("q", map(add, starts, by)), array("q", map(add, ends, by))


def _minified(document: bytes, shift: int) -> tuple[Sequence[int], Sequence[int]] | None:
    """The spans, shifted, when ``n`` elements and ``n - 1`` bytes between them fill ``document``; else None.

    Each separator is at least a ",": with ``n - 1`` bytes for them all, each is
    a bare "," (a minified file), proven by one sum instead of a look at every
    separator (0.04 s per 100,000 profiles). Arrays: 8 bytes an element.
    """
    try:
        lengths = list(map(len, _RAWS(document)))
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    if len(lengths) < 2 or sum(lengths) + len(lengths) + 1 != len(document):
        return None
    starts = array("q", accumulate(map(add, lengths[:-1], repeat(1)), initial=1 + shift))
    return starts, array("q", map(add, starts, lengths))


def _unshifted(document: bytes) -> tuple[Sequence[int], Sequence[int]]:
    """Element spans within ``document``; ``SpanError`` (offset from byte 1) if invalid."""
    try:
        lengths = list(map(len, _RAWS(document)))
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        error = _json_error(document)
        if error is not None:
            raise SpanError(byte_position(document, error) - 1, str(error)) from None
        return scanned_spans(document)  # nesting or numbers msgspec refuses but JSON allows: rare
    if not lengths:
        return array("q"), array("q")
    first_end = 1 + lengths[0]
    if len(lengths) == 1:
        return array("q", [1]), array("q", [first_end])
    second = skip_space(document, skip_space(document, first_end) + 1)
    gap = second - first_end
    starts = array("q", accumulate(map(add, lengths[:-1], repeat(gap)), initial=1))  # arrays: 8 bytes an element
    ends = array("q", map(add, starts, lengths))
    if _same_separators(document, ends, document[first_end:second]) and \
            _NOT_STARTS.isdisjoint(map(document.__getitem__, starts)):
        return starts, ends  # every separator as the first one (one serializer): proven at C speed
    walked, pos = array("q"), 1
    for length in lengths:  # separators that differ (a hand-edited file): walk them
        pos = skip_space(document, pos)
        walked.append(pos)
        pos = skip_space(document, pos + length) + 1  # past the ","
    return walked, array("q", map(add, walked, lengths))


def _json_error(document: bytes) -> orjson.JSONDecodeError | None:
    """orjson's error (with its position) when ``document`` is not JSON; None when it is.

    orjson refuses numbers beyond a double's range, which are valid JSON: the
    standard library has the last word on those (it reads digits of any length).
    """
    try:
        orjson.loads(document)
    except orjson.JSONDecodeError as exc:
        if "infinity" not in str(exc):
            return exc
        try:
            json.loads(document, parse_int=len, parse_float=len, parse_constant=_refuse)
        except (ValueError, RecursionError):
            return exc
    return None


def _refuse(name: str) -> None:
    raise ValueError(name)


def _same_separators(document: bytes, ends: Sequence[int], separator: bytes) -> bool:
    """Whether the bytes after every element but the last are ``separator``: byte by byte, at C speed."""
    last = len(ends) - 1
    for shift, byte in enumerate(separator):
        if set(map(document.__getitem__, map(add, ends[:last], repeat(shift)))) != {byte}:
            return False
    return True


class SpanError(Exception):
    """A span did not parse: ``at`` is the byte offset within the span (``end - pos`` = just past it)."""

    def __init__(self, at: int, message: str) -> None:
        super().__init__(message)
        self.at = at
        self.message = message


def _next_piece(data: bytes | bytearray, pos: int, piece_bytes: int, split: re.Pattern[bytes] = ELEMENT_SPLIT,
                decode: Callable[[bytes], Any] | None = None) -> Piece:
    """Read from ``pos`` (the first byte of an element) to a proven boundary."""
    size = len(data)
    reach = piece_bytes
    while pos + reach < size:
        cut = split.search(data, pos + reach, min(size, pos + 4 * reach))
        if cut is None:
            cut = ELEMENT_SPLIT.search(data, pos + reach, min(size, pos + 4 * reach))  # elements with other key orders
        if cut is None:
            cut = _COMMA.search(data, pos + reach, min(size, pos + 4 * reach))  # values that are not objects
        if cut is None:
            cut = ELEMENT_SPLIT.search(data, pos + reach)
        if cut is None:
            break
        end = cut.start() + (0 if cut.re is _COMMA else 1)  # a "}" belongs to the piece, a "," does not
        if decode is not None:
            with memoryview(data) as view:
                rows = decode(b"".join((b"[", view[pos:end], b"]")))
            if rows is not None:
                return Piece((), (), cut.end(), rows=rows, low=pos, high=end)
        documents: list[bytes] = []
        try:
            starts, ends = element_spans(data, pos, end, documents)
        except SpanError as exc:
            if exc.at >= end - pos:
                reach *= 2  # the cut fell inside a string or nested value: look further on
                continue
            return _salvage(data, pos, pos + exc.at, exc.message, split)
        return Piece(starts, ends, cut.end(), document=documents[0])
    # the rest of the array, up to and including its "]"
    close = text_end(data, size) - 1
    if decode is not None and data[close:close + 1] == b"]":  # read whole, it proves the array closes there
        high = text_end(data, close)
        with memoryview(data) as view:
            rows = decode(b"".join((b"[", view[pos:high], b"]")))
        if rows is not None:
            return Piece((), (), size, done=True, rows=rows, low=pos, high=high)
    document = b"[" + data[pos:]
    error = _json_error(document)
    if error is not None:
        offset = pos + byte_position(document, error) - 1
        if str(error).startswith(("unexpected content after document", "trailing characters")):
            starts, ends = element_spans(data, pos, text_end(data, offset) - 1)
            return Piece(starts, ends, offset, done=True)
        return _salvage(data, pos, offset, str(error), split)
    starts, ends = element_spans(data, pos, text_end(data, size) - 1)
    return Piece(starts, ends, size, done=True)


def _salvage(
    data: bytes | bytearray, pos: int, error_at: int, message: str, split: re.Pattern[bytes] = ELEMENT_SPLIT
) -> Piece:
    """Keep the elements before an error, then step past the damage."""
    starts: Sequence[int] = ()
    ends: Sequence[int] = ()
    resume = pos
    for cut in reversed(list(_CUT.finditer(data, pos, error_at))):
        try:
            starts, ends = element_spans(data, pos, cut.start() + 1)
        except SpanError:
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
            return Piece(starts, ends, skip_space(data, after + 1), [failure])
        if after < len(data) and data[after] == 0x5D:
            return Piece(starts, ends, after + 1, [failure], done=True)
        return Piece(starts, ends, len(data), [failure], done=True)
    if kind == "truncated":
        failure = Failure(error_at, "the file ends in the middle of a value", kind)
        return Piece(starts, ends, len(data), [failure], done=True)
    return Piece(starts, ends, _resync(data, resume, error_at, split), [Failure(error_at, text, kind)])


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
    if split is not ELEMENT_SPLIT:
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
    found = _first_element(data, ELEMENT_SPLIT, error_at)
    if found is not None:
        return found
    again = ELEMENT_SPLIT.search(data, error_at)
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
