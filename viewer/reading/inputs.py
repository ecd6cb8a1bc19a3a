"""What ``viewer.load`` was given, as a list of inputs: checked paths, or bytes.

Every path is checked with ``stat`` before anything is opened: a FIFO blocks
the opener forever and ``/dev/zero`` never ends, so anything that is not a
regular file is refused by its kind, unread.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Union

from viewer.reading.file_kind import kind_of, refusal
from viewer.reading.load_errors import LoadError

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, Iterable[Union[str, "os.PathLike[str]"]]]
"""A path, the bytes of a file, or several paths (pages of one listing, companion CSV files)."""


def load_inputs(source: Source) -> list[tuple[str, Path | bytes, int]]:
    """(name, path or bytes, size) for each input; raises ``LoadError`` for a path that cannot be read."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return [("<bytes>", data, len(data))]
    if isinstance(source, (str, os.PathLike)):
        paths = [Path(source)]
    else:
        paths = [Path(item) for item in source]
        if not paths:
            raise LoadError("No file was given.")
    inputs: list[tuple[str, Path | bytes, int]] = []
    for path in paths:
        try:
            status = path.stat()
        except OSError as exc:
            raise LoadError(f"The file cannot be opened: {exc.strerror or exc}.", source=str(path)) from None
        kind = kind_of(status.st_mode)
        if kind is not None:  # refused before open: opening a FIFO blocks, /dev/zero never ends
            raise LoadError(refusal(kind), source=str(path))
        inputs.append((str(path), path, status.st_size))
    return inputs
