"""The rows of a big companion file by integration ID, found without building them.

A file whose lines are each one row is kept as its bytes: ``Lines`` finds a
line by number from the first line number of every 16 KB piece (a piece is
split when one of its lines is asked for: about 15 us, where splitting a 1 MB
chunk took 1 ms, and a profile's 10 sessions lie in 10 pieces). ``group``
sorts the rows' integration IDs once, off the GUI thread, so a profile's rows
are a run of the sorted line numbers: showing a profile's sessions no longer
scans a million keys (``list.index`` took 16 ms a profile on the GUI thread; now
under 1 ms). numpy sorts 64-bit hashes of the keys with the GIL released:
1,000,000 keys grouped in 0.2-0.25 s, against 0.8 s for a dict of lists built in
Python (which holds the GIL throughout) and 0.29 s for the ``Counter`` of keys
this replaced.

``RowTable.column(position)`` reads one column of every line with one regular
expression (0.85 s for 320 MB, 256 KB a call: at most 5 ms holding the GIL): the
overview and ``session:`` count states from it instead of building a million
sessions (50 us each).
"""

from __future__ import annotations

import csv
import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, NamedTuple, TypeVar, overload

from viewer.reading.load_errors import LoadCancelled

T = TypeVar("T")
Cells = list[str]
PIECE = 16384  # bytes of lines split at a time when a line is asked for
WIDEST_SORTED = 64  # keys longer than this are grouped in Python (a fixed-width array would be huge)
_SLICE = 50_000  # keys copied into the array between two polls of ``cancelled``
BLANK = b"\0blank"  # the key of the header and of blank lines


def column_pattern(position: int) -> re.Pattern[bytes]:
    """One match per line: cell ``position`` when no cell before it is quoted, else ``b""`` (read with csv)."""
    return re.compile(rb'^(?:(?:[^,"\r\n]*,){%d}([^,"\r\n]*)(?=[,\r\n]|\Z)|)[^\n]*' % position, re.MULTILINE)


class ColumnCells:
    """Cell ``position`` of each line of a stretch of whole lines, found in C (``b""``: a cell before it is quoted).

    The pattern starts at each line feed: the regular expression engine finds that literal byte at
    C speed and never walks the rest of the line, where ``column_pattern`` matched every byte of it
    (320 MB of sessions: 13% less time for the key column).
    """

    __slots__ = ("_first", "_after")

    def __init__(self, position: int) -> None:
        self._first = column_pattern(position)
        self._after = re.compile(rb'\n(?:(?:[^,"\r\n]*,){%d}([^,"\r\n]*)(?=[,\r\n]|\Z)|)' % position)

    def cells(self, data: bytes | bytearray, start: int, end: int) -> list[bytes]:
        """One per line of ``data[start:end]``: ``start`` is where a line starts, ``end`` is just past a
        line feed or the data's end (whose last line counts, even when empty)."""
        stop = end if end >= len(data) else end - 1  # no line after the stretch's last line feed
        if start:
            found: list[bytes] = self._after.findall(data, start - 1, stop)
            return found
        first = self._first.match(data, 0, stop)
        return [(first.group(1) if first is not None else None) or b"", *self._after.findall(data, 0, stop)]


def cells(line: bytes | bytearray, width: int) -> Cells:
    """The cells of one line, cut or padded to ``width`` and one more, empty (the cell missing columns read)."""
    found = next(csv.reader([line.rstrip(b"\r").decode("utf-8", "replace")]), [])
    return padded(found, width)


def padded(found: Cells, width: int) -> Cells:
    """``found`` cut or padded to ``width`` and one more, empty."""
    if len(found) > width:
        del found[width:]
    found.extend([""] * (width + 1 - len(found)))
    return found


class Lines:
    """The lines of ``data`` by number, from each piece's first line number (the last piece asked for kept)."""

    __slots__ = ("data", "starts", "firsts", "_split")

    def __init__(self, data: bytes | bytearray) -> None:
        self.data = data
        self.starts: list[int] = []  # each piece's first byte
        self.firsts: list[int] = []  # each piece's first line number
        # the last piece asked for and its lines, one tuple: the GUI thread and a worker may both ask
        self._split: tuple[int, list[bytes] | list[bytearray]] = (-1, [])

    def add(self, start: int, end: int, first: int) -> None:
        """Note the pieces of the whole lines ``data[start:end]``, whose first line is number ``first``."""
        data = self.data
        while start < end:
            stop = data.find(b"\n", min(start + PIECE, end), end) + 1 or end
            self.starts.append(start)
            self.firsts.append(first)
            first += data.count(b"\n", start, stop)
            start = stop

    def add_pieces(self, starts: list[int], firsts: list[int]) -> None:
        """Note pieces found elsewhere: each starts a line, ``firsts`` their first lines' numbers (in order)."""
        self.starts += starts
        self.firsts += firsts

    def __getitem__(self, number: int) -> bytes | bytearray:
        piece = bisect_right(self.firsts, number) - 1
        split = self._split
        if split[0] != piece:
            end = self.starts[piece + 1] if piece + 1 < len(self.starts) else len(self.data)
            split = self._split = (piece, self.data[self.starts[piece]:end].split(b"\n"))
        return split[1][number - self.firsts[piece]]


def group(keys: list[bytes], cancelled: Callable[[], bool] | None = None) -> Grouped:
    """Each distinct key with where its line numbers lie in ``Grouped.numbers`` (a key's run, any order)."""
    if not keys:
        return Grouped([], [0], [])
    # ``_SLICE`` keys at a time: one ``max`` over a million keys held the interpreter 30-60 ms (a GUI stall)
    width = max(max(map(len, keys[first:first + _SLICE])) for first in range(0, len(keys), _SLICE))
    if width > WIDEST_SORTED:
        return _group_in_python(keys)
    import numpy as np

    array = np.empty(len(keys), dtype=f"S{max(width, 1)}")
    for first in range(0, len(keys), _SLICE):  # a few ms a slice: the GUI thread gets the GIL between
        array[first:first + _SLICE] = keys[first:first + _SLICE]
        if cancelled is not None and cancelled():
            raise LoadCancelled()
    return group_array(array)


def group_array(array: Any) -> Grouped:
    """``group`` of keys already in a numpy array of fixed-width byte strings."""
    import numpy as np

    if not len(array):
        return Grouped([], [0], [])
    # Sorting 64-bit hashes takes a quarter of the time of sorting the byte strings; a key's lines
    # then form one run unless two keys share a hash, which the check below finds (then: sort the keys).
    order = np.argsort(hashes(array))
    ordered = array[order]
    starts = np.concatenate(([0], np.flatnonzero(ordered[1:] != ordered[:-1]) + 1))
    owners: list[bytes] = ordered[starts].tolist()
    if len(set(owners)) != len(owners):  # two keys of one hash, interleaved
        order = np.argsort(array, kind="stable")
        ordered = array[order]
        starts = np.concatenate(([0], np.flatnonzero(ordered[1:] != ordered[:-1]) + 1))
        owners = ordered[starts].tolist()
    bounds: list[int] = [*starts.tolist(), len(array)]
    return Grouped(owners, bounds, order)  # a numpy array: a profile's run becomes a list when asked for


def hashes(array: Any) -> Any:
    """A 64-bit hash of each fixed-width byte string of the numpy ``array`` (FNV's prime, wrapping)."""
    import numpy as np

    matrix = array.view(np.uint8).reshape(len(array), array.dtype.itemsize)
    found = np.zeros(len(array), dtype=np.uint64)
    prime = np.uint64(1099511628211)
    for column in range(matrix.shape[1]):
        found = found * prime + matrix[:, column]
    return found


class Grouped(NamedTuple):
    """Keys and their lines: key ``i``'s line numbers are ``numbers[bounds[i]:bounds[i + 1]]``."""

    owners: list[bytes]
    bounds: list[int]
    numbers: Any  # a list or a numpy array of ints


def _group_in_python(keys: list[bytes]) -> Grouped:
    found: dict[bytes, list[int]] = {}
    get = found.get
    for number, key in enumerate(keys):
        numbers = get(key)
        if numbers is None:
            found[key] = [number]
        else:
            numbers.append(number)
    bounds = [0]
    for numbers in found.values():
        bounds.append(bounds[-1] + len(numbers))
    return Grouped(list(found), bounds, [n for numbers in found.values() for n in numbers])


Build = Callable[[Cells, tuple[int, ...], int, str, Callable[[int, str], None], set[str]], Any]


def _silent(position: int, message: str) -> None:
    """Problems of rows built after loading have no list to go to."""


class RowTable(Generic[T]):
    """One indexed file: its lines, how a row is built, and columns read for all lines at once (cached)."""

    def __init__(self, lines: Lines, width: int, columns: tuple[int, ...], build: Build, source: str,
                 forms: set[str]) -> None:
        self.lines = lines
        self.width = width
        self.columns = columns
        self.build = build
        self.source = source
        self.forms = forms
        self._texts: dict[int, list[str]] = {}
        self._lock = threading.Lock()

    def rows(self, numbers: Sequence[int]) -> list[T]:
        """The rows on the lines ``numbers`` (0-based), built now."""
        lines, width, columns, build, source, forms = (self.lines, self.width, self.columns, self.build,
                                                      self.source, self.forms)
        return [build(cells(lines[n], width), columns, n + 1, source, _silent, forms) for n in numbers]

    def column(self, position: int) -> list[str]:
        """The text of column ``position`` (of the kind's ``COLUMNS``) on every line, by line number."""
        with self._lock:
            found = self._texts.get(position)
            if found is None:
                found = self._texts[position] = self._read_column(self.columns[position])
            return found

    def _read_column(self, cell: int) -> list[str]:
        data = self.lines.data
        if cell >= self.width:  # the header has no such column: every line reads empty
            return [""] * (data.count(b"\n") + 1)
        reader = ColumnCells(cell)
        texts: dict[bytes, str] = {}
        result: list[str] = []
        starts = self.lines.starts
        step = max(1, (1 << 18) // PIECE)  # 256 KB of lines per call: the GIL is held about 1 ms
        for first in range(0, len(starts), step):
            start = starts[first]
            end = starts[first + step] if first + step < len(starts) else len(data)
            for raw in reader.cells(data, start, end):
                text = texts.get(raw)
                if text is None:
                    text = texts[raw] = raw.decode("utf-8", "replace")
                result.append(text)
        for number, text in enumerate(result):
            if not text and b'"' in (line := self.lines[number]):  # a quoted cell before it: read the line
                result[number] = cells(line, self.width)[cell]
        return result


class LazyRows(Sequence[T]):
    """One profile's rows of an indexed file: a run of the file's grouped line numbers, built on first access."""

    __slots__ = ("_numbers", "_start", "_end", "_table", "_built")

    def __init__(self, numbers: Any, start: int, end: int, table: RowTable[T]) -> None:
        self._numbers = numbers  # shared by every profile of the file
        self._start = start
        self._end = end
        self._table = table
        self._built: list[T] | None = None

    def line_numbers(self) -> list[int]:
        """The 0-based numbers of these rows' lines, in file order."""
        run = self._numbers[self._start:self._end]
        return sorted(run if isinstance(run, list) else run.tolist())

    def _rows(self) -> list[T]:
        built = self._built
        if built is None:
            built = self._built = self._table.rows(self.line_numbers())
        return built

    def texts(self, position: int) -> list[str]:
        """Column ``position`` (of the kind's ``COLUMNS``) of these rows, as written, without building them."""
        column = self._table.column(position)
        return [column[n] for n in self.line_numbers()]

    def __len__(self) -> int:
        return self._end - self._start

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self._rows()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._rows())

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"
