"""``audience-viewer --query QUERY FILE...``: the profiles a query selects, for scripts (no Qt).

The FILEs are read as one export (pages of one listing, CSV files beside the
profiles), as ``--check`` reads them. Each matching profile is printed as one
line of NDJSON, the profile's own text from the file (pretty-printed JSON put
on one line, strings untouched); with ``--count`` only their number. The query
language is the profile search's (``viewer.query.language``). Exit status: 0
when some profile matched, 1 when none did, 2 when a file cannot be read or
the query is invalid (the message goes to standard error, and nothing to
standard output).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TextIO

from viewer.cli.check import readable_export
from viewer.query.evaluate import Evaluator
from viewer.query.language import ParseError, parse
from viewer.writing.profile_text import profile_json

MATCHED, NONE_MATCHED, FAILED = 0, 1, 2


def run_query(
    paths: Sequence[str | os.PathLike[str]], query_text: str, *, count: bool = False, out: TextIO, err: TextIO
) -> int:
    """Print the profiles of ``paths`` that ``query_text`` selects (or their number); return the exit status."""
    query = parse(query_text)
    if isinstance(query, ParseError):  # said before any file is read: a typo costs no load
        err.write(f"audience-viewer: the query is not valid: {query}\n")
        err.write(f"  {query_text}\n  {' ' * query.position}^\n")
        return FAILED
    export = readable_export([os.fspath(path) for path in paths], "--query", err)
    if export is None:
        return FAILED
    profiles = export.profiles
    found = Evaluator(profiles).matches(query)
    indices: Sequence[int] = range(len(profiles)) if found is None else found
    if count:
        out.write(f"{len(indices)}\n")
    else:
        _write_lines(out, (profile_json(profiles[i]) for i in indices))
    return MATCHED if indices else NONE_MATCHED


def _write_lines(out: TextIO, lines: Iterable[bytes | str]) -> None:
    """One line each, as bytes to ``out``'s binary buffer when it has one (the file's text, unchanged)."""
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        for line in lines:
            buffer.write(line if isinstance(line, bytes) else line.encode("utf-8", "surrogatepass"))
            buffer.write(b"\n")
        buffer.flush()
        return
    for line in lines:
        out.write(line.decode("utf-8", "surrogatepass") if isinstance(line, bytes) else line)
        out.write("\n")
