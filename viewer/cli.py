"""``audience-viewer --check FILE...``: what a file holds and what is wrong with it, without a window."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TextIO

from viewer.model.problems import Severity
from viewer.reading.decoding import LoadError
from viewer.reading.loader import load

CLEAN, PROBLEMS, UNREADABLE = 0, 1, 2


def check(paths: Iterable[str | os.PathLike[str]], out: TextIO) -> int:
    """Check each file; exit status 0 when clean, 1 with problems, 2 when one cannot be read."""
    status = CLEAN
    paths = list(paths)
    if not paths:
        out.write("audience-viewer --check: no file given\n")
        return UNREADABLE
    for number, path in enumerate(paths):
        if number:
            out.write("\n")
        try:
            status = max(status, _check_one(os.fspath(path), out))
        except Exception as exc:  # the promise is: never a traceback, whatever the input
            out.write(f"{os.fspath(path)}: cannot be checked: {type(exc).__name__}: {exc}\n")
            status = UNREADABLE
    return status


def _check_one(path: str, out: TextIO) -> int:
    try:
        export = load(path)
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
    return PROBLEMS if serious else CLEAN
