"""Each line's key cell in a stretch of a big CSV file, found with numpy instead of a regular expression.

A stretch of whole lines (about 1 MB) is read as an array of bytes: where its
line feeds, commas and quotes lie gives, for every line, the bytes of its key
cell (the ``position``-th) and whether the line holds an odd count of quotes
(then a quoted cell holds a line break and lines are not rows). Measured on
1,000,000 session rows (320 MB): 0.65 s, where the regular expression that found
each key, translating the text to its quotes and counting each 16 KB piece's
lines took 1.85 s together (the same run, best of three). A line whose key
numpy cannot tell (a quote before the key cell's end, a carriage return inside
it, fewer cells than the key's) is named in ``Scan.unsure``: the caller reads it
with the ``csv`` module.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Scan(NamedTuple):
    """One stretch's lines: their keys, the lines to read with csv, where its pieces start, whether lines are rows."""

    keys: Any  # numpy array of fixed-width bytes (or a list of bytes), one per line (b"" for an unsure line)
    unsure: list[int]  # indexes into ``keys`` of lines whose key the csv module must read
    piece_starts: list[int]  # byte offsets where pieces of about ``piece`` bytes start (each a line start)
    piece_lines: list[int]  # index (into ``keys``) of each piece's first line
    rows_only: bool  # False: a line holds an odd count of quotes (a line break inside a quoted cell)


def scan(data: bytes | bytearray, start: int, end: int, position: int, piece: int, widest: int) -> Scan:
    """The lines of ``data[start:end]`` (``start`` a line start, ``end`` just past a line feed or the data's end).

    As with ``str.split("\\n")``, a stretch that ends the data has one line after its last line feed (maybe
    empty); one that ends just past a line feed elsewhere has none. Keys longer than ``widest`` bytes come
    as a list of ``bytes`` (an array of them would take the longest key's width for every line).
    """
    import numpy as np

    size = end - start
    text = np.frombuffer(data, dtype=np.uint8, count=size, offset=start)
    feeds = np.flatnonzero(text == 10)
    last = end >= len(data)
    line_ends = np.concatenate((feeds, [size])) if last else feeds  # where each line's text ends
    line_starts = np.concatenate(([0], feeds[:-1] + 1)) if not last else np.concatenate(([0], feeds + 1))
    count = len(line_starts)
    if count == 0:
        return Scan(np.zeros(0, dtype="S1"), [], [], [], True)
    quotes = text == 34
    cut = line_starts[line_starts < size]  # a last, empty line has no bytes to count
    odd = np.bitwise_xor.reduceat(quotes.view(np.uint8), cut) if size else np.zeros(0, np.uint8)
    if odd.any():
        return Scan(np.zeros(0, dtype="S1"), [], [], [], False)
    commas = np.flatnonzero(text == 44)
    first = np.searchsorted(commas, line_starts)  # each line's first comma (an index into ``commas``)
    spare = len(commas)
    if position:
        before = first + (position - 1)  # the comma before the key cell
        enough = before < spare
        before_at = np.where(enough, commas[np.minimum(before, spare - 1)] if spare else 0, size)
        enough &= before_at < line_ends
        key_starts = np.where(enough, before_at + 1, line_starts)
    else:
        enough = np.ones(count, dtype=bool)
        key_starts = line_starts
    after = first + position  # the comma after the key cell, when it is on the line
    after_at = commas[np.minimum(after, spare - 1)] if spare else np.full(count, size)
    key_ends = np.where((after < spare) & (after_at < line_ends), after_at, line_ends)
    key_ends = np.where(enough, key_ends, key_starts)
    crlf = (key_ends == line_ends) & (key_ends > key_starts)
    crlf &= text[np.maximum(key_ends - 1, 0)] == 13 if size else crlf
    key_ends = key_ends - crlf
    # a quote from the line's start to the key's end: the cells must be read by the csv module
    bounds = np.empty(2 * count, dtype=np.int64)
    bounds[0::2] = line_starts
    bounds[1::2] = key_ends
    inside = bounds[bounds < size]
    quoted = np.zeros(count, dtype=bool)
    if len(inside):
        found = np.logical_or.reduceat(quotes, inside)[0::2]
        quoted[:len(found)] = found & (key_ends[:len(found)] > line_starts[:len(found)])
    lengths = key_ends - key_starts
    unsure_mask = ~enough | quoted
    width = max(int(lengths.max()), 1)
    if width > widest:
        ends = np.where(unsure_mask, key_starts, key_ends) + start
        texts = [bytes(data[a:b]) for a, b in zip((key_starts + start).tolist(), ends.tolist())]
        unsure = [n for n, key in enumerate(texts) if b"\r" in key] + np.flatnonzero(unsure_mask).tolist()
        for n in unsure:
            texts[n] = b""
        return Scan(texts, sorted(set(unsure)), *_pieces(line_starts, start, size, piece, count), True)
    spread = key_starts[:, None] + np.arange(width)
    keep = np.arange(width) < lengths[:, None]
    matrix = np.where(keep, text[np.minimum(spread, max(size - 1, 0))] if size else 0, 0).astype(np.uint8)
    unsure_mask |= ((matrix == 13) & keep).any(axis=1)  # a carriage return inside the key cell
    matrix[unsure_mask] = 0
    keys = np.ascontiguousarray(matrix).view(f"S{width}").ravel()
    return Scan(keys, np.flatnonzero(unsure_mask).tolist(), *_pieces(line_starts, start, size, piece, count), True)


def _pieces(line_starts: Any, start: int, size: int, piece: int, count: int) -> tuple[list[int], list[int]]:
    """Where pieces of about ``piece`` bytes start (at the first line starting at or after each multiple)."""
    import numpy as np

    firsts = np.unique(np.searchsorted(line_starts, np.arange(0, max(size, 1), piece)))
    firsts = firsts[firsts < count]
    return (line_starts[firsts] + start).tolist(), firsts.tolist()
