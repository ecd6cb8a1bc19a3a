"""The attribute catalogue: every attribute path of an export and what its values are (no Qt).

Paths name nested keys with dots (``Address.City``) and list elements with
``[]`` (``Tags[]``, ``Orders[].Amount``). For each path: the profiles that have
it, the values per type, and every distinct scalar value with its count.
"Profiles that have it" means what the query ``has:PATH`` selects: a value that
is not null, where a list stands for its elements (``Tags`` counts the profiles
with at least one tag; an empty list or a list of nulls does not count).

The walk is by columns, not by value: the attribute objects of a batch of
profiles are cut into one column per key with ``itemgetter`` and ``zip`` when
they share their keys (most profiles of an export do; when optional
attributes make several key sets, each key's column is read with ``dict.get``
instead, so values keep the order of the profiles), and
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

Once a few stretches have shown what the paths hold, ``attribute_type`` gives
``reading.attribute_rows`` a msgspec type to decode the next ones with
(``attribute_schema``): objects come as structs, cut into columns with
``attrgetter`` the same way, and values of few distinct strings as the very
objects already counted. What is counted, in what order, stays the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain, compress, repeat
from operator import is_not, itemgetter, methodcaller
from typing import Any

import msgspec
from msgspec.structs import astuple

from viewer.insights.attribute_schema import UNSET_TYPE, AttributeSchema, Fields
from viewer.insights.catalogue_paths import (
    CONTAINERS,
    NONE_TYPE,
    PathSeen,
    count_scalars,
    path_stats,
)
from viewer.insights.overview import Catalogue
from viewer.model.profile import Profile
from viewer.reading.work_pauses import between_slices

DEPTH_LIMIT = 64
MAX_KEY_COLUMNS = 256  # keys of objects of several key sets beyond which they are grouped by key set (keys that
# are data, IDs as keys: one column per key would read every object once per key)
_MISSING = object()
_UNSET = msgspec.UNSET

# (the path, a column of its values, their profiles, whether each profile is there once, the column's types or None)
_Column = tuple[PathSeen, Any, list[int], bool, "set[type] | None"]


class CatalogueBuilder:
    """Walks the attributes of profiles batch by batch; ``finish`` makes the ``Catalogue``."""

    def __init__(self, depth_limit: int = DEPTH_LIMIT) -> None:
        self._root = PathSeen("", -1, None, None)
        self._all: list[PathSeen] = []
        self._depth_limit = depth_limit
        self._too_deep = 0
        self._profiles = 0
        self._schema = AttributeSchema(self._root, self._all, depth_limit)
        self._fields: dict[type, Fields] = self._schema.fields  # the structs ``attribute_type`` made: their keys

    def attribute_type(self) -> Any:
        """The msgspec type to decode the next batch's attributes with (None: as dicts), for ``attribute_rows``."""
        return self._schema.current()

    def _child(self, owner: PathSeen, key: str | None) -> PathSeen:
        """The path below ``owner`` for ``key`` (None: list elements), created when first met."""
        found = owner.item if key is None else owner.children.get(key)
        if found is not None:
            return found
        if key is None:
            path = owner.path + "[]"
        else:
            path = f"{owner.path}.{key}" if owner.path else key
        stats = PathSeen(path, len(self._all), owner if owner is not self._root else None,
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
        """Catalogue one batch of profiles given by their attributes (a mapping each, or the struct of
        ``attribute_type``)."""
        objects: list[Any] = batch if isinstance(batch, list) else list(batch)
        first = self._profiles
        self._profiles += len(objects)
        owners = list(range(first, self._profiles))
        kinds = set(map(type, objects))
        typed = next((kind for kind in kinds if kind in self._fields), None)
        if typed is not None:
            if len(kinds) > 1:  # profiles without attributes left out
                filled = [type(attributes) is typed for attributes in objects]
                objects, owners = list(compress(objects, filled)), list(compress(owners, filled))
            self._root.objects += len(objects)
        else:
            self._root.objects += len(objects) if kinds == {dict} else sum(type(a) is dict for a in objects)
            if kinds != {dict} or not all(objects):  # profiles without attributes left out
                filled = [type(attributes) is dict and bool(attributes) for attributes in objects]
                objects, owners = list(compress(objects, filled)), list(compress(owners, filled))
        touched: list[PathSeen] = []
        # (path of the objects, the objects, their profiles, whether each profile is there once, depth)
        stack: list[tuple[PathSeen, list[Any], list[int], bool, int]] = [(self._root, objects, owners, True, 0)]
        while stack:
            owner, batch, batch_owners, single, depth = stack.pop()
            if depth >= self._depth_limit:
                self._too_deep += len(batch[0].values) if batch and type(batch[0]) is _Elements else len(batch)
                continue
            for stats, column, column_owners, column_single, column_kinds in self._columns(owner, batch,
                                                                                          batch_owners, single):
                touched.append(stats)
                self._take(stats, column, column_owners, column_single, depth, stack, column_kinds)
                between_slices()  # a set of 1,000,000 values grows in one 30-45 ms call, the paths of
                # nearly-unique values (e-mail, phone, sign-up time) all in the same batch
        self._count_profiles(touched)
        self._schema.read(typed is not None or kinds <= {NONE_TYPE})

    def _columns(self, owner: PathSeen, batch: list[Any], owners: list[int], single: bool) -> Iterable[_Column]:
        """The columns below ``owner``: one per key of its objects, or its list elements."""
        if batch and type(batch[0]) is _Elements:
            elements: _Elements = batch[0]
            yield self._child(owner, None), elements.values, elements.owners, False, None
            return
        if not batch:
            return
        fields = self._fields.get(type(batch[0]))
        if fields is not None:
            yield from self._struct_columns(owner, batch, owners, single, fields)
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
                    yield self._child(owner, key), column, owners, single, None
                return
        shapes = list(map(tuple, batch))
        groups: dict[tuple[str, ...], tuple[list[dict[str, Any]], list[int]]] = {}
        kinds = set(shapes)
        if len(kinds) > 1:
            names = dict.fromkeys(chain.from_iterable(shapes))
            if len(names) <= MAX_KEY_COLUMNS:  # optional attributes: each key's values in the objects' order,
                yield from self._key_columns(owner, batch, owners, single, names)  # as in typed stretches
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
                yield self._child(owner, keys[0]), list(map(itemgetter(keys[0]), members)), who_list, single, None
            elif keys:
                for key, column in zip(keys, zip(*map(itemgetter(*keys), members))):
                    yield self._child(owner, key), column, who_list, single, None

    def _key_columns(self, owner: PathSeen, batch: list[Any], owners: list[int], single: bool,
                     keys: Iterable[str]) -> Iterable[_Column]:
        """One column per key, read with ``dict.get`` at C speed, the objects without the key left out."""
        for key in keys:
            column = list(map(methodcaller("get", key, _MISSING), batch))
            present = list(map(is_not, column, repeat(_MISSING)))
            yield (self._child(owner, key), list(compress(column, present)), list(compress(owners, present)), single,
                   None)

    def _struct_columns(self, owner: PathSeen, batch: list[Any], owners: list[int], single: bool,
                        fields: Fields) -> Iterable[_Column]:
        """One column per field of the structs ``batch`` holds (all of one type), the missing keys left out."""
        if not fields.keys:
            return  # empty objects only
        column: Any
        for key, known, column in zip(fields.keys, fields.kinds, zip(*map(astuple, batch))):  # ``astuple``: half
            if known is not None:  # the time of attrgetter; a required key of one type: no look at each value
                yield self._child(owner, key), column, owners, single, set(known)
                continue
            kinds = set(map(type, column))
            who = owners
            if UNSET_TYPE in kinds:  # the key is missing in some objects
                if len(kinds) == 1:
                    continue
                present = list(map(is_not, column, repeat(_UNSET)))
                column, who = list(compress(column, present)), list(compress(owners, present))
                kinds.discard(UNSET_TYPE)
            yield self._child(owner, key), column, who, single, kinds

    def _take(self, stats: PathSeen, column: Any, owners: list[int], single: bool, depth: int,
              stack: list[tuple[PathSeen, list[Any], list[int], bool, int]], kinds: set[type] | None) -> None:
        """Count one column of ``stats``; queue its objects and list elements."""
        if kinds is None:
            kinds = set(map(type, column))  # a third of the cost of counting the types
        whole: type = dict  # the type of the objects in the column: dict, or a struct of ``attribute_type``
        if self._fields and dict not in kinds:
            for kind in kinds:
                if kind in self._fields:
                    whole = kind
                    kinds = kinds - {kind} | {dict}
                    break
        stats.kinds |= kinds
        stats.present += len(column)
        if dict not in kinds and list not in kinds:
            count_scalars(stats, column, kinds)
            if single:  # count(None) only where there is one: == with None is slow for Decimals
                stats.count += len(column) - (column.count(None) if NONE_TYPE in kinds else 0)
            elif NONE_TYPE not in kinds:
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
            scalars = [v for v, t in zip(column, types) if t is not whole and t is not list]
            count_scalars(stats, scalars, kinds - CONTAINERS)
            has = [t is not list and v is not None for v, t in zip(column, types)]
            if single:
                stats.count += sum(has)
            else:
                stats.owners.update(compress(owners, has))
            pick = [t is whole for t in types]
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
                if single and depth + 1 < self._depth_limit and not self._holds_containers(elements):
                    # one list per profile, of scalars: the elements' profiles are the lists with a value, counted
                    # here; no profile per element is listed and gathered in sets (a third of a path of tags)
                    self._child(stats, None).count += len(lists) - empty
                    stack.append((stats, [_Elements(elements, [])], [], False, depth + 1))
                else:
                    element_owners = list(chain.from_iterable(map(repeat, list_owners, sizes)))
                    stack.append((stats, [_Elements(elements, element_owners)], element_owners, False, depth + 1))
            stats.empty_lists += empty

    def _holds_containers(self, values: list[Any]) -> bool:
        """Whether one of ``values`` is an object or a list."""
        kinds = set(map(type, values))
        return bool(CONTAINERS & kinds) or any(kind in self._fields for kind in kinds)

    def _count_profiles(self, touched: list[PathSeen]) -> None:
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

        def sort_key(stats: PathSeen) -> tuple[int, ...]:
            chain_: list[PathSeen] = []
            node: PathSeen | None = stats
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
            found.append(path_stats(stats, self._profiles))
            if progress is not None:
                progress(done, len(ordered))
        return Catalogue(tuple(found), self._too_deep, self._depth_limit)


class _Elements:
    """The elements of the lists of one column, with the profile of each (a batch of its own kind)."""

    __slots__ = ("owners", "values")

    def __init__(self, values: list[Any], owners: list[int]) -> None:
        self.values, self.owners = values, owners
