"""What a damaged stretch of a JSON array cost, in words: which profile was lost, where, and why.

A person reading the problem list wants the lost profile named by its place
and by its neighbour (the one before it was read), not by a byte offset.
"""

from __future__ import annotations

from viewer.model.problems import Problem, Severity
from viewer.reading.array_pieces import Failure
from viewer.reading.decoding import line_column, stray_byte
from viewer.reading.lazy_profiles import ProfileList


def failure_problem(data: bytes | bytearray, name: str, failure: Failure, read_so_far: int,
                    profiles: ProfileList) -> Problem:
    """The problem for ``failure`` in the array of ``data``, after ``read_so_far`` profiles of the file."""
    line, column = line_column(data, failure.offset)
    if failure.kind == "truncated":
        message = (f"the file ends early at line {line}, column {column} (an incomplete download?): "
                   f"the {read_so_far:,} profiles before it were read, the rest is missing")
    elif failure.kind == "depth":  # what was lost first: a narrow Message column shows the start
        message = f"{_skipped(read_so_far, profiles)} was skipped: at line {line}, column {column} a value is " \
                  f"{failure.message}"
    elif failure.message.startswith("too many errors"):
        message = f"line {line}, column {column}: {failure.message}"
    else:
        message = (f"{_skipped(read_so_far, profiles)} was skipped, reading went on after it: "
                   f"line {line}, column {column} is not valid JSON ({failure.message}"
                   f"{stray_byte(data, failure.offset)})")
    return Problem("file", message, Severity.ERROR, line=line, column=column, source=name)


def _skipped(read_so_far: int, profiles: ProfileList) -> str:
    """Names the profile lost to damage after ``read_so_far`` profiles of the file: by position and neighbour."""
    if read_so_far == 0 or not profiles:
        return "the first profile of the file"
    before = profiles[len(profiles) - 1]
    neighbour = f"integration ID {before.integration_id}" if before.integration_id else f"profile {read_so_far}"
    return f"profile {read_so_far + 1:,} of the file (the one after {neighbour})"
