"""Refusing what is not a regular file before reading it: pipes, sockets, devices.

Opening a FIFO blocks until a writer appears (forever, from a file dialog);
``/dev/zero`` never ends and reports size 0; a Unix socket cannot be opened
at all ("No such device or address"). So the kind is checked with ``stat``
before ``open``, and again with ``fstat`` after an ``O_NONBLOCK`` open (which
returns at once even for a FIFO) in case the path was replaced in between.
"""

from __future__ import annotations

import os
import stat

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str | None:
    """What a file of this ``st_mode`` is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a special file"


def refusal(kind: str) -> str:
    """The message refusing a file of this kind (from ``kind_of``)."""
    if kind == "a folder":
        return "This is a folder, not a file."
    return f"This is not a regular file (it is {kind}): it was not read. Open an export saved as a file."


def open_regular(path: str | os.PathLike[str]) -> tuple[int, str | None]:
    """An ``O_RDONLY`` descriptor and ``kind_of`` the file it opened (closed again unless regular: ``-1``).

    ``O_NONBLOCK`` makes opening a FIFO return at once instead of waiting for a
    writer; it is cleared again before reading a regular file.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is None:
            os.set_blocking(fd, True)
            return fd, None
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return -1, kind


def regular_fd(path: str | os.PathLike[str]) -> int | None:
    """A blocking descriptor of ``path`` when it is a regular file; None when it is not or cannot be opened.

    For the chunked readers, which try a file first: the whole-file reading then says why it cannot be read.
    """
    try:
        fd, kind = open_regular(path)
    except OSError:
        return None
    return fd if kind is None else None
