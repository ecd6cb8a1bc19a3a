"""Checking many profile mappings at once.

A field-by-field check in Python costs a few microseconds per profile, as much
as parsing it. Here each field is pulled out of a whole batch with C-level
``map``/``set`` operations, and only the mappings that fail a check go on to
the field-by-field check that says what is wrong.
"""

from __future__ import annotations

from datetime import datetime
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from typing import Any

from viewer.model.profile import FIELDS

_NONE: type = type(None)
_INT = frozenset({int})
_NUMBER = frozenset({int, float})
_TEXT = frozenset({str})
_OBJECT = frozenset({dict, _NONE})
_FLAG = frozenset({bool, _NONE})
_LIST = frozenset({list, _NONE})
_ABSENT = frozenset({_NONE})
_zone = attrgetter("tzinfo")
_fromisoformat = datetime.fromisoformat
MAX_INTEGRATION_ID = 1000


def spelling(data: dict[str, Any]) -> bool:
    """True when a mapping uses the Python SDK's snake_case keys."""
    return "integration_id" in data and "integrationId" not in data


def suspects(batch: list[dict[str, Any]], snake: bool, columns: dict[str, list[Any]] | None = None) -> set[int]:
    """Indices of mappings in ``batch`` that need the field-by-field check.

    ``columns``, when given, receives each field's values across the batch
    (keyed by Python name) for callers that need them too.
    """
    keys = {spec.name: (spec.name if snake else spec.wire) for spec in FIELDS}
    bad: set[int] = set()
    found = _columns(batch, [keys[spec.name] for spec in FIELDS])
    if columns is not None:
        columns.update(found)
    columns = found

    def require(name: str, allowed: frozenset[type]) -> list[Any]:
        values = columns[name]
        if not set(map(type, values)) <= allowed:
            bad.update(i for i, value in enumerate(values) if type(value) not in allowed)
        return values

    require("id", _INT)
    require("account_id", _INT)
    require("closed_sessions", _INT)
    require("total_sales", _NUMBER)
    require("attributes", _OBJECT)
    require("sandbox", _FLAG)
    require("loyalty_memberships", _ABSENT)  # any legacy list gets the full check
    ids = require("integration_id", _TEXT)
    texts = ids if not bad else [v for v in ids if type(v) is str]
    if max(map(len, texts), default=0) > MAX_INTEGRATION_ID:
        bad.update(i for i, value in enumerate(ids) if isinstance(value, str) and len(value) > MAX_INTEGRATION_ID)
    for name in ("created", "last_activity"):
        _check_times(require(name, _TEXT), bad)
    _check_lists(require("audience_memberships", _LIST), bad, _audiences_ok)
    _check_lists(require("connected_applications_ids", _LIST), bad, _ints_ok)
    _check_lists(require("connected_audiences", _LIST), bad, _ints_ok)
    return bad


def _columns(batch: list[dict[str, Any]], keys: list[str]) -> dict[str, list[Any]]:
    """Each field's values across the batch, keyed by the field's Python name."""
    try:
        # one C call per mapping when every mapping has every key (the usual case)
        rows = list(map(itemgetter(*keys), batch))
        values: list[Any] = list(zip(*rows)) if rows else [() for _ in keys]  # tuples: no copies
    except KeyError:
        count = len(batch)
        values = [list(map(dict.get, batch, repeat(key, count))) for key in keys]
    return {spec.name: column for spec, column in zip(FIELDS, values)}


def _check_times(values: list[Any], bad: set[int]) -> None:
    try:
        parsed = list(map(_fromisoformat, values))
    except (TypeError, ValueError):
        bad.update(i for i, value in enumerate(values) if not _is_time(value))
        return
    if None in set(map(_zone, parsed)):
        bad.update(i for i, value in enumerate(parsed) if value.tzinfo is None)


def _is_time(value: Any) -> bool:
    try:
        return _fromisoformat(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


def _check_lists(values: list[Any], bad: set[int], items_ok: Any) -> None:
    if set(map(type, values)) <= _LIST:
        items = list(chain.from_iterable(filter(None, values)))  # all lists or None: C speed
    else:
        items = list(chain.from_iterable(v for v in values if type(v) is list))
    if not items_ok(items):
        bad.update(i for i, value in enumerate(values) if type(value) is list and not items_ok(value))


def _ints_ok(items: list[Any]) -> bool:
    return not items or set(map(type, items)) == _INT


def _audiences_ok(items: list[Any]) -> bool:
    if not items:
        return True
    if set(map(type, items)) != {dict}:
        return False
    count = len(items)
    return (
        set(map(type, map(dict.get, items, repeat("id", count)))) == _INT
        and set(map(type, map(dict.get, items, repeat("name", count)))) == _TEXT
    )
