"""``audience-viewer --check FILE...``: what a file holds and what is wrong with it, without a window.

Each file is checked on its own, except that CSV exports (sessions, loyalty
balances and tiers, audience members) are opened together with the other files
as one export, as the window opens them: the report then lists each CSV file
with its kind, its rows and the rows that name no profile of the export.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TextIO

from viewer.model.companions import KIND_LABELS
from viewer.model.export import Export
from viewer.model.problems import Severity
from viewer.reading.companion_csv import is_companion_file
from viewer.reading.load_errors import LoadError
from viewer.reading.loader import load

CLEAN, PROBLEMS, UNREADABLE = 0, 1, 2


def check(paths: Iterable[str | os.PathLike[str]], out: TextIO) -> int:
    """Check each file; exit status 0 when clean, 1 with problems, 2 when one cannot be read."""
    status = CLEAN
    paths = list(paths)
    if not paths:
        out.write("audience-viewer --check: no file given\n")
        return UNREADABLE
    names = [os.fspath(path) for path in paths]
    groups: list[list[str]] = [[name] for name in names]
    if any(is_companion_file(name) for name in names):
        groups = [names]  # the CSV files join the profiles of the other files: one export
    for number, group in enumerate(groups):
        if number:
            out.write("\n")
        try:
            status = max(status, _check_one(group, out))
        except Exception as exc:  # the promise is: never a traceback, whatever the input
            out.write(f"{', '.join(group)}: cannot be checked: {type(exc).__name__}: {exc}\n")
            status = UNREADABLE
    return status


def _check_one(paths: list[str], out: TextIO) -> int:
    path = ", ".join(paths)
    try:
        export = load(paths[0] if len(paths) == 1 else paths)
    except LoadError as error:
        out.write(f"{path}: cannot be read\n  {error.message}\n")
        for line in error.pointer().splitlines():
            out.write(f"  | {line}\n")
        return UNREADABLE
    counts = export.counts()
    out.write(f"{path}\n")
    out.write(f"  shape:    {export.shape}" + (f" ({', '.join(export.notes)})" if export.notes else "") + "\n")
    out.write(
        f"  profiles: {len(export.profiles):,} "
        f"(live {counts['live']:,}, sandbox {counts['sandbox']:,}, unknown {counts['unknown']:,})\n"
    )
    serious = [p for p in export.problems if p.severity is not Severity.INFO]
    out.write(f"  problems: {len(serious):,}\n")
    for problem in export.problems:
        out.write(f"  {problem.severity}: {problem.path}: {problem.message}\n")
    _write_companions(export, out)
    return PROBLEMS if serious else CLEAN


def _write_companions(export: Export, out: TextIO) -> None:
    """One line per CSV file: its kind, its rows, and the rows that name no profile of the export."""
    companions = export.companions
    if not companions:
        return
    out.write("  companion files:\n")
    for file in companions.files:
        if file.kind == "members":
            unmatched_rows = len(file.unmatched)
        else:
            rows_by_id = getattr(companions, file.kind)
            unmatched_rows = sum(1 for owner in file.unmatched for row in rows_by_id.get(owner, ())
                                 if getattr(row, "source", file.path) == file.path)
        dates = f", dates {file.date_format}" if file.date_format else ""
        out.write(f"    {file.name}: {KIND_LABELS[file.kind]}, {file.rows:,} rows{dates}, "
                  f"{unmatched_rows:,} unmatched rows ({len(file.unmatched):,} integration IDs not in the export)\n")
