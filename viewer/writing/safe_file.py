"""Writing a file so that it is either complete or not there at all (no Qt).

The text goes to a temporary file in the target's own folder (a rename across
file systems would copy), is flushed and fsynced, and only then renamed over
the target: an export that fails, is cancelled or is cut off by a crash leaves
the old file (or none) and no half file. The temporary file is removed on any
exception, ``KeyboardInterrupt`` included. A target that is one of the files
the export was read from is refused before anything is written: the viewer
reads files lazily and the open export would change under it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class ExportError(Exception):
    """An export could not be written; ``message`` says why in words for people."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ExportCancelled(Exception):
    """The export was cancelled (``cancelled()`` said so); nothing was written."""


def same_file(target: Path, source: str | os.PathLike[str]) -> bool:
    """Whether ``target`` names the file ``source`` (the same inode, or the same path once resolved)."""
    try:
        return os.path.samefile(target, source)
    except OSError:  # one of them does not exist (or cannot be looked at): compare the names
        try:
            return target.resolve() == Path(source).resolve()
        except (OSError, RuntimeError):
            return False


def refuse_sources(target: Path, sources: Iterable[str | os.PathLike[str]]) -> None:
    """Raise ``ExportError`` when ``target`` is one of the files the export was read from."""
    for source in sources:
        if same_file(target, source):
            raise ExportError(f"{target} is a file this export was read from; choose another name.")


@contextmanager
def replacing(target: str | os.PathLike[str], sources: Iterable[str | os.PathLike[str]] = ()) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``target`` when the ``with`` block ends without an exception."""
    path = Path(target)
    refuse_sources(path, sources)
    if path.is_dir():
        raise ExportError(f"{path} is a folder; choose a file name.")
    folder = path.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"Cannot write in {folder}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode_of(path, temp_name)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    _sync_folder(folder)


def _keep_mode_of(path: Path, temp_name: str) -> None:
    """Give the new file the permissions a plainly created file would have (mkstemp makes it 0600)."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    try:
        os.chmod(temp_name, mode)
    except OSError:
        pass


def _umask() -> int:
    """The process's umask, read without setting it (``os.umask`` would race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way on Windows."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
