"""Exact comparisons and ranges over a whole column of numbers or times in milliseconds (numpy; no Qt).

A list comprehension over exact values (``int``, ``Decimal``; datetimes) took
15-50 ms per 100,000 profiles warm, 70-300 ms at 1,000,000: too slow for a
click on a chart bin. So a column whose present values are all plain numbers
(``int``, ``Decimal``; not ``bool``) gets, once, a float64 copy (NaN where a
profile has none), and a column of zone-aware datetimes an int64 copy in
microseconds since the epoch (exact). Building the copy took 35-50 ms per
100,000 values (``float()`` of a ``Decimal``, the subtraction of the epoch),
about one exact scan; answering from it 1-5 ms at 1,000,000 profiles, plus
the answer's list (about 35 ns per profile in it).

Numbers stay exact: a float conversion of an exact number is correctly
rounded, hence monotone, so ``float(v) > float(b)`` implies ``v > b`` and
``float(v) < float(b)`` implies ``v < b``; only the values whose float equals
a bound's float are decided by comparing the exact values. When every value
is an int below 2**53 and the bound's float is the bound itself, the floats
are the values and decide alone. A column with an int beyond a double gets no
copy (``float`` raises ``OverflowError``) and is scanned exactly, as are
columns with several values per profile (``Many``). The AND-ed comparisons of
a query (``totalSales>=100 totalSales<200``) combine their masks before any
list is made (``Evaluator``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from viewer.model.numbers import Number
from viewer.reading.work_pauses import between_slices

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)
_EXACT_LIMIT = 2.0**53  # every int below it is its own float
_NUMBER_TYPES = frozenset({int, Decimal, Number, type(None)})
_TIME_TYPES = frozenset({datetime, type(None)})
_NAN = float("nan")
_NO_TIME = np.iinfo(np.int64).min  # a profile without a time: below every datetime's key
SPARSE = 256  # candidates fewer than 1 in this many profiles are scanned exactly: cheaper than a pass over all

SLICE = 32_768  # values converted between two pause points (a few ms)

Mask = npt.NDArray[np.bool_]

def _slices(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """``values`` a slice at a time, with this thread's pause between two slices."""
    if len(values) <= SLICE:
        yield values
        return
    for start in range(0, len(values), SLICE):
        if start:
            between_slices()  # the worker's pause (``viewer.reading.work_pauses``): 1,000,000 values in one
        yield values[start:start + SLICE]  # ``numpy.array`` call or comprehension had no point to pause at


def _kinds(values: Sequence[Any]) -> set[type]:
    kinds: set[type] = set()
    for part in _slices(values):
        kinds.update(map(type, part))
    return kinds


@dataclass(frozen=True, slots=True)
class Interval:
    """``low <= v <= high``, a side strict when it is ``*_open``; a bound that is None sets no limit."""

    low: Any = None
    high: Any = None
    low_open: bool = False
    high_open: bool = False

    def holds(self, value: Any) -> bool:
        """Whether the exact ``value`` lies in the interval."""
        low, high = self.low, self.high
        if low is not None and not (low < value if self.low_open else low <= value):
            return False
        return high is None or bool(value < high if self.high_open else value <= high)


class NumberKeys:
    """A column's values as numpy keys that order them the way the exact values order (see the module)."""

    __slots__ = ("keys", "gaps", "exact", "is_time")

    def __init__(self, keys: npt.NDArray[Any], gaps: bool, exact: bool, is_time: bool) -> None:
        self.keys = keys  # float64 (NaN: no value) or int64 microseconds (``_NO_TIME``: none)
        self.gaps = gaps  # times: some profiles have none
        self.exact = exact  # the keys are the values themselves
        self.is_time = is_time

    @classmethod
    def of(cls, values: Sequence[Any], kinds: set[type] | None = None) -> NumberKeys | None:
        """The keys of a column of single values; None unless all are plain numbers or all zone-aware times.

        ``kinds``: the types of the values, when the caller has them.
        """
        if kinds is None:
            first = next((v for v in values if v is not None), None)
            if type(first) not in _NUMBER_TYPES and type(first) is not datetime:
                return None  # text, most often: not worth a pass over every value's type
            kinds = _kinds(values)
        try:
            if kinds <= _NUMBER_TYPES and kinds != {type(None)}:
                return cls._numbers(values, kinds)
            if kinds <= _TIME_TYPES and kinds != {type(None)}:
                return cls._times(values, type(None) in kinds)
        except (OverflowError, TypeError, ValueError):  # an int beyond a double; a naive datetime
            return None
        return None

    @classmethod
    def _numbers(cls, values: Sequence[Any], kinds: set[type]) -> NumberKeys | None:
        if kinds <= {int, type(None)}:
            keys = _joined([np.array(part, dtype=np.float64) for part in _slices(values)])  # None -> NaN
            finite = keys[~np.isnan(keys)]
            return cls(keys, False, bool(finite.size == 0 or np.abs(finite).max() < _EXACT_LIMIT), False)
        keys = _joined([np.array([_NAN if v is None else float(v) for v in part], dtype=np.float64)
                        for part in _slices(values)])  # correctly rounded
        if type(None) not in kinds and np.isnan(keys).any():
            return None  # a Decimal NaN: no order to keep
        if type(None) in kinds and int(np.isnan(keys).sum()) != sum(part.count(None) for part in _slices(values)):
            return None
        return cls(keys, False, False, False)

    @classmethod
    def _times(cls, values: Sequence[Any], gaps: bool) -> NumberKeys:
        epoch, step, none = _EPOCH, _MICROSECOND, _NO_TIME
        keys = _joined([np.array([none if v is None else (v - epoch) // step for v in part], dtype=np.int64)
                        for part in _slices(values)])
        return cls(keys, gaps, True, True)

    def _key(self, bound: Any) -> tuple[Any, bool] | None:
        """``bound`` as a key, and whether the key is exactly the bound; None: it has no key here."""
        if self.is_time:
            if type(bound) is not datetime or bound.utcoffset() is None:
                return None
            return (bound - _EPOCH) // _MICROSECOND, True
        if type(bound) is bool or not isinstance(bound, (int, Decimal)):
            return None
        try:
            key = float(bound)
        except OverflowError:
            return None
        if key != key:
            return None
        exact = key not in (float("inf"), float("-inf")) and (
            bound == int(key) if isinstance(bound, int) else Decimal(key) == bound)
        return key, exact

    def mask(self, interval: Interval, values: Sequence[Any]) -> Mask | None:
        """Which profiles' exact values lie in ``interval``; None when a bound has no key (scan exactly)."""
        keys = self.keys
        mask: Mask | None = None
        ties: Mask | None = None
        for bound, is_open, lower in ((interval.low, interval.low_open, True),
                                      (interval.high, interval.high_open, False)):
            if bound is None:
                continue
            found = self._key(bound)
            if found is None:
                return None
            key, exact = found
            decides = exact and self.exact  # the keys compare as the values do, ties included
            if lower:
                part = keys > key if decides and is_open else keys >= key
            else:
                part = keys < key if decides and is_open else keys <= key
            if not decides:
                tie = keys == key
                ties = tie if ties is None else ties | tie
            mask = part if mask is None else mask & part
        if mask is None:
            return None
        if self.gaps and interval.low is None:
            mask &= keys != _NO_TIME
        if ties is not None:
            holds = interval.holds
            for i in np.flatnonzero(ties & mask).tolist():
                if not holds(values[i]):
                    mask[i] = False
        return mask

    def select(self, candidates: Sequence[int], interval: Interval, values: Sequence[Any]) -> list[int] | None:
        """The candidates (ascending) whose value lies in ``interval``; None: scan them exactly instead."""
        if not worth_masking(candidates, len(self.keys)):
            return None
        mask = self.mask(interval, values)
        return None if mask is None else masked(mask, candidates)


def _joined(parts: list[npt.NDArray[Any]]) -> npt.NDArray[Any]:
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def worth_masking(candidates: Sequence[int], total: int) -> bool:
    """Whether a pass over all ``total`` profiles' keys beats testing only ``candidates``."""
    if isinstance(candidates, range):
        return candidates == range(total)
    return len(candidates) * SPARSE >= total


def masked(mask: Mask, candidates: Sequence[int]) -> list[int]:
    """The candidates (ascending; a ``range``: all profiles) that ``mask`` selects.

    Converting a list of 500,000 indices to an array took about 15 ms, and
    the answer's list of as many about 17 ms.
    """
    if isinstance(candidates, range):
        found: list[int] = np.flatnonzero(mask).tolist()
        return found
    array = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
    picked: list[int] = array[mask[array]].tolist()
    return picked
