"""Passes over whole columns at C speed, in slices short enough to let the GUI thread in (no Qt).

A ``map``, ``Counter`` or ``sort`` over a list runs in C without giving up
the interpreter lock: over 1,000,000 profiles one such call holds it for
0.1-0.3 s, a visible stall of the window while a worker summarises. Cut into
slices of ``SLICE`` values (a few milliseconds each), the lock changes hands
between slices and the whole pass costs the same.

``sorted_numbers`` sorts exact numbers (``int``, ``Decimal``, ``Number``)
without comparing Decimals: measured on 100,000 sales amounts, ``sorted`` of
the Decimals takes 80-130 ms, ``numpy.argsort`` of their ``float`` s 11 ms
(plus 30 ms for the conversion). A float conversion is monotonic (``a < b``
gives ``float(a) <= float(b)``), so that order is exact wherever the floats
differ; where two neighbours' floats are equal their exact values are
compared, and any pair out of order falls back to the exact sort.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal, localcontext
from heapq import merge
from operator import attrgetter, le
from typing import Any, TypeVar

import msgspec
import numpy as np

from viewer.model.numbers import Number
from viewer.reading.work_pauses import between_slices

SLICE = 32_768
_SORT_CHUNK = 8192
_NUMBER_KINDS = (int, float, Decimal)
_TEXT = attrgetter("text")
_DOUBLES = msgspec.json.Decoder(list[float]).decode

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def slices(values: Sequence[T], size: int = SLICE) -> Iterable[Sequence[T]]:
    """``values`` in consecutive slices of ``size`` (the sequence itself when it is that short)."""
    if len(values) <= size:
        yield values
        return
    for start in range(0, len(values), size):
        if start:
            between_slices()
        yield values[start:start + size]


def mapped(fn: Callable[[Any], T], values: Sequence[Any]) -> list[T]:
    """``list(map(fn, values))``, a slice at a time."""
    out: list[T] = []
    for part in slices(values):
        out.extend(map(fn, part))
    return out


def tally(values: Sequence[K], into: Counter[K] | None = None) -> Counter[K]:
    """A ``Counter`` of ``values``, a slice at a time (added to ``into`` when given)."""
    counts: Counter[K] = Counter() if into is None else into
    for part in slices(values):
        counts.update(part)
    return counts


def kinds_of(values: Sequence[Any]) -> set[type]:
    """The types among ``values``."""
    kinds: set[type] = set()
    for part in slices(values):
        kinds.update(map(type, part))
    return kinds


def is_number_kind(kind: type) -> bool:
    """An exact or float number type (``bool`` is not a number)."""
    return kind is not bool and issubclass(kind, _NUMBER_KINDS)


def sorted_numbers(values: Sequence[Any]) -> Sequence[Any]:
    """The numbers among ``values`` (``None``, booleans and other types left out), smallest first.

    The result is a sequence to index and ``bisect`` (a median, a histogram's
    edges): for Decimals a view through the sorting permutation, so only the
    values looked at are fetched (gathering all of them in sorted order reads
    memory at random: 10-30 ms per 100,000).
    """
    kinds = kinds_of(values)
    numbers: Sequence[Any] = values
    if not all(map(is_number_kind, kinds)):
        numbers = [v for v in values if is_number_kind(type(v))]
        kinds = {kind for kind in kinds if is_number_kind(kind)}
    if not numbers:
        return []
    if kinds == {int}:
        try:
            return list(np.sort(np.concatenate([np.array(part, dtype=np.int64) for part in slices(numbers)])).tolist())
        except OverflowError:  # an int past 64 bits: sorted exactly below
            pass
    ordered = _float_ordered(numbers, kinds)
    return ordered if ordered is not None else _exact_sorted(list(numbers))


class SortedView(Sequence[Any]):
    """``numbers`` in the order of the permutation ``order`` (read-only, fetched when indexed)."""

    def __init__(self, numbers: Sequence[Any], order: list[int]) -> None:
        self._numbers, self._order = numbers, order

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._numbers[i] for i in self._order[index]]
        return self._numbers[self._order[index]]


def _floats(numbers: Sequence[Any], kinds: set[type]) -> np.ndarray[Any, Any] | None:
    """The nearest double of every number, or None when one is past a double's range.

    ``float()`` of a Decimal goes through its text (30 ms per 100,000); for
    ``Number`` s, whose text is at hand, one msgspec decode of the joined texts
    makes the same doubles in 15.
    """
    parts = []
    try:
        for part in slices(numbers):
            if kinds == {Number}:
                parts.append(np.array(_DOUBLES(b"".join((b"[", ",".join(map(_TEXT, part)).encode(), b"]")))))
            else:
                parts.append(np.array(list(map(float, part)), dtype=np.float64))
    except (OverflowError, msgspec.DecodeError, msgspec.ValidationError):
        return None
    floats = np.concatenate(parts)
    return None if not np.isfinite(floats).all() else floats


def _float_ordered(numbers: Sequence[Any], kinds: set[type]) -> Sequence[Any] | None:
    """``numbers`` sorted through their doubles, or None when two of them need the exact comparison."""
    floats = _floats(numbers, kinds)
    if floats is None:
        return None
    order = np.argsort(floats, kind="stable")
    sorted_floats = floats[order]
    ties = np.flatnonzero(sorted_floats[1:] == sorted_floats[:-1])
    positions: list[int] = []
    for start in range(0, len(order), SLICE):  # ``tolist`` of 1,000,000 at once holds the lock for 0.1 s
        positions.extend(order[start:start + SLICE].tolist())
    view = SortedView(numbers, positions)
    if ties.size:
        firsts = [numbers[i] for i in order[ties].tolist()]
        seconds = [numbers[i] for i in order[ties + 1].tolist()]
        if not all([all(map(le, firsts[start:start + SLICE], seconds[start:start + SLICE]))
                    for start in range(0, len(firsts), SLICE)]):
            return None  # two values a double cannot tell apart, out of order
    return view


def _exact_sorted(numbers: list[Any]) -> list[Any]:
    """Sorted by exact comparisons, in chunks of a few ms each merged in Python (no long stall)."""
    if len(numbers) <= _SORT_CHUNK:
        numbers.sort()
        return numbers
    chunks = [sorted(numbers[start:start + _SORT_CHUNK]) for start in range(0, len(numbers), _SORT_CHUNK)]
    return list(merge(*chunks))


def exact_sum(values: Sequence[Any]) -> int | Decimal:
    """The exact sum of the numbers among ``values``: an ``int`` when all are, else a ``Decimal``.

    Floats count by their shortest text (what the file wrote). ``sum`` adds
    Decimals in C: 7 ms for 100,000 amounts in file order, 40 ms in sorted
    order (which reads the objects all over memory). The context's precision
    is wide enough for any sum of money a file holds.
    """
    kinds = kinds_of(values)
    numbers = values
    if not all(map(is_number_kind, kinds)):
        numbers = [v for v in values if is_number_kind(type(v))]
        kinds = {kind for kind in kinds if is_number_kind(kind)}
    if kinds <= {int}:
        whole: int = sum(numbers)
        return whole
    if float in kinds:
        numbers = [Decimal(repr(v)) if type(v) is float else v for v in numbers]
    with localcontext() as ctx:
        ctx.prec = 400
        total = Decimal(0)
        for part in slices(numbers):
            total = sum(part, total)
        return total
