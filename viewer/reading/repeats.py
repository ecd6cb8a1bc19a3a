"""Profiles seen twice: the same ``id`` and environment (or integration ID and environment).

A profile with an ``id`` is remembered by one integer, ``4 * id + environment``
(0 live, 1 sandbox, 2 unknown: the columns' ``sandbox`` codes), made for a
whole batch by C-level ``map`` calls: tuples ``("id", id, sandbox)`` cost
0.05 s more per 100,000 profiles to make and hash. Other profiles are
remembered by ``Profile.identity``, a tuple, which never equals an integer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from operator import add, mul
from typing import Any

from viewer.model.profile import Profile

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
