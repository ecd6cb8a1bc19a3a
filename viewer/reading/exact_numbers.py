"""JSON text helpers that keep every digit: exact integers, offsets, skipping values.

orjson turns integers beyond 64 bits into floats and refuses numbers too big
for a double; the standard library keeps them exact but is slower. ``loads``
uses orjson and switches to the exact reading only where a long run of digits
makes it necessary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, cast

import orjson

SCAN_BYTES = 4 << 20
_DIGITS = bytes(48 if 48 <= i <= 57 else i for i in range(256))
_LONG_NUMBER = b"0" * 19
_NOT_DIGIT = re.compile(rb"[^0]")  # in translated text every digit is "0"
_SPACE = re.compile(rb"[ \t\n\r]*")  # JSON's white space (r"\s" would also skip form feeds and vertical tabs)
_TOKEN = re.compile(rb'[\[\]{}"]')
_STRING_REST = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)


def loads(data: bytes | bytearray) -> Any:
    """orjson, but integers beyond 64 bits come back exact instead of as floats."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        # orjson refuses numbers too big for a double (a 400-digit ID is valid
        # JSON); the standard library reads them exactly.
        if "infinity" not in str(exc):
            raise
        try:
            return _exact(data)
        except (ValueError, RecursionError):
            raise exc from None
    if data.translate(_DIGITS).find(_LONG_NUMBER) >= 0:
        # A 19+ digit run may be an integer orjson turned into a float: parse
        # this piece again with the standard library, which keeps every digit.
        try:
            value = _exact(data)
        except (ValueError, RecursionError):
            pass  # nesting beyond the stdlib's reach: keep orjson's reading
    return value


def _exact(data: bytes | bytearray) -> Any:
    return json.loads(data, parse_constant=_reject_constant, parse_int=_int)


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


def long_number_offsets(data: bytes | bytearray, poll: Callable[[], None] | None = None) -> list[int]:
    """Offsets of runs of 19 or more digits: the only places an integer can outgrow 64 bits.

    One pass over the whole text (110-120 ms for 87 MB) in slices of a few MB, so
    no single call holds the GIL for long, with ``poll()`` called between slices
    (it raises to stop); pieces without such a run skip the exact (slower) reading.
    """
    found: list[int] = []
    view = memoryview(data)
    overlap = len(_LONG_NUMBER) - 1
    for start in range(0, len(data), SCAN_BYTES):
        if poll is not None and start:
            poll()
        digits = bytes(view[start:start + SCAN_BYTES + overlap]).translate(_DIGITS)
        at = digits.find(_LONG_NUMBER)
        while at >= 0:
            if not found or start + at > found[-1] + overlap:  # a new run, not the same one again
                found.append(start + at)
            after = _NOT_DIGIT.search(digits, at)  # jump past the run, however long
            at = digits.find(_LONG_NUMBER, after.start()) if after else -1
    view.release()
    return found


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
