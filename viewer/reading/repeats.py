"""Profiles seen twice: the same ``id`` and environment (or integration ID and environment)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import Any

from viewer.model.profile import Profile


class RepeatFinder:
    """Remembers every profile's identity across the files of one export."""

    def __init__(self) -> None:
        self._seen: dict[tuple[Any, ...], int] = {}

    def add(self, ids: Sequence[Any], environments: Sequence[Any], start: int, odd: set[int],
            profiles: Sequence[Profile]) -> Iterator[tuple[int, int]]:
        """Record a batch (profile ``start + i`` has ``ids[i]``); yield ``(i, earlier index)`` for repeats.

        ``odd`` are batch positions whose fields needed the full check: their
        identity comes from the built profile, like that of profiles without an id.
        """
        count = len(ids)
        keys: list[Any] = list(zip(repeat("id", count), ids, environments))
        redo = odd | {i for i, value in enumerate(ids) if value is None} if None in ids else odd
        for i in redo:
            keys[i] = profiles[start + i].identity
        fresh = dict.fromkeys(keys)
        if len(fresh) == count and self._seen.keys().isdisjoint(fresh):  # the usual case, at C speed
            self._seen.update(zip(keys, range(start, start + count)))
            return
        for i, key in enumerate(keys):
            earlier = self._seen.setdefault(key, start + i)
            if earlier != start + i and key[1] is not None:
                yield i, earlier
