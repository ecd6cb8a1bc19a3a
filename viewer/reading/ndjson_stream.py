"""A plain UTF-8 NDJSON file read a chunk at a time, never held whole.

Reading the whole file into one buffer before decoding it made the peak of a
load about 1.9 times the file (100,000 profiles): for the 9 GB export of
10,000,000 profiles that is 17 GB of a 23 GB machine. An NDJSON file needs
no whole buffer: each line is one value, so the file is read ``CHUNK_BYTES``
at a time, up to the end of the line that ``CHUNK_BYTES`` reaches into, and
every chunk's profiles get their spans as offsets in the whole
text (``SourceText`` holds the chunk while it is read, the file after).

Only the plain case goes this way (``open_plain``): a regular file, not
gzip, not UTF-16, whose first chunk ``decoding.decode`` would take as it is
(a UTF-8 byte-order mark is only an offset). A later chunk that is not valid
UTF-8 raises ``NotPlain``, and the loader reads every file whole again: the
rare damaged file keeps the old peak and gets the old, careful repair.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy

from viewer.reading import chunk_scan, companion_csv, decoding, ndjson_lines, shapes, source_text
from viewer.reading.chunk_scan import LinePieces, find_line_breaks
from viewer.reading.exact_numbers import skip_space
from viewer.reading.file_backing import FileBacking, identity
from viewer.reading.file_kind import regular_fd
from viewer.reading.text_encoding import invalid_spans

# Not smaller: freed 8 MiB chunks stayed in the C heap (glibc raises its mmap threshold up to 32 MiB to the
# size of a freed block), so 100,000 profiles (87 MB) kept 1.16-1.33x the file resident instead of 0.89x;
# 32 MiB blocks are always mapped and given back (peak 1.48x, 1.16x with 8 MiB).
CHUNK_BYTES = 32 * 1024 * 1024
FIRST_CHUNK_BYTES = 4 * 1024 * 1024  # waited for: the later chunks are read while the one before is decoded
HEAD_BYTES = 64 * 1024
_NO_BREAKS = numpy.zeros(0, numpy.int64)


class NotPlain(Exception):
    """A chunk past the first is not plain UTF-8 (or the file changed while read): read the file whole."""


@dataclass(slots=True)
class PlainFile:
    """An open NDJSON file found plain from its first chunk: ``head`` is that chunk past the byte-order mark."""

    fd: int
    status: os.stat_result
    head: bytearray
    base: int  # where the text starts in the file: 3 past a UTF-8 byte-order mark
    notes: list[str] = field(default_factory=list)
    backing: FileBacking | None = None
    # of the chunk ``chunks`` yielded last: its line ends (offsets within it), their counts per block of the
    # text (``SourceText.hold``) and its lines when each is one ``{...}`` (``chunk_scan.line_layout``)
    line_breaks: numpy.ndarray[Any, Any] = field(default_factory=lambda: _NO_BREAKS)
    line_counts: list[int] | None = None
    layout: LinePieces | None = None

    def chunks(self, step: Callable[[int], None]) -> Iterator[tuple[int, bytes]]:
        """``(offset in the text, chunk)``, each chunk ending after a line end (the last at the file's end).

        ``step(bytes read)`` is called after each read (progress and cancel). Raises ``NotPlain`` when a
        chunk is not valid UTF-8 or the file changed while it was read. ``line_breaks`` holds the offsets
        of the line ends in the chunk last yielded (``numpy`` int64, within the chunk).

        Each chunk is one ``os.pread`` of exactly its lines, after a small read that finds where its last
        line ends: no line is carried from one chunk into the next. Growing a buffer for each read and
        cutting the rest of a line off it cost 0.13-0.15 s per 100,000 profiles (87 MB), twice a read
        of the whole file (0.06-0.07 s): the buffer's pages were faulted in, zeroed and copied twice.

        The next chunk is read, and its line ends found, on a thread of its own while the caller decodes
        this one: ``os.pread`` and numpy's scans let go of the interpreter, so on a second core they
        cost the load nothing (100,000 profiles: 0.045-0.07 s of reading and 0.03-0.04 s of finding
        line ends, a tenth to a sixth of a bare parse). The first chunk is smaller
        (``FIRST_CHUNK_BYTES``), the second three times that: only the first is waited for, and no read
        runs while a window paints the first profiles (reads beside the paint stalled it).
        """
        self.head = bytearray()  # the file is read again from its start (the page cache holds the head)
        size = self.status.st_size
        pos = self.base
        ahead = ThreadPoolExecutor(1, thread_name_prefix="ndjson-read")
        try:
            first = min(FIRST_CHUNK_BYTES, CHUNK_BYTES)
            coming = ahead.submit(self._read, pos, first, size)
            lengths = [3 * first]  # then CHUNK_BYTES: each read takes less time than decoding the chunk before
            while pos < size:
                read = coming.result()
                coming = ahead.submit(self._read_after, coming, lengths.pop() if lengths else CHUNK_BYTES, size)
                if read is None:
                    raise NotPlain()  # (cannot be: each read ends where the next starts)
                end, chunk, breaks = read
                if len(chunk) != end - pos:
                    raise NotPlain()  # shorter than it was: changed while read
                step(len(chunk))
                if not _plain(chunk):
                    raise NotPlain()
                shift = pos - self.base  # where the chunk starts in the text
                self.line_breaks = breaks
                self.line_counts = source_text.line_counts(chunk, shift, breaks)
                self.layout = chunk_scan.line_layout(chunk, shift, breaks, ndjson_lines.CHUNK_BYTES)
                yield pos - self.base, chunk
                pos = end
                del chunk  # gone before the next but one is read
            if os.pread(self.fd, 1, size) or identity(os.fstat(self.fd)) != identity(self.status):
                raise NotPlain()  # longer than it was, or replaced
        finally:
            ahead.shutdown(wait=True, cancel_futures=True)  # a read still running ends before the file is closed
            self.line_breaks, self.line_counts, self.layout = _NO_BREAKS, None, None
            self.close()

    def _read_after(self, before: Future[Any], length: int, size: int) -> Any:
        """``_read`` from where the read ``before`` ended (None: the text ended there); on the reading thread,
        which has done that read by then."""
        done = before.result()
        return None if done is None or done[0] >= size else self._read(done[0], length, size)

    def _read(self, pos: int, length: int, size: int) -> tuple[int, bytes, numpy.ndarray[Any, Any]]:
        """(end, the chunk from ``pos`` to ``end``, its line ends): about ``length`` bytes up to a line end.

        Less than ``CHUNK_BYTES`` after it: the rest too (a smaller block, freed, would stay in the C heap).
        """
        end = self._line_end(pos + length if size - pos - length >= CHUNK_BYTES else size, size)
        chunk = os.pread(self.fd, end - pos, pos)
        return end, chunk, find_line_breaks(chunk)

    def _line_end(self, limit: int, size: int) -> int:
        """The offset just past the first line end at or after ``limit - 1`` (the file's size: none before it)."""
        at = limit - 1
        look = HEAD_BYTES
        while at < size:
            window = os.pread(self.fd, look, at)
            found = window.find(b"\n")
            if found >= 0:
                return at + found + 1
            if not window:
                break
            at += len(window)
            look = min(2 * look, CHUNK_BYTES)  # a line longer than a chunk: fewer reads the longer it is
        return size

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def open_plain(path: Path) -> PlainFile | None:
    """The file opened for reading in chunks when it is plain UTF-8 NDJSON; ``None`` to read it whole."""
    fd = regular_fd(path)
    if fd is None:
        return None
    try:
        status = os.fstat(fd)
        head = bytearray()
        # up to the first line's end, in small reads: a 32 MiB look at a JSON array, freed, made the C heap
        # keep the array's buffers (its resident 1.08x the file, from 0.92x)
        while len(head) < 8 * CHUNK_BYTES:  # a first line longer than that: read whole
            piece = os.read(fd, HEAD_BYTES)
            head += piece
            if not piece or b"\n" in piece or not _may_be_lines(head):
                break
        if not _plain_start(head):
            os.close(fd)
            return None
        plain = PlainFile(fd, status, head, 0)
        if head.startswith(codecs.BOM_UTF8):
            del head[:3]
            plain.base = 3
            plain.notes.append("UTF-8 with byte-order mark")
        plain.backing = FileBacking(path, os.dup(fd), status)
        plain.backing.base = plain.base
        return plain
    except BaseException:
        os.close(fd)
        raise


def _plain_start(head: bytearray) -> bool:
    """``True`` when the first chunk is what ``decode`` keeps as it is and ``_read_text`` reads as NDJSON."""
    if head[:2] == b"\x1f\x8b" or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    data = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    if len(data) >= 4 and (data[0] != 0 and data[1] == 0 and data[3] == 0 or
                           data[0] == 0 and data[1] != 0 and data[2] == 0):
        return False  # UTF-16 without a byte-order mark
    if decoding.looks_binary(data[:4096]):  # what ``decode`` refuses as not a text file
        return False
    cut = data.rfind(b"\n") + 1
    if cut == 0 or not _plain(data[:cut]) or companion_csv.sniff(data) is not None:
        return False
    start = skip_space(data, 0)
    return data[start:start + 1] == b"{" and shapes.looks_like_ndjson(data, start)


def _may_be_lines(head: bytearray) -> bool:
    """Whether the text read so far can still start NDJSON: no byte yet past the white space, or a ``{``.

    A JSON array written on one line has no line end to stop the look at: without this the look read
    all of a 100,000-profile array (87 MB) in 64 KiB reads before giving up (0.1 s, a copy of the file).
    """
    start = skip_space(head, 3 if head.startswith(codecs.BOM_UTF8) else 0)
    return start >= len(head) or head[start] == 0x7B


def _plain(text: bytes | bytearray) -> bool:
    """Whether ``text`` is valid UTF-8 (it ends after a line end, so no character is cut)."""
    return text.isascii() or next(invalid_spans(text), None) is None
