"""JSON text of plain values, exact for big integers and safe for deep nesting (no Qt).

``json_text`` is the fast path (orjson) for whole profiles; ``dumps`` is Python's
encoder with an iterative fallback, for subtrees a user copies. Both keep every
digit of integers beyond 64 bits. Values nested deeper than ``STDLIB_DEPTH``
never reach the standard library's recursive encoder: they go to an iterative
writer, which renders 100,000 levels in 0.3-0.6 s. Pretty text indents the
first ``PRETTY_LEVELS`` levels and writes deeper ones compactly, so 100,000
levels of ``{"a": ...}`` are 0.73 MB of text instead of the 20 GB of spaces
full indentation would take.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import orjson

from viewer.model.numbers import number_text
from viewer.model.values import scalar_text

STDLIB_DEPTH = 500  # below the default recursion limit of 1,000, with room for the caller's frames
PRETTY_LEVELS = 256  # indented levels of pretty text; deeper values are written on one line


def json_text(value: Any, indent: bool = False) -> str:
    """JSON text of ``value``; integers beyond 64 bits keep every digit."""
    try:
        return orjson.dumps(value, default=_exact_number, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (orjson.JSONEncodeError, TypeError):
        pass
    if nested_deeper_than(value, STDLIB_DEPTH):  # beyond orjson's 255 levels and the stdlib's reach
        return _dumps_iterative(value, 2 if indent else None)
    try:  # beyond 64-bit integers or orjson's nesting limit
        return json.dumps(value, indent=2 if indent else None, ensure_ascii=False)
    except (RecursionError, ValueError, TypeError):  # deep in a stack, ints beyond str()'s limit, a Decimal
        return _dumps_iterative(value, 2 if indent else None)


def _exact_number(value: Any) -> Any:
    """orjson's hook for what it cannot write: a Decimal is written as its digits (``1.10``, ``1E2``)."""
    if isinstance(value, Decimal):
        return orjson.Fragment(number_text(value))
    raise TypeError


def dumps(value: Any, indent: int | None) -> str:
    """JSON text with big integers exact; deep nesting does not hit recursion limits."""
    if nested_deeper_than(value, STDLIB_DEPTH):
        return _dumps_iterative(value, indent)
    try:
        if indent is None:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(value, ensure_ascii=False, indent=indent)
    except (RecursionError, ValueError, TypeError):  # ints beyond str()'s digit limit; TypeError: Decimal
        return _dumps_iterative(value, indent)


def nested_deeper_than(value: Any, levels: int) -> bool:
    """Whether ``value`` has containers nested more than ``levels`` deep (a walk without recursion)."""
    if not isinstance(value, (dict, list)):
        return False
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, level = pending.pop()
        if level > levels:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)) and child:
                pending.append((child, level + 1))
            elif isinstance(child, (dict, list)) and level + 1 > levels:
                return True
    return False


def _dumps_iterative(value: Any, indent: int | None) -> str:
    out: list[str] = []
    width = indent or 0
    # Each stack entry is either a value to write or a literal string to emit.
    stack: list[tuple[bool, Any, int]] = [(False, value, 0)]
    while stack:
        literal, item, level = stack.pop()
        if literal:
            out.append(item)
            continue
        if isinstance(item, (dict, list)) and item:
            opener, closer = ("{", "}") if isinstance(item, dict) else ("[", "]")
            pairs = list(item.items()) if isinstance(item, dict) else [(None, v) for v in item]
            flat = indent is None or level >= PRETTY_LEVELS  # deeper than that: one line
            pad = "" if flat else "\n" + " " * (width * (level + 1))
            end = "" if flat else "\n" + " " * (width * level)
            colon = ":" if flat else ": "
            out.append(opener)
            stack.append((True, end + closer, level))
            for i in range(len(pairs) - 1, -1, -1):
                key, child = pairs[i]
                stack.append((False, child, level + 1))
                head = ("," if i else "") + pad
                if key is not None:
                    head += json.dumps(key, ensure_ascii=False) + colon
                stack.append((True, head, level))
        elif isinstance(item, (dict, list)):
            out.append("{}" if isinstance(item, dict) else "[]")
        elif isinstance(item, str):
            out.append(json.dumps(item, ensure_ascii=False))
        else:
            out.append(scalar_text(item))
    return "".join(out)
