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
value. Objects and lists found in a column become the next columns to walk,
on an explicit stack, never by recursion: attributes nested thousands of
levels deep are walked like flat ones. Paths stop at ``DEPTH_LIMIT`` levels (a
path string grows with its depth: the paths of a 100,000-level chain would hold
billions of characters); deeper subtrees are counted in ``too_deep``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from heapq import nlargest
from itertools import chain, compress, repeat
from operator import is_not, itemgetter, methodcaller
from typing import Any

from viewer.insights.overview import AttributeStats, Catalogue
from viewer.insights.queries import has_query
from viewer.model.profile import Profile

DEPTH_LIMIT = 64
MAX_GROUPS = 8  # key sets in a batch beyond which the columns are read key by key ...
MAX_KEY_COLUMNS = 256  # ... unless the keys are that many (keys that are data: IDs as keys)
_MISSING = object()
_NONE = type(None)
_TYPE_NAMES: dict[type, str] = {str: "string", int: "number", float: "number", bool: "boolean", _NONE: "null"}
_ORDER = ("string", "number", "boolean", "null", "object", "list")


class _Path:
    """What has been seen of one path so far."""

    __slots__ = ("booleans", "children", "count", "holder", "item", "kinds", "lists", "objects", "order", "owners",
                 "parent", "path", "profiles", "values")

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
        self.values: Counter[Any] = Counter()  # scalars but booleans (True == 1 for a Counter)
        self.booleans: Counter[bool] = Counter()
        self.objects = 0
        self.lists = 0


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
        objects: list[dict[str, Any]] = []
        owners: list[int] = []
        for number, attributes in enumerate(batch, self._profiles):
            if type(attributes) is dict and attributes:
                objects.append(attributes)
                owners.append(number)
            self._profiles = number + 1
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
        self._count_profiles(touched)

    def _columns(self, owner: _Path, batch: list[Any], owners: list[int],
                 single: bool) -> Iterable[tuple[_Path, Any, list[int], bool]]:
        """The columns below ``owner``: one per key of its objects, or its list elements."""
        if batch and type(batch[0]) is _Elements:
            elements: _Elements = batch[0]
            yield self._child(owner, None), elements.values, elements.owners, False
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
            if bool not in kinds:
                stats.values.update(column)
            elif len(kinds) == 1:
                stats.booleans.update(column)
            else:
                stats.booleans.update(v for v in column if type(v) is bool)
                stats.values.update(v for v in column if type(v) is not bool)
            if single:  # count(None) only where there is one: == with None is slow for Decimals
                stats.count += len(column) - (column.count(None) if _NONE in kinds else 0)
            elif _NONE not in kinds:
                stats.owners.update(owners)
            else:
                stats.owners.update(compress(owners, map(is_not, column, repeat(None))))
            return
        types = list(map(type, column))
        stats.values.update(v for v, t in zip(column, types) if t is not dict and t is not list and t is not bool)
        stats.booleans.update(v for v, t in zip(column, types) if t is bool)
        has = [t is not list and v is not None for v, t in zip(column, types)]
        if single:
            stats.count += sum(has)
        else:
            stats.owners.update(compress(owners, has))
        if dict in kinds:
            pick = [t is dict for t in types]
            found = list(compress(column, pick))
            stats.objects += len(found)
            stack.append((stats, found, list(compress(owners, pick)), single, depth + 1))
        if list in kinds:
            pick = [t is list for t in types]
            found = list(compress(column, pick))
            stats.lists += len(found)
            element_owners = list(chain.from_iterable(map(repeat, compress(owners, pick), map(len, found))))
            elements = list(chain.from_iterable(found))
            if elements:
                stack.append((stats, [_Elements(elements, element_owners)], element_owners, False, depth + 1))

    def _count_profiles(self, touched: list[_Path]) -> None:
        """Add this batch's profiles to each path; a list's elements count for the list."""
        for stats in sorted(set(touched), key=lambda s: -s.order):  # elements before their lists
            if stats.holder is not None and (stats.owners or stats.count):
                stats.holder.owners.update(stats.owners)
            stats.profiles += stats.count + len(stats.owners)
            stats.count = 0
            stats.owners = set()

    def finish(self) -> Catalogue:
        """The catalogue of every profile added; nested paths follow their parent."""
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
        return Catalogue(tuple(_stats(stats, self._profiles) for stats in ordered), self._too_deep,
                         self._depth_limit)


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
    per_type: Counter[str] = Counter()
    scalar_kinds = {_type_name(kind) for kind in stats.kinds if kind is not dict and kind is not list and
                    kind is not bool}
    if len(scalar_kinds) == 1:
        per_type[scalar_kinds.pop()] = sum(stats.values.values())
    else:
        for value, n in stats.values.items():
            per_type[_type_name(type(value))] += n
    per_type["boolean"] = sum(stats.booleans.values())
    per_type["object"] += stats.objects
    per_type["list"] += stats.lists
    types = tuple((name, per_type[name]) for name in _ORDER if per_type[name])
    counts = tuple(c for c in (stats.values, stats.booleans) if c)
    top = tuple(nlargest(AttributeStats.TOP, chain.from_iterable(c.items() for c in counts), key=itemgetter(1)))
    return AttributeStats(stats.path, stats.profiles, total, types, sum(map(len, counts)), top, counts,
                          has_query(stats.path))
