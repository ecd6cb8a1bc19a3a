"""Recognising the shapes an export comes in and finding the profiles inside.

Shapes: one bare profile, an array of profiles, a list
page ``{"data": [...], "hasMore": ...}``, Integration API wrappers
(``customerProfile``, ``profile``, ``integrationStates``) and NDJSON, each in
either key spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

import orjson

from viewer.model.profile import KNOWN_KEYS
from viewer.model.values import scalar_text

PROFILE = "profile"
ARRAY = "array"
PAGE = "page"
WRAPPER = "wrapper"
NDJSON = "ndjson"
SHAPES = (PROFILE, ARRAY, PAGE, WRAPPER, NDJSON)

# A page or integrationStates wrapper whose big array can be read in pieces:
# only small scalar members may come before the array.
_SMALL_MEMBER = rb'"[A-Za-z_]{1,40}"\s*:\s*(?:true|false|null|-?\d+|"[^"\\]{0,200}")\s*,\s*'
_SPACE = re.compile(rb"\s*")
PAGE_START = re.compile(rb'\s*\{\s*(?:' + _SMALL_MEMBER + rb')*"data"\s*:\s*\[')
STATES_START = re.compile(rb'\s*\{\s*(?:' + _SMALL_MEMBER + rb')*"integrationStates"\s*:\s*\[')


def looks_like_ndjson(data: bytes | bytearray, start: int) -> bool:
    """One complete JSON object on the first line and more text after it."""
    newline = data.find(b"\n", start)
    if newline < 0 or cast("re.Match[bytes]", _SPACE.match(data, newline)).end() == len(data):  # r"\s*": always
        return False
    first = data[start:newline].strip()
    if not (first.startswith(b"{") and first.endswith(b"}")):
        return False
    try:
        return isinstance(orjson.loads(first), dict)
    except orjson.JSONDecodeError:
        return False


def is_profile(value: dict[str, Any]) -> bool:
    """Whether a mapping is a customer profile (any field of AudienceCustomer)."""
    if "integrationId" in value or "integration_id" in value:
        return True
    return not value.keys().isdisjoint(KNOWN_KEYS) and "data" not in value


def profiles_in(value: Any, path: str) -> Iterator[tuple[dict[str, Any] | None, str, str | None]]:
    """Yield ``(profile mapping, its path, None)`` or ``(None, path, what was wrong)``."""
    if type(value) is dict:
        if "integrationId" in value or "integration_id" in value:
            yield value, path, None
            return
        data = value.get("data")
        if type(data) is list:
            for i, item in enumerate(data):
                yield from profiles_in(item, f"{path}.data[{i}]" if path else f"data[{i}]")
            return
        states = value.get("integrationStates", value.get("integration_states"))
        if type(states) is list:
            for i, state in enumerate(states):
                inner = f"{path}.integrationStates[{i}]" if path else f"integrationStates[{i}]"
                yield from _wrapped(state, inner)
            return
        for key in ("customerProfile", "customer_profile", "profile"):
            if type(value.get(key)) is dict:
                yield value[key], f"{path}.{key}" if path else key, None
                return
        if value.get("customerProfile", 0) is None and not is_profile(value):
            return  # an integration state without a profile (read piecewise): nothing wrong
        if is_profile(value):
            yield value, path, None
            return
        keys = ", ".join(list(value)[:6]) or "no keys"
        yield None, path, f"not a customer profile (an object with {keys})"
        return
    yield None, path, f"not a customer profile ({describe(value)})"


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
