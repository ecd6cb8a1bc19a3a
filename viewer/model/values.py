"""JSON values as the attribute tree names and shows them (no Qt).

The Type column's kind names (also the filter's matching kinds), the exact text
of a scalar (integers keep every digit, never through float), counting the values
of a subtree cheaply, and the few text rules a one-line cell needs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from viewer.model.numbers import number_text
from viewer.model.times import parse_rfc3339

# What the Type column says; also the matching kinds of the filter.
STRING = "string"
NUMBER = "number"
BOOLEAN = "boolean"
NULL = "null"
LIST = "list"
OBJECT = "object"
TIME = "time"
RANGE = "range"

DISPLAY_LIMIT = 500  # characters a cell ever receives; the view elides the rest


def int_text(value: int) -> str:
    """Every digit of an integer, also beyond CPython's 4,300-digit str() limit."""
    try:
        return str(value)
    except ValueError:
        sign, value = ("-", -value) if value < 0 else ("", value)
        parts: list[str] = []
        while value:
            value, low = divmod(value, 10**1000)
            parts.append(str(low))
        return sign + parts[-1] + "".join(p.zfill(1000) for p in reversed(parts[:-1]))


def cut_long_lines(text: str, limit: int) -> str:
    """``text`` with every line longer than ``limit`` characters cut, saying how much is hidden.

    Qt needs seconds to lay out a single line of megabytes; views show the start
    and say where the whole value is (the copy actions always copy all of it).
    """
    if len(text) <= limit:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) > limit:
            lines[i] = f"{line[:limit]} … [{len(line) - limit:,} more characters not shown; Copy value copies all]"
    return "\n".join(lines)


def grouped_int(value: int) -> str:
    """An integer with thousands separators (``1,299``), every digit kept."""
    digits = int_text(abs(value))
    groups = [digits[max(0, end - 3):end] for end in range(len(digits), 0, -3)]
    return ("-" if value < 0 else "") + ",".join(reversed(groups))


def scalar_text(value: Any) -> str:
    """The text of a JSON scalar exactly as the file wrote it (never through float)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int_text(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return number_text(value)  # as written: 1.10, 1E2
    return str(value)


def kind_of(value: Any) -> str:
    """The Type column text for a JSON value."""
    if isinstance(value, str):
        return TIME if parse_rfc3339(value) is not None else STRING
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, (int, float, Decimal)):  # Decimal: JSON cells of CSV exports, read exactly
        return NUMBER
    if isinstance(value, dict):
        return OBJECT
    if isinstance(value, (list, tuple)):
        return LIST
    return STRING


def plural(n: int, word: str) -> str:
    """``1 key`` / ``1,000 keys``."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def container_summary(size: int, keyed: bool) -> str:
    """What a container's Value cell says: ``{3 keys}`` or ``[12 items]``."""
    if keyed:
        return "{" + plural(size, "key") + "}"
    return "[" + plural(size, "item") + "]"


def one_line(text: str) -> str:
    """A string for a one-line cell: cut at ``DISPLAY_LIMIT``, line breaks shown as ↵."""
    if len(text) > DISPLAY_LIMIT:
        text = text[:DISPLAY_LIMIT] + "…"
    if "\n" in text or "\r" in text or "\t" in text:
        text = text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
        text = text.replace("\t", " ")
    return text


def count_values(value: Any, limit: int) -> int:
    """How many JSON values ``value`` holds, stopping once ``limit`` is passed."""
    count, stack = 0, [value]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            if len(item) > limit:
                return count + len(item)
            stack.extend(item)
    return count
