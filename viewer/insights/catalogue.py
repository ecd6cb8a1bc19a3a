"""The attribute catalogue: every attribute path of an export and what its values are (no Qt).

Paths name nested keys with dots (``Address.City``) and list elements with
``[]`` (``Tags[]``, ``Orders[].Amount``). For each path: the profiles that have
it, the values per type, and every distinct scalar value with its count.
"Profiles that have it" means what the query ``has:PATH`` selects: a value that
is not null, where a list stands for its elements (``Tags`` counts the profiles
with at least one tag; an empty list or a list of nulls does not count).

The walk is by columns, not by value: the attribute objects of a batch of
profiles are grouped by their keys (most profiles of an export share them),
each group is cut into one column per key with ``itemgetter`` and ``zip`` (when
optional attributes make many key sets, each key's column is read with
``dict.get`` instead), and
a column's types and values are taken with ``Counter``, ``map`` and
``list.extend``, all at C speed. Python runs once per object, not once per
value. Numbers are counted by their text (strings hash and compare in C; a
Decimal's hash costs about 0.5 µs) and become ``Number`` s per distinct value
only when read (``number_counts``). Measured on 100,000 profiles of 21 paths
(about 1.7 s of CPU for the whole pass, 0.55 s of it decoding): 1.0 s is the
``Counter`` inserts, most of it for paths whose values are mostly different
(e-mail addresses, phone numbers, times, amounts), whose every distinct value
is kept; cutting the objects into columns and the rest take about 0.15 s. So
a path's values go into a set while they are nearly all different
(``tally.Tally``): at 1,000,000 profiles the counting alone took 8.6 s of
CPU instead of 10.4 s and a whole summary 16.4-17.3 s instead of 22.1-22.2 s,
with the same counts, order and top values. (One ``list.count`` per value for
columns of a few distinct values measured slower than the ``Counter``: 27-37 ms
against 20-22 per 100,000 strings.) A list of scalars, one per profile (``Tags``), counts
its elements' profiles from its lists instead of gathering each element's
profile in a set (the two paths of tags took 80-95 ms per 100,000 profiles
before, 40 after).

Objects and lists found in a column become the next columns to walk,
on an explicit stack, never by recursion: attributes nested thousands of
levels deep are walked like flat ones. Paths stop at ``DEPTH_LIMIT`` levels (a
path string grows with its depth: the paths of a 100,000-level chain would hold
billions of characters); deeper subtrees are counted in ``too_deep``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from itertools import chain, compress, repeat
from operator import is_not, itemgetter, methodcaller
from typing import Any

from viewer.insights.number_counts import NumberCounts, all_different, numbers_of
from viewer.insights.overview import AttributeStats, Catalogue
from viewer.insights.queries import has_query
from viewer.insights.tally import Mostly, Tally
from viewer.insights.top_values import top_values
from viewer.model.numbers import Number
from viewer.model.profile import Profile
from viewer.reading.work_pauses import between_slices

DEPTH_LIMIT = 64
MAX_GROUPS = 8  # key sets in a batch beyond which the columns are read key by key ...
MAX_KEY_COLUMNS = 256  # ... unless the keys are that many (keys that are data: IDs as keys)
_MISSING = object()
_NONE = type(None)
_NUMBER_KINDS = {Number, bytes}  # counted by their text (bytes: a number's text, from ``attribute_rows``)
_NUMBER_OR_NONE = {Number, bytes, _NONE}
_CONTAINERS = {dict, list}
_OTHER_NUMBERS = {int, float, Decimal}
_TYPE_NAMES: dict[type, str] = {str: "string", int: "number", float: "number", bool: "boolean", _NONE: "null",
                                bytes: "number"}
_ORDER = ("string", "number", "boolean", "null", "object", "list")


class _Path:
    """What has been seen of one path so far."""

    __slots__ = ("booleans", "children", "count", "holder", "item", "kinds", "lists", "objects", "order", "owners",
                 "parent", "path", "profiles", "texts", "values", "empty_lists")

    def __init__(self, path: str, order: int, parent: _Path | None, holder: _Path | None) -> None:
        self.path = path
        self.order = order
        self.parent = parent
        self.holder = holder  # for ``Tags[]``: ``Tags``, which has a value where an element has one
        self.children: dict[str, _Path] = {}  # the keys of objects at this path
        self.item: _Path | None = None  # the elements of lists at this path (``path[]``)
        self.profiles = 0
        self.count = 0  # this batch: profiles with a value, where each profile has at most one
        self.owners: set[int] = set()  # this batch: the profiles with a value, where they may repeat
        self.kinds: set[type] = set()  # the Python types seen (counted from ``values`` at the end)
        self.values = Tally()  # scalars but booleans (True == 1 for a Counter)
        self.texts = Tally()  # Numbers by their text, bytes (``finish`` makes them counts by value)
        self.booleans: Counter[bool] = Counter()
        self.objects = 0
        self.lists = 0
        self.empty_lists = 0  # lists with no element that is not null: the profile does not have the path


class CatalogueBuilder:
    """Walks the attributes of profiles batch by batch; ``finish`` makes the ``Catalogue``."""

    def __init__(self, depth_limit: int = DEPTH_LIMIT) -> None:
        self._root = _Path("", -1, None, None)
        self._all: list[_Path] = []
        self._depth_limit = depth_limit
        self._too_deep = 0
        self._profiles = 0

    def _child(self, owner: _Path, key: str | None) -> _Path:
        """The path below ``owner`` for ``key`` (None: list elements), created when first met."""
        found = owner.item if key is None else owner.children.get(key)
        if found is not None:
            return found
        if key is None:
            path = owner.path + "[]"
        else:
            path = f"{owner.path}.{key}" if owner.path else key
        stats = _Path(path, len(self._all), owner if owner is not self._root else None,
                      owner if key is None else None)
        self._all.append(stats)
        if key is None:
            owner.item = stats
        else:
            owner.children[key] = stats
        return stats

    def add(self, profiles: Iterable[Profile]) -> None:
        """Catalogue the attributes of one batch of ``profiles``."""
        self.add_attributes([profile.attributes for profile in profiles])

    def add_attributes(self, batch: Iterable[Any]) -> None:
        """Catalogue one batch of profiles given by their attributes (a mapping each)."""
        objects: list[Any] = batch if isinstance(batch, list) else list(batch)
        first = self._profiles
        self._profiles += len(objects)
        owners = list(range(first, self._profiles))
        if set(map(type, objects)) != {dict} or not all(objects):  # profiles without attributes left out
            filled = [type(attributes) is dict and bool(attributes) for attributes in objects]
            objects, owners = list(compress(objects, filled)), list(compress(owners, filled))
        touched: list[_Path] = []
        # (path of the objects, the objects, their profiles, whether each profile is there once, depth)
        stack: list[tuple[_Path, list[Any], list[int], bool, int]] = [(self._root, objects, owners, True, 0)]
        while stack:
            owner, batch, batch_owners, single, depth = stack.pop()
            if depth >= self._depth_limit:
                self._too_deep += len(batch[0].values) if batch and type(batch[0]) is _Elements else len(batch)
                continue
            for stats, column, column_owners, column_single in self._columns(owner, batch, batch_owners, single):
                touched.append(stats)
                self._take(stats, column, column_owners, column_single, depth, stack)
                between_slices()  # a set of 1,000,000 values grows in one 30-45 ms call, the paths of
                # nearly-unique values (e-mail, phone, sign-up time) all in the same batch
        self._count_profiles(touched)

    def _columns(self, owner: _Path, batch: list[Any], owners: list[int],
                 single: bool) -> Iterable[tuple[_Path, Any, list[int], bool]]:
        """The columns below ``owner``: one per key of its objects, or its list elements."""
        if batch and type(batch[0]) is _Elements:
            elements: _Elements = batch[0]
            yield self._child(owner, None), elements.values, elements.owners, False
            return
        if not batch:
            return
        keys = tuple(batch[0])
        if set(map(len, batch)) == {len(keys)}:  # the same number of keys: the same keys when each is found
            if not keys:
                return  # empty objects only
            try:
                columns = list(zip(*map(itemgetter(*keys), batch))) if len(keys) > 1 else \
                    [list(map(itemgetter(keys[0]), batch))]
            except KeyError:
                pass
            else:
                for key, column in zip(keys, columns):
                    yield self._child(owner, key), column, owners, single
                return
        shapes = list(map(tuple, batch))
        groups: dict[tuple[str, ...], tuple[list[dict[str, Any]], list[int]]] = {}
        kinds = set(shapes)
        if len(kinds) > MAX_GROUPS:
            names = dict.fromkeys(chain.from_iterable(shapes))
            if len(names) <= MAX_KEY_COLUMNS:  # optional attributes: many key sets, few keys
                yield from self._key_columns(owner, batch, owners, single, names)
                return
        if len(kinds) == 1:  # every object has the same keys in the same order
            groups[shapes[0]] = (batch, owners)
        else:
            for keys, obj, who in zip(shapes, batch, owners):
                group = groups.get(keys)
                if group is None:
                    group = groups[keys] = ([], [])
                group[0].append(obj)
                group[1].append(who)
        for keys, (members, who_list) in groups.items():
            if len(keys) == 1:
                yield self._child(owner, keys[0]), list(map(itemgetter(keys[0]), members)), who_list, single
            elif keys:
                for key, column in zip(keys, zip(*map(itemgetter(*keys), members))):
                    yield self._child(owner, key), column, who_list, single

    def _key_columns(self, owner: _Path, batch: list[Any], owners: list[int], single: bool,
                     keys: Iterable[str]) -> Iterable[tuple[_Path, Any, list[int], bool]]:
        """One column per key, read with ``dict.get`` at C speed, the objects without the key left out."""
        for key in keys:
            column = list(map(methodcaller("get", key, _MISSING), batch))
            present = list(map(is_not, column, repeat(_MISSING)))
            yield self._child(owner, key), list(compress(column, present)), list(compress(owners, present)), single

    def _take(self, stats: _Path, column: Any, owners: list[int], single: bool, depth: int,
              stack: list[tuple[_Path, list[Any], list[int], bool, int]]) -> None:
        """Count one column of ``stats``; queue its objects and list elements."""
        kinds = set(map(type, column))  # a third of the cost of counting the types
        stats.kinds |= kinds
        if dict not in kinds and list not in kinds:
            _count_scalars(stats, column, kinds)
            if single:  # count(None) only where there is one: == with None is slow for Decimals
                stats.count += len(column) - (column.count(None) if _NONE in kinds else 0)
            elif _NONE not in kinds:
                stats.owners.update(owners)
            else:
                stats.owners.update(compress(owners, map(is_not, column, repeat(None))))
            return
        if len(kinds) == 1:  # only objects, or only lists: no value of its own to count
            objects, lists = (list(column), []) if dict in kinds else ([], list(column))
            object_owners, list_owners = (owners, []) if dict in kinds else ([], owners)
            if objects:
                if single:
                    stats.count += len(objects)
                else:
                    stats.owners.update(owners)
        else:
            types = list(map(type, column))
            scalars = [v for v, t in zip(column, types) if t is not dict and t is not list]
            _count_scalars(stats, scalars, kinds - _CONTAINERS)
            has = [t is not list and v is not None for v, t in zip(column, types)]
            if single:
                stats.count += sum(has)
            else:
                stats.owners.update(compress(owners, has))
            pick = [t is dict for t in types]
            objects, object_owners = list(compress(column, pick)), list(compress(owners, pick))
            pick = [t is list for t in types]
            lists, list_owners = list(compress(column, pick)), list(compress(owners, pick))
        if objects:
            stats.objects += len(objects)
            stack.append((stats, objects, object_owners, single, depth + 1))
        if lists:
            stats.lists += len(lists)
            sizes = list(map(len, lists))
            empty = sizes.count(0)
            elements = list(chain.from_iterable(lists))
            if elements:
                if None in elements:  # lists of nulls only have no value either
                    empty += sum(1 for items in lists if items and all(v is None for v in items))
                if single and depth + 1 < self._depth_limit and not _CONTAINERS & set(map(type, elements)):
                    # one list per profile, of scalars: the elements' profiles are the lists with a value, counted
                    # here; no profile per element is listed and gathered in sets (a third of a path of tags)
                    self._child(stats, None).count += len(lists) - empty
                    stack.append((stats, [_Elements(elements, [])], [], False, depth + 1))
                else:
                    element_owners = list(chain.from_iterable(map(repeat, list_owners, sizes)))
                    stack.append((stats, [_Elements(elements, element_owners)], element_owners, False, depth + 1))
            stats.empty_lists += empty

    def _count_profiles(self, touched: list[_Path]) -> None:
        """Add this batch's profiles to each path; a list's elements count for the list."""
        for stats in sorted(set(touched), key=lambda s: -s.order):  # elements before their lists
            if stats.holder is not None and (stats.owners or stats.count):
                stats.holder.owners.update(stats.owners)
                stats.holder.count += stats.count  # the profiles of a list of scalars, counted by its lists
            stats.profiles += stats.count + len(stats.owners)
            stats.count = 0
            stats.owners = set()

    def finish(self, progress: Callable[[int, int], object] | None = None) -> Catalogue:
        """The catalogue of every profile added; nested paths follow their parent.

        ``progress(done, paths)`` after each path's counts are read (2 s for
        21 paths at 1,000,000 profiles: the progress would sit at its end).
        """
        keys: dict[int, tuple[int, ...]] = {}

        def sort_key(stats: _Path) -> tuple[int, ...]:
            chain_: list[_Path] = []
            node: _Path | None = stats
            while node is not None and node.order not in keys:
                chain_.append(node)
                node = node.parent
            key = keys[node.order] if node is not None else ()
            for item in reversed(chain_):
                key = keys[item.order] = key + (item.order,)
            return key

        ordered = sorted(self._all, key=sort_key)
        found = []
        for done, stats in enumerate(ordered, 1):
            found.append(_stats(stats, self._profiles))
            if progress is not None:
                progress(done, len(ordered))
        return Catalogue(tuple(found), self._too_deep, self._depth_limit)


def _count_scalars(stats: _Path, values: Any, kinds: set[type]) -> None:
    """Count values that are neither objects nor lists: numbers by their text, booleans apart."""
    if kinds & _NUMBER_KINDS:
        if kinds <= _NUMBER_OR_NONE:  # counted by their text at C speed, folded into values in ``finish``
            numbers = values if _NONE not in kinds else list(compress(values, map(is_not, values, repeat(None))))
            stats.texts.update(numbers if kinds <= {bytes, _NONE} else map(_text, numbers))
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


def _numbers(stats: _Path) -> Mapping[Any, int] | None:
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


class _Elements:
    """The elements of the lists of one column, with the profile of each (a batch of its own kind)."""

    __slots__ = ("owners", "values")

    def __init__(self, values: list[Any], owners: list[int]) -> None:
        self.values, self.owners = values, owners


def _type_name(kind: type) -> str:
    name = _TYPE_NAMES.get(kind)
    if name is None:
        name = "number" if issubclass(kind, (int, float)) or kind.__name__ in ("Decimal", "Number") else "string"
    return name


def _stats(stats: _Path, total: int) -> AttributeStats:
    numbers = _numbers(stats)
    values = stats.values.counts()
    every = values.total() if isinstance(values, (Counter, Mostly)) else sum(values.values())  # no pass in Python
    per_type: Counter[str] = Counter()
    kinds = stats.kinds - _CONTAINERS - {bool} - (_NUMBER_KINDS if numbers is not None else set())
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
