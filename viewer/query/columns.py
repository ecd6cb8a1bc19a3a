"""One value per profile for a field or an attribute path, read the cheapest way there is (no Qt).

Building every ``Profile`` of 100,000 means decoding the whole file again
(1.5-2 s measured, twice a bare parse), so a column is read, in order of cost:

- a list field from the reader's columns (``profiles.columns``: id, dates,
  sessions, money, audiences), which are already in memory;
- a top-level attribute from the search index's attribute text, where every
  profile's attribute values are written out lowercase (about 0.1 s per
  100,000); numbers and dates compare on that text exactly;
- a nested path (``Address.City``) by decoding, from each profile's span of the
  file, only the attribute the path starts with;
- anything else from the profiles themselves.

Columns are built with the garbage collector paused (it tripled the cost of
building them) and the ``poll`` callback called every ``POLL_PROFILES``, also
while a column of the reader's is converted: converting 1,000,000 dates in one
comprehension gave a worker's pace no point to pause at for about a second, a
stall of the window while the overview's chart columns were read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import msgspec

from viewer.model.numbers import number
from viewer.model.operands import exact_number
from viewer.model.profile import Profile, SourceChanged
from viewer.model.times import parse_rfc3339
from viewer.query.fields import ProfileField, path_values
from viewer.query.search_index import ProfileSearchIndex
from viewer.reading.gc_pause import collector_paused

POLL_PROFILES = 2_000
_LIST_COLUMNS = {"id": "id", "integrationId": "integration_id", "created": "created", "lastActivity": "last_activity",
                 "closedSessions": "closed_sessions", "totalSales": "total_sales"}
Poll = Callable[[int], None]


class _Attributes(msgspec.Struct):
    attributes: Any = None


_DECODE = msgspec.json.Decoder(_Attributes, float_hook=number).decode  # numbers exact, as the reader reads them


def field_column(profiles: Sequence[Profile], field: ProfileField, poll: Poll) -> list[Any]:
    """``field`` of every profile: exact numbers, datetimes, lowercase text or tuples of numbers (None: no value)."""
    kind = field.kind
    listed = _listed(profiles, field.name)
    with collector_paused():
        if listed is not None:
            if kind == "date":
                convert: Callable[[Any], Any] = _moment_or_none
            elif kind == "number" and field.name != "audiences":
                convert = exact_number
            elif field.name == "audiences":
                convert = len
            else:
                convert = _lower_or_none
            listed_column: list[Any] = []
            for start in range(0, len(listed), POLL_PROFILES):  # a pause point every few ms (a worker's pace)
                poll(start)
                listed_column.extend(map(convert, listed[start:start + POLL_PROFILES]))
            return listed_column
        read = field.read
        column: list[Any] = []
        for n, profile in enumerate(profiles):
            if n % POLL_PROFILES == 0:
                poll(n)
            value = read(profile)
            if kind == "number":
                value = exact_number(value)
            elif kind == "text":
                value = None if value is None else value.lower()
            elif kind == "bool":
                value = None if value is None else ("true" if value else "false")
            column.append(value)
        return column


def _listed(profiles: Sequence[Profile], name: str) -> list[Any] | None:
    """The reader's column for the field ``name`` when it has one of the right length."""
    columns = getattr(profiles, "columns", None)
    attribute = "audiences" if name == "audiences" else _LIST_COLUMNS.get(name)
    listed = getattr(columns, attribute, None) if columns is not None and attribute is not None else None
    return listed if isinstance(listed, list) and len(listed) == len(profiles) else None


def _moment_or_none(text: Any) -> datetime | None:
    return None if text is None else _moment(text)


def _lower_or_none(value: Any) -> Any:
    return None if value is None else value.lower()


def _moment(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo is not None else None
    except (TypeError, ValueError):
        return parse_rfc3339(value) if type(value) is str else None


def attribute_column(
    profiles: Sequence[Profile], path: tuple[str, ...], index: ProfileSearchIndex | None, poll: Poll
) -> list[tuple[Any, ...]]:
    """The values at ``path`` in every profile's attributes (see ``fields.path_values``); () when none."""
    with collector_paused():
        spans = getattr(profiles, "span", None)
        reader = _SpanReader(path[0]) if spans is not None else None
        column: list[tuple[Any, ...]] = []
        for n in range(len(profiles)):
            if n % POLL_PROFILES == 0:
                poll(n)
            attributes = reader.attributes(spans(n)) if reader is not None and spans is not None else None
            if attributes is None:
                attributes = profiles[n].attributes
            column.append(path_values(attributes, path) if isinstance(attributes, dict) else ())
        return column


class _SpanReader:
    """Reads the first key of a path from profiles' spans of text, decoding only that key once it is known.

    Decoding one attribute instead of all of them took 0.18 s instead of 0.46 s
    for 100,000 profiles. Keys are case-insensitive: the spelling is learnt
    from the first profile that has the key, and a profile without it under
    that spelling is decoded whole when its text holds the key at all.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.spelled = key
        self.needle = f'"{key}"'.encode() if key.isascii() else None
        self.decode_key: Callable[[Any], Any] | None = None

    def attributes(self, span: Any) -> dict[str, Any] | None:
        """The attributes (or the part of them at the key) of the profile at ``span``; None: read the profile."""
        try:
            if span is None:
                return None
            text, start, end = span
            piece = text.view(start, end)  # from the file's text, or read back from the file
            if self.decode_key is not None:
                found = self.decode_key(piece).attributes
                if found is not None and found.value is not None:
                    return {self.spelled: found.value}
                if self.needle is not None and self.needle not in bytes(piece).lower():
                    return {}  # the key is nowhere in the profile's text
            value = _DECODE(piece).attributes
        except (msgspec.DecodeError, msgspec.ValidationError, AttributeError, TypeError, ValueError,
                SourceChanged):
            return None
        if not isinstance(value, dict):
            return {}
        if self.decode_key is None:
            self._learn(value)
        return value

    def _learn(self, attributes: dict[str, Any]) -> None:
        for spelled in attributes:
            if spelled.lower() == self.key:
                self.spelled = spelled
                one = msgspec.defstruct("_OneKey", [("value", Any, None)], rename={"value": spelled})
                outer = msgspec.defstruct("_OneAttribute", [("attributes", one | None, None)])
                self.decode_key = msgspec.json.Decoder(outer, float_hook=number).decode
                return
