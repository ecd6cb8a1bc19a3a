"""The profiles of each audience, for an ``audience:`` term over the whole export (no Qt).

The overview's audience bars click to ``audience:NAME``. Testing every
profile's audiences in Python takes about 20 ms per 100,000 profiles and
0.2 s per million; the member list of each audience answers the same
question in the time it takes to copy its indices. The lists are grouped
with numpy in one pass (about 15 ms per 100,000 profiles, made on the first
audience term or ahead of it in the background) and hold one 4-byte
integer per membership.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from viewer.reading.load_errors import LoadCancelled

CHUNK = 65_536  # profiles read per numpy call: at most some 15 ms with the interpreter held


class AudienceMembers:
    """Per audience ID, the ascending indices of the profiles that are members of it or connected to it.

    ``poll()`` is called between chunks of ``CHUNK`` profiles (a background
    thread pauses there, so the window keeps its share of the interpreter);
    when it returns true, ``viewer.LoadCancelled`` is raised.
    """

    def __init__(self, members: Sequence[tuple[int, ...]], connected: Mapping[int, tuple[int, ...]],
                 poll: Callable[[], object] | None = None) -> None:
        self._groups: dict[int, npt.NDArray[np.int32]] | None = {}
        self._poll = poll
        try:
            self._group(members, connected)
        except (OverflowError, ValueError, TypeError):  # an ID beyond 64 bits, or no integer: test each profile
            self._groups = None

    def _pairs(self, lists: Sequence[tuple[int, ...]], holders: Sequence[int] | None
               ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(owner, audience) per membership of ``lists`` (owner: the list's position, or ``holders[position]``)."""
        owners, audiences = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for start in range(0, len(lists), CHUNK):
            part = lists[start:start + CHUNK]
            if not set(map(type, chain.from_iterable(part))) <= {int}:
                raise TypeError("audience IDs that are not integers")  # numpy would read "7" and True as numbers
            counts = np.fromiter(map(len, part), dtype=np.int64, count=len(part))
            held = np.arange(start, start + len(part), dtype=np.int64) if holders is None else \
                np.asarray(holders[start:start + CHUNK], dtype=np.int64)
            owners.append(np.repeat(held, counts))
            audiences.append(np.fromiter(chain.from_iterable(part), dtype=np.int64, count=int(counts.sum())))
            if self._poll is not None and self._poll():
                raise LoadCancelled()
        return np.concatenate(owners), np.concatenate(audiences)

    def _group(self, members: Sequence[tuple[int, ...]], connected: Mapping[int, tuple[int, ...]]) -> None:
        member_of = self._pairs(members, None)
        connected_to = self._pairs(list(connected.values()), list(connected))
        owner, audience = np.concatenate((member_of[0], connected_to[0])), np.concatenate((member_of[1], connected_to[1]))
        order = np.lexsort((owner, audience))  # by audience, then profile
        owner, audience = owner[order], audience[order]
        if len(owner) > 1:  # a member that is connected too counts once
            keep = np.r_[True, (audience[1:] != audience[:-1]) | (owner[1:] != owner[:-1])]
            owner, audience = owner[keep], audience[keep]
        starts = np.flatnonzero(np.r_[True, audience[1:] != audience[:-1]]) if len(audience) else np.arange(0)
        self._groups = dict(zip(audience[starts].tolist(), np.split(owner.astype(np.int32), starts[1:])))

    def profiles_in(self, ids: Iterable[int]) -> list[int] | None:
        """The ascending indices of the profiles in any of the audiences ``ids`` (None: not grouped, see above)."""
        if self._groups is None:
            return None
        groups = [self._groups[i] for i in ids if i in self._groups]
        if not groups:
            return []
        if len(groups) == 1:
            return groups[0].tolist()  # type: ignore[no-any-return]
        # a mask of the profiles: ``np.unique`` of the groups sorted them (and imported ``numpy.ma``: 30 ms once)
        shown = np.zeros(max(int(group[-1]) for group in groups if len(group)) + 1, dtype=bool)
        for group in groups:
            shown[group] = True
        return np.flatnonzero(shown).tolist()
