"""``viewer.load``: read one or more export files into an ``Export`` of typed profiles.

Reading is lenient and precise: every oddity becomes a ``Problem`` while every
readable profile is kept; ``LoadError`` is raised only when nothing usable
can be read. Work happens in short steps (about a megabyte of JSON each) with
``progress`` and ``cancelled`` called in between, so a GUI can load on a worker
thread and stay responsive.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson

from viewer.model.companions import NO_COMPANIONS
from viewer.model.export import Export
from viewer.model.problems import Problem, ProblemCollector, Severity
from viewer.reading import array_stream, companion_csv, duplicate_keys, shapes
from viewer.reading.array_failures import failure_problem, text_after, value_before
from viewer.reading.array_pieces import Failure, Piece, iter_array
from viewer.reading.chunk_scan import LinePieces
from viewer.reading.companion_join import attach
from viewer.reading.decoding import Text, decode, malformed, read_file, text_end
from viewer.reading.exact_numbers import byte_position, loads, skip_space
from viewer.reading.file_backing import FileBacking
from viewer.reading.gc_pause import collector_paused, give_back_freed_memory
from viewer.reading.handoffs import quick_handoffs
from viewer.reading.inputs import Source, load_inputs
from viewer.reading.intake import ProfileIntake, poller
from viewer.reading.lazy_profiles import ProfileList
from viewer.reading.load_errors import LoadCancelled, LoadError
from viewer.reading.ndjson_lines import iter_lines
from viewer.reading.ndjson_stream import NotPlain, PlainFile, open_plain
from viewer.reading.source_text import SourceText

# Up to this much text ``load`` looks for duplicate keys itself (at most 0.1 s); beyond it the window runs
# ``find_duplicate_keys`` in the background once the export shows, and ``--check`` runs it too.
DUPLICATE_KEY_CHECK_LIMIT = 16 * 1024 * 1024
# A file this big takes a window a second or more to read (100,000 profiles, 87 MB: 0.4-0.5 s here for
# the reading alone): its first profiles are handed over as a preview once the first piece is decoded.
PREVIEW_FROM_BYTES = 16 * 1024 * 1024
PREVIEW_PROFILES = 1_000


def load(
    source: Source,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    search_text: bool = False,
    preview: Callable[[Export], None] | None = None,
) -> Export:
    """Read an export: a path, the bytes of a file, or several paths (pages of one listing).

    ``progress(done, total)`` is called between steps; ``cancelled()`` is polled
    there too and makes ``load`` raise ``LoadCancelled``. Files are opened
    read-only and never written. ``search_text`` also keeps what a search index
    needs of every profile (``viewer.reading.search_text``), made while each
    piece is decoded anyway: the window asks for it, a script need not.
    ``preview(export)`` is called once, with the first ``PREVIEW_PROFILES``
    profiles, when the files hold at least ``PREVIEW_FROM_BYTES``: something to
    show while the rest is read.

    Once the export is made, the text of a plain UTF-8 file is let go
    (``SourceText.release``): profiles are read back from their spans in the
    file, and the export keeps about 0.9 times the file's size instead of 1.9.
    A plain UTF-8 NDJSON file, or JSON array of 16 MB or more, is never held whole
    (``ndjson_stream``, ``array_stream``); when a later chunk of one is not plain after all, every file
    is read again whole.

    The cyclic garbage collector is paused while reading (on CPython 3.11 it
    triples the cost of building millions of objects) and the loaded objects,
    which never form cycles, are frozen out of its reach afterwards. The GIL is
    handed between the reading and the decoding thread every 0.5 ms meanwhile
    (``handoffs``); both are as they were once the load ends, however it ends.
    """
    inputs = load_inputs(source)
    total = sum(size for _, _, size in inputs)
    with collector_paused(), quick_handoffs():
        reader = _Reader(progress, cancelled, total, search_text)
        reader.preview = preview if total >= PREVIEW_FROM_BYTES else None
        try:
            return _read_all(reader, inputs)
        except NotPlain:  # the profiles read so far are dropped: the whole-file reading repairs what is odd
            shown = reader.preview is None  # the preview is made once: its profiles are the same either way
            reader = _Reader(progress, cancelled, total, search_text)
            reader.stream = False
            reader.preview = preview if total >= PREVIEW_FROM_BYTES and not shown else None
            return _read_all(reader, inputs)


def _read_all(reader: _Reader, inputs: list[tuple[str, Path | bytes, int]]) -> Export:
    """The export of every input, each read by ``reader``."""
    for name, item, _ in inputs:
        try:
            reader.read(name, item)
        except LoadError as error:
            if len(inputs) == 1:
                raise
            reader.file_failed(error)
    export = reader.finish()
    for text in reader.texts:  # the files' own bytes are read again when needed (``source_text``)
        text.release()
    return export


class _Reader:
    """Accumulates profiles and problems across the files of one export."""

    def __init__(self, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None, total_bytes: int, search_text: bool = False) -> None:
        self.profiles = ProfileList(search_text)
        self.problems = ProblemCollector()  # many alike are counted, not stored
        self.shape: str | None = None
        self.shapes: list[str] = []  # one per file read
        self.sources: list[str] = []
        self.notes: list[str] = []
        self.page_info: dict[str, Any] = {}
        self.failed: list[LoadError] = []
        self._progress = progress
        self._cancelled = cancelled
        self._total = max(2 * total_bytes, 1)  # reading counts half, parsing half
        self._done = 0
        self._text_bytes = 0
        # not ``self.poll``: a bound method would make a cycle (reader, intake) that the loader's
        # ``gc.freeze`` keeps forever, and with it every profile list ever read
        self.intake = ProfileIntake(self.profiles, self.problems, poller(cancelled))
        self.companion_reads: list[companion_csv.CompanionRead] = []  # CSV files beside the profiles
        self.preview: Callable[[Export], None] | None = None  # called once, with the first profiles
        self.texts: list[SourceText] = []  # of the files read, let go once the export is made
        self.stream = True  # plain UTF-8 NDJSON files are read a chunk at a time

    # progress -----------------------------------------------------------
    def step(self, advance: int = 0) -> None:
        self._done += advance
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)
        if self._cancelled is not None and self._cancelled():
            raise LoadCancelled()
        if self.preview is not None and len(self.profiles) >= PREVIEW_PROFILES:
            preview, self.preview = self.preview, None
            export = Export(self.profiles.head(PREVIEW_PROFILES), [], self.shape or shapes.PROFILE,
                            list(self.sources), [], {})
            preview(export)

    def poll(self) -> None:
        """Raise ``LoadCancelled`` if the caller says so (no progress report: for steps within steps)."""
        if self._cancelled is not None and self._cancelled():
            raise LoadCancelled()

    # reading ------------------------------------------------------------
    def read(self, name: str, item: Path | bytes) -> None:
        self.sources.append(name)
        plain = (open_plain(item) or array_stream.open_plain_array(item)) if self.stream and isinstance(item, Path) \
            else None
        if plain is not None:
            self._read_plain(name, plain)
            return
        kept: list[FileBacking] = []
        if isinstance(item, Path):
            try:
                raw = read_file(item, self.step, self._cancelled, kept)
            except OSError as exc:
                raise LoadError(f"The file cannot be read: {exc.strerror or exc}.", source=name) from None
        else:
            raw = item
            self.step(len(raw))
        text = decode(raw, name, self._cancelled)
        for problem in text.problems:
            self.problems.append(problem)
        self._note(name, text.notes)
        if (header := companion_csv.sniff(text.data)) is not None:  # a CSV export: sessions, loyalty, members
            self.companion_reads.append(companion_csv.read(text, header, self.step, self._cancelled))
            self.shapes.append(f"{self.companion_reads[-1].file.kind} CSV")
            return
        backing = kept[0] if kept and text.data is raw else None  # the text is the file's bytes, past a BOM
        if backing is not None:
            backing.base = backing.size - len(text.data)
        source = SourceText(text.data, name, backing if backing is not None and backing.base in (0, 3) else None)
        self._read_source(source, lambda: self._read_text(text))

    def _note(self, name: str, notes: list[str]) -> None:
        for note in notes:
            self.notes.append(f"{os.path.basename(name)}: {note}" if len(self.sources) > 1 else note)

    def _read_plain(self, name: str, plain: PlainFile | array_stream.PlainArray) -> None:
        """A plain NDJSON file or big JSON array, a chunk at a time: only a chunk or two of it in memory at once."""
        self._note(name, plain.notes)
        assert plain.backing is not None
        source = SourceText.streamed(name, plain.backing)

        def read() -> str:
            self.intake.found = "nothing"
            if isinstance(plain, array_stream.PlainArray):
                self._read_array(None, 0, lambda i: f"[{i}]", array_stream.pieces(plain, source, self.step,
                                                                                  self.intake.typed_piece))
                source.hold(0, None)
                give_back_freed_memory()  # the chunks' blocks the C heap kept (87 MB: 0.71 -> 0.54x resident)
                return shapes.ARRAY
            for offset, chunk in plain.chunks(self.step):
                line = source.line_ends_held  # the lines before this chunk (``hold`` counts them anyway)
                source.hold(offset, chunk, plain.line_counts)
                self._read_ndjson(name, chunk, offset, line, plain.line_breaks, plain.layout)
                source.hold(offset + len(chunk), b"")  # the chunk goes before the next is read
                del chunk
            source.hold(0, None)
            give_back_freed_memory()
            return shapes.NDJSON
        self._read_source(source, read)

    def _read_source(self, source: SourceText, read: Callable[[], str]) -> None:
        name = source.name
        before = len(self.profiles)
        self.texts.append(source)
        self.intake.start_file(source)
        shape = read()
        self.shape = self.shape or shape
        self.shapes.append(shape)
        if len(self.profiles) == before and not self._has_errors(name):
            raise LoadError(
                f"This is valid JSON, but it holds no customer profiles (found {self.intake.found}). "
                "Expected a profile object, an array of profiles, a list page {\"data\": [...]}, "
                "an Integration API response with customerProfile, or NDJSON with one profile per line.",
                source=name,
            )
        self._text_bytes += source.size

    def _has_errors(self, name: str) -> bool:
        return any(p.source == name and p.severity is Severity.ERROR for p in self.problems)

    def _read_text(self, text: Text) -> str:
        data = text.data
        start = skip_space(data, 0)
        first = data[start:start + 1]
        self.intake.found = "nothing"
        if first == b"[":
            end = self._read_array(text, start, lambda i: f"[{i}]")
            after = skip_space(data, end)
            if after < len(data):  # e.g. "[...][...]": never drop text without saying so
                self.problems.append(text_after(text, after))
            return shapes.ARRAY
        if first == b"{":
            if shapes.looks_like_ndjson(data, start):
                self._read_ndjson(text.name, data)
                return shapes.NDJSON
            for pattern, shape, key in ((shapes.PAGE_START, shapes.PAGE, "data"),
                                        (shapes.STATES_START, shapes.WRAPPER, "integrationStates")):
                match = pattern.match(data)
                if match:
                    # not a lambda: mypy cannot infer the type of one with a default argument
                    def element_path(i: int, k: str = key) -> str:
                        return f"{k}[{i}]"

                    end = self._read_array(text, match.end() - 1, element_path)
                    self._read_page_tail(text, match, end)
                    return shape
        return self._read_whole(text, start)

    def _read_whole(self, text: Text, start: int) -> str:
        data = text.data
        value_end = text_end(data, len(data))
        try:
            value = loads(data)
        except orjson.JSONDecodeError as exc:
            offset = byte_position(data, exc)
            message = str(exc).split(": line ")[0]
            if message.startswith("depth limit"):
                message = "nested more than 1024 levels deep"
            if not message.startswith(("unexpected content after document", "trailing characters")):
                raise malformed(data, offset, message, text.name) from None
            value_end = text_end(data, offset)
            value, problem = value_before(text, offset, value_end)  # e.g. '{"id": 1} {"id": 2}': keep the first
            self.problems.append(problem)
        self.step(len(data))
        shape = shapes.shape_of(value)
        self.intake.found = shapes.describe(value)
        if shape is None:
            return shapes.PROFILE
        if shape == shapes.PAGE:
            self.page_info.update({k: value.get(k) for k in ("hasMore", "totalResultSize") if k in value})
        if shape == shapes.PROFILE or (shape is not None and shapes.is_profile(value)):
            self.intake.add_spans([start], [value_end], lambda i: "", False)  # the file is one profile
        else:
            self.intake.add_value(value, "")
        return shape

    def _read_array(self, text: Text | None, start: int, path: Callable[[int], str],
                    pieces: Iterator[Piece] | None = None) -> int:
        """Add the profiles of the array at ``start`` of ``text``, or of ``pieces`` (a streamed array's)."""
        index = 0
        done = end = start
        if pieces is None:
            assert text is not None
            pieces = iter_array(text.data, start, poll=self.poll, decode=self.intake.typed_piece)
        for piece in pieces:
            def element_path(i: int, base: int = index) -> str:  # not a lambda: mypy cannot type one with defaults
                return path(base + i)

            index += self.intake.add_piece(piece, element_path)
            for failure in piece.failures:
                assert text is not None  # a streamed array's damage is read whole (``NotPlain``)
                self._failed(text, failure, index)
            self.step(piece.end - done)
            done = end = piece.end
        if index == 0:
            self.intake.found = "an empty list"
        return end

    def _read_page_tail(self, text: Text, match: Any, end: int) -> None:
        """The members around a piecewise-read array: hasMore, totalResultSize."""
        data = text.data
        head = data[match.start():match.end()].rstrip()
        head = head[: head.rfind(b'"', 0, head.rfind(b'"')) ].rstrip()  # up to the array's key
        at = skip_space(data, end)
        at = skip_space(data, at + 1) if data[at:at + 1] == b"," else at  # where the members after the list start
        tail = data[at:].rstrip()
        members: dict[str, Any] = {}
        for part, after in ((head.rstrip(b",") + b"}", False), (b"{" + tail if tail else b"", True)):
            if not part or part in (b"{}", b"{"):
                continue
            try:
                value = orjson.loads(part)
            except orjson.JSONDecodeError as error:
                if after:  # at the character orjson stopped at ("{" was put before the tail)
                    self.problems.append(text_after(text, at + max(error.pos - 1, 0), "the list of profiles"))
                continue
            if isinstance(value, dict):
                members.update(value)
        self.page_info.update({k: members[k] for k in ("hasMore", "totalResultSize") if k in members})

    def _read_ndjson(self, name: str, data: bytes | bytearray, offset: int = 0, first_line: int = 0,
                     breaks: Any = None, layout: LinePieces | None = None) -> None:
        """NDJSON ``data``: the whole text, or its chunk at ``offset`` after ``first_line`` lines (ends ``breaks``,
        lines ``layout``)."""
        done = offset
        for chunk in iter_lines(data, poll=self.poll, offset=offset, first_line=first_line,
                                decode=self.intake.typed_lines, breaks=breaks, layout=layout):
            # not a lambda: mypy cannot infer the type of one with a default argument
            def line_path(i: int, n: Sequence[int] = chunk.lines) -> str:
                return f"line {n[i]}"

            self.intake.add_spans(chunk.starts, chunk.ends, line_path, True, chunk.rows)
            for line, column, message in chunk.errors:
                self.problems.append(Problem(
                    f"line {line}", f"line {line}, column {column}: not valid JSON ({message}); line skipped",
                    Severity.ERROR, line=line, column=column, source=name))
            self.step(chunk.upto - done)
            done = chunk.upto

    def _failed(self, text: Text, failure: Failure, read_so_far: int) -> None:
        self.problems.append(failure_problem(text.data, text.name, failure, read_so_far, self.profiles))
        if not self.failed:
            self.failed.append(malformed(text.data, failure.offset, failure.message, text.name))

    def file_failed(self, error: LoadError) -> None:
        self.failed.append(error)
        self.problems.append(Problem("file", error.message, Severity.ERROR, line=error.line,
                                     column=error.column, source=error.source))

    def finish(self) -> Export:
        self.intake.repeat_problems()  # once every file is in: one look at every profile's identity
        if self._progress is not None:
            # steps count bytes read and parsed; gzip, UTF-16 and page wrappers make
            # them differ from the file size, so say "all done" exactly once at the end
            self._progress(self._total, self._total)
        self.shape = self.shape or ("csv" if self.companion_reads and not self.profiles else None)  # CSV alone
        # Only with CSV files: the join walks every profile's integration ID (about 55 ms per 100,000).
        companions = attach(self.profiles, self.companion_reads, self.problems.append) if self.companion_reads \
            else NO_COMPANIONS
        if not self.profiles:
            if self.failed:
                raise self.failed[0]
            raise LoadError("No customer profiles were found.", source=self.sources[0] if self.sources else None)
        if self.page_info.get("hasMore") is True:
            self.problems.append(shapes.more_pages(self.page_info.get("totalResultSize")))
        if self._text_bytes <= DUPLICATE_KEY_CHECK_LIMIT:
            for problem in find_duplicate_keys(self.profiles, self._cancelled):
                self.problems.append(problem)
            self.poll()  # a Cancel during that look ends the load like any other
        export = Export(self.profiles, self.problems.finished(), self.shape or shapes.PROFILE, self.sources,
                        self.notes, self.page_info)
        export.duplicate_keys_checked = self._text_bytes <= DUPLICATE_KEY_CHECK_LIMIT
        if len(self.shapes) == len(self.sources):  # each file read (none failed before its shape was known)
            export.shapes = list(self.shapes)
        export.companions = companions
        return export


def find_duplicate_keys(profiles: Any, cancelled: Callable[[], bool] | None = None) -> list[Problem]:
    """Problems for the keys written twice in one object, in the profiles of a ``viewer.load`` export."""
    if not isinstance(profiles, ProfileList):
        return []
    return duplicate_keys.find(profiles, profiles.path, cancelled)
