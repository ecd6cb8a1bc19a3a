"""``audience-viewer --export OUT FILE...``: write the profiles (those ``--query`` selects) to a file.

The format comes from OUT's extension: ``.csv`` (the profile list's columns,
``--bom`` for spreadsheet programs that need a byte-order mark), ``.ndjson`` /
``.jsonl`` (each profile's exact text per line) or ``.json`` (an array of
them). The FILEs are read as one export, as ``--check`` reads them. OUT is
always replaced when the files could be read, also by an empty result, so it
never holds an older answer; it is written safely (complete or not at all) and
never over one of the FILEs. Exit status: 0 when some profile was written, 1
when none matched, 2 when a file cannot be read, the query is invalid or OUT
cannot be written (the message goes to standard error).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from viewer.cli.check import readable_export
from viewer.query.evaluate import InvalidQuery, matching_indices
from viewer.writing.export_file import export_profiles
from viewer.writing.safe_file import ExportError

WRITTEN, NONE_MATCHED, FAILED = 0, 1, 2


def export_files(paths: Sequence[str | os.PathLike[str]], target: str | os.PathLike[str], *, query: str | None = None,
                 bom: bool = False, out: TextIO, err: TextIO) -> int:
    """Read ``paths`` as one export and write what ``query`` selects (all without one) to ``target``."""
    export = readable_export([os.fspath(path) for path in paths], "--export", err)
    if export is None:
        return FAILED
    indices: list[int] | None = None
    if query is not None:
        try:
            indices = matching_indices(export, query)
        except InvalidQuery as error:
            err.write(f"audience-viewer: the query is not valid: {error}\n")
            return FAILED
    try:
        written = export_profiles(export.profiles, target, indices=indices, bom=bom, sources=export.sources)
    except ExportError as error:
        err.write(f"audience-viewer: {error.message}\n")
        return FAILED
    out.write(f"{written:,} profile{'' if written == 1 else 's'} written to {os.fspath(target)}\n")
    return WRITTEN if written else NONE_MATCHED
