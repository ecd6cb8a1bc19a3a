"""``audience-viewer --check FILE...``: what an export holds and what is wrong with it, without a window.

All the FILEs are read as one export, as the window opens them: the saved
pages of one listing, with any CSV exports (sessions, loyalty balances and
tiers, audience members) joined to their profiles. So a profile repeated on
two pages is found, which checking each page alone missed. A file that cannot
be read at all (missing, a folder, an HTML page) is reported with why, and the
others are still checked. ``--json`` prints the same as one JSON object.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

import orjson

from viewer.cli.standard_input import shown_name, shown_text
from viewer.model.companions import KIND_LABELS
from viewer.model.export import Export
from viewer.model.problems import Problem, Severity
from viewer.reading.load_errors import LoadError
from viewer.reading.loader import find_duplicate_keys, load

CLEAN, PROBLEMS, UNREADABLE = 0, 1, 2


@dataclass
class Report:
    """What ``--check`` found: the files, the export read from the readable ones, and why others failed."""

    names: list[str]
    export: Export | None = None
    errors: dict[str, LoadError] = field(default_factory=dict)  # a file that gave nothing, and why
    failures: dict[str, str] = field(default_factory=dict)  # an unexpected exception, as text
    profiles_per_file: dict[str, int] = field(default_factory=dict)

    @property
    def status(self) -> int:
        """0 clean, 1 with problems, 2 when a file cannot be read."""
        if self.errors or self.failures or self.export is None or failed_in_export(self):
            return UNREADABLE
        return PROBLEMS if any(p.severity is not Severity.INFO for p in self.export.problems) else CLEAN


def check(paths: Iterable[str | os.PathLike[str]], out: TextIO, *, as_json: bool = False) -> int:
    """Check the files as one export; write the report to ``out``; return the exit status."""
    names = [os.fspath(path) for path in paths]
    if not names:
        if as_json:
            out.write(orjson.dumps({"status": UNREADABLE, "error": "no file given"}).decode() + "\n")
        else:
            out.write("audience-viewer --check: no file given\n")
        return UNREADABLE
    report = examine(names)
    if as_json:
        out.write(orjson.dumps(as_object(report), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        write_text(report, out)
    return report.status


def examine(names: list[str]) -> Report:
    """Read ``names`` as one export; never raises (the promise is: never a traceback, whatever the input)."""
    report = Report(names)
    readable: list[str] = []
    for name in names:
        if _regular_file(name):
            readable.append(name)
            continue
        try:  # missing, a folder, a FIFO: the loader refuses it before opening and says why
            load(name)
            readable.append(name)
        except LoadError as error:
            report.errors[name] = error
        except Exception as exc:
            report.failures[name] = f"{type(exc).__name__}: {exc}"
    if not readable:
        return report
    try:
        report.export = load(readable[0] if len(readable) == 1 else readable)
        if not report.export.duplicate_keys_checked:  # a big file: the window looks later, a check now
            report.export.add_problems(find_duplicate_keys(report.export.profiles))
    except LoadError as error:
        if len(readable) == 1:
            report.errors[readable[0]] = error
        else:  # nothing usable in any of them: say why for each
            for name in readable:
                _check_alone(report, name)
        return report
    except Exception as exc:
        report.failures[", ".join(readable)] = f"{type(exc).__name__}: {exc}"
        return report
    for profile in report.export.profiles:
        source = profile.source or ""
        report.profiles_per_file[source] = report.profiles_per_file.get(source, 0) + 1
    return report


def _regular_file(name: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(name).st_mode)
    except (OSError, ValueError):
        return False


def _check_alone(report: Report, name: str) -> None:
    try:
        load(name)
    except LoadError as error:
        report.errors[name] = error
    except Exception as exc:
        report.failures[name] = f"{type(exc).__name__}: {exc}"


def readable_export(names: list[str], command: str, err: TextIO) -> Export | None:
    """The export of ``names`` read as one, for a command that needs every file: None (said on ``err``) if not."""
    if not names:
        err.write(f"audience-viewer {command}: no FILE given\n")
        return None
    report = examine(names)
    unreadable = {**{n: shown_text(e.message) for n, e in report.errors.items()}, **report.failures,
                  **{n: shown_text(p.message) for n, p in failed_in_export(report).items()}}
    if unreadable or report.export is None:
        for name, message in unreadable.items():
            err.write(f"audience-viewer: {shown_name(name)}: cannot be read: {message}\n")
        return None
    return report.export


def failed_in_export(report: Report) -> dict[str, Problem]:
    """Files of the export that gave no profile and have an error of their own: they could not be read."""
    export = report.export
    if export is None or len(export.sources) < 2:
        return {}
    companion_paths = {file.path for file in export.companions.files} if export.companions else set()
    failed: dict[str, Problem] = {}
    for problem in export.problems:
        source = problem.source
        if (problem.path == "file" and problem.severity is Severity.ERROR and source is not None
                and source not in companion_paths and not report.profiles_per_file.get(source)):
            failed.setdefault(source, problem)
    return failed


# text ----------------------------------------------------------------------------------------------

def write_text(report: Report, out: TextIO) -> None:
    """The report for people, as ``--check`` has always printed it, with one part per unreadable file."""
    first = True
    for name, error in report.errors.items():
        if not first:
            out.write("\n")
        first = False
        out.write(f"{shown_name(name)}: cannot be read\n  {shown_text(error.message)}\n")
        for line in error.pointer().splitlines():
            out.write(f"  | {line}\n")
    for name, failure in report.failures.items():
        if not first:
            out.write("\n")
        first = False
        out.write(f"{shown_name(name)}: cannot be checked: {shown_text(failure)}\n")
    export = report.export
    if export is None:
        return
    if not first:
        out.write("\n")
    several = len(export.sources) > 1
    failed = failed_in_export(report)
    counts = export.counts()
    out.write(", ".join(shown_name(s) for s in export.sources) + "\n")
    if several:
        _write_files(report, failed, out)
    out.write(f"  shape:    {export.shape}" + (f" ({', '.join(export.notes)})" if export.notes else "") + "\n")
    out.write(
        f"  profiles: {len(export.profiles):,} "
        f"(live {counts['live']:,}, sandbox {counts['sandbox']:,}, unknown {counts['unknown']:,})\n"
    )
    serious = [p for p in export.problems if p.severity is not Severity.INFO]
    out.write(f"  problems: {len(serious):,}\n")
    for problem in export.problems:
        where = f"{os.path.basename(shown_name(problem.source))}: " if several and problem.source else ""
        line = f" (line {problem.line})" if problem.line is not None and "line " not in problem.message else ""
        out.write(f"  {problem.severity}: {where}{problem.path}{line}: {shown_text(problem.message)}\n")
    _write_companions(export, out)


def _write_files(report: Report, failed: dict[str, Problem], out: TextIO) -> None:
    export = report.export
    assert export is not None
    shapes = dict(zip(export.sources, export.shapes)) if len(export.shapes) == len(export.sources) else {}
    companions = {file.path: file for file in export.companions.files} if export.companions else {}
    out.write(f"  files:    {len(export.sources):,}\n")
    for source in export.sources:
        if source in failed:
            what = "cannot be read"
        elif source in companions:
            what = f"{KIND_LABELS[companions[source].kind]}, {companions[source].rows:,} rows"
        else:
            shape = f"{shapes[source]}, " if source in shapes else ""
            count = report.profiles_per_file.get(source, 0)
            what = f"{shape}{count:,} profile{'' if count == 1 else 's'}"
        out.write(f"    {shown_name(source)}: {what}\n")


def _write_companions(export: Export, out: TextIO) -> None:
    """One line per CSV file: its kind, its rows, and the rows that name no profile of the export."""
    if not export.companions:
        return
    out.write("  companion files:\n")
    alone = export.shape == "csv"  # no profile export opened: no row can match one
    for row in _companion_rows(export):
        dates = f", dates {row['date_format']}" if row["date_format"] else ""
        rows, unmatched, ids = row["rows"], row["unmatched_rows"], row["unmatched_ids"]
        matched = ("no profile export opened to match" if alone else
                   f"{unmatched:,} unmatched row{'' if unmatched == 1 else 's'} ({ids:,} integration "
                   f"ID{' is' if ids == 1 else 's are'} not in the export)")
        out.write(f"    {row['name']}: {KIND_LABELS[row['kind']]}, {rows:,} row{'' if rows == 1 else 's'}{dates}, "
                  f"{matched}\n")


def _companion_rows(export: Export) -> list[dict[str, Any]]:
    companions = export.companions
    rows = []
    for file in companions.files:
        if file.kind == "members":
            unmatched_rows = len(file.unmatched)
        else:
            rows_by_id = getattr(companions, file.kind)
            unmatched_rows = sum(1 for owner in file.unmatched for row in rows_by_id.get(owner, ())
                                 if getattr(row, "source", file.path) == file.path)
        rows.append({"name": shown_name(file.name), "path": shown_name(file.path), "kind": file.kind,
                     "rows": file.rows, "date_format": file.date_format or None,
                     "unmatched_rows": unmatched_rows, "unmatched_ids": len(file.unmatched)})
    return rows


# JSON ----------------------------------------------------------------------------------------------

def as_object(report: Report) -> dict[str, Any]:
    """The report as one JSON-ready object (``--check --json``)."""
    export = report.export
    failed = failed_in_export(report)
    shapes: dict[str, str] = {}
    if export is not None and len(export.shapes) == len(export.sources):
        shapes = dict(zip(export.sources, export.shapes))
    companion_paths = {file.path for file in export.companions.files} if export and export.companions else set()
    files = []
    for name in report.names:
        entry: dict[str, Any] = {"path": shown_name(name), "readable": True, "shape": shapes.get(name),
                                 "profiles": report.profiles_per_file.get(name, 0), "error": None}
        if name in companion_paths:
            entry["shape"] = "csv"
        if name in report.errors:
            entry.update(readable=False, shape=None, error=_error_object(report.errors[name]))
        elif name in report.failures:
            entry.update(readable=False, shape=None, error={"message": report.failures[name], "line": None,
                                                            "column": None})
        elif name in failed:
            problem = failed[name]
            entry.update(readable=False, shape=None, error={"message": shown_text(problem.message),
                                                            "line": problem.line, "column": problem.column})
        files.append(entry)
    result: dict[str, Any] = {"status": report.status, "files": files, "shape": None, "notes": [],
                              "profiles": 0, "counts": {"live": 0, "sandbox": 0, "unknown": 0},
                              "problem_counts": {"error": 0, "warning": 0, "info": 0}, "problems": [],
                              "companions": []}
    if export is None:
        return result
    problems = [_problem_object(problem, export) for problem in export.problems]
    severities = result["problem_counts"]
    for problem in export.problems:
        severities[problem.severity.value] += 1
    result.update(shape=export.shape, notes=[shown_text(n) for n in export.notes], profiles=len(export.profiles),
                  counts=export.counts(), problems=problems,
                  companions=_companion_rows(export) if export.companions else [])
    if export.has_more is not None:
        result["has_more"] = export.has_more
    return result


def _problem_object(problem: Problem, export: Export) -> dict[str, Any]:
    line = problem.line
    if line is None and problem.profile_index is not None:  # where the profile starts, once the reader says
        line = getattr(export.profiles[problem.profile_index], "line", None)
    return {"path": problem.path, "severity": problem.severity.value, "message": shown_text(problem.message),
            "line": line, "column": problem.column,
            "file": shown_name(problem.source) if problem.source else None,
            "profile": problem.profile_index, "field": problem.field}


def _error_object(error: LoadError) -> dict[str, Any]:
    return {"message": shown_text(error.message), "line": error.line, "column": error.column}
