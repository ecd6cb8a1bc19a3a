"""The profiles of an export as a sequence that builds each ``Profile`` from its text when used.

What stays in memory for a profile is its byte span in the file's text and its
row of the list's columns (``Columns``), not its parsed fields: building one
profile from its span takes about 8 µs, while holding 100,000 parsed
profiles took 4.5 times the file's size. Built profiles are kept in a
bounded cache (the most recently used ``CACHE_SIZE``); the profiles that
needed the full check are kept built, with what was found. Iterating builds
profiles a run of spans at a time (one decode call per run), without
filling the cache. Once a plain file's text is released (``SourceText``) the
spans are read back from the file, a run of them per read; a profile whose
file changed on disk since holds only what the columns hold (its
``source_text`` raises ``SourceChanged``), never the new file's text.

The spans of a piece of an array whose columns decoded whole (``extend_piece``)
are measured only when first needed, a megabyte piece at a time (about 1 ms):
at load, measuring every element's length was a sixth of a bare parse, and the
list needs none of them until a profile is built.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, repeat
from typing import Any, overload

import msgspec
import orjson

from viewer.model.companions import NO_COMPANIONS, Companions
from viewer.model.numbers import number
from viewer.model.profile import Profile, SourceChanged
from viewer.reading.array_pieces import SpanError, spans_of
from viewer.reading.columns import Columns
from viewer.reading.exact_numbers import decode_exact
from viewer.reading.profile_checks import trusted_profile
from viewer.reading.source_text import SourceText

CACHE_SIZE = 4096
_BATCH = 512  # profiles decoded by one call while iterating
_decode_lines = msgspec.json.Decoder(float_hook=number).decode_lines
NO_SPAN = -1
_WIRE_COLUMNS = ("id", "created", "integrationId", "closedSessions", "totalSales", "audienceMemberships",
                 "lastActivity", "sandbox")
_SNAKE_COLUMNS = ("id", "created", "integration_id", "closed_sessions", "total_sales", "audience_memberships",
                  "last_activity", "sandbox")


class ProfileList(Sequence[Profile]):
    """Profiles in file order, each read from its own text when first used."""

    def __init__(self, search_text: bool = False) -> None:
        self.columns = Columns(search_text)
        self.companions: Companions = NO_COMPANIONS  # given to every profile built
        self._texts: list[SourceText] = []
        self._start_at = array("q")  # the spans (read through ``_starts``: that measures the pending pieces)
        self._end_at = array("q")
        self._pieces: list[int] = []  # first index of each piece added by ``extend_piece``, in order
        self._pending: dict[int, tuple[int, SourceText, int, int]] = {}  # first -> (count, text, low, high)
        self._run_starts: list[int] = []
        self._run_info: list[tuple[SourceText | None, bool, bool]] = []  # text, snake case, one per line
        self._kept: dict[int, Profile] = {}  # built by the full check, or without a span
        self._named: list[int] = []  # first index of each batch that ``name`` was told about, in order
        self._namers: list[Callable[[int], str]] = []  # per batch: position in it -> path ("[3]", "line 4")
        self.flags_of: Callable[[], dict[str, frozenset[int]]] | None = None  # set by the export: is:problem
        self._cache: dict[int, Profile] = {}

    def attach(self, companions: Companions) -> None:
        """Give every profile (built now or later) the export's companion files."""
        self.companions = companions
        for profile in (*self._kept.values(), *self._cache.values()):
            profile.companions = companions

    def audience_names(self) -> dict[int, str]:
        """Audience ID -> name, from the first profile that names it (from the columns: no profile is built)."""
        return dict(self.columns.audience_names)

    def integration_ids(self) -> set[str]:
        """The integration IDs of all profiles, from the columns (no profile is built)."""
        return {value for value in self.columns.integration_id if type(value) is str}

    def extend(self, text: SourceText | None, starts: Iterable[int], ends: Iterable[int], snake: bool,
               lines: bool) -> int:
        """Append profiles by their spans in ``text`` (``lines``: NDJSON); returns the first new index.

        The caller adds their columns (``self.columns``) in the same order.
        """
        first = len(self._start_at)
        info = (text, snake, lines)
        if not self._run_info or self._run_info[-1] != info:
            self._run_starts.append(first)
            self._run_info.append(info)
        self._start_at.extend(starts)
        self._end_at.extend(ends)
        return first

    def extend_piece(self, text: SourceText, low: int, high: int, count: int, snake: bool) -> int:
        """Append the ``count`` elements of an array written between ``low`` and ``high``; spans measured later.

        Returns the first new index, like ``extend``.
        """
        unknown = array("q", (NO_SPAN,)) * count  # one C call: extending by ``repeat`` took 0.015 s per 100,000
        first = self.extend(text, unknown, unknown, snake, False)
        self._pieces.append(first)
        self._pending[first] = (count, text, low, high)
        return first

    @property
    def _starts(self) -> array[int]:
        """Every profile's first byte in its text (the pending pieces measured first)."""
        if self._pending:
            self._measure(0, len(self._start_at))
        return self._start_at

    @property
    def _ends(self) -> array[int]:
        """Every profile's end in its text (the pending pieces measured first)."""
        if self._pending:
            self._measure(0, len(self._start_at))
        return self._end_at

    def _measure(self, first: int, stop: int) -> None:
        """Measure the spans of the pending pieces that hold any of the profiles ``first`` to ``stop``."""
        pieces = self._pieces
        k = max(bisect_right(pieces, first) - 1, 0)
        while k < len(pieces) and pieces[k] < stop:
            piece = pieces[k]
            pending = self._pending.get(piece)  # once: another thread may measure it meanwhile
            k += 1
            if pending is None:
                continue
            count, text, low, high = pending
            try:
                with text.view(low, high) as view:
                    starts, ends = spans_of(view, low)
            except SourceChanged:  # each profile's text is the piece's: reading it says the file changed
                starts, ends = array("q", repeat(low, count)), array("q", repeat(high, count))
            except SpanError:
                starts = ends = ()
            measured = array("q", starts), array("q", ends)
            if len(measured[0]) == count:  # else not those profiles: what the columns hold (``_from_columns``)
                self._start_at[piece:piece + count], self._end_at[piece:piece + count] = measured
            self._pending.pop(piece, None)

    def add_placeholders(self, integration_ids: Sequence[str]) -> None:
        """One profile holding only an integration ID per entry (CSV files opened without profiles)."""
        lines = [orjson.dumps({"integrationId": owner}) for owner in integration_ids]
        text = SourceText(b"\n".join(lines), "")
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        first = self.extend(text, starts, [s + len(line) for s, line in zip(starts, lines)], False, True)
        for index, owner in enumerate(integration_ids, first):
            self.columns.add_profile(trusted_profile({"integrationId": owner}, index, None, False))

    def head(self, count: int) -> ProfileList:
        """A list of the first ``count`` profiles, independent of this one (which may go on growing).

        What the window shows while the rest of a big file is read: the
        spans, columns and checked profiles are copied (a few hundred kB for
        2,000 profiles), the file's text is shared.
        """
        first = ProfileList()
        first.columns = self.columns.head(count)
        self._measure(0, count)
        first._start_at, first._end_at = self._start_at[:count], self._end_at[:count]
        runs = bisect_right(self._run_starts, max(count - 1, 0))
        first._run_starts, first._run_info = self._run_starts[:runs], self._run_info[:runs]
        first._kept = {index: profile for index, profile in list(self._kept.items()) if index < count}
        named = bisect_right(self._named, max(count - 1, 0))
        first._named, first._namers = self._named[:named], self._namers[:named]
        return first

    def name(self, first: int, path: Callable[[int], str]) -> None:
        """The profiles from ``first`` on (until the next batch named) are at ``path(index - first)``."""
        self._named.append(first)
        self._namers.append(path)

    def path(self, index: int) -> str:
        """Where the profile at ``index`` is in its file, as the loader's problems name it: ``[3]``, ``line 4``
        (``""``: the file is that one profile; ``profile 4`` for one read without a name)."""
        batch = bisect_right(self._named, index) - 1
        return self._namers[batch](index - self._named[batch]) if batch >= 0 else f"profile {index + 1:,}"

    def keep(self, profile: Profile) -> None:
        """Keep a profile built by the full check (or read without a span) at its index."""
        profile.companions = self.companions
        self._kept[profile.index] = profile
        self._cache.pop(profile.index, None)

    def span(self, index: int) -> tuple[SourceText, int, int] | None:
        """Where the profile at ``index`` is written: its file's text and byte offsets."""
        run = bisect_right(self._run_starts, index) - 1
        text = self._run_info[run][0]
        if self._pending:
            self._measure(index, index + 1)
        start = self._start_at[index]
        return None if text is None or start == NO_SPAN else (text, start, self._end_at[index])

    def holding(self, name: str, line: int, column: int) -> int | None:
        """The profile whose text in file ``name`` holds ``line``, ``column`` (None: none does, or no such file)."""
        for run, first in enumerate(self._run_starts):
            text = self._run_info[run][0]
            if text is None or text.name != name:
                continue
            stop = self._run_starts[run + 1] if run + 1 < len(self._run_starts) else len(self)
            offset = text.line_start(line) + max(column - 1, 0)  # a column counts characters: near enough
            starts = self._starts
            index = bisect_right(starts, offset, first, stop) - 1
            if index >= first and starts[index] != NO_SPAN and offset < self._end_at[index]:
                return index
        return None

    def fully_checked(self, index: int) -> bool:
        """Whether the profile at ``index`` went through the field-by-field check while loading."""
        return index in self._kept

    def is_line(self, index: int) -> bool:
        """Whether the profile at ``index`` is a line of NDJSON (else an element of an array, or a whole file)."""
        return self._run_info[bisect_right(self._run_starts, index) - 1][2]

    def __len__(self) -> int:
        return len(self._start_at)

    @overload
    def __getitem__(self, index: int) -> Profile: ...

    @overload
    def __getitem__(self, index: slice) -> list[Profile]: ...

    def __getitem__(self, index: int | slice) -> Profile | list[Profile]:
        if isinstance(index, slice):
            first, stop, step = index.indices(len(self._start_at))
            return self._run(first, stop) if step == 1 else [self[i] for i in range(first, stop, step)]
        if index < 0:
            index += len(self._start_at)
        if not 0 <= index < len(self._start_at):
            raise IndexError("profile index out of range")
        profile = self._kept.get(index) or self._cache.get(index)
        if profile is None:
            run = bisect_right(self._run_starts, index) - 1
            text, snake, _ = self._run_info[run]
            assert text is not None  # profiles without a span are kept
            if self._pending:
                self._measure(index, index + 1)
            start, end = self._start_at[index], self._end_at[index]
            try:
                if start == NO_SPAN:  # a piece whose text changed before its spans were measured
                    raise SourceChanged(text.name)
                with text.view(start, end) as view:
                    data = decode_exact(view)
            except SourceChanged:  # the file changed on disk since: what the columns hold, nothing else
                data = self._from_columns(index, snake)
            profile = self._made(data, index, text, snake, start, end)
            self._remember(index, profile)
        return profile

    def _remember(self, index: int, profile: Profile) -> None:
        if len(self._cache) >= CACHE_SIZE:
            try:  # the oldest; another thread (a search, a comparison) may have taken it first
                self._cache.pop(next(iter(self._cache)), None)
            except (StopIteration, RuntimeError):
                pass
        self._cache[index] = profile

    def _run(self, first: int, stop: int) -> list[Profile]:
        """Profiles ``first`` to ``stop`` (a slice), kept in the cache as one by one, but decoded a run at a time:
        the search box's 500 sample profiles took 8-14 ms one by one (read back from the file), half that so."""
        self._measure(first, stop)  # only the pieces these are in (``_batch`` reads measured spans)
        made: list[Profile] = []
        kept, cache = self._kept, self._cache
        for start, end, info in self._batches(first, stop):
            held = [kept.get(index) or cache.get(index) for index in range(start, end)]
            if None not in held:  # built already: nothing to decode
                made.extend(held)  # type: ignore[arg-type]
                continue
            for index, profile in zip(range(start, end), self._batch(start, end, info)):
                if self._kept.get(index) is not profile and self._cache.get(index) is not profile:
                    self._remember(index, profile)
                made.append(profile)
        return made

    def _from_columns(self, index: int, snake: bool) -> dict[str, Any]:
        """The mapping of the profile at ``index`` as far as the columns hold it (its file changed since)."""
        columns = self.columns
        names = columns.audience_names
        values = (columns.id[index], columns.created[index], columns.integration_id[index],
                  columns.closed_sessions[index], columns.total_sales[index],
                  [{"id": audience, "name": names.get(audience)} for audience in columns.audiences[index]],
                  columns.last_activity[index], columns.sandbox_value(index))
        return {key: value for key, value in zip(_SNAKE_COLUMNS if snake else _WIRE_COLUMNS, values)
                if value is not None}

    def _made(self, data: dict[str, Any], index: int, text: SourceText, snake: bool, start: int, end: int) -> Profile:
        profile = trusted_profile(data, index, text.name, snake)
        profile.where = (text, start, end)
        profile.companions = self.companions
        return profile

    def __iter__(self) -> Iterator[Profile]:
        for first, stop, info in self._batches():
            yield from self._batch(first, stop, info)

    def _batches(self, index: int = 0, count: int | None = None,
                 ) -> Iterator[tuple[int, int, tuple[SourceText | None, bool, bool]]]:
        """(first, stop, run info) of up to ``_BATCH`` profiles at a time, never across two runs (from ``index``
        to ``count``: all, with every span measured)."""
        count = len(self._starts) if count is None else count
        while index < count:
            run = bisect_right(self._run_starts, index) - 1
            run_end = self._run_starts[run + 1] if run + 1 < len(self._run_starts) else count
            stop = min(run_end, index + _BATCH, count)
            yield index, stop, self._run_info[run]
            index = stop

    def _batch(self, first: int, stop: int, info: tuple[SourceText | None, bool, bool]) -> Iterator[Profile]:
        """Profiles ``first`` to ``stop`` of one run: one decode call for their whole stretch of text."""
        text, snake, lines = info
        values: list[object] = []
        if text is not None:
            low, high = self._start_at[first], self._end_at[stop - 1]  # (measured by the caller)
            try:
                if low == NO_SPAN or high == NO_SPAN:
                    raise SourceChanged(text.name)  # measured after the text changed: one by one
                with text.view(low, high) as view:
                    values = _decode_lines(view) if lines else decode_exact(b"".join((b"[", view, b"]")))
            except (msgspec.DecodeError, RecursionError, SourceChanged):
                values = []
        if text is None or len(values) != stop - first:  # damage or other values between the spans
            for index in range(first, stop):
                yield self[index]
            return
        for index, data in zip(range(first, stop), values):
            profile = self._kept.get(index) or self._cache.get(index)
            yield profile if profile is not None else self._made(
                data, index, text, snake, self._start_at[index], self._end_at[index])  # type: ignore[arg-type]

    def attribute_texts(self) -> Iterator[tuple[int, int, list[tuple[Any, Any] | None] | None]]:
        """Per run of profiles: (first index, stop, per profile (attributes' JSON text, connected audience IDs)).

        The text is the object exactly as written (a ``msgspec.Raw``, zero-copy)
        and the IDs a list or None. ``None`` for a profile, or for the whole
        run, means "read it from the built profile" (profiles the full check
        set right, or damage). What a search index needs of every profile,
        without decoding the attributes at all.
        """
        for index, stop, (text, snake, lines) in self._batches():
            rows: list[Any] = []
            if text is not None:
                low, high = self._starts[index], self._ends[stop - 1]
                try:  # no ``with``: the rows' attributes refer to the view (zero-copy)
                    if low == NO_SPAN or high == NO_SPAN:
                        raise SourceChanged(text.name)  # measured after the text changed
                    rows = _raw_rows(text.view(low, high), snake, lines)
                except SourceChanged:
                    rows = []
            if len(rows) != stop - index:
                yield index, stop, None
                continue
            kept = self._kept
            yield index, stop, [None if position in kept else (row.attributes, row.connected_audiences)
                          for position, row in enumerate(rows, index)]

    def __repr__(self) -> str:
        return f"<{len(self)} profiles>"


class _WireRaw(msgspec.Struct, rename="camel", gc=False):
    attributes: msgspec.Raw = msgspec.Raw(b"{}")
    connected_audiences: Any = None


class _SnakeRaw(msgspec.Struct, gc=False):
    attributes: msgspec.Raw = msgspec.Raw(b"{}")
    connected_audiences: Any = None


_RAW_ARRAYS = {snake: msgspec.json.Decoder(list[kind]).decode  # type: ignore[valid-type]
               for snake, kind in ((False, _WireRaw), (True, _SnakeRaw))}
_RAW_LINES = {snake: msgspec.json.Decoder(kind).decode_lines for snake, kind in ((False, _WireRaw), (True, _SnakeRaw))}


def _raw_rows(stretch: memoryview, snake: bool, lines: bool) -> list[Any]:
    """The attributes' text and connected audiences of a stretch of profiles ([]: not so many well-formed ones)."""
    try:
        rows: list[Any] = _RAW_LINES[snake](stretch) if lines else \
            _RAW_ARRAYS[snake](b"".join((b"[", stretch, b"]")))
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return []
    return rows
