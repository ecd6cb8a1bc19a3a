"""The searchable text of a run of profiles, made from their attributes' own JSON text.

Per profile: the compact JSON of its attributes as the file wrote them, then
``SEP`` and its ID, ``SEP`` and its integration ID, as UTF-8 bytes with the
ASCII letters lowercased, such as ``{"name":"ada","tags":["vip"]}\\x1f1001\\x1furn0001``.
A whole run is one join, one ``bytes.lower()``, one Latin-1 decode and one
split (C calls over about a megabyte at a time): for 100,000 profiles (87 MB)
that is 52 MB of text. Each text is a ``str`` holding one character per byte
of its UTF-8 (``latin``): substring tests on it were 2-3 times faster than on
``bytes``. Lowercasing real text as ``str`` instead took 16 ns a character
(7.9 ms for 1,000 profiles: 0.8 s for the file) because it holds non-ASCII
letters; ``bytes.lower()`` leaves those as written, and the search matches
them in either case (``viewer.query.text_patterns``).

A text is ``None`` where the profile must be read from its built ``Profile``
instead: its integration ID holds a quote (which would look like JSON text to
the search), its attributes are not an object (the full check reports
that), or it holds a backslash (an escape: the search index re-encodes those
profiles from their decoded values).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import is_, itemgetter, not_
from typing import Any

import msgspec

SEP = "\x1f"  # between attributes, ID and integration ID: a query cannot hold it
_format = msgspec.json.format
# Written on several lines (a pretty-printed file): compacted, which also drops the indentation. A line
# break is never inside a string (it would be escaped) and one ``memchr`` finds it; spaces between tokens
# on one line stay (``json.dumps`` style), so the search checks queries holding a space by their values.
# Looking for '": ', ' ,' and the like as well took 0.5-1 ms each per 1,000 profiles: 0.5 s per 100,000.
_LINE_BREAKS = (b"\n", b"\r")
_FIRST = itemgetter(0)  # (a text is never empty: it holds SEP twice)
_OBJECT = {"{"}


def tail(ident: Any, owner: Any) -> str | None:
    """``SEP id SEP integration ID``; None when the integration ID holds a quote or the ID is too long to show."""
    if type(owner) is str and '"' in owner:
        return None
    try:
        shown = str(ident) if type(ident) is int else ""
    except ValueError:  # beyond str()'s digit limit
        return None
    # a NUL (which no query holds) would split the run's tails apart in ``texts``: SEP stands for it
    return f"{SEP}{shown}{SEP}{owner.replace(chr(0), SEP) if type(owner) is str else ''}"


def latin(text: str) -> str:
    """``text`` as the search text holds it: the UTF-8 bytes (lone surrogates kept), ASCII letters lowercase,
    each byte one character (Latin-1)."""
    return text.encode("utf-8", "surrogatepass").lower().decode("latin-1")


def _compact(raw: Any) -> bytes:
    try:
        compact: bytes = _format(raw, indent=-1)
        return compact
    except (msgspec.DecodeError, RecursionError):
        return b"?"  # not an object: the caller reads the profile instead


def _joined(attributes: Sequence[Any], tails: list[bytes]) -> bytes:
    """Attributes, tail, NUL, attributes, tail, ...: one join, so one lower, decode and split make the texts.

    Adding each tail to its text after a split of its own copied the 52 MB of 100,000 profiles once more.
    """
    pieces: list[Any] = [b"\x00"] * (3 * len(attributes))
    pieces[0::3] = attributes
    pieces[1::3] = tails
    pieces.pop()  # (the NUL after the last)
    return b"".join(pieces)


def texts(attributes: Sequence[Any], ids: Iterable[Any], owners: Iterable[Any]) -> tuple[list[str | None], list[int]]:
    """The texts of a run, and the positions whose attributes are not an object (nor ``null``).

    ``attributes`` holds the JSON text of each profile's attributes (bytes-like).
    """
    if not attributes:
        return [], []
    ids, owners = list(ids), list(owners)
    tails: list[str | None] = [SEP]
    try:  # the usual run, in C loops: every ID an int, every integration ID a string without a quote
        shown = "".join(owners) if set(map(type, owners)) <= {str} else '"'
        if not set(map(type, ids)) <= {int} or '"' in shown or "\x00" in shown:
            raise ValueError("an odd profile")
        # one join of a list laid out at C speed (NUL SEP id SEP owner, ...): 27 ms per 100,000 profiles, where
        # a ``SEP.join`` of each pair took 33 ms and a ``str.format`` a third longer still
        parts: list[str] = [SEP] * (5 * len(ids))
        parts[0::5] = repeat("\x00", len(ids))
        parts[2::5] = map(str, ids)
        parts[4::5] = owners
        ends = "".join(parts)[1:]
    except ValueError:  # (str() refuses an ID of over 4,300 digits)
        tails = list(map(tail, ids, owners))
        ends = "\x00".join([t or SEP for t in tails])
    ended = ends.encode("utf-8", "surrogatepass").split(b"\x00")
    joined = _joined(attributes, ended)
    if any(breaks in joined for breaks in _LINE_BREAKS) and any(
            breaks in b"".join(attributes) for breaks in _LINE_BREAKS):  # (not just in an integration ID)
        joined = _joined(list(map(_compact, attributes)), ended)
    split = joined.lower().decode("latin-1").split("\x00")
    escaped = b"\\" in joined  # looked for here, while the run is in the cache: over the index's 52 MB, 25 ms
    del joined
    not_objects: list[int] = []
    if set(map(_FIRST, split)) == _OBJECT:  # every text an object's, the usual run: 5 ms per 100,000, a test each 20
        odd: Iterable[int] = ()
    else:  # C-level loops: the exceptions are rare, the run is about 1,000 profiles
        odd = compress(range(len(split)), map(not_, map(str.startswith, split, repeat("{"))))
    made: list[str | None] = split  # type: ignore[assignment]  # (some become None below)
    for n in odd:
        text = made[n]
        assert text is not None
        if text.startswith("null" + SEP):
            made[n] = "{}" + text[4:]
        else:
            made[n] = None
            not_objects.append(n)
    if None in tails:
        for n in compress(range(len(tails)), map(is_, tails, repeat(None))):
            made[n] = None
    if escaped:  # (rare) the index re-encodes these from the built profile
        for n, text in enumerate(made):
            if text is not None and "\\" in text:
                made[n] = None
    return made, not_objects
