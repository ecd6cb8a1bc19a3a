"""NDJSON (JSON Lines): one value per line, read about a megabyte at a time."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from viewer.reading.exact_numbers import loads, long_number_offsets

CHUNK_BYTES = 1 << 20


def iter_lines(
    data: bytes | bytearray, chunk_bytes: int = CHUNK_BYTES, poll: Callable[[], None] | None = None
) -> Iterator[tuple[list[Any], list[int], list[tuple[int, int, str]], int]]:
    """NDJSON, about a megabyte at a time.

    Yields ``(values, their line numbers, errors (line, column, message), bytes done)``;
    ``poll()`` is called during the scan for long numbers before the first chunk.
    """
    size = len(data)
    start = 0
    line = 0  # lines before this chunk
    long_numbers = long_number_offsets(data, poll)
    while start < size:
        end = data.find(b"\n", min(start + chunk_bytes, size))
        end = size if end < 0 else end + 1
        chunk = bytes(memoryview(data)[start:end])  # one copy, split into bytes objects below
        texts = chunk.split(b"\n")
        if chunk.endswith(b"\n"):
            texts.pop()  # the empty text after the last line end belongs to no line
        # only chunks with a long digit run need the exact (slower) reading
        exact = bisect_left(long_numbers, end) > bisect_left(long_numbers, start)
        parse = loads if exact else orjson.loads
        errors: list[tuple[int, int, str]] = []
        try:
            values = list(map(parse, texts))  # every line a value: the usual case, at C speed
            lines = list(range(line + 1, line + 1 + len(texts)))
        except orjson.JSONDecodeError:
            values, lines = [], []
            for number, text in enumerate(texts, line + 1):
                try:
                    values.append(parse(text))
                    lines.append(number)
                except orjson.JSONDecodeError as exc:
                    if text.strip():
                        errors.append((number, exc.colno, str(exc).split(": line ")[0]))
        line += len(texts)
        start = end
        yield values, lines, errors, start
