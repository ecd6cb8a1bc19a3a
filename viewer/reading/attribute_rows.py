"""The attributes and connected audiences of every profile, a stretch of profiles per decode (no Qt).

What the attribute catalogue reads of each profile. msgspec decodes a stretch
of ``STRETCH`` profiles into one small struct per profile that holds only
``attributes`` and ``connectedAudiences``, skipping every other field in C,
and builds no ``Profile``. Measured on 100,000 profiles (87 MB, 2 cores shared
with other work): 0.35-0.45 s of CPU decoded alone, against 0.75-0.85 s for
``orjson.loads`` of the file. In the catalogue pass, where each stretch is
counted right after it is decoded, stretches of 512 profiles (450 KB)
measured 20-30 % faster than stretches of 2,048: the values are still in the
cache when they are counted.

The catalogue may give a msgspec type for the attributes (``attribute_type``,
asked before each stretch; structs and literals instead of dicts and fresh
strings, about a third less time to decode): the stretch is then decoded with
it, and read as above when it does not fit (the catalogue tells that from the
rows it gets: dicts, not its structs). Profiles the loader's full check set
right (kept built) and stretches that do not decode as so many well-formed
profiles are read from the built profiles. Reads the profile list's spans read-only; any other sequence of ``Profile`` s
is read profile by profile.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from operator import attrgetter
from typing import Any

import msgspec

from viewer.model.profile import Profile, SourceChanged

STRETCH = 512  # profiles per decode: the profile list's own batches
_ATTRIBUTES = attrgetter("attributes")
_CONNECTED = attrgetter("connected_audiences")
_OBJECT_OR_NONE = {dict, type(None)}
_LIST_OR_NONE = {list, type(None)}


class _Wire(msgspec.Struct, rename="camel", gc=False):
    attributes: Any = None
    connected_audiences: Any = None


class _Snake(msgspec.Struct, gc=False):
    attributes: Any = None
    connected_audiences: Any = None


# A number with a fraction or exponent is decoded as its text in bytes (``b"12.50"``): ``str.encode`` is
# called from C, 6 ms per 100,000 numbers against 18 ms for a str subclass and 0.1 s for the ``Number``
# hook (Python code per number). JSON makes no other bytes, so bytes are always such a number, never a
# string; the catalogue counts them by text and makes one ``Number`` per distinct value at the end.
_ARRAYS = {snake: msgspec.json.Decoder(list[kind], float_hook=str.encode).decode  # type: ignore[valid-type]
           for snake, kind in ((False, _Wire), (True, _Snake))}
_LINES = {snake: msgspec.json.Decoder(kind, float_hook=str.encode).decode_lines
          for snake, kind in ((False, _Wire), (True, _Snake))}

Rows = tuple[list[Any], list[Any]]  # per profile: attributes (a dict, or None), connected audience IDs (or None)


def attribute_rows(profiles: Sequence[Profile], attribute_type: Callable[[], Any] | None = None) -> Iterator[Rows]:
    """Per stretch of profiles, in file order: their attributes and their connected audience IDs.

    Numbers with a fraction or exponent are their text as ``bytes`` where the
    stretch was decoded here, ``Number`` s where they come from a built profile.
    ``attribute_type()``, called before a stretch is decoded here, gives the
    type to try for its attributes (None: dicts); it is not called for a
    stretch that holds a profile the full check set right.
    """
    stretches = _stretches(profiles)
    if stretches is None:
        source = iter(profiles)
        while chunk := list(islice(source, STRETCH)):
            yield [p.attributes for p in chunk], [p.connected_audiences for p in chunk]
        return
    kept = sorted(getattr(profiles, "_kept", ()))
    typed = _Typed()
    for first, stop, text, snake, lines in stretches:
        rows = None
        if attribute_type is not None and text is not None and not _holds(kept, first, stop):
            kind = attribute_type()
            decode = typed.decoder(kind, snake, lines) if kind is not None else None
            if decode is not None:
                rows = _decoded(profiles, first, stop, text, lines, decode)
        if rows is None:
            rows = _decoded(profiles, first, stop, text, lines, _LINES[snake] if lines else _ARRAYS[snake])
        if rows is None:
            chunk = [profiles[i] for i in range(first, stop)]
            yield [p.attributes for p in chunk], [p.connected_audiences for p in chunk]
            continue
        attributes, connected = list(map(_ATTRIBUTES, rows)), list(map(_CONNECTED, rows))
        for index in kept[bisect_left(kept, first):bisect_left(kept, stop)]:
            profile = profiles[index]
            attributes[index - first] = profile.attributes
            connected[index - first] = profile.connected_audiences
        yield attributes, connected


def _stretches(profiles: Sequence[Profile]) -> list[tuple[int, int, Any, bool, bool]] | None:
    """(first, stop, text, snake case, NDJSON) of runs of up to ``STRETCH`` profiles; None: not a profile list."""
    batches = getattr(profiles, "_batches", None)
    if not callable(batches) or not hasattr(profiles, "_starts") or not hasattr(profiles, "_ends"):
        return None
    found: list[tuple[int, int, Any, bool, bool]] = []
    for first, stop, (text, snake, lines) in batches():
        if found and found[-1][1] == first and found[-1][2] is text and found[-1][3:] == (snake, lines) \
                and stop - found[-1][0] <= STRETCH:
            found[-1] = (found[-1][0], stop, text, snake, lines)
        else:
            found.append((first, stop, text, snake, lines))
    return found


def _holds(kept: list[int], first: int, stop: int) -> bool:
    """Whether one of the ``kept`` indices (sorted) is in ``first`` to ``stop``."""
    at = bisect_left(kept, first)
    return at < len(kept) and kept[at] < stop


class _Typed:
    """The decoders of one attributes type (the last one asked for; a new type replaces them)."""

    def __init__(self) -> None:
        self._kind: Any = None
        self._decoders: dict[tuple[bool, bool], Callable[[Any], Any] | None] = {}

    def decoder(self, kind: Any, snake: bool, lines: bool) -> Callable[[Any], Any] | None:
        """The decode of a stretch with ``kind`` for its attributes (None: msgspec cannot decode with it)."""
        if kind is not self._kind:
            self._kind, self._decoders = kind, {}
        if (snake, lines) not in self._decoders:
            try:
                wire = msgspec.defstruct("_TypedWire", [("attributes", kind | None, None),
                                                        ("connected_audiences", Any, None)],
                                         rename=None if snake else "camel", gc=False)
                decoder = msgspec.json.Decoder(wire if lines else list[wire],  # type: ignore[valid-type]
                                               float_hook=str.encode)
            except (TypeError, ValueError):
                self._decoders[snake, lines] = None
            else:
                self._decoders[snake, lines] = decoder.decode_lines if lines else decoder.decode
        return self._decoders[snake, lines]


def _decoded(profiles: Any, first: int, stop: int, text: Any, lines: bool,
             decode: Callable[[Any], Any]) -> list[Any] | None:
    """The rows of one stretch, or None when it must be read from the built profiles (or in another type)."""
    if text is None:
        return None
    low, high = profiles._starts[first], profiles._ends[stop - 1]
    try:
        with text.view(low, high) as stretch:
            rows: list[Any] = decode(stretch) if lines else decode(b"".join((b"[", stretch, b"]")))
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, SourceChanged):
        return None
    if len(rows) != stop - first:  # damage or other values between the spans
        return None
    if type(rows[0]) is not _Wire and type(rows[0]) is not _Snake:  # typed: msgspec checked the attributes
        return rows if set(map(type, map(_CONNECTED, rows))) <= _LIST_OR_NONE else None
    if not set(map(type, map(_ATTRIBUTES, rows))) <= _OBJECT_OR_NONE or \
            not set(map(type, map(_CONNECTED, rows))) <= _LIST_OR_NONE:
        return None  # a profile the full check set right: read those from the built profiles
    return rows
