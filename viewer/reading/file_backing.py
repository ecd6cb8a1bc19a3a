"""Reading a profile's bytes back from its file once the loaded text has been let go.

A plain UTF-8 file's text is the file's own bytes (after a byte-order mark),
so the 87 MB buffer of a 100,000-profile export need not stay in memory once
the spans, columns and checks are made: a span is read again from the file
when a profile is built (``os.pread`` from the page cache: building one at
random took 20 µs instead of 15 for 100,000 profiles). Each thread keeps
the last block it read; reads that follow on from it fetch ``READ_AHEAD``
bytes at once, so a pass over every profile reads the file sequentially in
large blocks, not once per profile.

Never ``mmap``: a mapped file truncated by another program kills the process
with SIGBUS. On POSIX the descriptor the file was read through is kept
(``os.pread`` needs no seek and no lock; a file replaced or deleted later is
still the one that was read); at most ``MAX_KEPT`` at once, beyond that and on
Windows (where an open file cannot be renamed or deleted) the path is opened
again for each read and checked to be the same file. Every read checks size
and modification time (and inode) against what they were when the file was
read, before and after: a file rewritten, truncated or replaced since raises
``SourceChanged`` rather than handing out other bytes.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterator

from viewer.model.profile import SourceChanged

READ_AHEAD = 1 << 20
MAX_KEPT = 64  # descriptors kept open at once (macOS allows 256 per process by default)
_CAN_KEEP = hasattr(os, "pread")
_LOCK = threading.Lock()
_kept = 0


def identity(status: os.stat_result) -> tuple[int, int, int, int]:
    """What must not change for a file's bytes to be the ones read: device, inode, size, modification time."""
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


class FileBacking:
    """A regular file whose bytes from ``base`` on are a text that was let go (see the module docstring)."""

    __slots__ = ("path", "base", "_file_size", "_identity", "_fd", "_local", "__weakref__")

    def __init__(self, path: str | os.PathLike[str], fd: int, status: os.stat_result) -> None:
        """Takes over ``fd`` (the file as read, with ``status`` from then); closes it unless it may be kept."""
        global _kept
        self.path = os.fspath(path)
        self.base = 0  # where the text starts in the file (3 past a UTF-8 byte-order mark)
        self._file_size = status.st_size
        self._identity = identity(status)
        self._local = threading.local()
        self._fd = -1
        with _LOCK:
            keep = _CAN_KEEP and _kept < MAX_KEPT
            _kept += keep
        if keep:
            self._fd = fd
            weakref.finalize(self, _close, fd)
        else:
            os.close(fd)

    @property
    def size(self) -> int:
        """The length of the text: the file's size past ``base``."""
        return self._file_size - self.base

    @property
    def keeps_descriptor(self) -> bool:
        """Whether reads go through the descriptor the file was read with (else the path is opened each time)."""
        return self._fd >= 0

    def changed(self) -> bool:
        """Whether the file is no longer the one read (rewritten, truncated, replaced or deleted)."""
        try:
            self._check(self._fd if self._fd >= 0 else None)
        except SourceChanged:
            return True
        return False

    def read(self, start: int, end: int) -> memoryview:
        """The text's bytes ``start:end`` (offsets in the text); raises ``SourceChanged``."""
        start, end = max(start, 0), min(end, self.size)
        if end <= start:
            return memoryview(b"")
        block = getattr(self._local, "block", None)
        if block is not None:
            low, data = block
            if low <= start and end <= low + len(data):
                self._check(self._fd if self._fd >= 0 else None)  # the block may be of a file since changed
                return memoryview(data)[start - low:end - low]
            if low <= start <= low + len(data) + READ_AHEAD:  # following on: read ahead
                end_read = min(max(end, start + READ_AHEAD), self.size)
                data = self._fetch(start, end_read)
                self._local.block = (start, data)
                return memoryview(data)[:end - start]
        data = self._fetch(start, end)
        self._local.block = (start, data)
        return memoryview(data)

    def chunks(self, size: int) -> Iterator[bytes]:
        """The whole text, ``size`` bytes at a time (for a pass such as counting lines)."""
        for start in range(0, self.size, size):
            yield self._fetch(start, min(start + size, self.size))

    def _fetch(self, start: int, end: int) -> bytes:
        fd = self._fd
        try:
            if fd >= 0:
                self._check(fd)
                data = os.pread(fd, end - start, self.base + start)
                self._check(fd)
            else:
                data = self._reopened(lambda handle: _read_at(handle, self.base + start, end - start))
        except OSError as error:  # an I/O error: the bytes cannot be had, whatever the file says
            raise self._changed() from error
        if len(data) != end - start:
            raise self._changed()
        return data

    def _reopened(self, read: Callable[[int], bytes]) -> bytes:
        try:
            # not blocking: a FIFO put at the path since would block ``open`` until a writer came
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
                         | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            raise self._changed() from None
        try:
            self._check(fd)
            data = read(fd)
            self._check(fd)
        finally:
            os.close(fd)
        return data

    def _check(self, fd: int | None) -> None:
        try:
            status = os.fstat(fd) if fd is not None else os.stat(self.path)
        except OSError:
            raise self._changed() from None
        if identity(status) != self._identity:
            raise self._changed()

    def _changed(self) -> SourceChanged:
        return SourceChanged(f"{self.path}: the file changed on disk since it was opened; reopen it to see "
                             "its profiles as they are now")


def _read_at(fd: int, offset: int, count: int) -> bytes:
    if _CAN_KEEP:
        return os.pread(fd, count, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    parts: list[bytes] = []
    while count > 0:
        part = os.read(fd, count)
        if not part:
            break
        parts.append(part)
        count -= len(part)
    return b"".join(parts)


def _close(fd: int) -> None:
    global _kept
    with _LOCK:
        _kept -= 1
    try:
        os.close(fd)
    except OSError:
        pass
