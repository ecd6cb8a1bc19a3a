"""Writing the keys of a run of search texts as their codes in a few numpy passes (``viewer.query.key_codes``).

A run of 1,024 texts joined by NUL (about 530 kB for the benchmark export)
holds some 20,000 keys. One ``str.replace`` per distinct key scanned the whole
run each time: 0.65 ms a key, 13 ms a run of 20 keys, 1.2 s of the 1.35 s the
codes of 100,000 profiles took, so the first searches after a file opened ran
with the keys as written (one regular expression per text, 2-5 times slower).
Here every key is found at once: a key is a string whose closing quote is
followed by a colon, and in a text without escapes (the search texts never
hold one) quotes alternate opening and closing, so the closing quotes are the
odd ones of the run. Each key is told by its length and the 8-byte words
that cover it (compared exactly, not by a hash alone), the first two or three
of its characters become its code and the rest is cut out with one mask:
about 3 ms a run, the same text as the replaces.

``rewrite`` gives None where this cannot say (a string value that starts with
a colon, a text already holding codes, a key that gets no code):
``KeyCodes.rewrite_run`` then takes the run its own way.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

_QUOTE, _COLON, _CODE = ord('"'), ord(":"), 0x01
_MIX = np.uint64(0x9E3779B97F4A7C15)
# a word's low bytes are the first ones (little-endian view): the mask keeping the first n of 8
_FIRST = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [(1 << 64) - 1], dtype=np.uint64)


class KeyCodes(Protocol):
    """What this needs of ``viewer.query.key_codes.KeyCodes``: the codes given, and giving one to a new key."""

    code: dict[str, str]

    def add(self, key: str) -> bool: ...


def rewrite(run: str, codes: KeyCodes) -> str | None:
    """``run`` (search texts joined by NUL, one character per byte) with each key as its code; None: see above.

    Keys not met before get their codes in the order they first appear, as ``KeyCodes.rewrite_run`` gives them.
    """
    data = run.encode("latin-1")
    size = len(data)
    chars = np.frombuffer(data, np.uint8)
    quotes = np.flatnonzero(chars == _QUOTE)
    if not len(quotes):
        return run
    if len(quotes) % 2 or quotes[-1] + 1 >= size:
        return None
    closing = np.flatnonzero(chars[quotes + 1] == _COLON)  # (the run never ends on a quote: its tail follows)
    if not len(closing):
        return run
    if (closing % 2 == 0).any():  # an opening quote before a colon: a value such as ":x" (see ``KeyCodes``)
        return None
    ends = quotes[closing]
    starts = quotes[closing - 1] + 1
    lengths = ends - starts
    if (chars[starts] == _CODE).any():
        return None
    found = _distinct(data, starts, lengths)
    if found is None:
        return None
    first, which = found
    written: list[bytes] = []
    for at in first.tolist():
        key = run[starts[at]:ends[at]]
        if not codes.add(key):
            return None
        written.append(codes.code[key].encode("latin-1"))
    widths = np.array(list(map(len, written)), dtype=np.int64)
    width = widths[which]
    table = np.zeros((len(written), 3), dtype=np.uint8)
    for n, code in enumerate(written):
        table[n, :len(code)] = list(code)
    if (lengths < width).any():  # (rare: a key of one character) the codes go in between the characters kept
        return _inserted(chars, starts, ends, lengths, table[which], width)
    out = chars.copy()
    out[starts] = _CODE
    out[starts + 1] = table[which, 1]
    long = width == 3
    out[starts[long] + 2] = table[which[long], 2]
    # every position cut, each key's run of them made with one ``repeat`` (a cumulative sum over the run's
    # marks took twice as long: 1.5 ms a run)
    cut = ends - starts - width
    before = np.cumsum(cut) - cut
    kept = np.ones(size, dtype=bool)
    kept[np.arange(int(before[-1] + cut[-1])) + np.repeat(starts + width - before, cut)] = False
    text: str = out[kept].tobytes().decode("latin-1")
    return text


def _inserted(chars: np.ndarray, starts: np.ndarray, ends: np.ndarray, lengths: np.ndarray,
              codes: np.ndarray, width: np.ndarray) -> str:
    """``chars`` with each key (``starts`` to ``ends``) cut out and its code (a row of ``codes``, ``width``
    long) put in its place."""
    steps = np.zeros(len(chars) + 1, dtype=np.int8)
    np.add.at(steps, starts, 1)  # (an empty key starts and ends at one place)
    np.add.at(steps, ends, -1)
    kept = chars[np.cumsum(steps[:-1], dtype=np.int8) == 0]
    at = starts - (np.cumsum(lengths) - lengths)  # where each key was, among the characters kept
    placed = np.insert(kept, np.repeat(at, width), codes[np.arange(3) < width[:, None]])  # (a stable order)
    text: str = placed.tobytes().decode("latin-1")
    return text


def _distinct(data: bytes, starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The first occurrence of each distinct key (ascending) and, per key, which of those it is.

    A key is its length and the 8-byte words at 0, 8, 16, ... and at its last 8 bytes (the first word
    masked to a shorter key): two keys with all of them equal are the same characters.
    """
    padded = np.frombuffer(data + bytes(8), np.uint8)
    # unaligned (a word at every offset), and little-endian on every machine: ``_FIRST`` keeps the low bytes
    words = np.ndarray((len(data),), dtype="<u8", buffer=padded, strides=(1,))
    parts = [words[starts] & _FIRST[np.minimum(lengths, 8)], lengths.astype(np.uint64)]
    longest = int(lengths.max())
    for offset in range(8, longest, 8):
        beyond = lengths > offset  # these have a byte at ``offset``: the word there, or their last 8 bytes
        parts.append(np.where(beyond, words[starts + np.minimum(offset, np.maximum(lengths - 8, 0))], 0))
    mixed = parts[0]
    for part in parts[1:]:
        mixed = mixed * _MIX ^ part
    _, first, which = np.unique(mixed, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    first, which = first[order], rank[which.reshape(-1)]
    if any(bool((part != part[first][which]).any()) for part in parts):
        return None  # two keys mixed to the same number (never seen): the replaces tell them apart
    return first, which
