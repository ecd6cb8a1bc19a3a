"""The profile list's columns, decoded for a whole piece of profiles at C speed.

msgspec decodes a piece into one small struct per profile holding only the
list's fields, typed as a well-formed AudienceCustomer has them: for 100,000
profiles the typed decode, the byte spans and these checks together take
about 0.6 of the time orjson needs to build the same profiles as dicts, and
the structs are dropped once their fields are in the columns. A profile whose
field has the wrong type, or is missing, fails the typed decode; then the
piece is decoded profile by profile and only the profiles that fail go on to
the field-by-field check (``profile_checks``) that says what is wrong.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from functools import partial
from itertools import chain, compress
from operator import attrgetter
from typing import Any

import msgspec
import msgspec.structs

from viewer.model.audiences import member_ids
from viewer.model.numbers import Number, beyond_double
from viewer.model.profile import Profile
from viewer.reading import search_text
from viewer.reading.bulk_checks import MAX_INTEGRATION_ID


class _Membership(msgspec.Struct, gc=False):
    id: int
    name: str


class _Object(msgspec.Struct, gc=False):
    """Any JSON object: its members are skipped, only its being an object is checked."""


class WireFields(msgspec.Struct, rename="camel", gc=False):
    """The list's fields of one profile as the API writes them (camelCase)."""

    id: int
    created: str
    integration_id: str
    account_id: int
    closed_sessions: int
    total_sales: Any  # int or Decimal (exact; a string "12" must stay a string, which a Decimal type would not)
    last_activity: str
    attributes: _Object | None = None
    loyalty_memberships: None = None  # deprecated: any list gets the full check
    audience_memberships: list[_Membership] | None = None
    sandbox: bool | None = None
    connected_applications_ids: list[int] | None = None
    connected_audiences: list[int] | None = None


# The same fields as the Python SDK writes them (snake_case).
SnakeFields: type[WireFields] = msgspec.defstruct(  # type: ignore[assignment]  # the same fields
    "SnakeFields",
    [(f.name, f.type) if f.required else (f.name, f.type, f.default) for f in msgspec.structs.fields(WireFields)],
    gc=False,
)


def _with_text(name: str, base: type[WireFields], **options: Any) -> type[WireFields]:
    """``base`` with ``attributes`` kept as its JSON text (``msgspec.Raw``: zero-copy) for the search text."""
    fields = [(f.name, msgspec.Raw, msgspec.Raw(b"null")) if f.name == "attributes" else
              (f.name, f.type) if f.required else (f.name, f.type, f.default) for f in msgspec.structs.fields(base)]
    return msgspec.defstruct(name, fields, gc=False, **options)  # type: ignore[return-value]


WireText = _with_text("WireText", WireFields, rename="camel")
SnakeText = _with_text("SnakeText", SnakeFields)


# The column keeps money's exact value as a ``Decimal`` made in C (sorting, sums, money's two decimals);
# its text as written (``1E2``) is the built profile's (a ``Number``). A Python hook that kept the text
# here too cost 0.12 s per 100,000 profiles, a third of the whole typed decode.
# (snake case, with the attributes' text) -> decoder
_KINDS = {(False, False): WireFields, (True, False): SnakeFields, (False, True): WireText, (True, True): SnakeText}
_DECODE = {key: msgspec.json.Decoder(list[kind], float_hook=Decimal).decode  # type: ignore[valid-type]
           for key, kind in _KINDS.items()}
_ONE = {key: msgspec.json.Decoder(kind, float_hook=Decimal).decode for key, kind in _KINDS.items()}
_LINES = {key: msgspec.json.Decoder(kind, float_hook=Decimal).decode_lines for key, kind in _KINDS.items()}
_fromisoformat = datetime.fromisoformat
_zone = attrgetter("tzinfo")
_DOUBLE_MAX = Decimal("1.7976931348623157E+308")
_MONEY_TYPES = frozenset({int, Decimal, Number})
_ID = attrgetter("id")
_ATTRIBUTES = attrgetter("attributes")
_CONNECTED = attrgetter("connected_audiences")
_NAME = attrgetter("name")
_audience_ids = partial(map, _ID)
_GETTERS = {name: attrgetter(name) for name in (
    "id", "integration_id", "sandbox", "created", "last_activity", "closed_sessions", "total_sales",
    "audience_memberships")}
NAMES = tuple(_GETTERS)


def decode_piece(document: bytes, snake: bool, text: bool = False) -> list[WireFields]:
    """The fields of every element of ``document`` (a JSON array); ``msgspec.ValidationError`` when one is odd.

    ``text``: keep the attributes' JSON text too, for ``Columns.search_text``.
    """
    return _DECODE[snake, text](document)


def decode_lines(lines: bytes | memoryview, snake: bool, text: bool = False) -> list[WireFields]:
    """The fields of every line of NDJSON ``lines`` (blank lines skipped); raises like ``decode_piece``."""
    return _LINES[snake, text](lines)


def decode_one(document: bytes | memoryview, snake: bool, text: bool = False) -> WireFields | None:
    """The fields of one profile's text, or None when a field is missing or of the wrong type."""
    try:
        row: WireFields = _ONE[snake, text](document)
        return row
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return None


_POSITIONS = {f.name: n for n, f in enumerate(msgspec.structs.fields(WireFields))}  # the same in every kind


def fields(rows: list[WireFields]) -> dict[str, Sequence[Any]]:
    """Each list field's values across ``rows`` (``NAMES``): pulled out once for the checks and the columns.

    One ``astuple`` per row and one transposition: 0.04 s per 100,000 rows, against 0.07 s for a
    ``map`` of each field's getter.
    """
    transposed = list(zip(*map(msgspec.structs.astuple, rows)))
    if not transposed:
        return {name: () for name in NAMES}
    return {name: transposed[_POSITIONS[name]] for name in NAMES}


def suspects(rows: list[WireFields], values: dict[str, Sequence[Any]] | None = None) -> list[bool]:
    """Per row, whether it needs the field-by-field check though its types were right.

    Money must be a number a double can hold, an integration
    ID at most 1,000 characters, and both times RFC 3339 with a time zone.
    ``values``: ``fields(rows)``, when the caller has them.
    """
    values = fields(rows) if values is None else values
    bad = [False] * len(rows)
    sales = values["total_sales"]
    if not set(map(type, sales)) <= _MONEY_TYPES:
        bad = [type(v) not in _MONEY_TYPES for v in sales]
        sales = [v if type(v) in _MONEY_TYPES else 0 for v in sales]
    if sales and (max(sales) > _DOUBLE_MAX or min(sales) < -_DOUBLE_MAX):  # C-level comparisons
        bad = [b or beyond_double(Decimal(v)) for b, v in zip(bad, sales)]
    ids = values["integration_id"]
    if max(map(len, ids), default=0) > MAX_INTEGRATION_ID:
        bad = [b or len(v) > MAX_INTEGRATION_ID for b, v in zip(bad, ids)]
    for name in ("created", "last_activity"):
        texts = values[name]
        try:
            if None not in set(map(_zone, map(_fromisoformat, texts))):
                continue
        except ValueError:
            pass
        bad = [b or not _is_time(t) for b, t in zip(bad, texts)]
    return bad


def _is_time(text: str) -> bool:
    try:
        return _fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


class Columns:
    """The list's fields of every profile, one Python list per field (``NAMES``), in file order.

    Audience memberships are kept as the tuple of audience IDs per profile,
    with one ``audience_names`` map for the export (names repeat in every
    profile). ``sandbox`` is an ``array`` of 0, 1 and 2 (unknown).
    """

    def __init__(self, search_text: bool = False) -> None:
        # the search index's text per profile (``viewer.reading.search_text``; None: read the profile),
        # made while the rows are decoded, and the connected audiences of the profiles that have any
        self.search_text: list[str | None] | None = [] if search_text else None
        self.connected: dict[int, tuple[int, ...]] = {}
        self.id: list[int | None] = []
        self.integration_id: list[str | None] = []
        self.sandbox = array("b")
        self.created: list[str | None] = []
        self.last_activity: list[str | None] = []
        self.closed_sessions: list[int | None] = []
        self.total_sales: list[int | Decimal | None] = []
        self.audiences: list[tuple[int, ...]] = []
        self.audience_names: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.id)

    def add_rows(self, rows: list[WireFields], values: dict[str, Sequence[Any]] | None = None) -> list[int]:
        """Append decoded rows (well-typed); returns the positions in ``rows`` whose attributes are not an object.

        Those are only found when the rows hold the attributes' text (``search_text``).
        ``values``: ``fields(rows)``, when the caller has them.
        """
        v = fields(rows) if values is None else values
        not_objects: list[int] = []
        if self.search_text is not None:
            first = len(self.id)
            made, not_objects = search_text.texts(list(map(_ATTRIBUTES, rows)), v["id"], v["integration_id"])
            self.search_text.extend(made)
            connected = list(map(_CONNECTED, rows))
            for n in compress(range(len(rows)), connected):
                self.connected[first + n] = tuple(connected[n])
        self.id.extend(v["id"])
        self.integration_id.extend(v["integration_id"])
        self.sandbox.extend(map(_SANDBOX.__getitem__, v["sandbox"]))
        self.created.extend(v["created"])
        self.last_activity.extend(v["last_activity"])
        self.closed_sessions.extend(v["closed_sessions"])
        self.total_sales.extend(v["total_sales"])
        memberships = v["audience_memberships"]
        if None in memberships:
            memberships = list(map(_or_empty, memberships))
        audiences = list(map(tuple, map(_audience_ids, memberships)))
        self.audiences.extend(audiences)
        names = self.audience_names
        if not names.keys() >= set(chain.from_iterable(audiences)):
            # the first profile to name an audience names it: later ones only add new IDs (0.03 s per
            # 100,000 profiles when made for every piece, a few pieces only in a real export)
            present = list(chain.from_iterable(memberships))
            fresh = dict(zip(map(_ID, reversed(present)), map(_NAME, reversed(present))))
            fresh.update(names)
            self.audience_names = fresh
        return not_objects

    def add_profile(self, profile: Profile) -> None:
        """Append the fields of a profile built by the full check (a ``Profile``)."""
        self.id.append(profile.id)
        self.integration_id.append(profile.integration_id)
        self.sandbox.append(_SANDBOX[profile.sandbox])
        self.created.append(profile.created_text if profile.created is not None else None)
        self.last_activity.append(profile.last_activity_text if profile.last_activity is not None else None)
        self.closed_sessions.append(profile.closed_sessions)
        self.total_sales.append(profile.total_sales)
        self.audiences.append(member_ids(profile, self.audience_names))
        if self.search_text is not None:
            self.search_text.append(None)
            if profile.connected_audiences:
                self.connected[len(self.id) - 1] = tuple(profile.connected_audiences)

    def replace(self, index: int, profile: Profile) -> None:
        """Put the fields of ``profile`` (full check) at ``index``, over the row decoded there."""
        scratch = Columns()
        scratch.add_profile(profile)
        if self.search_text is not None:
            self.search_text[index] = None  # read from the checked profile
            self.connected.pop(index, None)
            if profile.connected_audiences:
                self.connected[index] = tuple(profile.connected_audiences)
        for name in ("id", "integration_id", "created", "last_activity", "closed_sessions", "total_sales",
                     "audiences"):
            getattr(self, name)[index] = getattr(scratch, name)[0]
        self.sandbox[index] = scratch.sandbox[0]
        for key, value in scratch.audience_names.items():
            self.audience_names.setdefault(key, value)

    def head(self, count: int) -> Columns:
        """The columns of the first ``count`` profiles (a copy of the lists' references, no search text)."""
        first = Columns()
        for name in ("id", "integration_id", "created", "last_activity", "closed_sessions", "total_sales",
                     "audiences"):
            setattr(first, name, getattr(self, name)[:count])
        first.sandbox = self.sandbox[:count]
        first.audience_names = dict(self.audience_names)
        return first

    def sandbox_value(self, index: int) -> bool | None:
        """``sandbox`` of the profile at ``index`` (None: unknown)."""
        return _SANDBOX_VALUES[self.sandbox[index]]

    def environments(self, start: int = 0) -> Iterable[bool | None]:
        """``sandbox`` of every profile from ``start`` on, in order."""
        return map(_SANDBOX_VALUES.__getitem__, self.sandbox[start:])

    def rows_where(self, flags: list[bool]) -> list[int]:
        """Indices (within a batch) whose flag is set."""
        return list(compress(range(len(flags)), flags))


_SANDBOX = {False: 0, True: 1, None: 2}
_SANDBOX_VALUES = (False, True, None)


def _or_empty(value: list[_Membership] | None) -> list[_Membership]:
    return value or []
