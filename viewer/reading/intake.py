"""Taking the profiles of one file into the export: their spans, columns, checks and repeats.

``add_spans`` is the usual path: the spans of a piece of profiles are decoded
into the list's columns in one typed call, and only profiles whose fields are
missing or odd get the field-by-field check (kept built, with their problems
at the line of the field). Values that are not profiles (pages inside an
array, wrappers, junk) go through ``add_value`` one by one.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from itertools import compress
from typing import Any

import msgspec

from viewer.model.problems import REPEATED_WORDING, Problem, ProblemCollector, Severity
from viewer.model.values import int_text
from viewer.reading import shapes
from viewer.reading.array_pieces import Piece
from viewer.reading.bulk_checks import spelling
from viewer.reading.columns import Rows, decode_lines, decode_one, decode_piece, fields, suspects
from viewer.reading.exact_numbers import loads
from viewer.reading.lazy_profiles import NO_SPAN, ProfileList
from viewer.reading.load_errors import LoadCancelled
from viewer.reading.profile_checks import make_profile
from viewer.reading.repeats import RepeatFinder
from viewer.reading.source_text import SourceText

_POLL_VALUES = 10_000  # values that are not profiles between two looks at ``cancelled`` (about 40 ms)


def _not_an_object(raw: Any) -> bool:
    """Whether an attributes' JSON text (``msgspec.Raw``) is something other than an object or ``null``."""
    with memoryview(raw) as view:
        start = bytes(view[:4])
    return not start.startswith(b"{") and start != b"null"


def _bare(value: dict[str, Any]) -> bool:
    """Whether ``value`` is itself a profile that lacks its integration ID (not a page or a wrapper of one).

    It keeps its span like any element, so the panel and Raw JSON show its own text and line.
    """
    found = next(shapes.profiles_in(value, ""), None)
    return found is not None and found[0] is value


def poller(cancelled: Callable[[], bool] | None) -> Callable[[], None]:
    """Raises ``LoadCancelled`` when ``cancelled()`` says so."""
    def poll() -> None:
        if cancelled is not None and cancelled():
            raise LoadCancelled()
    return poll


class ProfileIntake:
    """Adds the profiles of the file being read (``source``) to ``profiles``; problems to ``problems``."""

    def __init__(self, profiles: ProfileList, problems: ProblemCollector, poll: Callable[[], None]) -> None:
        self.profiles = profiles
        self.problems = problems
        self.source = SourceText(b"", "")
        self.snake: bool | None = None  # the key spelling of the current file, from its first profile
        self.found = "nothing"  # what the file was found to hold, for a message when it holds no profile
        self._repeats = RepeatFinder()
        self._poll = poll

    def start_file(self, source: SourceText) -> None:
        """The next profiles come from ``source``."""
        self.source = source
        self.snake = None
        self.found = "nothing"

    def typed_lines(self, lines: memoryview) -> Rows | None:
        """The columns' rows of NDJSON ``lines``, one per value; None when one is not a well-typed profile.

        For ``iter_lines``: it proves that there is one value a line, so the lines need no other reading.
        """
        if self.snake is None:
            try:
                first = loads(lines[:max(bytes(lines[:1 << 16]).find(b"\n"), 0) or len(lines)])
            except (ValueError, RecursionError):
                return None
            self.snake = type(first) is dict and spelling(first)
        keep = self.profiles.columns.search_text is not None
        try:  # the attributes' text refers to what it was decoded from: a copy, so the view can go
            return decode_lines(bytes(lines) if keep else lines, self.snake, keep, self.profiles.columns.lists)
        except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
            return None

    def typed_piece(self, document: bytes | memoryview) -> Rows | None:
        """The columns' rows of a JSON array of profiles; None when one is not a well-typed profile.

        For ``iter_array``: None until the file's key spelling is known (its first piece is read as usual).
        """
        if self.snake is None:
            return None
        keep = self.profiles.columns.search_text is not None
        try:
            return decode_piece(document, self.snake, keep, self.profiles.columns.lists)
        except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
            return None

    def add_piece(self, piece: Piece, path: Callable[[int], str]) -> int:
        """Add the elements of a piece of an array (``iter_array``); returns how many there were.

        The spans of a piece decoded whole are measured only when needed (``ProfileList.extend_piece``).
        """
        if piece.rows is None:
            self.add_spans(piece.starts, piece.ends, path, False, document=piece.document)
            return len(piece.starts)
        first = self.profiles.extend_piece(self.source, piece.low, piece.high, len(piece.rows), bool(self.snake))
        self._add_rows(piece.rows, first, path)
        return len(piece.rows)

    def add_spans(self, starts: Sequence[int], ends: Sequence[int], path: Callable[[int], str], lines: bool,
                  decoded: Rows | None = None, document: bytes | None = None) -> None:
        """Add the profiles written at these spans of the current file (element ``i`` is at ``path(i)``).

        ``decoded``: their rows, already made (``typed_lines``); ``document``: a JSON array of exactly
        these elements, already made (``array_pieces.Piece``).
        """
        if not starts:
            return
        text = self.source
        keep = self.profiles.columns.search_text is not None
        lists = self.profiles.columns.lists
        rows: Rows | None
        if decoded is not None:
            rows = decoded
        else:
            with text.view(starts[0], ends[-1]) as stretch:  # not the whole text: a streamed one holds a chunk
                if self.snake is None:
                    first = loads(stretch[:ends[0] - starts[0]])
                    self.snake = type(first) is dict and spelling(first)
                if document is None and not lines:
                    document = b"".join((b"[", stretch, b"]"))
                try:  # the attributes' text refers to what it was decoded from: a copy, so the view can go
                    rows = decode_lines(bytes(stretch) if keep else stretch, self.snake, keep, lists) if lines \
                        else decode_piece(document or b"", self.snake, keep, lists)
                except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
                    rows = None
        assert self.snake is not None  # known once rows were decoded
        before = len(self.profiles)
        if rows is not None and len(rows) == len(starts):  # every element a well-typed profile: the usual case
            self._add_rows(rows, self.profiles.extend(text, starts, ends, self.snake, lines), path)
            return
        positions = array("q")  # per profile of the batch: its element, or -1 - k for the k-th of ``inner``
        inner: list[str] = []  # paths of profiles inside other values (``add_value``)
        for i, (start, end) in enumerate(zip(starts, ends)):  # one by one: odd profiles or other values
            if i % _POLL_VALUES == _POLL_VALUES - 1:
                self._poll()  # junk such as "1," repeated: the whole rest of the array is one piece
            with text.view(start, end) as view:
                row = decode_one(view.tobytes() if keep else view, self.snake, keep, lists)
            if row is not None and not suspects(row)[0] and not (keep and _not_an_object(row.values["attributes"][0])):
                self.profiles.extend(text, [start], [end], self.snake, lines)
                self.profiles.columns.add_rows(row)
                positions.append(i)
                continue
            with text.view(start, end) as view:
                value = loads(view)
            if type(value) is dict and ("integrationId" in value or "integration_id" in value or _bare(value)):
                index = self.profiles.extend(text, [start], [end], self.snake, lines)
                profile = self._checked(start, end, index, path(i), value)
                self.profiles.keep(profile)
                self.profiles.columns.add_profile(profile)
                positions.append(i)
            else:
                for found in self.add_value(value, path(i)):
                    positions.append(-1 - len(inner))
                    inner.append(found)

        def batch_path(n: int, elements: array[int] = positions, within: list[str] = inner) -> str:
            k = elements[n]
            return path(k) if k >= 0 else within[-1 - k]
        self._note_repeats(before, range(len(positions)), batch_path)

    def _add_rows(self, rows: Rows, first_index: int, path: Callable[[int], str]) -> None:
        """The columns of well-typed ``rows`` (profiles from ``first_index`` on); the full check for odd ones."""
        values = fields(rows)
        not_objects = self.profiles.columns.add_rows(rows, values)
        flags = suspects(rows, values)
        odd = sorted(set(compress(range(len(flags)), flags)).union(not_objects)) if True in flags \
            else sorted(not_objects)
        for i in odd:
            where = self.profiles.span(first_index + i)
            assert where is not None  # a span of the current file
            profile = self._checked(where[1], where[2], first_index + i, path(i))
            self.profiles.keep(profile)
            self.profiles.columns.replace(first_index + i, profile)
        self._note_repeats(first_index, set(odd), path)

    def _checked(self, start: int, end: int, index: int, path: str, value: Any = None) -> Any:
        """The full field-by-field check of the profile written at ``start:end``."""
        if value is None:
            with self.source.view(start, end) as view:
                value = loads(view)
        found: list[Problem] = []
        profile = make_profile(value, index, path, self.source.name, found.append)
        profile.where = (self.source, start, end)
        if found:  # each at the line of its field (the profile's first line when not found) ...
            first = profile.line
            keys = [self._key_at(start, end, problem) for problem in found]
            lines = {at: self.source.line_of(at) for at in sorted(set(keys)) if at >= 0}  # ... in file order
            for problem, at in zip(found, keys):
                self.problems.append(replace(problem, line=lines.get(at, first)))
        return profile

    def _key_at(self, start: int, end: int, problem: Problem) -> int:
        """Where the key a problem names is written within the profile at ``start:end`` (-1: not there).

        Their lines are then counted in file order, each on from the one before (``SourceText.line_of``).
        """
        key = problem.path.rsplit(".", 1)[-1].split("[", 1)[0]
        return self.source.find(b'"' + key.encode("utf-8", "replace") + b'"', start, end) if key else -1

    def add_value(self, value: Any, path: str) -> list[str]:
        """Add the profiles inside a value that is not one (a page, a wrapper); returns their paths."""
        source = self.source.name
        found: list[str] = []
        for i, (data, inner, trouble) in enumerate(shapes.profiles_in(value, path)):
            if i % _POLL_VALUES == _POLL_VALUES - 1:
                self._poll()
            if data is None:
                if self.found == "nothing":
                    self.found = f"{shapes.describe(value)} at {path or 'the top'}"
                self.problems.append(Problem(inner or "file", trouble or "not a profile", Severity.WARNING,
                                             source=source))
                continue
            index = self.profiles.extend(None, [NO_SPAN], [NO_SPAN], spelling(data), False)
            profile = make_profile(data, index, inner, source, self.problems.append)
            self.profiles.keep(profile)
            self.profiles.columns.add_profile(profile)
            found.append(inner)
        if found:
            self.found = "profiles"
        return found

    def _note_repeats(self, before: int, odd: Collection[int], path: Callable[[int], str]) -> None:
        """Note the profiles from ``before`` on: ``repeat_problems`` reports those whose identity came earlier."""
        count = len(self.profiles) - before
        if count <= 0:
            return
        self.profiles.name(before, path)  # for the problems found later (``duplicate_keys``)
        self.found = "profiles"
        # where the problems go: as if reported now, after the problems found so far
        self._repeats.record(before, count, odd, (path, self.source.name, len(self.problems)))

    def repeat_problems(self) -> None:
        """Report every profile read whose identity was seen earlier in the export (once all files are read).

        Each problem takes the place among the others it would have had if reported with its batch.
        """
        columns = self.profiles.columns
        placed: list[tuple[int, Problem]] = []
        for (path, source, position), before, i, earlier in self._repeats.repeats(
                columns.id, columns.sandbox, self.profiles):
            profile = self.profiles[before + i]
            env = profile.environment if profile.sandbox is not None else "unknown environment"
            what = f"id {int_text(profile.id)}" if profile.id is not None else f"integration ID {profile.integration_id}"
            placed.append((position, Problem(
                path(i) or "profile",
                f"the same profile ({what}, {env}) {REPEATED_WORDING}: first as profile {earlier + 1}",
                Severity.WARNING, before + i, source=source)))
        self.problems.insert(placed)

