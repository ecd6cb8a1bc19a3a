"""What counts as the same value when two profiles are compared, and how a profile flattens into paths.

A profile becomes ``{path: leaf}``: top-level fields under their API (camelCase)
names whatever spelling the file used (``totalSales``), attributes under their
paths as the attribute tree spells them (``attributes.Address.City``,
``attributes["Churn risk"]``: a key that is no identifier is quoted, so a key
with a dot is not taken for two levels). Objects are walked, lists are leaves
(``attributes.Tags`` changed from ``["vip"]`` to ``["vip", "b2b"]`` says more
than an index-by-index diff), and so is an empty object.

Two leaves are the same when they are the same JSON value: key order never
matters, numbers are compared by value exactly (``1.10`` = ``1.1``, ``1E2`` =
``100``; int, float and Decimal compared without rounding), and ``true`` is not
``1``. Walking is iterative and stops at ``DEPTH_LIMIT`` levels (a deeper
subtree is one leaf), so a hostile file nested 100,000 levels deep costs no
recursion and no quadratic path strings.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

from viewer.attributes.paths import path_step
from viewer.model.json_text import json_text
from viewer.model.profile import FIELDS, Profile
from viewer.model.values import scalar_text

DEPTH_LIMIT: Final = 64
TEXT_LIMIT: Final = 120  # characters of a value kept in a transition
ATTRIBUTES: Final = "attributes"


class _Missing:
    """The value of a path a profile does not have."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing()
MISSING_TEXT: Final = "(missing)"

_WIRE = {spec.name: spec.wire for spec in FIELDS}  # snake_case -> camelCase; camelCase keys map to themselves
_NUMBER = (int, float, Decimal)


def wire_name(key: str) -> str:
    """The API (camelCase) name of a top-level key, whatever spelling the file used."""
    return _WIRE.get(key, key)


def flatten(profile: Profile) -> dict[str, Any]:
    """``{path: leaf}`` of a profile in file order (see the module docstring)."""
    flat: dict[str, Any] = {}
    for key, value in profile.raw.items():
        name = wire_name(key)
        if name == ATTRIBUTES and type(value) is dict and value:
            _walk(value, ATTRIBUTES, flat)
        else:
            flat[name] = value
    return flat


def _walk(mapping: dict[str, Any], prefix: str, flat: dict[str, Any]) -> None:
    """Put the leaves of ``mapping`` into ``flat`` under ``prefix.key...``, depth first, in file order."""
    stack: list[tuple[str, Any, int]] = [(prefix + _step(k), v, 1) for k, v in reversed(mapping.items())]
    while stack:
        path, value, depth = stack.pop()
        if type(value) is dict and value and depth < DEPTH_LIMIT:
            stack.extend((path + _step(k), v, depth + 1) for k, v in reversed(value.items()))
        else:
            flat[path] = value


@lru_cache(maxsize=4096)
def _step(key: str) -> str:
    """``.City`` or ``["Churn risk"]``; cached: an export's profiles share their few keys."""
    return path_step(key)


def same(left: Any, right: Any) -> bool:
    """Whether two JSON values are the same value (key order and number spelling aside; ``true`` is not ``1``)."""
    stack = [(left, right)]
    while stack:
        a, b = stack.pop()
        ta, tb = type(a), type(b)
        if ta is dict or tb is dict:
            if ta is not tb or a.keys() != b.keys():
                return False
            stack.extend((value, b[key]) for key, value in a.items())
        elif ta is list or tb is list:
            if ta is not tb or len(a) != len(b):
                return False
            stack.extend(zip(a, b))
        elif ta is bool or tb is bool or a is None or b is None or isinstance(a, str) or isinstance(b, str):
            if ta is not tb or a != b:
                return False
        elif isinstance(a, _NUMBER) and isinstance(b, _NUMBER):
            if not _same_number(a, b):
                return False
        elif a != b:
            return False
    return True


def _same_number(a: int | float | Decimal, b: int | float | Decimal) -> bool:
    """Exact equality by value. Python's int == float and Decimal == int are exact; a float meets a Decimal
    through the digits it was read from, so ``1.1`` (float) equals ``Decimal("1.1")``."""
    if isinstance(a, float) and isinstance(b, Decimal):
        a = Decimal(repr(a))
    elif isinstance(b, float) and isinstance(a, Decimal):
        b = Decimal(repr(b))
    try:
        return bool(a == b)
    except (ArithmeticError, ValueError):  # a NaN Decimal: never the same
        return False


def value_text(value: Any, limit: int = TEXT_LIMIT) -> str:
    """A leaf as the file wrote it, one line, cut at ``limit`` characters (``(missing)`` for none)."""
    if value is MISSING:
        return MISSING_TEXT
    if isinstance(value, (dict, list)):
        text = json_text(value)
    elif isinstance(value, Decimal) and hasattr(value, "text"):
        text = str(value.text)
    else:
        text = scalar_text(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")


def exact_decimal(value: Any) -> Decimal | None:
    """A number as an exact Decimal (a float through the digits it was read from); None for anything else."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return None


def money(value: Decimal, *, signed: bool = False) -> str:
    """Two decimals with thousands separators, computed from the exact Decimal (``+1,299.99``)."""
    text = f"{value:,.2f}"  # Decimal formatting rounds exactly, at any size
    if text == "-0.00":
        text = "0.00"
    return ("+" + text) if signed and text != "0.00" and value > 0 else text
