"""``export_profiles``: profiles to a CSV, NDJSON or JSON file, safely, with progress and Cancel (no Qt).

Runs as a plain function on a worker thread, as ``viewer.load`` does:
``progress(done, total)`` counts profiles and ``cancelled()`` is polled after
each batch; a cancel raises ``ExportCancelled`` and leaves no file behind.
The cyclic garbage collector is paused meanwhile, as while loading: the
profiles built on first access are many small objects, and collections
between them took about a fifth of an NDJSON export of 100,000 profiles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from viewer.model.profile import Profile
from viewer.reading.gc_pause import collector_paused
from viewer.writing.cells import Column, list_columns
from viewer.writing.formats import CSV, batches, format_for
from viewer.writing.safe_file import ExportCancelled, ExportError, replacing


def export_profiles(
    profiles: Sequence[Profile],
    target: str | os.PathLike[str],
    *,
    fmt: str | None = None,
    columns: Sequence[Column] | None = None,
    indices: Sequence[int] | None = None,
    bom: bool = False,
    sources: Iterable[str | os.PathLike[str]] = (),
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write ``profiles`` (only those at ``indices``, when given) to ``target``; return how many were written.

    ``fmt`` is ``"csv"``, ``"ndjson"`` or ``"json"`` (default: by the file's
    extension). ``columns`` are the CSV's columns (default: the profile list's).
    ``bom`` starts a CSV with the UTF-8 byte-order mark. ``sources`` are the
    files the export was read from: writing over one is refused. Raises
    ``ExportError`` (with a message for people) when the file cannot be
    written and ``ExportCancelled`` when ``cancelled()`` said so.
    """
    fmt = fmt or format_for(target)
    if fmt == CSV and columns is None:
        columns = list_columns()
    total = len(profiles) if indices is None else len(indices)
    try:
        with collector_paused(), replacing(target, sources) as stream:
            for done, data in batches(fmt, profiles, columns or (), bom, indices):
                stream.write(data)
                if progress is not None:
                    progress(done, total)
                if cancelled is not None and cancelled():
                    raise ExportCancelled()
    except OSError as exc:
        raise ExportError(f"{os.fspath(target)} cannot be written: {exc.strerror or exc}.") from None
    return total
