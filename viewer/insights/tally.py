"""Exact counts of one catalogue path's values, kept in a set while no value repeats (no Qt).

Most of the catalogue pass at 1,000,000 profiles went into ``Counter``
inserts for paths whose values are all different (e-mail addresses, phone
numbers, amounts): a ``Counter`` looks each value up and stores an int beside
it. Measured on 1,000,000 different strings in batches of 512: ``Counter.update``
0.44-1.36 s, ``set.update`` 0.17-0.83 s (a machine shared with other work).
So a ``Tally`` puts the values in a set while none has been met twice; the
set's growth by exactly the batch's length proves it. Until a value repeats,
a batch goes into the set without being looked up first (``isdisjoint`` was
a third of the set's cost for e-mail addresses); at the first repeat the
batches so far are read once to tell which values were met before. The batches are kept
(references only) for the order the values were first met, which
``top_values`` and the value lists follow. At the first repeat the values so
far are counted into a ``Counter`` and counting goes on there, as before: the
counts are exact either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, filterfalse, islice, repeat
from operator import add
from typing import Any

from viewer.reading.work_pauses import between_slices

_RECOUNT = 64  # batches read between two pauses when the counts are read
_SPARSE = 128  # repeats more than 1 per this many values: counted with a ``Counter`` from then on (a set
# with its repeats counted apart measured 3x slower than a ``Counter`` for a path 70 % null; at 1 in 8, the
# paths of zip codes and amounts, 30,000-60,000 values per 100,000, took the slow way for 20-40 batches)


class Tally:
    """The count of every value given to ``update`` and ``add``; ``counts()`` reads them."""

    __slots__ = ("_again", "_blind", "_counter", "_order", "_repeats", "_seen")

    def __init__(self) -> None:
        self._seen: set[Any] | None = set()  # None once values repeat often: ``_counter`` counts
        self._order: list[Any] = []  # batches of the values put in ``_seen``, each where first met
        self._again: Counter[Any] = Counter()  # the counts past the first of the values in ``_seen``
        self._counter: Counter[Any] = Counter()
        self._repeats = 0  # the values counted in ``_again``
        self._blind = True  # no value met twice yet: a batch is put in the set unlooked (one probe per value)

    def __bool__(self) -> bool:
        return bool(self._seen) or bool(self._counter)

    def __len__(self) -> int:
        """The distinct values counted so far."""
        return len(self._counter) if self._seen is None else len(self._seen)

    def update(self, values: Iterable[Any]) -> None:
        """Count each of ``values`` once more."""
        seen = self._seen
        if seen is None:
            self._counter.update(values)
            return
        batch = values if type(values) is list or type(values) is tuple else list(values)
        if self._blind:  # e-mail addresses, sign-up times: most paths of different values never repeat one
            before = len(seen)
            seen.update(batch)
            if len(seen) - before == len(batch):
                self._order.append(batch)
                return
            self._blind = False  # from now on looked up first (``isdisjoint``); this once, the batches so far
            fresh = dict.fromkeys(batch)
            old = set(filter(fresh.__contains__, chain.from_iterable(self._order)))
            new = list(filterfalse(old.__contains__, fresh))
            self._order.append(new)
            self._again.update(old if len(fresh) == len(batch) else _past_first(batch, new))
            self._repeats += len(batch) - len(new)
        elif seen.isdisjoint(batch):
            before = len(seen)
            seen.update(batch)
            if len(seen) - before == len(batch):  # all new, none twice: the common case, at set speed
                self._order.append(batch)
                return
            new = list(dict.fromkeys(batch))  # new, some more than once in the batch
            self._order.append(new)
            self._again.update(_past_first(batch, new))
            self._repeats += len(batch) - len(new)
        else:
            fresh = dict.fromkeys(batch)
            old = seen.intersection(fresh)
            new = list(filterfalse(old.__contains__, fresh))
            seen.update(new)
            self._order.append(new)
            self._again.update(old if len(fresh) == len(batch) else _past_first(batch, new))
            self._repeats += len(batch) - len(new)
        if self._repeats * _SPARSE > len(seen):
            self._to_counter()

    def add(self, value: Any, n: int) -> None:
        """Count ``value`` ``n`` times more."""
        if n > 0:
            self.update((value,))
            if n > 1:
                if self._seen is None:
                    self._counter[value] += n - 1
                else:
                    self._again[value] += n - 1
                    self._repeats += n - 1

    def _to_counter(self) -> None:
        """Counts from here on in a ``Counter``: the values so far in the order first met, then the repeats."""
        seen = self._seen
        if seen is None:
            return
        counter = self._counter
        for start in range(0, len(self._order), _RECOUNT):
            counter.update(chain.from_iterable(self._order[start:start + _RECOUNT]))
            between_slices()
        counter.update(self._again)
        self._seen, self._order, self._again, self._repeats = None, [], Counter(), 0

    def counts(self) -> Mapping[Any, int]:
        """The counts, in the order the values were first met (a ``Counter``, or ``Mostly``)."""
        if self._seen is None:
            return self._counter
        return Mostly(self._seen, self._order, self._again)


def _past_first(batch: Sequence[Any], firsts: list[Any]) -> Counter[Any]:
    """How often each value of ``batch`` occurs in it past its first, for the values first met in it (``firsts``)."""
    counts = Counter(batch)
    for value in firsts:
        counts[value] -= 1
    return +counts


class Mostly(Mapping[Any, int]):
    """Counts of values most of which were met once: ``seen`` holds them, ``again`` the counts past one."""

    def __init__(self, seen: set[Any], order: list[Any], again: Counter[Any]) -> None:
        self._seen, self._order, self._again = seen, order, again

    def __len__(self) -> int:
        return len(self._seen)

    def __iter__(self) -> Iterator[Any]:
        return chain.from_iterable(self._order)

    def __contains__(self, key: object) -> bool:
        try:
            return key in self._seen
        except TypeError:  # an unhashable key is in no count
            return False

    def __getitem__(self, key: Any) -> int:
        if key in self:
            return 1 + self._again.get(key, 0)
        raise KeyError(key)

    def top(self, n: int) -> list[tuple[Any, int]]:
        """The ``n`` most frequent, ties in the order first met (``sorted(items, reverse=True)[:n]``)."""
        again = self._again
        repeated: list[Any] = []
        if again:  # the repeated values in the order first met, a few batches at a time
            for start in range(0, len(self._order), _RECOUNT):
                repeated.extend(filter(again.__contains__, chain.from_iterable(self._order[start:start + _RECOUNT])))
                between_slices()
        top = [(key, 1 + again[key]) for key in sorted(repeated, key=again.__getitem__, reverse=True)[:n]]
        if len(top) < n:
            top.extend((key, 1) for key in islice(filterfalse(again.__contains__, self), n - len(top)))
        return top

    def values(self) -> Any:
        if not self._again:
            return [1] * len(self._seen)
        counts: list[int] = []  # at C speed (100,000 in 4 ms), a few batches per call: no long hold of the lock
        for start in range(0, len(self._order), _RECOUNT):
            counts.extend(map(add, map(self._again.get, chain.from_iterable(self._order[start:start + _RECOUNT]),
                                       repeat(0)), repeat(1)))
            between_slices()
        return counts

    def total(self) -> int:
        """The sum of the counts (as ``Counter.total``), without a pass over the values."""
        return len(self._seen) + sum(self._again.values())

    def items(self) -> Any:
        return list(zip(self, self.values()))
