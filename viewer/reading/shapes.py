"""Recognising the shapes an export comes in and finding the profiles inside.

Shapes: one bare profile, an array of profiles, a list
page ``{"data": [...], "hasMore": ...}``, Integration API wrappers
(``customerProfile``, ``profile``, ``integrationStates``) and NDJSON, each in
either key spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Tuple, Union, cast

import orjson

from viewer.model.problems import Problem, Severity
from viewer.model.profile import KNOWN_KEYS
from viewer.model.values import scalar_text
from viewer.reading.exact_numbers import loads

PROFILE = "profile"
ARRAY = "array"
PAGE = "page"
WRAPPER = "wrapper"
NDJSON = "ndjson"
SHAPES = (PROFILE, ARRAY, PAGE, WRAPPER, NDJSON)

# A page or integrationStates wrapper whose big array can be read in pieces:
# only small scalar members may come before the array.
_WS = rb"[ \t\n\r]*"  # JSON's white space (r"\s" also takes form feeds, which orjson then never sees)
_SMALL_MEMBER = rb'"[A-Za-z_]{1,40}"' + _WS + rb':' + _WS + rb'(?:true|false|null|-?\d+|"[^"\\]{0,200}")' + _WS + rb',' + _WS
_SPACE = re.compile(rb"\s*")
PAGE_START = re.compile(_WS + rb'\{' + _WS + rb'(?:' + _SMALL_MEMBER + rb')*"data"' + _WS + rb':' + _WS + rb'\[')
STATES_START = re.compile(_WS + rb'\{' + _WS + rb'(?:' + _SMALL_MEMBER + rb')*"integrationStates"' + _WS + rb':' + _WS
                          + rb'\[')


def looks_like_ndjson(data: bytes | bytearray, start: int) -> bool:
    """One complete JSON object on the first line and more text after it."""
    newline = data.find(b"\n", start)
    if newline < 0 or cast("re.Match[bytes]", _SPACE.match(data, newline)).end() == len(data):  # r"\s*": always
        return False
    first = data[start:newline].strip()
    if not (first.startswith(b"{") and first.endswith(b"}")):
        return False
    try:
        return isinstance(loads(first), dict)  # exact: a 1e400 or a 5,000-digit number is JSON too
    except orjson.JSONDecodeError:
        return False


def is_profile(value: dict[str, Any]) -> bool:
    """Whether a mapping is a customer profile (any field of AudienceCustomer)."""
    if "integrationId" in value or "integration_id" in value:
        return True
    return not value.keys().isdisjoint(KNOWN_KEYS) and "data" not in value


def profiles_in(value: Any, path: str) -> Iterator[tuple[dict[str, Any] | None, str, str | None]]:
    """Yield ``(profile mapping, its path, None)`` or ``(None, path, what was wrong)``.

    Pages inside pages are walked with a stack of their own, not by recursion,
    and a path is spelled out only when something is yielded there, so
    ``{"data": [{"data": [...]}]}`` nested 100,000 deep costs memory in
    proportion to its depth (spelling every level's path would take 40 GB).
    """
    pending: list[tuple[Iterator[tuple[int, Any]], _Path]] = [(iter(((-1, value),)), path)]
    while pending:
        items, parent = pending[-1]
        step = next(items, None)
        if step is None:
            pending.pop()
            continue
        index, value = step
        where: _Path = parent if index < 0 else (parent, index)
        if type(value) is not dict:
            yield None, _spelled(where), f"not a customer profile ({describe(value)})"
            continue
        if "integrationId" in value or "integration_id" in value:
            yield value, _spelled(where), None
            continue
        data = value.get("data")
        if type(data) is list:
            pending.append((enumerate(data), where))
            continue
        text = _spelled(where)
        states = value.get("integrationStates", value.get("integration_states"))
        if type(states) is list:
            for i, state in enumerate(states):
                inner = f"{text}.integrationStates[{i}]" if text else f"integrationStates[{i}]"
                yield from _wrapped(state, inner)
            continue
        key = next((k for k in ("customerProfile", "customer_profile", "profile") if type(value.get(k)) is dict), None)
        if key is not None:
            yield value[key], f"{text}.{key}" if text else key, None
        elif value.get("customerProfile", 0) is None and not is_profile(value):
            continue  # an integration state without a profile (read piecewise): nothing wrong
        elif is_profile(value):
            yield value, text, None
        else:
            keys = ", ".join(list(value)[:6]) or "no keys"
            yield None, text, f"not a customer profile (an object with {keys})"


# A path as ``(path of the page, index in its data list)`` links, down from the caller's text.
_Path = Union[str, Tuple[Any, int]]


def _spelled(where: _Path) -> str:
    """``data[0].data[3]`` from the links of ``where`` (walked without recursion)."""
    indices: list[int] = []
    while not isinstance(where, str):
        where, index = where
        indices.append(index)
    steps = "".join(f".data[{i}]" for i in reversed(indices))
    return where + steps if where else steps[1:]


def _wrapped(state: Any, path: str) -> Iterator[tuple[dict[str, Any] | None, str, str | None]]:
    if type(state) is dict:
        for key in ("customerProfile", "customer_profile", "profile"):
            if type(state.get(key)) is dict:
                yield state[key], f"{path}.{key}", None
                return
        if state.get("customerProfile", 0) is None:
            return  # an integration state without a profile: nothing to show, nothing wrong
    yield None, path, f"no customerProfile in this integration state ({describe(state)})"


def shape_of(value: Any) -> str | None:
    """The shape of a whole JSON document, or None when it holds no profiles at all."""
    if type(value) is list:
        return ARRAY
    if type(value) is not dict:
        return None
    if "integrationId" in value or "integration_id" in value:
        return PROFILE
    if type(value.get("data")) is list:
        return PAGE
    if any(key in value for key in ("integrationStates", "integration_states", "customerProfile",
                                     "customer_profile", "profile")):
        return WRAPPER
    return PROFILE if is_profile(value) else None


def describe(value: Any) -> str:
    """A short description of a JSON value for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {scalar_text(value)}"[:60]
    if isinstance(value, str):
        return "a string" if len(value) > 40 else f'the string "{value}"'
    if isinstance(value, list):
        return f"a list of {len(value)} items"
    if isinstance(value, dict):
        keys = ", ".join(list(value)[:6])
        return f"an object with {keys}" if keys else "an empty object"
    return type(value).__name__


def more_pages(total: object) -> Problem:
    """The note for a saved page that says ``hasMore``: ``total`` is its ``totalResultSize``, when it is a count."""
    more = f" ({total:,} in all)" if isinstance(total, int) and not isinstance(total, bool) else ""
    return Problem("hasMore", f"this is one page of a longer listing{more}: open the other saved pages "
                   "together with it to see every profile", Severity.INFO)
