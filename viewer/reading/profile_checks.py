"""Checking one profile mapping and turning it into a ``Profile``.

The common case (every field present with the right type) runs through a
straight-line fast path; anything odd goes through the field-by-field check
that reports precisely what was wrong and still keeps the profile.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from viewer.model.numbers import beyond_double, number, number_text
from viewer.model.problems import Problem, Severity
from viewer.model.profile import FIELDS, Profile
from viewer.model.values import int_text, scalar_text
from viewer.reading.shapes import describe as _describe

_fromisoformat = datetime.fromisoformat
_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_EMPTY: tuple[()] = ()
MAX_INTEGRATION_ID = 1000

Report = Callable[[Problem], None]


def make_profile(data: dict[str, Any], index: int, path: str, source: str | None, report: Report) -> Profile:
    """Check every field of a mapping and build the profile; oddities go to ``report``."""
    profile = _new(Profile)
    profile.index = index
    profile.raw = data
    profile.source = source
    profile.where = None
    _checked(profile, data, path, source, report)
    return profile


def trusted_profile(data: dict[str, Any], index: int, source: str | None, snake: bool) -> Profile:
    """Build a profile from a mapping that ``batch.suspects`` found well-formed."""
    keys = _SNAKE_KEYS if snake else _WIRE_KEYS
    get = data.get
    profile = _new(Profile)
    profile.index = index
    profile.raw = data
    profile.source = source
    profile.where = None
    profile.snake_case = snake
    profile.id = get(keys[0])
    profile._created = get(keys[1])
    profile.integration_id = get(keys[2])
    profile.attributes = get(keys[3]) or {}
    profile.account_id = get(keys[4])
    profile.closed_sessions = get(keys[5])
    profile.total_sales = get(keys[6])
    profile._loyalty = get(keys[7]) or _EMPTY
    profile._audiences = get(keys[8]) or _EMPTY
    profile._last_activity = get(keys[9])
    profile.sandbox = get(keys[10])
    profile._applications = get(keys[11]) or _EMPTY
    profile._connected_audiences = get(keys[12]) or _EMPTY
    return profile


_new = object.__new__
_WIRE_KEYS = tuple(spec.wire for spec in FIELDS)
_SNAKE_KEYS = tuple(spec.name for spec in FIELDS)


def _checked(profile: Profile, data: dict[str, Any], path: str, source: str | None, report: Report) -> None:
    snake = _is_snake_case(data)
    profile.snake_case = snake

    def problem(name: str, message: str, severity: Severity = Severity.WARNING) -> None:
        where = f"{path}.{key_of(name)}" if path else key_of(name)
        report(Problem(where, message, severity, profile.index, name, source=source))

    def key_of(name: str) -> str:
        spec = _SPECS[name]
        primary, other = (spec.name, spec.wire) if snake else (spec.wire, spec.name)
        return other if primary not in data and other in data else primary

    for spec in FIELDS:
        key = key_of(spec.name)
        present = key in data
        value = data.get(key)
        if value is None:
            if spec.required and spec.name != "attributes":
                problem(spec.name, "missing (required)" if not present else "null (required)")
            _set(profile, spec.name, None if spec.kind in _SCALAR else _EMPTY)
            if spec.name == "attributes":
                profile.attributes = {}
            continue
        checker = _CHECKERS[spec.kind]
        converted, message = checker(value)
        if message:
            problem(spec.name, message, Severity.ERROR if converted is _BAD else Severity.WARNING)
        if converted is _BAD:
            converted = {} if spec.kind == "object" else (None if spec.kind in _SCALAR else _EMPTY)
        _set(profile, spec.name, converted)
    for where, value in _huge_numbers(profile.attributes):
        report(Problem(f"{path}.attributes.{where}" if path else f"attributes.{where}",
                       f"{number_text(value)} is beyond the range of a double (most systems cannot hold it); "
                       "shown as written", Severity.WARNING, profile.index, "attributes", source=source))


def _huge_numbers(attributes: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """Attribute values (by path) that are numbers a double cannot hold; an explicit stack, no recursion.

    Each value keeps only its own step and its parent's place; a path is spelled
    out for the values found alone. Spelling every value's path as it was met
    took memory growing with the square of the depth: 6 GB for a value 100,000 levels deep.
    """
    found: list[tuple[str, Decimal]] = []
    steps: list[tuple[int, str]] = []  # per value met: (its parent's place here, -1 at the top; its own step)
    stack: list[tuple[int, Any]] = []

    def meet(parent: int, step: str, value: Any) -> None:
        steps.append((parent, step))
        stack.append((len(steps) - 1, value))

    for key, value in attributes.items():
        meet(-1, str(key), value)
    while stack:
        at, value = stack.pop()
        if isinstance(value, Decimal):
            if beyond_double(value):
                found.append((_spelled(steps, at), value))
        elif isinstance(value, dict):
            for key, item in value.items():
                meet(at, f".{key}", item)
        elif isinstance(value, list):
            for number, item in enumerate(value):
                meet(at, f"[{number}]", item)
    return sorted(found, key=lambda item: item[0])


def _spelled(steps: list[tuple[int, str]], at: int) -> str:
    """The path of the value at ``at`` in ``steps``: ``Address.Codes[2]``."""
    parts: list[str] = []
    while at >= 0:
        at, step = steps[at]
        parts.append(step)
    return "".join(reversed(parts))


_SCALAR = {"int", "str", "datetime", "number", "bool"}
_SPECS = {spec.name: spec for spec in FIELDS}
_SLOT = {
    "created": "_created",
    "last_activity": "_last_activity",
    "loyalty_memberships": "_loyalty",
    "audience_memberships": "_audiences",
    "connected_applications_ids": "_applications",
    "connected_audiences": "_connected_audiences",
}
_BAD = object()


def _set(profile: Profile, name: str, value: Any) -> None:
    setattr(profile, _SLOT.get(name, name), value)


def _is_snake_case(data: dict[str, Any]) -> bool:
    snake = camel = 0
    for spec in FIELDS:
        if spec.wire != spec.name:
            camel += spec.wire in data
            snake += spec.name in data
    return snake > camel


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _show(value: Any, limit: int = 40) -> str:
    text = scalar_text(value) if not isinstance(value, (str, list, dict)) else '"' + value + '"' if isinstance(value, str) else _describe(value)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _check_int(value: Any) -> tuple[Any, str | None]:
    if type(value) is int:
        return value, None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value), f"a number written as a string ({_show(value)})"
    if type(value) is float and value.is_integer():
        return int(value), f"a whole number written as a decimal ({_show(value)})"
    return _BAD, f"expected a whole number, found {_type_name(value)} ({_show(value)})"


def _check_str(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str):
        if len(value) > MAX_INTEGRATION_ID:
            return value, f"{len(value):,} characters long (the API allows at most {MAX_INTEGRATION_ID:,})"
        return value, None
    if type(value) is int:
        return int_text(value), f"a number where text was expected ({_show(value)})"
    return _BAD, f"expected text, found {_type_name(value)} ({_show(value)})"


def _check_time(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, str):
        return _BAD, f"expected a date-time, found {_type_name(value)} ({_show(value)})"
    try:
        parsed = _fromisoformat(value)
    except ValueError:
        return _BAD, f"not a date-time: {_show(value)} (expected RFC 3339, e.g. 2020-06-10T09:05:27Z)"
    if parsed.tzinfo is None:
        return _BAD, f"date-time without a time zone: {_show(value)} (expected Z or an offset)"
    return value, None


def _check_number(value: Any) -> tuple[Any, str | None]:
    if type(value) is int or type(value) is float:
        return value, None
    if isinstance(value, Decimal):
        if beyond_double(value):
            return value, f"{number_text(value)} is beyond the range of a double (most systems cannot hold it)"
        return value, None
    if isinstance(value, str):
        written = value.strip()
        try:
            exact = number(written) if _NUMBER_TEXT.fullmatch(written) else None
        except ArithmeticError:
            exact = None
        if exact is None:
            return _BAD, f"expected a number, found text ({_show(value)})"
        return exact, f"a number written as a string ({_show(value)})"
    return _BAD, f"expected a number, found {_type_name(value)} ({_show(value)})"


def _check_bool(value: Any) -> tuple[Any, str | None]:
    if value is True or value is False:
        return value, None
    if value in ("true", "false"):
        return value == "true", f"a boolean written as a string ({_show(value)})"
    return _BAD, f"expected true or false, found {_type_name(value)} ({_show(value)}); shown as unknown"


def _check_object(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, dict):
        return value, None
    return _BAD, f"expected an object of attributes, found {_type_name(value)}"


def _check_list_of(kind: str) -> Callable[[Any], tuple[Any, str | None]]:
    def check(value: Any) -> tuple[Any, str | None]:
        if not isinstance(value, list):
            return _BAD, f"expected a list, found {_type_name(value)} ({_show(value)})"
        bad = [i for i, item in enumerate(value) if not _ITEM_OK[kind](item)]
        if bad:
            first = bad[0]
            message = f"item [{first}] is not {_ITEM_WHAT[kind]} ({_show(value[first])})"
            if len(bad) > 1:
                message += f"; {len(bad) - 1} more like it"
            return value, message
        return value, None

    return check


def _audience_ok(item: Any) -> bool:
    return type(item) is dict and type(item.get("id")) is int and isinstance(item.get("name"), str)


def _loyalty_ok(item: Any) -> bool:
    if type(item) is not dict:
        return False
    program = item.get("loyaltyProgramId", item.get("loyalty_program_id"))
    joined = item.get("joined")
    return type(program) is int and (joined is None or _check_time(joined)[1] is None)


_ITEM_OK = {"int_list": lambda item: type(item) is int, "audiences": _audience_ok, "loyalty": _loyalty_ok}
_ITEM_WHAT = {
    "int_list": "a whole number",
    "audiences": "an audience membership ({id, name})",
    "loyalty": "a loyalty membership ({loyaltyProgramId, joined})",
}
_CHECKERS: dict[str, Callable[[Any], tuple[Any, str | None]]] = {
    "int": _check_int,
    "str": _check_str,
    "datetime": _check_time,
    "number": _check_number,
    "bool": _check_bool,
    "object": _check_object,
    "int_list": _check_list_of("int_list"),
    "audiences": _check_list_of("audiences"),
    "loyalty": _check_list_of("loyalty"),
}
