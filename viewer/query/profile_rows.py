"""Which profiles the list shows, in which order: a sort permutation and a search filter (no Qt).

Sorting never goes through ``QSortFilterProxyModel``: its Python ``lessThan``
over 100,000 rows takes seconds. ``sorted()`` over precomputed keys takes
about 0.1 s for 100,000 profiles and a second per million, so above
``ProfileRows.BACKGROUND_SORT_FROM`` profiles the Qt layer computes
``sorted_rows`` in a worker thread and applies the result with ``set_order``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from viewer.model.profile import Profile
from viewer.model.profile_columns import (
    CREATED,
    ENVIRONMENT,
    HEADERS,
    ID,
    INTEGRATION_ID,
    LAST_ACTIVITY,
    SALES,
    SESSIONS,
    sort_key,
)
from viewer.query.sort_order import (
    MICROSECOND_SECONDS,
    NUMPY_FROM,
    finer_than_microseconds,
    float_keys,
    instant,
    ordered,
    seconds,
)


def sorted_rows(
    profiles: Sequence[Profile], keys_cache: dict[int, Any], column: int, descending: bool
) -> list[int] | None:
    """Profile indices in the order of ``column`` (None: file order); missing values last.

    Plain data only, so it may run in a worker thread; ``keys_cache`` keeps each
    column's keys for the next sort.
    """
    if not 0 <= column < len(HEADERS):
        return None
    keys = keys_cache.get(column)
    if keys is None:
        keys = keys_cache[column] = column_keys(profiles, column)
    # times and money: the keys are floats (seconds, amounts), and the exact values settle their ties
    exact = _exact_key(profiles, column) if column in (CREATED, LAST_ACTIVITY, SALES) else None
    below, same = 0.0, None
    if column in (CREATED, LAST_ACTIVITY):
        same = _time_texts(profiles, column)
        below = 0.0 if same is None or finer_than_microseconds(same) else MICROSECOND_SECONDS
    return ordered(keys, descending, numeric=column != INTEGRATION_ID, exact=exact, exact_below=below, same=same)


def column_keys(profiles: Sequence[Profile], column: int) -> Sequence[Any] | npt.NDArray[np.float64]:
    """The sort key of every profile for ``column``, from the reader's columns when it has them.

    Building 100,000 profiles from their text to sort them takes most of a
    second; the columns answer in a few milliseconds (times: 0.1 s of parsing).
    """
    columns = _reader_columns(profiles)
    if columns is None:
        return [sort_key(p, column) for p in profiles]
    if column == ID:
        return list(columns.id)
    if column == INTEGRATION_ID:
        return [None if value is None else value.casefold() for value in columns.integration_id]
    if column == ENVIRONMENT:
        return list(columns.sandbox)  # 0 live, 1 sandbox, 2 unknown: the list's order
    if column in (CREATED, LAST_ACTIVITY):
        texts = columns.created if column == CREATED else columns.last_activity
        return _kept([None if text is None else seconds(text) for text in texts])
    if column == SESSIONS:
        return list(columns.closed_sessions)
    if column == SALES:  # floats: a sort converts them once (29 ms per 100,000), not on every sort
        try:
            return _kept([None if value is None else float(value) for value in columns.total_sales])
        except OverflowError:  # an integer beyond a double's range: the exact values are the keys
            return list(columns.total_sales)
    return list(map(len, columns.audiences))


def _kept(pre_keys: list[float | None]) -> Sequence[Any] | npt.NDArray[np.float64]:
    """Float pre-keys as the next sort keeps them: one array (``float_keys``) where numpy sorts, else the list."""
    return float_keys(pre_keys) if len(pre_keys) >= NUMPY_FROM else pre_keys


def _reader_columns(profiles: Sequence[Profile]) -> Any:
    """The reader's columns of ``profiles`` (``viewer.reading``), None when it has none for all of them."""
    columns = getattr(profiles, "columns", None)
    return columns if columns is not None and len(columns) == len(profiles) else None


def _time_texts(profiles: Sequence[Profile], column: int) -> Sequence[str | None] | None:
    """The reader's texts of ``column`` (a time), None without its columns."""
    columns = _reader_columns(profiles)
    if columns is None:
        return None
    texts: Sequence[str | None] = columns.created if column == CREATED else columns.last_activity
    return texts


def _exact_key(profiles: Sequence[Profile], column: int) -> Callable[[int], Any]:
    """Profile index -> what ``column`` (money or a time) sorts it by exactly: its Decimal, or ``instant``."""
    columns = _reader_columns(profiles)
    if columns is not None:
        if column == SALES:
            return columns.total_sales.__getitem__  # type: ignore[no-any-return]
        texts = columns.created if column == CREATED else columns.last_activity
        return lambda index: instant(texts[index])
    if column == SALES:
        return lambda index: profiles[index].total_sales

    def moment(index: int) -> Any:
        at = profiles[index].created if column == CREATED else profiles[index].last_activity
        return None if at is None else instant(at.text)
    return moment


def compact_order(order: Sequence[int] | None) -> array[int] | None:
    """A sort permutation (or the rows shown) as 64-bit machine integers, as the list keeps it (None: None).

    For 100,000 profiles 0.8 MB, where a list of ints held 3.6 MB; made through numpy (5-7 ms, where
    ``array("q", order)`` took 15 ms), and ``index`` on it is twice as quick as on a list.
    """
    if order is None or isinstance(order, array):
        return order
    return _array_of(np.asarray(order, dtype=np.int64))


def _array_of(values: npt.NDArray[np.int64]) -> array[int]:
    made = array("q")
    made.frombytes(values.astype(np.int64, copy=False).tobytes())
    return made


class ProfileRows:
    """Row -> profile index for the profile list: the sort order, then the filter.

    A search answers with ascending indices, which in file order are the rows
    themselves: no set and no re-sort per keystroke (for 1,000,000 matches a
    set and ``sorted`` took about 0.2 s). ``row_of`` answers by bisection in
    file order and by a C-speed ``list.index`` in a sorted order, building
    the row map only when it is asked many times between two changes (the
    map of 100,000 rows takes about 3 ms to build as a numpy array, 29 ms as a
    dict; an ``index`` 0.3 ms).
    """

    BACKGROUND_SORT_FROM = 150_000
    """From this many profiles on, sorting belongs in a worker thread."""
    MAP_AFTER = 8
    """``row_of`` calls between two changes after which the row map is built."""

    def __init__(self) -> None:
        self.profiles: Sequence[Profile] = ()
        self.keys: dict[int, Any] = {}  # sort keys per column (a list, or ``float_keys``), for the next sort
        self._order: array[int] | None = None  # sorted permutation (``compact_order``); None = file order
        self._order_array: npt.NDArray[np.int64] | None = None  # the same, for filtering it (made when first needed)
        self._filter: list[int] | None = None  # visible profile indices, ascending; None = all
        self._rows: Sequence[int] = range(0)
        self._row_of: npt.NDArray[np.int64] | None = None  # profile index -> row (-1: not shown), built on demand
        self._asked = 0  # row_of calls since the rows changed

    def set_profiles(self, profiles: Sequence[Profile], order: Sequence[int] | None = None) -> None:
        """A new export: unfiltered, in ``order`` (None: file order)."""
        self.profiles = profiles
        self.keys = {}
        self._filter = None
        self._order, self._order_array = compact_order(order), None
        self._update()

    def set_filter(self, indices: Sequence[int] | None) -> bool:
        """Show only the distinct profiles at ``indices`` (``None``: all); False when nothing changed."""
        new = None if indices is None else sorted(indices)  # a search's answer is ascending: linear time
        if new == self._filter:
            return False
        self._filter = new
        self._update()
        return True

    def set_order(self, order: Sequence[int] | None) -> None:
        """Show the rows in ``order`` (a permutation of profile indices, best made ``compact_order`` by the worker
        that sorted; None: file order)."""
        self._order, self._order_array = compact_order(order), None
        self._update()

    def __len__(self) -> int:
        return len(self._rows)

    def profile_index(self, row: int) -> int | None:
        """The profile index shown in ``row``, or None outside the rows."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, profile_index: int) -> int:
        """The row showing the profile at ``profile_index``; -1 when filtered out."""
        rows = self._rows
        if isinstance(rows, range):
            return profile_index if 0 <= profile_index < len(rows) else -1
        if self._order is None:  # ascending
            at = bisect_left(rows, profile_index)
            return at if at < len(rows) and rows[at] == profile_index else -1
        if self._row_of is None:
            self._asked += 1
            if self._asked <= self.MAP_AFTER:
                try:
                    return rows.index(profile_index)
                except ValueError:
                    return -1
            self._row_of = _inverse(rows, len(self.profiles))
        return int(self._row_of[profile_index]) if 0 <= profile_index < len(self._row_of) else -1

    def _update(self) -> None:
        order, shown = self._order, self._filter
        if order is None:
            self._rows = range(len(self.profiles)) if shown is None else shown
        elif shown is None or len(shown) == len(order):  # (every profile matched: ``a``, ``Name:``)
            self._rows = order
        else:  # in numpy: for 90,000 of 100,000 profiles 5.5 ms, where a set and a Python loop took 47
            if self._order_array is None:
                self._order_array = np.asarray(order, dtype=np.int64)
            keep = np.zeros(len(self._order_array), dtype=bool)
            keep[np.fromiter(shown, dtype=np.int64, count=len(shown))] = True
            self._rows = _array_of(self._order_array[keep[self._order_array]])
        self._row_of = None
        self._asked = 0


def _inverse(rows: Sequence[int], count: int) -> npt.NDArray[np.int64]:
    """Profile index -> row for ``rows`` (profile indices below ``count``); -1 where not shown."""
    inverse = np.full(count, -1, dtype=np.int64)
    inverse[np.asarray(rows, dtype=np.int64)] = np.arange(len(rows), dtype=np.int64)
    return inverse
