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
the search), or its attributes are not an object (the full check reports
that). The search index re-encodes the profiles whose text holds an escape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import is_, not_
from typing import Any

import msgspec

SEP = "\x1f"  # between attributes, ID and integration ID: a query cannot hold it
_format = msgspec.json.format
# Written on several lines (a pretty-printed file): compacted, which also drops the indentation. A line
# break is never inside a string (it would be escaped) and one ``memchr`` finds it; spaces between tokens
# on one line stay (``json.dumps`` style), so the search checks queries holding a space by their values.
# Looking for '": ', ' ,' and the like as well took 0.5-1 ms each per 1,000 profiles: 0.5 s per 100,000.
_LINE_BREAKS = (b"\n", b"\r")
_TAIL = f"{SEP}{{}}{SEP}{{}}".format


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


def texts(attributes: Sequence[Any], ids: Iterable[Any], owners: Iterable[Any]) -> tuple[list[str | None], list[int]]:
    """The texts of a run, and the positions whose attributes are not an object (nor ``null``).

    ``attributes`` holds the JSON text of each profile's attributes (bytes-like).
    """
    if not attributes:
        return [], []
    joined = b"\x00".join(attributes)  # NUL: never unescaped inside JSON text
    if any(breaks in joined for breaks in _LINE_BREAKS):
        joined = b"\x00".join(map(_compact, attributes))
    parts = joined.lower().decode("latin-1").split("\x00")
    ids, owners = list(ids), list(owners)
    tails: list[str | None]
    try:  # the usual run, in C loops: every ID an int, every integration ID a string without a quote
        shown = "".join(owners) if set(map(type, owners)) <= {str} else '"'
        if not set(map(type, ids)) <= {int} or '"' in shown or "\x00" in shown:
            raise ValueError("an odd profile")
        ends = latin("\x00".join(map(_TAIL, ids, owners))).split("\x00")
        tails = [SEP] * len(ends)
    except ValueError:  # (str() refuses an ID of over 4,300 digits)
        tails = list(map(tail, ids, owners))
        ends = latin("\x00".join([t or SEP for t in tails])).split("\x00")
    made: list[str | None] = list(map(str.__add__, parts, ends))
    not_objects: list[int] = []
    # C-level loops: the exceptions are rare, the run is about 1,000 profiles
    for n in compress(range(len(made)), map(not_, map(str.startswith, made, repeat("{")))):  # type: ignore[arg-type]
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
    return made, not_objects
