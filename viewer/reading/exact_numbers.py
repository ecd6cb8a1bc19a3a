"""JSON text helpers that keep every digit: exact numbers, offsets, skipping values.

``loads`` reads with msgspec, which keeps integers of any size exact and hands
every number with a fraction or exponent to ``Number`` (an exact ``Decimal``
that remembers its text): ``1.10`` stays ``1.10``, ``1E2`` stays ``1E2`` and
``1e400`` is read, not refused. Where msgspec refuses a text, orjson reads it
again: its error names the position the callers report, and it reads the
nesting depths (up to 1,024) that msgspec's recursion guard stops short of.
"""

from __future__ import annotations

import json
import re
from typing import Any, cast

import msgspec
import orjson

from viewer.model.numbers import number

_SPACE = re.compile(rb"[ \t\n\r]*")  # JSON's white space (r"\s" would also skip form feeds and vertical tabs)
_TOKEN = re.compile(rb'[\[\]{}"]')
_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
decode_exact = msgspec.json.Decoder(float_hook=number).decode
"""msgspec's reading with exact numbers; raises ``msgspec.DecodeError`` (or RecursionError)."""


def loads(data: bytes | bytearray | memoryview) -> Any:
    """One JSON text with exact numbers; raises ``orjson.JSONDecodeError`` (with its position) when invalid."""
    try:
        return decode_exact(data)
    except (msgspec.DecodeError, RecursionError):
        pass
    try:  # integers of more than 4,300 digits (msgspec refuses them, like int()), or deep nesting
        return _standard_library(data)
    except (ValueError, RecursionError):
        pass
    return orjson.loads(data)  # the error callers report, or a depth beyond the stdlib (numbers as orjson reads)


def _standard_library(data: bytes | bytearray | memoryview) -> Any:
    return json.loads(bytes(data), parse_constant=_reject_constant, parse_int=_int, parse_float=number)


def _int(digits: str) -> int:
    """int() refuses more than 4,300 digits (a guard against slow conversions): build it in parts."""
    if len(digits) <= 4000:
        return int(digits)
    sign = -1 if digits[0] == "-" else 1
    digits = digits.lstrip("-")
    value = 0
    for start in range(0, len(digits), 4000):
        part = digits[start:start + 4000]
        value = value * 10 ** len(part) + int(part)
    return sign * value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def skip_space(data: bytes | bytearray, pos: int) -> int:
    """The offset of the first non-white-space byte at or after ``pos``."""
    return cast("re.Match[bytes]", _SPACE.match(data, pos)).end()  # "[...]*" matches everywhere


def skip_value(data: bytes | bytearray, pos: int) -> int:
    """The offset just past the object or array starting at ``pos`` (rare paths only)."""
    depth = 0
    while True:
        token = _TOKEN.search(data, pos)
        if token is None:
            return len(data)
        pos = token.end()
        char = data[token.start()]
        if char == 0x22:  # '"'
            rest = _STRING_REST.match(data, pos)
            if rest is None:
                return len(data)
            pos = rest.end()
            continue
        depth += 1 if char in (0x5B, 0x7B) else -1
        if depth <= 0:
            return pos


def byte_position(document: bytes | bytearray, exc: orjson.JSONDecodeError) -> int:
    """orjson reports positions in characters; the byte offset of the error in ``document``."""
    if document.isascii():
        return exc.pos
    return len(document.decode("utf-8", "replace")[: exc.pos].encode("utf-8"))


def scanned_spans(document: bytes) -> tuple[list[int], list[int]]:
    """Element spans of a JSON array found by scanning brackets and strings in Python (deep nesting only)."""
    starts: list[int] = []
    ends: list[int] = []
    pos = skip_space(document, 1)
    while pos < len(document) - 1 and document[pos] != 0x5D:
        starts.append(pos)
        if document[pos] in (0x7B, 0x5B):
            after = skip_value(document, pos)
        elif document[pos] == 0x22:
            string = _STRING.match(document, pos)
            after = string.end() if string else len(document) - 1
        else:
            match = _SCALAR_END.search(document, pos)
            after = match.start() if match else len(document) - 1
        ends.append(after)
        pos = skip_space(document, skip_space(document, after) + 1)
    return starts, ends


_SCALAR_END = re.compile(rb"[ \t\r\n,\]]")
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
