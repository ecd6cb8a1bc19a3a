"""What the attribute catalogue has seen of one path, and the ``AttributeStats`` made of it (no Qt).

A ``PathSeen`` is filled batch by batch by ``catalogue.CatalogueBuilder``:
scalars are counted with ``count_scalars`` (numbers by their text, booleans
apart: ``True == 1`` for a ``Counter``), and ``path_stats`` turns what was
seen into the path's ``AttributeStats`` once every profile is in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from itertools import compress, repeat
from operator import is_not
from typing import Any

from viewer.insights.number_counts import NumberCounts, all_different, numbers_of
from viewer.insights.overview import AttributeStats
from viewer.insights.queries import has_query
from viewer.insights.tally import Mostly, Tally
from viewer.insights.top_values import top_values
from viewer.model.numbers import Number

NONE_TYPE = type(None)
CONTAINERS = {dict, list}
_NUMBER_KINDS = {Number, bytes}  # counted by their text (bytes: a number's text, from ``attribute_rows``)
_NUMBER_OR_NONE = {Number, bytes, NONE_TYPE}
_OTHER_NUMBERS = {int, float, Decimal}
_TYPE_NAMES: dict[type, str] = {str: "string", int: "number", float: "number", bool: "boolean", NONE_TYPE: "null",
                                bytes: "number"}
_ORDER = ("string", "number", "boolean", "null", "object", "list")


class PathSeen:
    """What has been seen of one path so far."""

    __slots__ = ("booleans", "children", "count", "empty_lists", "holder", "item", "kinds", "lists", "objects",
                 "order", "owners", "parent", "path", "present", "profiles", "texts", "values")

    def __init__(self, path: str, order: int, parent: PathSeen | None, holder: PathSeen | None) -> None:
        self.path = path
        self.order = order
        self.parent = parent
        self.holder = holder  # for ``Tags[]``: ``Tags``, which has a value where an element has one
        self.children: dict[str, PathSeen] = {}  # the keys of objects at this path
        self.item: PathSeen | None = None  # the elements of lists at this path (``path[]``)
        self.profiles = 0
        self.count = 0  # this batch: profiles with a value, where each profile has at most one
        self.owners: set[int] = set()  # this batch: the profiles with a value, where they may repeat
        self.kinds: set[type] = set()  # the Python types seen (counted from ``values`` at the end)
        self.values = Tally()  # scalars but booleans (True == 1 for a Counter)
        self.texts = Tally()  # Numbers by their text, bytes (``finish`` makes them counts by value)
        self.booleans: Counter[bool] = Counter()
        self.objects = 0  # objects at this path (for the root: the profiles' attribute objects)
        self.present = 0  # values at this path: as many as its parent's objects when no object lacks the key
        self.lists = 0
        self.empty_lists = 0  # lists with no element that is not null: the profile does not have the path


def count_scalars(stats: PathSeen, values: Any, kinds: set[type]) -> None:
    """Count values that are neither objects nor lists: numbers by their text, booleans apart."""
    if kinds & _NUMBER_KINDS:
        if kinds <= _NUMBER_OR_NONE:  # counted by their text at C speed, folded into values in ``finish``
            numbers = values if NONE_TYPE not in kinds else list(compress(values, map(is_not, values, repeat(None))))
            stats.texts.update(numbers if kinds <= {bytes, NONE_TYPE} else map(_text, numbers))
            if len(numbers) != len(values):
                stats.values.add(None, len(values) - len(numbers))
            return
        stats.texts.update(_text(v) for v in values if type(v) is bytes or type(v) is Number)
        values = [v for v in values if type(v) is not bytes and type(v) is not Number]
        kinds = kinds - _NUMBER_KINDS
    if bool not in kinds:
        stats.values.update(values)
    elif len(kinds) == 1:
        stats.booleans.update(values)
    else:
        stats.booleans.update(v for v in values if type(v) is bool)
        stats.values.update(v for v in values if type(v) is not bool)


def _text(value: Any) -> bytes:
    """The text of a number, in bytes (a ``Number``'s text, or the bytes ``attribute_rows`` decodes)."""
    text: bytes = value if type(value) is bytes else value.text.encode()
    return text


def _numbers(stats: PathSeen) -> Mapping[Any, int] | None:
    """The counts of the numbers counted by text (None: none, or folded into ``values`` by value)."""
    if not stats.texts:
        return None
    texts = stats.texts.counts()
    stats.texts = Tally()
    if stats.kinds & _OTHER_NUMBERS:  # an int or a float may equal one of them: one count by value
        for value, n in numbers_of(texts).items():
            stats.values.add(value, n)
        return None
    return NumberCounts(texts) if all_different(texts) else numbers_of(texts)


def _type_name(kind: type) -> str:
    """The JSON type a Python value of ``kind`` is."""
    name = _TYPE_NAMES.get(kind)
    if name is None:
        name = "number" if issubclass(kind, (int, float)) or kind.__name__ in ("Decimal", "Number") else "string"
    return name


def path_stats(stats: PathSeen, total: int) -> AttributeStats:
    """The catalogue entry of one path, of ``total`` profiles (reads the counts: call once, at the end)."""
    numbers = _numbers(stats)
    values = stats.values.counts()
    every = values.total() if isinstance(values, (Counter, Mostly)) else sum(values.values())  # no pass in Python
    per_type: Counter[str] = Counter()
    kinds = stats.kinds - CONTAINERS - {bool} - (_NUMBER_KINDS if numbers is not None else set())
    scalar_kinds = {_type_name(kind) for kind in kinds}
    if len(scalar_kinds) == 1:
        per_type[scalar_kinds.pop()] = every
    elif len(scalar_kinds) == 2 and "null" in scalar_kinds:  # one type and nulls: no need to look at each value
        nulls = values.get(None, 0)
        per_type["null"] = nulls
        per_type[(scalar_kinds - {"null"}).pop()] = every - nulls
    else:
        for value, n in values.items():
            per_type[_type_name(type(value))] += n
    if numbers is not None:
        per_type["number"] += sum(numbers.values())
    per_type["boolean"] = sum(stats.booleans.values())
    per_type["object"] += stats.objects
    per_type["list"] += stats.lists
    types = tuple((name, per_type[name]) for name in _ORDER if per_type[name])
    counts = tuple(c for c in (values, numbers, stats.booleans) if c)
    return AttributeStats(stats.path, stats.profiles, total, types, sum(map(len, counts)),
                          top_values(counts, AttributeStats.TOP), counts, has_query(stats.path), stats.empty_lists)
