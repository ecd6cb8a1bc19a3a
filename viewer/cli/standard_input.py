"""``-`` as a FILE: the console commands read standard input (no Qt).

Standard input is copied once into a temporary file, which the command then
reads like any other path, so a pipe works wherever a file does: alone, among
the pages of one listing, beside CSV files. Reading from a path and not from
bytes keeps one way in for every command, and the loader's content sniffing
(it never looks at the extension) makes the file's name irrelevant. Messages
name it ``-``; the file is removed when the process ends.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from typing import BinaryIO

STDIN = "-"
_SHOWN: dict[str, str] = {}  # temporary path -> the name a person gave ("-")


def read_standard_input(names: Sequence[str], stream: BinaryIO | None = None) -> list[str]:
    """``names`` with every ``-`` replaced by a file holding standard input's bytes (read once).

    The file is removed when the process exits. ``OSError`` when standard input
    is a terminal (reading would wait for typing) or cannot be read or spooled.
    """
    if STDIN not in names:
        return list(names)
    if stream is None and (sys.stdin is None or sys.stdin.isatty()):
        raise OSError("'-' reads standard input, which is a terminal here: pipe an export into it "
                      "(curl … | audience-viewer --check -)")
    source = stream if stream is not None else sys.stdin.buffer
    folder = tempfile.mkdtemp(prefix="audience-viewer-stdin-")
    atexit.register(shutil.rmtree, folder, True)
    path = os.path.join(folder, "stdin")
    with open(path, "wb") as spool:
        shutil.copyfileobj(source, spool, 1 << 20)
    _SHOWN[path] = STDIN
    return [path if name == STDIN else name for name in names]


def shown_name(path: str | os.PathLike[str] | None) -> str:
    """The name to print for ``path``: ``-`` for standard input, else the path as given."""
    if path is None:
        return ""
    text = os.fspath(path)
    return _SHOWN.get(text, text)


def shown_text(text: str) -> str:
    """``text`` (a message) with the temporary file's path of standard input written as ``-``."""
    for path, name in _SHOWN.items():
        text = text.replace(path, name)
    return text
