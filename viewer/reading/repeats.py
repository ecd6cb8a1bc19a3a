"""Profiles seen twice: the same ``id`` and environment (or integration ID and environment).

A profile with an ``id`` is remembered by one integer, ``4 * id + environment``
(0 live, 1 sandbox, 2 unknown: the columns' ``sandbox`` codes), made for a
whole batch by C-level ``map`` calls: tuples ``("id", id, sandbox)`` cost
0.05 s more per 100,000 profiles to make and hash. Other profiles are
remembered by ``Profile.identity``, a tuple, which never equals an integer.

Batches are only recorded while a file is read (``record``); once every
profile is in, one sort of those integers (numpy, about 10 ms per 100,000)
proves the usual export has no repeat at all. Only when it has one, or IDs
that are not 62-bit integers, are the batches walked with a dictionary of
every key (``repeats``): that walk, made for every batch while reading, cost
0.05 s per 100,000 profiles, and its dictionary about 110 bytes a profile.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from itertools import repeat
from operator import add, mul
from typing import Any

import numpy

from viewer.model.profile import Profile

_KEY_LIMIT = 1 << 60  # ``4 * id + 2`` stays within a 64-bit integer

_CODES = {False: 0, True: 1, None: 2}


def _key(profile: Profile) -> Any:
    """The key of a built profile: the integer of ``id`` and environment, else its identity."""
    identity = profile.identity
    if identity[0] == "id" and type(identity[1]) is int:
        return 4 * identity[1] + _CODES[identity[2]]
    return identity


class RepeatFinder:
    """Remembers every profile's identity across the files of one export."""

    def __init__(self) -> None:
        self._seen: dict[Any, int] = {}
        self._batches: list[tuple[int, int, Collection[int], Any]] = []

    def record(self, start: int, count: int, odd: Collection[int], where: Any) -> None:
        """Remember a batch (profiles ``start`` to ``start + count``; ``odd`` as for ``add``) for ``repeats``.

        ``where`` comes back with each repeat of the batch.
        """
        self._batches.append((start, count, odd, where))

    def repeats(self, ids: Sequence[Any], sandbox: Sequence[int],
                profiles: Sequence[Profile]) -> Iterator[tuple[Any, int, int, int]]:
        """``(where, start, i, earlier index)`` of every profile recorded whose identity came before, in order.

        ``ids`` and ``sandbox`` are the columns of every profile recorded (and maybe more after them).
        """
        batches, self._batches = self._batches, []
        if not batches:
            return
        covered = batches[-1][0] + batches[-1][1]
        # a profile the full check built has the key its columns make (``_key``): no batch needs walking
        if _all_distinct(ids[:covered], sandbox[:covered]):
            return
        for start, count, odd, where in batches:
            found = self.add(ids[start:start + count], sandbox[start:start + count], start,
                             odd if isinstance(odd, set) else set(odd), profiles)
            for i, earlier in found:
                yield where, start, i, earlier

    def add(self, ids: Sequence[Any], sandbox: Sequence[int], start: int, odd: set[int],
            profiles: Sequence[Profile]) -> Iterator[tuple[int, int]]:
        """Record a batch (profile ``start + i`` has ``ids[i]``, ``sandbox[i]`` a code); yield repeats.

        Yields ``(i, earlier index)``. ``odd`` are batch positions whose fields
        needed the full check: their identity comes from the built profile,
        like that of profiles without an id.
        """
        count = len(ids)
        redo = odd | {i for i, value in enumerate(ids) if value is None} if None in ids else odd
        if redo:
            clean = [0 if i in redo else value for i, value in enumerate(ids)]
            keys: list[Any] = list(map(add, map(mul, clean, repeat(4, count)), sandbox))
            for i in redo:
                keys[i] = _key(profiles[start + i])
        else:
            keys = list(map(add, map(mul, ids, repeat(4, count)), sandbox))
        fresh = dict.fromkeys(keys)
        if len(fresh) == count and self._seen.keys().isdisjoint(fresh):  # the usual case, at C speed
            self._seen.update(zip(keys, range(start, start + count)))
            return
        for i, key in enumerate(keys):
            earlier = self._seen.setdefault(key, start + i)
            if earlier != start + i and (type(key) is int or key[1] is not None):
                yield i, earlier


def _all_distinct(ids: Sequence[Any], sandbox: Sequence[int]) -> bool:
    """True when every ID is an integer of less than 61 bits and no two share ID and environment.

    False says nothing: the batches are then walked one by one.
    """
    if not ids:
        return True
    if set(map(type, ids)) != {int}:
        return False
    try:
        values = numpy.array(ids, dtype=numpy.int64)
    except OverflowError:
        return False
    if int(values.max()) >= _KEY_LIMIT or int(values.min()) <= -_KEY_LIMIT:
        return False
    keys = values * 4 + numpy.asarray(sandbox, dtype=numpy.int8)
    keys.sort()
    return not bool((keys[1:] == keys[:-1]).any())
