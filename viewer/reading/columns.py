"""The profile list's columns, decoded for a whole piece of profiles at C speed.

msgspec decodes a piece into one small struct per profile holding only the
list's fields, typed as a well-formed AudienceCustomer has them: for 100,000
profiles the typed decode, the byte spans and these checks together take
about 0.6 of the time orjson needs to build the same profiles as dicts, and
the structs are dropped once their fields are in the columns. The list fields
(audience memberships, connected audiences) are kept as their JSON text and decoded
once per distinct text (``list_texts``). A profile whose field has the wrong
type, or is missing, fails the typed decode; then the piece is decoded profile
by profile and only the profiles that fail go on to the field-by-field check
(``profile_checks``) that says what is wrong.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from itertools import chain, compress
from operator import attrgetter, itemgetter
from typing import Annotated, Any

import msgspec
import msgspec.structs

from viewer.model.audiences import member_ids
from viewer.model.numbers import Number, beyond_double
from viewer.model.profile import Profile
from viewer.reading import search_text
from viewer.reading.bulk_checks import MAX_INTEGRATION_ID
from viewer.reading.list_texts import ListTexts

_NULL = msgspec.Raw(b"null")


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
    # the lists as their JSON text (``list_texts`` checks and decodes each distinct one once)
    audience_memberships: msgspec.Raw = _NULL
    sandbox: bool | None = None
    # only checked, never kept: their texts, checked together (``_int_lists``); lists made in C and dropped
    # took 0.025 s per 100,000 profiles of the typed decode, the texts 0.014 s and their check 0.002 s
    connected_applications_ids: msgspec.Raw = _NULL
    connected_audiences: msgspec.Raw = _NULL  # with the attributes' text its IDs are kept (``ListTexts.ids_of``)


# The same fields as the Python SDK writes them (snake_case).
SnakeFields: type[WireFields] = msgspec.defstruct(  # type: ignore[assignment]  # the same fields
    "SnakeFields",
    [(f.name, f.type) if f.required else (f.name, f.type, f.default) for f in msgspec.structs.fields(WireFields)],
    gc=False,
)


def _with_text(name: str, base: type[WireFields], **options: Any) -> type[WireFields]:
    """``base`` with ``attributes`` kept as its JSON text (``msgspec.Raw``: zero-copy) for the search text
    (whose ``connected_audiences`` keeps the IDs: one tuple per distinct list)."""
    fields = [(f.name, msgspec.Raw, _NULL) if f.name == "attributes" else
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
_IDS = itemgetter(0)
_PAIRS = itemgetter(1)
NAMES = ("id", "integration_id", "sandbox", "created", "last_activity", "closed_sessions", "total_sales",
         "audience_memberships")
"""The fields ``Rows.values`` holds for every run; ``audience_memberships`` as ``list_texts.Memberships``
(and ``membership_lists``: each distinct one once, in the order of the rows that first have it)."""


class Rows:
    """The list's fields of a run of well-typed profiles: one sequence per field (``values``), no struct per row.

    ``values`` holds ``NAMES``, ``membership_lists``, ``connected_audiences`` and, when the attributes' text
    was asked for, ``attributes`` (their ``msgspec.Raw`` text); ``connected_audiences`` is then a tuple of
    IDs per profile (else empty: only checked).
    """

    __slots__ = ("values", "_count")

    def __init__(self, values: dict[str, Sequence[Any]], count: int) -> None:
        self.values = values
        self._count = count

    def __len__(self) -> int:
        return self._count


def decode_piece(document: bytes | memoryview, snake: bool, text: bool = False,
                 lists: ListTexts | None = None) -> Rows:
    """The fields of every element of ``document`` (a JSON array); ``msgspec.ValidationError`` when one is odd.

    ``text``: keep the attributes' JSON text too, for ``Columns.search_text``. ``lists``: the list
    texts already decoded in this export (``Columns.lists``).
    """
    return _rows(_DECODE[snake, text](document), text, lists)


def decode_lines(lines: bytes | memoryview, snake: bool, text: bool = False, lists: ListTexts | None = None) -> Rows:
    """The fields of every line of NDJSON ``lines`` (blank lines skipped); raises like ``decode_piece``."""
    return _rows(_LINES[snake, text](lines), text, lists)


def decode_one(document: bytes | memoryview, snake: bool, text: bool = False,
               lists: ListTexts | None = None) -> Rows | None:
    """The fields of one profile's text, or None when a field is missing or of the wrong type."""
    try:
        return _rows([_ONE[snake, text](document)], text, lists)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return None


_POSITIONS = {f.name: n for n, f in enumerate(msgspec.structs.fields(WireFields))}  # the same in every kind
_PLAIN = tuple(name for name in NAMES if name != "audience_memberships")
_EMPTY: dict[str, Sequence[Any]] = {name: () for name in (*NAMES, "connected_audiences", "attributes",
                                                           "membership_lists")}


def _rows(decoded: list[Any], text: bool, lists: ListTexts | None) -> Rows:
    """The decoded structs as one sequence per field, their lists' texts decoded; ValidationError when odd.

    One ``astuple`` per row and one transposition: 0.04 s per 100,000 rows, against 0.07 s for a
    ``map`` of each field's getter.
    """
    count = len(decoded)
    transposed = list(zip(*map(msgspec.structs.astuple, decoded)))
    del decoded
    if not count:
        return Rows(_EMPTY, 0)
    values: dict[str, Sequence[Any]] = {name: transposed[_POSITIONS[name]] for name in _PLAIN}
    if text:
        values["attributes"] = transposed[_POSITIONS["attributes"]]
    lists = ListTexts() if lists is None else lists
    found = lists.memberships_of(_copies(transposed[_POSITIONS["audience_memberships"]]))
    connected: Sequence[Any] | None = transposed[_POSITIONS["connected_audiences"]]
    assert connected is not None
    ok = found is not None and _int_lists(transposed[_POSITIONS["connected_applications_ids"]])
    if ok and text:  # the search text keeps the IDs
        connected = lists.ids_of(_copies(connected))  # (None: one is not a list of IDs)
        ok = connected is not None
    elif ok:
        ok = _int_lists(connected)  # checked, not kept (its texts refer to the buffer decoded from)
        connected = ()
    del transposed
    if not ok:
        raise msgspec.ValidationError("a list of the wrong type")
    assert found is not None and connected is not None
    values["audience_memberships"], values["membership_lists"] = found
    values["connected_audiences"] = connected
    return Rows(values, count)


_INTEGER_LIST_BYTES = b"0123456789-,[] \t\n\r\x00"
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONG_INTEGER = b"0" * 19  # more digits than any 64-bit integer: left to the typed decode (it reads up to 4,300)


def _int_lists(raws: Sequence[Any]) -> bool:
    """Whether every JSON text (``msgspec.Raw``, valid JSON) is ``null`` or an array of integers: what
    ``list[int] | None`` accepts, proven by a few passes over the texts joined (0.002 s per 100,000).

    Valid JSON made of digits, ``-``, ``,``, brackets and white space alone, with one ``[``, at the
    text's start, is an array of integers; ``null`` written only as a whole text. When that is not
    the case, or an integer is long, the texts get the typed decode itself.
    """
    joined = b"\x00".join(raws).translate(_DIGITS_TO_ZERO)
    marked = b"\x00" + joined
    nulls = marked.count(b"\x00null")
    arrays = len(raws) - nulls
    if joined.translate(None, _INTEGER_LIST_BYTES) == b"null" * nulls and joined.count(b"[") == arrays \
            == marked.count(b"\x00[") and _LONG_INTEGER not in joined:
        return True
    try:
        _INT_LISTS(b"".join((b"[", b",".join(raws), b"]")))
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return False
    return True


_INT_LISTS = msgspec.json.Decoder(list[list[int] | None]).decode


def _copies(raws: Sequence[Any]) -> list[bytes]:
    """Each JSON text (``msgspec.Raw``) as ``bytes``: a ``Raw`` refers to the buffer decoded from, and a view
    of it cannot be released while one lives. One join and split (JSON text never holds a NUL byte): 0.013 s
    per 100,000, against 0.025 s for a ``bytes`` call each."""
    copies = b"\x00".join(raws).split(b"\x00")
    return copies if len(copies) == len(raws) else list(map(bytes, raws))


def fields(rows: Rows) -> dict[str, Sequence[Any]]:
    """Each list field's values across ``rows`` (``NAMES``): pulled out once for the checks and the columns."""
    return rows.values


def suspects(rows: Rows, values: dict[str, Sequence[Any]] | None = None) -> list[bool]:
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
        if _all_aware(texts):
            continue
        try:
            if None not in set(map(_zone, map(_fromisoformat, texts))):
                continue
        except ValueError:
            pass
        bad = [b or not _is_time(t) for b, t in zip(bad, texts)]
    return bad


_AWARE_TIMES = list[Annotated[datetime, msgspec.Meta(tz=True)]]


def _all_aware(texts: Sequence[str]) -> bool:
    """Whether every text is a time with a zone that ``datetime.fromisoformat`` reads, proven in one C call:
    msgspec reads RFC 3339 (0.08 s per 100,000, against 0.15 s for ``fromisoformat``), and what it reads
    ``fromisoformat`` reads too, but for a lowercase ``t`` or ``z`` (False: then the caller asks it)."""
    joined = "".join(texts)
    if "t" in joined or "z" in joined:
        return False
    try:
        msgspec.convert(texts, _AWARE_TIMES)
    except msgspec.ValidationError:
        return False
    return True


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
        self.lists = ListTexts()  # the list fields' texts decoded so far, for ``decode_piece`` and the others

    def __len__(self) -> int:
        return len(self.id)

    def add_rows(self, rows: Rows, values: dict[str, Sequence[Any]] | None = None) -> list[int]:
        """Append decoded rows (well-typed); returns the positions in ``rows`` whose attributes are not an object.

        Those are only found when the rows hold the attributes' text (``search_text``).
        ``values``: ``fields(rows)``, when the caller has them.
        """
        v = fields(rows) if values is None else values
        not_objects: list[int] = []
        if self.search_text is not None:
            first = len(self.id)
            made, not_objects = search_text.texts(v["attributes"], v["id"], v["integration_id"])
            self.search_text.extend(made)
            connected = v["connected_audiences"]
            for n in compress(range(len(rows)), connected):
                self.connected[first + n] = connected[n]
        self.id.extend(v["id"])
        self.integration_id.extend(v["integration_id"])
        flags = v["sandbox"]  # True and False are the codes 1 and 0 themselves
        self.sandbox.frombytes(bytes(flags if None not in flags else map(_SANDBOX.__getitem__, flags)))
        self.created.extend(v["created"])
        self.last_activity.extend(v["last_activity"])
        self.closed_sessions.extend(v["closed_sessions"])
        self.total_sales.extend(v["total_sales"])
        memberships = v["audience_memberships"]
        self.audiences.extend(map(_IDS, memberships))
        names = self.audience_names
        # each distinct list once, in the order of the profiles that first have it
        pairs = list(chain.from_iterable(map(_PAIRS, v["membership_lists"])))
        if not names.keys() >= set(map(_IDS, pairs)):
            # the first profile to name an audience names it: later ones only add new IDs. The keys are in
            # the order a dict of every membership read last first has them (as before the lists were shared).
            last_first = dict(zip(map(id, reversed(memberships)), reversed(memberships))).values()
            order = dict.fromkeys(map(_IDS, chain.from_iterable(map(reversed, map(_PAIRS, last_first)))))
            first_names = dict(reversed(pairs))
            fresh = dict(zip(order, map(first_names.__getitem__, order)))
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

