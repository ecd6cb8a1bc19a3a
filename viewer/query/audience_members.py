"""The profiles of each audience, for an ``audience:`` term over the whole export (no Qt).

The overview's audience bars click to ``audience:NAME``. Testing every
profile's audiences in Python takes about 20 ms per 100,000 profiles and
0.2 s per million; the member list of each audience answers the same
question in the time it takes to copy its indices. The lists are grouped
with numpy (made on the first audience term or ahead of it in the background)
and hold one 4-byte integer per membership. The reader shares one tuple per
distinct list of IDs, so the profiles are first grouped by that tuple (one
sort of their tuples' identities), and each audience gathers the groups of the
tuples that hold it: 10-20 ms for 100,000 profiles, where sorting every
(profile, audience) pair took 55-100 ms. Lists that are not shared (profiles
built one by one) take that way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from viewer.reading.load_errors import LoadCancelled

CHUNK = 65_536  # profiles read per numpy call: at most some 15 ms with the interpreter held
SHARED_FROM = 8  # profiles per distinct list from which they are grouped by list


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
        shared = self._by_shared_lists(members, connected)
        if shared is not None:
            self._groups = shared
            return
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

    def _by_shared_lists(self, members: Sequence[tuple[int, ...]], connected: Mapping[int, tuple[int, ...]]
                         ) -> dict[int, npt.NDArray[np.int32]] | None:
        """The groups made by distinct list (see the module docstring); None when the lists are not shared."""
        parts: dict[int, list[npt.NDArray[np.int64]]] = {}
        for lists, holders in ((members, None), (list(connected.values()), list(connected))):
            if not lists:
                continue
            try:  # (an identity beyond 64 bits, on some other platform: the pairs' way)
                keys = np.concatenate([self._identities(lists[start:start + CHUNK])
                                       for start in range(0, len(lists), CHUNK)])
            except OverflowError:
                return None
            order = np.argsort(keys, kind="stable")  # the positions of each distinct list together, ascending
            ranked = keys[order]
            starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
            if len(starts) > len(lists) // SHARED_FROM + 64:
                return None  # hardly shared: one group per profile would cost more
            owners = order if holders is None else np.asarray(holders, dtype=np.int64)[order]
            distinct = [lists[at] for at in order[starts].tolist()]
            if not set(map(type, chain.from_iterable(distinct))) <= {int}:
                raise TypeError("audience IDs that are not integers")  # numpy would read "7" and True as numbers
            for ids, low, high in zip(distinct, starts.tolist(), [*starts[1:].tolist(), len(ranked)]):
                for audience in set(ids):
                    parts.setdefault(audience, []).append(owners[low:high])
        if any(not -(1 << 63) <= audience < 1 << 63 for audience in parts):
            raise OverflowError("an audience ID beyond 64 bits")
        # one group of members (ascending already) as it is; several, or connected ones: merged, each once
        return {audience: (found[0] if len(found) == 1 and not connected else _each_once(found)).astype(np.int32)
                for audience, found in sorted(parts.items())}

    def _identities(self, lists: Sequence[tuple[int, ...]]) -> npt.NDArray[np.int64]:
        """The identity of each list object (the reader's shared tuples), then a poll."""
        found = np.fromiter(map(id, lists), dtype=np.int64, count=len(lists))
        if self._poll is not None and self._poll():
            raise LoadCancelled()
        return found

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


def _each_once(runs: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
    """The positions of ``runs`` (each mostly ascending) ascending, each once: a stable sort merges the runs
    (``np.unique`` hashed them first, 16 ms an audience of 100,000 profiles)."""
    merged = np.sort(np.concatenate(runs), kind="stable")
    return merged[np.r_[True, merged[1:] != merged[:-1]]] if len(merged) else merged
