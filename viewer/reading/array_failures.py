"""What a damaged stretch of a JSON file cost, in words: which profile was lost, where, and why; text not read.

A person reading the problem list wants the lost profile named by its place
and by its neighbour (the one before it was read), not by a byte offset.
"""

from __future__ import annotations

from typing import Any

import orjson

from viewer.model.problems import Problem, Severity
from viewer.reading.array_pieces import Failure
from viewer.reading.decoding import Text, line_column, malformed, stray_byte
from viewer.reading.exact_numbers import loads
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


def text_after(text: Text, at: int, what: str = "the list") -> Problem:
    """The problem that the text at ``at``, after the profiles, was not read (``[...][...]``, a page's broken tail)."""
    line, column = line_column(text.data, at)
    return Problem("file", f"line {line}, column {column}: text after the end of {what} was not read"
                   f"{stray_byte(text.data, at)}", Severity.ERROR, line=line, column=column, source=text.name)


def value_before(text: Text, offset: int, end: int) -> tuple[Any, Problem]:
    """The value that ends (at ``end``) before text orjson would not read at ``offset``, and the problem saying so.

    Raises ``LoadError`` when that value is not JSON either.
    """
    data = text.data
    try:
        with memoryview(data) as view:
            value = loads(view[:end])
    except orjson.JSONDecodeError as exc:
        raise malformed(data, offset, str(exc).split(": line ")[0], text.name) from None
    line, column = line_column(data, offset)
    return value, Problem(
        "file", f"line {line}, column {column}: text after the end of the first value was not read "
        f"(a file holds one JSON value, or one per line for NDJSON){stray_byte(data, offset)}",
        Severity.ERROR, line=line, column=column, source=text.name)
