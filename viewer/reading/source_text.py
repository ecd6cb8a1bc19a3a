"""One file's text as profiles are read from it: the UTF-8 bytes, its name, and where lines start.

While a file is read its whole text is in memory (``data``). For a plain
UTF-8 file that text is the file's own bytes, so once the load and its checks
are done ``release`` lets it go and spans are read back from the file
(``file_backing``): of the 166 MB a 100,000-profile export (87 MB) kept in
memory, 87 MB was this buffer. A gzip, UTF-16 or transcoded file keeps its
decoded buffer (its bytes on disk are not the text). A plain NDJSON file is
never held whole (``streamed``): while it is read, the chunk being read
answers, then the file. Read everything through
``view``, ``bytes``, ``text`` and ``find``: they answer from the buffer or from the
file alike, and raise ``SourceChanged`` when the file changed since it was read.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Any

import numpy

from viewer.reading import chunk_scan
from viewer.reading.file_backing import FileBacking

_BLOCK = 1 << 20


def line_counts(chunk: Any, base: int, breaks: numpy.ndarray[Any, Any] | None = None) -> list[int]:
    """The counts of line ends ``SourceText.hold`` keeps of ``chunk`` (the text from ``base`` on), by the blocks
    a ``SourceText`` keeps (``chunk_scan.line_counts``). ``breaks``: the offsets of the chunk's line ends,
    when known (the NDJSON reader finds them on its reading thread)."""
    return chunk_scan.line_counts(chunk, base, _BLOCK, breaks)


class SourceText:
    """The decoded text of one file (``data``, UTF-8, or None once released) and a sparse index of its lines.

    ``line_of`` counts line ends per megabyte once (for 87 MB about 40 ms in
    memory, 70 ms read back from the file in megabyte reads), then counts
    within one block per question: a few microseconds (plus one read of at
    most a megabyte once released), with memory for one number per megabyte
    instead of one per line.
    """

    __slots__ = ("data", "name", "_lines_before", "_file", "_size", "_window", "_seen", "_last_line")

    def __init__(self, data: bytes | bytearray, name: str, file: FileBacking | None = None) -> None:
        self.data: bytes | bytearray | None = data
        self.name = name
        self._lines_before: list[int] | None = None
        self._file = file  # where ``data`` can be read again (its bytes from ``file.base`` on)
        self._size = len(data)
        self._window: tuple[int, bytes | bytearray] | None = None  # the chunk being read (``ndjson_stream``)
        self._seen = 0  # line ends in the chunks held so far
        self._last_line = (-1, 0)  # (offset, its line) of the last ``line_of``: the next counts on from there

    @classmethod
    def streamed(cls, name: str, file: FileBacking) -> SourceText:
        """The text of ``file``, never held whole: its chunks are held one at a time while it is read (``hold``)."""
        text = cls(b"", name, file)
        text.data = None
        text._size = file.size
        text._lines_before = [0]
        return text

    def hold(self, base: int, chunk: Any, counts: list[int] | None = None) -> None:
        """Answer from ``chunk`` (bytes or an ``mmap``), the text from ``base`` on, until the next chunk; ``None``
        once all are read.

        Chunks come in order, each following the last; their line ends are counted as they come, so
        ``line_of`` never reads the file during a load. ``counts``: those counts, when known
        (``line_counts``); else they are counted here: a chunk without a line end (an array written on
        one line) by one ``find``, 1.3 ms per 32 MiB against 6 ms for numpy's count, which counts the others.
        """
        lines = self._lines_before
        assert lines is not None  # a streamed text
        if chunk is None:
            self._window = None
            if self._size % _BLOCK:
                lines.append(self._seen)
            return
        self._window = (base, chunk)
        if not chunk:
            return
        if counts is None:
            counts = line_counts(chunk, base)
        seen = self._seen
        pos, end = base, base + len(chunk)
        for count in counts:  # one per block the chunk reaches into
            block_end = min((pos // _BLOCK + 1) * _BLOCK, end)
            if block_end % _BLOCK == 0:
                lines.append(seen + count)
            pos = block_end
        self._seen = seen + counts[-1]

    @property
    def line_ends_held(self) -> int:
        """The line ends in the chunks held so far (``hold``)."""
        return self._seen

    @property
    def size(self) -> int:
        """The length of the text in bytes."""
        return self._size

    @property
    def held(self) -> bool:
        """Whether the whole text is in memory (else it is read back from the file)."""
        return self.data is not None

    def release(self) -> bool:
        """Let the whole text go when the file holds it byte for byte; returns whether it did."""
        file = self._file
        if file is None or self.data is None or file.size != self._size:
            return False
        self.data = None
        return True

    def view(self, start: int, end: int) -> memoryview:
        """The bytes between two offsets: zero-copy from the buffer, else read from the file."""
        data = self.data  # once: another thread may release it meanwhile
        if data is not None:
            return memoryview(data)[start:end]
        window = self._window
        if window is not None and window[0] <= start and end <= window[0] + len(window[1]):
            return memoryview(window[1])[start - window[0]:end - window[0]]
        assert self._file is not None  # only a backed text is released
        return self._file.read(start, end)

    def bytes_at(self, start: int, end: int) -> bytes:
        """A copy of the bytes between two offsets."""
        with self.view(start, end) as view:
            return view.tobytes()

    def text(self, start: int, end: int) -> str:
        """The characters between two byte offsets."""
        return self.bytes_at(start, end).decode("utf-8", "replace")

    def find(self, needle: bytes, start: int, end: int) -> int:
        """The offset of ``needle`` within ``start:end`` (-1: not there)."""
        data = self.data
        if data is not None:
            return data.find(needle, start, end)
        found = self.bytes_at(start, end).find(needle)
        return found + start if found >= 0 else -1

    def changed(self) -> bool:
        """Whether the text can no longer be read back: its file changed on disk since (never when held)."""
        return self.data is None and self._file is not None and self._file.changed()

    def _count(self, start: int, end: int) -> int:
        data = self.data
        if data is not None:
            return data.count(b"\n", start, end)
        with self.view(start, end) as view:
            return view.tobytes().count(b"\n")

    def index_lines(self) -> None:
        """Count the line ends now, so that ``line_of`` answers in microseconds later (on another thread).

        Once released, counting reads the whole file: about 70 ms for 87 MB here,
        better spent in a background pass than when a profile is first shown.
        """
        self._index()

    def _index(self) -> list[int]:
        lines = self._lines_before
        if lines is None:
            data = self.data
            if data is not None:
                counts = [data.count(b"\n", start, start + _BLOCK) for start in range(0, len(data), _BLOCK)]
            else:
                assert self._file is not None
                counts = [chunk.count(b"\n") for chunk in self._file.chunks(_BLOCK)]
            lines = self._lines_before = list(accumulate(counts, initial=0))
        return lines

    def line_of(self, offset: int) -> int:
        """The 1-based line of the byte at ``offset``.

        Counted on from the last offset asked for when that lies before it in the same block:
        the problems of 32,778 small profiles of a one-line file asked 131,112 times, and counting
        from each block's start read a megabyte each time (39 s).
        """
        lines = self._index()
        offset = min(max(offset, 0), self._size)
        block = min(offset // _BLOCK, len(lines) - 1)
        last, last_line = self._last_line  # one tuple: another thread may ask meanwhile
        if block * _BLOCK <= last <= offset:
            line = last_line + self._count(last, offset)
        else:
            line = lines[block] + self._count(block * _BLOCK, offset) + 1
        self._last_line = (offset, line)
        return line

    def line_start(self, line: int) -> int:
        """The byte offset where 1-based ``line`` starts (the text's end past its last line)."""
        if line <= 1:
            return 0
        lines = self._index()
        block = max(bisect_left(lines, line - 1) - 1, 0)  # the last block before that line's start
        seen = lines[block]
        data = self.data  # the (line - 1)th line end lies in this block: read it alone once released
        buffer, base = (data, 0) if data is not None else \
            (self.bytes_at(block * _BLOCK, min((block + 1) * _BLOCK, self._size)), block * _BLOCK)
        pos = block * _BLOCK - base
        while seen < line - 1:
            found = buffer.find(b"\n", pos)
            if found < 0:
                return self._size
            pos, seen = found + 1, seen + 1
        return pos + base
