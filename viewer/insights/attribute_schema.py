"""The msgspec type the catalogue decodes the attributes still to read with, made from the paths read so far (no Qt).

Measured on 100,000 profiles (87 MB): decoding every attributes object into
dicts made two million fresh objects (0.5 s of CPU), and counting fresh
strings, whose hashes are not yet known and which compare by their text, was
most of the ``Counter`` inserts. So once a stretch of profiles has added
nothing new to a path, the stretches after it are decoded with a type that
says what was seen there: an object path becomes a ``msgspec.Struct`` of its
keys (a missing key reads ``UNSET``, an unknown key fails the decode, no
dict and no key string is made), a list path a ``list`` of its elements' type,
and a path of at most ``LITERAL_MAX`` distinct strings or integers a
``Literal`` of them: msgspec then hands out the very objects already counted,
hashed and compared by identity (other paths of strings, integers or booleans
are typed ``str``, ``int``, ``bool``). A key every object has, of one type, is
a required field: its column is taken as it is, not looked at value by value.
Measured with ``bench_overview.py`` in the same run as the code before it: the
whole summary of 100,000 profiles took 0.84 s instead of 1.03 s (1.55x a bare
parse instead of 1.95x), with other work on the machine 1.42 s instead of
2.25 s (1.85x instead of 2.84x); of 1,000,000 profiles 10.4 s instead of
12.0 s, with the same memory (416 MB above the loaded export at its peak, 422
before).

A stretch the type does not fit (a new key, a new value, another type) fails
to decode and is read as before, into dicts; the paths that stretch changed
are blamed, typed again only after ``PATIENCE`` more unchanged stretches per
failure (birth dates, 3,500 values, keep adding one now and then), and read
as ``Any`` for good after ``FAILURES``. The counts are the same either way: only which objects hold the values
differs.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Literal

import msgspec

from viewer.insights.catalogue_paths import NONE_TYPE, PathSeen

LITERAL_MAX = 4096  # distinct values of a path beyond which it is read as ``Any`` (a decoder for 3,500 took 5 ms)
SCHEMA_DEPTH = 8  # levels of nesting typed; deeper values are read as ``Any``
MAX_FIELDS = 256  # keys of an object path beyond which it is read as ``Any`` (keys that are data)
MAX_PATHS = 512  # paths beyond which nothing is typed (each stretch compares every path)
FAILURES = 4  # failed stretches a path is blamed for before it is read as ``Any`` for good
PATIENCE = 4  # stretches more a path must stay unchanged after each failure before it is typed again
MAX_TYPES = 48  # types made; then the last one stays, losing only paths that fail (each costs a few ms)
UNBLAMED = 8  # failed stretches that changed no typed path, after which nothing is typed
UNSET_TYPE = type(msgspec.UNSET)
_INT64 = range(-(2 ** 63), 2 ** 63)
_UNNAMEABLE = re.compile(r'[\\"\x00-\x1f]')  # what msgspec refuses in a field name: such objects stay dicts


class Fields:
    """The keys of one object path's struct, in the order of its fields, and the Python types of the values of
    each key that every object has and that has one type (None: any, or missing in some objects)."""

    __slots__ = ("keys", "kinds")

    def __init__(self, keys: tuple[str, ...], kinds: tuple[frozenset[type] | None, ...]) -> None:
        self.keys, self.kinds = keys, kinds


class AttributeSchema:
    """The type for the next stretch (``current``), told after each stretch how it went (``read``)."""

    def __init__(self, root: PathSeen, paths: list[PathSeen], depth_limit: int) -> None:
        self._root, self._paths = root, paths
        self._depth = min(SCHEMA_DEPTH, depth_limit - 1)
        self._seen: dict[int, tuple[Any, ...]] = {}  # path order -> what it was after the last stretch
        self._settled: set[int] = set()  # paths typed: unchanged for ``1 + PATIENCE * failures`` stretches
        self._streak: Counter[int] = Counter()  # path -> stretches in a row that did not change it
        self._typed: set[int] = set()  # paths the current type reads as more than ``Any``
        self._failed: Counter[int] = Counter()
        self._unblamed = 0
        self._made = 0
        self._type: Any = None
        self._offered: Any = None
        self._asked = False  # no type is made for a builder that is never asked for one
        self.fields: dict[type, Fields] = {}  # every struct made -> its keys

    def current(self) -> Any:
        """The type to decode the next stretch's attributes with (None: ``Any``)."""
        self._offered, self._asked = self._type, True
        return self._type

    def read(self, typed: bool) -> None:
        """After a stretch: ``typed`` when it was decoded with the type ``current`` gave."""
        offered, self._offered = self._offered, None
        if not self._asked:
            return
        if len(self._paths) > MAX_PATHS or self._unblamed >= UNBLAMED:
            self._type = None
            return
        changed = set()
        for path in (self._root, *self._paths):
            now = _snapshot(path, self._required(path))
            if self._seen.get(path.order) != now:
                self._seen[path.order] = now
                changed.add(path.order)
                self._streak[path.order] = 0
            else:
                self._streak[path.order] += 1
        failed = offered is not None and not typed
        if failed:
            blamed = changed & self._typed
            self._failed.update(blamed)
            self._unblamed += not blamed
        settled = {order for order, streak in self._streak.items() if streak > PATIENCE * self._failed[order]}
        if failed or settled != self._settled and self._made < MAX_TYPES:
            self._settled = settled
            self._made += 1
            self._typed = set()
            made, _ = self._type_of(self._root, -1)
            self._type = None if made is Any else made

    def _required(self, path: PathSeen) -> bool:
        """Whether every object at ``path`` 's parent has its key (never for list elements)."""
        owner = self._root if path.parent is None else path.parent
        return path.holder is None and path is not self._root and path.present == owner.objects

    def _type_of(self, path: PathSeen, level: int) -> tuple[Any, frozenset[type] | None]:
        """The type of the values at ``path`` (``level``: 0 for a top-level key, -1 for the attributes), and the
        one Python type of its values if it has one (a struct, ``list``, ``str`` or ``int``)."""
        if path.order not in self._settled or self._failed[path.order] >= FAILURES:
            return Any, None
        kinds = path.kinds - {NONE_TYPE} if path is not self._root else {dict}  # the root: the attributes
        made: Any = Any
        if kinds == {dict} and level + 1 < self._depth and len(path.children) <= MAX_FIELDS \
                and not any(map(_UNNAMEABLE.search, path.children)):
            fields, known = [], []
            for i, (key, child) in enumerate(path.children.items()):
                kind, one = self._type_of(child, level + 1)
                required = one is not None and child.present == path.objects  # a missing key fails the decode
                fields.append((f"f{i}", kind, msgspec.field(name=key) if required else
                               msgspec.field(default=msgspec.UNSET, name=key)))
                known.append(one if required else None)
            try:
                made = msgspec.defstruct("Attributes", fields, forbid_unknown_fields=True, gc=False, kw_only=True)
            except (TypeError, ValueError):  # a key msgspec cannot take as a field name
                return Any, None
            keys = tuple(path.children)
            order = [int(name[1:]) for name in made.__struct_fields__]  # ``astuple`` 's order: the fields'
            self.fields[made] = Fields(tuple(keys[i] for i in order), tuple(known[i] for i in order))
        elif kinds == {list} and level + 1 < self._depth:
            made = list[Any] if path.item is None else list[self._type_of(path.item, level + 1)[0]]  # type: ignore[misc]
        elif (kinds == {str} or kinds == {int}) and len(path.values) <= LITERAL_MAX and not path.texts \
                and not path.booleans:
            values = tuple(value for value in path.values.counts() if value is not None)
            if values and (kinds == {str} or all(value in _INT64 for value in values)):
                made = Literal[values]
        if made is Any and (kinds == {str} or kinds == {int} or kinds == {bool}):
            made = kinds.copy().pop()  # known to be of one type: its column is not looked at value by value
        if made is Any:
            return Any, None
        self._typed.add(path.order)
        if NONE_TYPE in path.kinds:
            return made | None, None
        return made, frozenset({made if kinds == {dict} else kinds.pop()})


def _snapshot(path: PathSeen, required: bool) -> tuple[Any, ...]:
    """What decides a path's type: its kinds, keys, whether it has had elements, its distinct values, and whether
    every object has it."""
    values = len(path.values) if len(path.kinds) <= 2 else -1
    return frozenset(path.kinds), len(path.children), path.item is None, min(values, LITERAL_MAX + 1), required
