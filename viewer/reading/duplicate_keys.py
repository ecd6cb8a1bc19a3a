"""Keys that appear twice in one JSON object (parsers silently keep the last value), and numbers a double cannot hold.

No fast parser reports them, so each stretch of about a megabyte of profiles
is first checked in C: decoded (duplicates collapse), written back, and the
``":`` pairs of both texts counted. The counts differ only where a key was
dropped (or the text was spaced or escaped unusually); only those stretches
get the exact check, the standard library's parser with a hook that sees
every object's pairs (2.4 times a bare parse, against about 0.8 for the
counting pass). Each duplicate is reported with the line and column of its
second occurrence. The writing back also sees every non-integer number, so
a number beyond a double's range (``1e400``, valid JSON that most systems
cannot hold) sends its stretch to the exact check too, and gets a problem. Stretches of profiles let the caller run this after the
window shows the export, in the background, with ``cancelled`` polled between.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Protocol

import msgspec
import orjson

from viewer.model.numbers import beyond_double
from viewer.model.problems import Problem, Severity
from viewer.model.profile import SourceChanged

STRETCH_BYTES = 1 << 20
_decode = msgspec.json.Decoder(float_hook=Decimal).decode
_decode_lines = msgspec.json.Decoder(float_hook=Decimal).decode_lines


class Spans(Protocol):
    """What the finder needs of the profile list: each profile's text and byte span."""

    def __len__(self) -> int: ...

    def span(self, index: int) -> Any: ...

    def is_line(self, index: int) -> bool: ...

    def fully_checked(self, index: int) -> bool: ...


def find(profiles: Spans, paths: Callable[[int], str], cancelled: Callable[[], bool] | None = None,
         limit: int = 100) -> list[Problem]:
    """The duplicate keys of every profile that has a span, at most ``limit`` of them.

    ``paths(index)`` names a profile in a problem (``[12]``, ``line 13``).
    Raises whatever ``cancelled`` raises; returns what was found when it says True.
    """
    found: list[Problem] = []
    try:
        _find(profiles, paths, cancelled, limit, found)
    except SourceChanged:
        pass  # the file changed on disk since it was read: what was found before stands, the window says so
    return found


def _find(profiles: Spans, paths: Callable[[int], str], cancelled: Callable[[], bool] | None, limit: int,
          found: list[Problem]) -> None:
    texts: set[int] = set()
    for first, stop in _stretches(profiles):
        if cancelled is not None and cancelled():
            break
        text = profiles.span(first)[0]
        if id(text) not in texts:  # a file read back: its lines counted here, in the background, once
            texts.add(id(text))
            if not getattr(text, "held", True):
                text.index_lines()
        if _counts_agree(profiles, first, stop):
            continue
        for index in range(first, stop):
            text, start, end = profiles.span(index)
            keys, numbers = _oddities(text.bytes_at(start, end), start)
            if profiles.fully_checked(index):
                numbers = []  # the field-by-field check reported those already
            for what, offset in [*((f'the key "{k}" appears twice in one object; the last value is shown', at)
                                   for k, at in keys),
                                 *((f"{n} is beyond the range of a double (most systems cannot hold it); "
                                    "shown as written", at) for n, at in numbers)]:
                line = text.line_of(offset)
                column = offset - text.line_start(line) + 1
                found.append(Problem(paths(index) or "profile", what,
                                     Severity.WARNING, index, line=line, column=column, source=text.name))
                if len(found) >= limit:
                    return


def _stretches(profiles: Spans) -> Iterator[tuple[int, int]]:
    """Runs of consecutive profiles of one file, about ``STRETCH_BYTES`` of text each."""
    count = len(profiles)
    index = 0
    while index < count:
        where = profiles.span(index)
        if where is None:
            index += 1
            continue
        text, start, _ = where
        stop = index + 1
        while stop < count:
            after = profiles.span(stop)
            if after is None or after[0] is not text or after[1] - start > STRETCH_BYTES:
                break
            stop += 1
        yield index, stop
        index = stop


def _counts_agree(profiles: Spans, first: int, stop: int) -> bool:
    """Whether decoding and writing back the stretch keeps every key (all at C speed)."""
    text, low, _ = profiles.span(first)
    high = profiles.span(stop - 1)[2]
    stretch: bytes = text.bytes_at(low, high)
    try:
        value = _decode_lines(stretch) if profiles.is_line(first) else _decode(b"[" + stretch + b"]")
        written = orjson.dumps(value, default=_as_written)
    except (msgspec.DecodeError, RecursionError, orjson.JSONEncodeError, TypeError):
        return False  # something between the profiles, or nesting beyond reach: check one by one
    return stretch.count(b'":') == written.count(b'":')


def _as_written(value: Any) -> Any:
    if isinstance(value, Decimal):
        if beyond_double(value):
            raise TypeError  # not a difference in keys, but worth the exact look all the same
        return orjson.Fragment(str(value))
    raise TypeError


def _oddities(piece: bytes, start: int) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Keys repeated in one object of ``piece`` (found at ``start``) and numbers beyond a double, with offsets.

    A repeated key's offset is that of its second occurrence.
    """
    repeated: list[str] = []
    huge: list[str] = []

    def number(text: str) -> Decimal:
        value = Decimal(text)
        if beyond_double(value):
            huge.append(text)
        return value

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen and key not in repeated:
                    repeated.append(key)
                seen.add(key)
        return result

    try:
        json.loads(piece, object_pairs_hook=pairs, parse_float=number)
    except (ValueError, RecursionError):
        return [], []
    return ([(key, start + _second(piece, key)) for key in repeated],
            [(text, start + max(piece.find(text.encode()), 0)) for text in huge])


def _second(piece: bytes, key: str) -> int:
    """Where ``key`` is written as a key for the second time in ``piece`` (0 if it cannot be told)."""
    pattern = re.compile(re.escape(json.dumps(key).encode()) + rb"\s*:")
    matches = pattern.finditer(piece)
    next(matches, None)
    second = next(matches, None)
    return second.start() if second else 0


def duplicate_keys(data: bytes | bytearray, ndjson: bool = False) -> list[str]:
    """The keys found twice in some object of a whole text, in order of discovery (for small texts)."""
    keys: list[str] = []
    texts: Sequence[bytes] = bytes(data).splitlines() if ndjson else [bytes(data)]
    for text in texts:
        if text.strip():
            keys.extend(key for key, _ in _oddities(text, 0)[0] if key not in keys)
    return keys
