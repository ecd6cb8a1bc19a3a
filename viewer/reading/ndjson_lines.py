"""NDJSON (JSON Lines): one value per line, found about a megabyte at a time.

Each chunk yields the byte span of every line that holds a value, not the
value: msgspec checks each line's JSON at C speed without building the
line's Python objects (the columns and profiles are decoded from the spans
later, only as far as they are needed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add

import msgspec
import orjson

CHUNK_BYTES = 1 << 20
_ONE_VALUE = msgspec.json.Decoder(msgspec.Raw).decode


@dataclass(slots=True)
class Lines:
    """The values of one chunk: byte spans and line numbers, the lines that are not JSON, and bytes done."""

    starts: list[int]
    ends: list[int]
    lines: list[int]
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, message)
    upto: int = 0


def iter_lines(
    data: bytes | bytearray, chunk_bytes: int = CHUNK_BYTES, poll: Callable[[], None] | None = None,
    offset: int = 0, first_line: int = 0,
) -> Iterator[Lines]:
    """NDJSON, about a megabyte at a time (``poll`` is accepted for symmetry with the array reader).

    ``data`` may be one chunk of a longer text (``ndjson_stream``) that starts at ``offset`` after
    ``first_line`` lines: spans, line numbers and ``upto`` are then those of the whole text.
    """
    size = len(data)
    start = 0
    line = first_line  # lines before this chunk
    while start < size:
        end = data.find(b"\n", min(start + chunk_bytes, size))
        end = size if end < 0 else end + 1
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
            found = Lines(starts, list(map(add, starts, kept)), list(numbers))
        except (msgspec.DecodeError, RecursionError):
            found = Lines([], [], [])
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
                found.starts.append(first)
                found.ends.append(first + length)
                found.lines.append(number)
        line += len(texts)
        start = end
        found.upto = start + offset
        yield found
