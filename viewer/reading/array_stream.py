"""A big plain UTF-8 JSON array read a chunk at a time, its reading overlapping its decoding.

Reading a 100,000-profile array (87 MB) whole took 0.056-0.075 s before its
first piece could be decoded, a seventh of a bare parse, and the whole buffer
was most of the load's peak. A plain array (a regular file of at least
``STREAM_FROM_BYTES``, neither gzip nor UTF-16, starting ``[{``) is read
``CHUNK_BYTES`` at a time, the next chunk on a thread of its own while this one
is decoded (``os.pread`` lets go of the interpreter), and cut into the same
pieces ``array_pieces.iter_array`` cuts the whole text into: a cut is looked for
between one and four ``PIECE_BYTES`` past a piece's start, and a piece that
decodes as ``[piece]`` proves it. A piece that runs into the next chunk is cut
from the rest of this chunk and the start of the next (a copy of at most a few
megabytes). The chunk being read is what ``SourceText`` answers from; the
file, once read.

Only the clean case goes this way. Text that is not UTF-8, elements without a
cut where one is looked for, a piece that is not a run of whole elements,
anything but white space after the closing ``]``, or a file that changes while
it is read raise ``NotPlain``: the loader reads every file whole again, with
its careful repair and messages.
"""

from __future__ import annotations

import codecs
import os
from array import array
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.reading import array_pieces, companion_csv, decoding
from viewer.reading.array_pieces import (
    ELEMENT_SPLIT,
    Piece,
    SpanError,
    document_spans,
    element_split,
)
from viewer.reading.decoding import text_end
from viewer.reading.exact_numbers import skip_space
from viewer.reading.file_backing import FileBacking, identity
from viewer.reading.file_kind import regular_fd
from viewer.reading.ndjson_stream import NotPlain
from viewer.reading.source_text import SourceText

STREAM_FROM_BYTES = 16 * 1024 * 1024  # smaller files are read whole (and their duplicate keys looked for at once)
CHUNK_BYTES = 32 * 1024 * 1024  # always a mapping of its own in the C heap: given back once freed
FIRST_CHUNK_BYTES = 4 * 1024 * 1024  # waited for: the later chunks are read while the one before is decoded
HEAD_BYTES = 64 * 1024
# chunks read ahead: each read takes less time than decoding the chunk before (4 MiB, then 12, then 32), and no
# read runs while a window paints the first profiles: reads beside that paint stalled it (116 ms, 3 ahead)
_AHEAD = 1
_CHECK_BYTES = 64 << 10  # UTF-8 is checked this much at a time (the decoded text is dropped)


@dataclass(slots=True)
class PlainArray:
    """An open JSON array file found plain from its head; its text starts at ``base`` (3 past a BOM)."""

    fd: int
    status: os.stat_result
    base: int
    backing: FileBacking
    notes: list[str] = field(default_factory=list)

    def chunks(self, step: Callable[[int], None]) -> Iterator[tuple[int, bytes]]:
        """``(offset in the text, chunk)`` in order, the next read ahead on a thread; ``step(bytes read)`` after each.

        Raises ``NotPlain`` when the file changed while it was read.
        """
        size = self.status.st_size
        ahead = ThreadPoolExecutor(1, thread_name_prefix="array-read")
        try:
            spans = _chunk_spans(self.base, size)
            coming = [ahead.submit(os.pread, self.fd, end - start, start) for start, end in spans[:_AHEAD]]
            for n, (pos, end) in enumerate(spans):
                chunk = coming.pop(0).result()
                if n + _AHEAD < len(spans):  # reads go on while the chunks before are decoded
                    start, stop = spans[n + _AHEAD]
                    coming.append(ahead.submit(os.pread, self.fd, stop - start, start))
                if len(chunk) != end - pos:
                    raise NotPlain()  # shorter than it was
                step(len(chunk))
                yield pos - self.base, chunk
                del chunk
            if os.pread(self.fd, 1, size) or identity(os.fstat(self.fd)) != identity(self.status):
                raise NotPlain()  # longer than it was, or replaced
        finally:
            ahead.shutdown(wait=True, cancel_futures=True)  # a read still running ends before the file is closed
            self.close()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _chunk_spans(start: int, size: int) -> list[tuple[int, int]]:
    """Where the chunks of the text from ``start`` to ``size`` lie: a small first one, then about ``CHUNK_BYTES``
    each (never less: a smaller freed block stays in the C heap, resident), the last one taking the rest."""
    spans: list[tuple[int, int]] = []
    for length in (FIRST_CHUNK_BYTES, 3 * FIRST_CHUNK_BYTES):
        if start < size:
            spans.append((start, min(start + length, size)))
            start = spans[-1][1]
    while start < size:
        end = start + CHUNK_BYTES if size - start >= 2 * CHUNK_BYTES else size
        spans.append((start, end))
        start = end
    return spans


def open_plain_array(path: Path) -> PlainArray | None:
    """The file opened for reading in chunks when it is a big plain UTF-8 JSON array; ``None`` to read it whole."""
    fd = regular_fd(path)
    if fd is None:
        return None
    try:
        status = os.fstat(fd)
        head = os.pread(fd, HEAD_BYTES, 0) if status.st_size >= STREAM_FROM_BYTES else b""
        if not _plain_start(head):
            os.close(fd)
            return None
        base = 3 if head.startswith(codecs.BOM_UTF8) else 0
        backing = FileBacking(path, os.dup(fd), status)
        backing.base = base
        return PlainArray(fd, status, base, backing, ["UTF-8 with byte-order mark"] if base else [])
    except BaseException:
        os.close(fd)
        raise


def _plain_start(head: bytes) -> bool:
    """Whether the head is what ``decoding.decode`` keeps as it is and starts an array of objects."""
    if len(head) < 2 or head[:2] == b"\x1f\x8b" or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    data = head[3:] if head.startswith(codecs.BOM_UTF8) else head
    if len(data) >= 4 and (data[0] != 0 and data[1] == 0 and data[3] == 0 or
                           data[0] == 0 and data[1] != 0 and data[2] == 0):
        return False  # UTF-16 without a byte-order mark
    if decoding.looks_binary(data[:4096]) or companion_csv.sniff(data) is not None:
        return False
    try:
        codecs.utf_8_decode(data, "strict", False)  # a character cut at the head's end is not an error
    except UnicodeDecodeError:
        return False
    start = skip_space(data, 0)
    return data[start:start + 1] == b"[" and data[skip_space(data, start + 1):][:1] == b"{"


class _Cutter:
    """Cuts pieces from a buffer that starts at ``at`` in the text, as ``array_pieces._next_piece`` would."""

    def __init__(self, decode: Callable[[bytes], Any], piece_bytes: int) -> None:
        self.decode = decode
        self.piece_bytes = piece_bytes
        self.split = ELEMENT_SPLIT
        self.at = 0

    def piece(self, buf: bytes, pos: int, more: bool) -> Piece | None:
        """The piece whose first element starts at ``pos``; None when more text is needed to cut it (``more``)."""
        size = len(buf)
        reach = self.piece_bytes
        looked = False  # whether a look for a cut found none before the end
        while pos + reach < size:
            if more and pos + 4 * reach > size:
                return None
            stop = min(size, pos + 4 * reach)
            cut = self.split.search(buf, pos + reach, stop) or ELEMENT_SPLIT.search(buf, pos + reach, stop)
            if cut is None and stop == size and not more:
                looked = True  # the last elements (``_next_piece`` tries cuts at commas, in vain when all are
                break  # profiles: then it reads them as one piece)
            if cut is None:
                raise NotPlain()  # elements that are not objects, or longer than a look: the whole reading
            end = cut.start() + 1  # the "}" belongs to the piece
            made = self._made(buf, pos, end, cut.end())
            if made is not None:
                return made
            reach *= 2  # the cut fell inside a string or nested value: look further on
        if more:
            return None
        close = text_end(buf, size) - 1  # the rest of the array, up to its "]": only white space after it
        if buf[close:close + 1] != b"]":
            raise NotPlain()
        last = self._made(buf, pos, text_end(buf, close), size)
        if last is None or (looked and last.rows is None):
            raise NotPlain()  # values that are not profiles may have been cut at a comma: the whole reading
        last.done = True
        return last

    def _made(self, buf: bytes, pos: int, end: int, after: int) -> Piece | None:
        """The piece of the elements ``pos:end`` (the next starts at ``after``); None: the cut is not between two."""
        with memoryview(buf) as view:
            document = b"".join((b"[", view[pos:end], b"]"))
        at = self.at
        rows = self.decode(document)
        if rows is not None:
            return Piece((), (), at + after, rows=rows, low=at + pos, high=at + end)
        try:
            starts, ends = document_spans(document, pos - 1)
        except SpanError as exc:
            if exc.at >= end - pos:
                return None
            raise NotPlain() from None  # damage: the whole reading salvages and reports it
        return Piece(_shifted(starts, at), _shifted(ends, at), at + after, document=document)


def _shifted(offsets: Sequence[int], by: int) -> array[int]:
    return array("q", [offset + by for offset in offsets])


def pieces(plain: PlainArray, source: SourceText, step: Callable[[int], None], decode: Callable[[bytes], Any],
           piece_bytes: int | None = None) -> Iterator[Piece]:
    """The pieces of the array, in order, as ``iter_array`` yields them for the whole text (offsets in the text).

    ``source`` (``SourceText.streamed``) holds each chunk while its pieces are made.
    """
    cutter = _Cutter(decode, piece_bytes or array_pieces.PIECE_BYTES)  # the pieces ``iter_array`` cuts
    utf8 = _Utf8()
    size = source.size
    rest: memoryview | None = None  # the text after the last piece of the chunk before (at ``rest_at``)
    rest_at = 0
    pos = -1  # where the next element starts in ``chunk`` (-1: the array's start is not read yet)
    done = False
    for offset, chunk in plain.chunks(step):  # read to its end: the file is then checked to be unchanged
        if done:
            raise NotPlain()  # text after the array's end
        final = offset + len(chunk) >= size
        utf8.check(chunk, final)
        source.hold(offset, chunk)
        if pos < 0:
            pos = skip_space(chunk, skip_space(chunk, 0) + 1)
            cutter.split = element_split(chunk, pos)
        else:
            pos = 0
        if rest is not None:  # the pieces that run from the chunk before into this one
            with memoryview(chunk) as view:
                window = b"".join((rest, view[:5 * cutter.piece_bytes]))  # the last cut's look fits
            more = not final or len(window) < len(rest) + len(chunk)
            cut_off = len(rest)
            rest.release()  # the chunk before goes
            rest = None
            at = 0
            cutter.at = rest_at
            while at < cut_off and not done:
                piece = cutter.piece(window, at, more)
                if piece is None:
                    raise NotPlain()  # a piece longer than the look: the whole reading
                yield piece
                done = piece.done
                at = piece.end - rest_at
            pos = at - cut_off
            del window
        cutter.at = offset
        while not done:
            piece = cutter.piece(chunk, pos, not final)
            if piece is None:
                rest, rest_at = memoryview(chunk)[pos:], offset + pos  # no copy: joined to the next chunk's start
                break
            yield piece
            done = piece.done
            pos = piece.end - offset
        source.hold(offset + len(chunk), b"")  # the chunk goes before the next is read
        del chunk
    if not done:
        raise NotPlain()  # the text ended before the array did


class _Utf8:
    """Checks that chunk after chunk is valid UTF-8 (a character may run from one into the next)."""

    def __init__(self) -> None:
        self.carry = b""  # the bytes of a character cut at the last chunk's end

    def check(self, chunk: bytes, final: bool) -> None:
        """Raise ``NotPlain`` unless ``chunk`` goes on valid UTF-8 (``final``: the text ends with it)."""
        if not self.carry and chunk.isascii():
            return
        pos = 0
        try:
            if self.carry:  # the character begun before, and what follows it
                joined = self.carry + chunk[:_CHECK_BYTES]
                _, used = codecs.utf_8_decode(joined, "strict", final and len(chunk) <= _CHECK_BYTES)
                if used < len(self.carry):
                    raise NotPlain()
                pos = used - len(self.carry)
                self.carry = b""
            with memoryview(chunk) as view:
                while pos < len(chunk):
                    # a piece below the C library's threshold for a mapping of its own: its text reuses memory
                    piece = view[pos:pos + _CHECK_BYTES]
                    _, used = codecs.utf_8_decode(piece, "strict", final and pos + _CHECK_BYTES >= len(chunk))
                    if used == 0 and pos + len(piece) >= len(chunk):
                        break  # a character cut at the chunk's end
                    pos += used
                self.carry = bytes(view[pos:])
        except UnicodeDecodeError:
            raise NotPlain() from None
        if len(self.carry) > 3:
            raise NotPlain()
