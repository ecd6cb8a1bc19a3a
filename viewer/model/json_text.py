"""JSON text of plain values, exact for big integers and safe for deep nesting (no Qt).

``json_text`` is the fast path (orjson) for whole profiles; ``dumps`` is Python's
encoder with an iterative fallback, for subtrees a user copies. Both keep every
digit of integers beyond 64 bits, and neither fails on nesting deeper than the
recursion limit.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from viewer.model.values import scalar_text


def json_text(value: Any, indent: bool = False) -> str:
    """JSON text of ``value``; integers beyond 64 bits keep every digit."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0).decode()
    except (orjson.JSONEncodeError, TypeError):
        pass
    try:  # beyond 64-bit integers or orjson's nesting limit
        return json.dumps(value, indent=2 if indent else None, ensure_ascii=False)
    except (RecursionError, ValueError):  # deeper still, or ints beyond str()'s digit limit
        return _dumps_iterative(value, 2 if indent else None)


def dumps(value: Any, indent: int | None) -> str:
    """JSON text with big integers exact; deep nesting does not hit recursion limits."""
    try:
        if indent is None:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(value, ensure_ascii=False, indent=indent)
    except (RecursionError, ValueError):  # ValueError: ints beyond str()'s digit limit
        return _dumps_iterative(value, indent)


def _dumps_iterative(value: Any, indent: int | None) -> str:
    out: list[str] = []
    colon = ":" if indent is None else ": "
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
            pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
            end = "" if indent is None else "\n" + " " * (indent * level)
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
