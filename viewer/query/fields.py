"""What a query term can name: the profile's own fields, and attribute paths (no Qt).

A profile field answers to its wire name (``totalSales``), its Python SDK name
(``total_sales``) and the profile list's column title (``Total sales``), all
case-insensitive: names are compared with case, spaces, ``_`` and ``-``
removed. Any other name is an attribute path (``Address.City``); the prefix
``attributes.`` reaches an attribute whose name is also a field's.

Values are read exactly by ``viewer.model.operands`` (``exact_number``,
``moment``), which the attribute filter shares.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from viewer.model.profile import Profile

FieldKind = Literal["number", "date", "text", "bool", "numbers"]
ATTRIBUTES_PREFIX = "attributes."


@dataclass(frozen=True, slots=True)
class ProfileField:
    """One field of the profile a query can compare: its name as shown and how to read it."""

    name: str  # the wire name, as help and completion show it
    kind: FieldKind
    read: Callable[[Profile], Any]


def _audience_count(profile: Profile) -> int:
    return len(profile.audience_memberships)


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("id", "number", lambda p: p.id),
    ProfileField("integrationId", "text", lambda p: p.integration_id),
    ProfileField("created", "date", lambda p: p.created),
    ProfileField("lastActivity", "date", lambda p: p.last_activity),
    ProfileField("accountId", "number", lambda p: p.account_id),
    ProfileField("closedSessions", "number", lambda p: p.closed_sessions),
    ProfileField("totalSales", "number", lambda p: p.total_sales),
    ProfileField("environment", "text", lambda p: p.environment),
    ProfileField("sandbox", "bool", lambda p: p.sandbox),
    ProfileField("audiences", "number", _audience_count),
    ProfileField("connectedAudiences", "numbers", lambda p: p.connected_audiences),
    ProfileField("connectedApplicationsIds", "numbers", lambda p: p.connected_applications_ids),
)

_ALIASES = {
    "integration_id": "integrationId", "Integration ID": "integrationId", "last_activity": "lastActivity",
    "Last activity": "lastActivity", "account_id": "accountId", "closed_sessions": "closedSessions",
    "Closed sessions": "closedSessions", "total_sales": "totalSales", "Total sales": "totalSales",
    "sales": "totalSales", "env": "environment", "audience_count": "audiences",
    "connected_audiences": "connectedAudiences", "connected_applications_ids": "connectedApplicationsIds",
    "applications": "connectedApplicationsIds",
}


def normal_name(name: str) -> str:
    """``Total sales``, ``total_sales`` and ``totalSales`` all read ``totalsales``."""
    return name.lower().replace("_", "").replace(" ", "").replace("-", "")


_BY_NAME: dict[str, ProfileField] = {normal_name(f.name): f for f in PROFILE_FIELDS}
_BY_NAME.update({normal_name(alias): _BY_NAME[normal_name(wire)] for alias, wire in _ALIASES.items()})


def profile_field(name: str) -> ProfileField | None:
    """The profile field ``name`` names (any spelling), or None for an attribute path."""
    return _BY_NAME.get(normal_name(name))


def attribute_path(name: str) -> tuple[str, ...]:
    """The lowercase keys of an attribute path: ``Address.City`` -> ``("address", "city")``."""
    lowered = name.lower()
    if lowered.startswith(ATTRIBUTES_PREFIX):
        lowered = lowered[len(ATTRIBUTES_PREFIX):]
    return tuple(lowered.split("."))


_MISSING = object()
MISSING = _MISSING  # what ``lookup`` gives for a key that is not there


_SPELLING: dict[str, str] = {}  # lowercase key -> the spelling last found in a file: tried first


def _child(node: dict[str, Any], key: str) -> Any:
    """``node[key]`` with a case-insensitive key (``key`` is lowercase), else ``_MISSING``.

    Profiles of one export spell their keys alike: trying the spelling seen last
    first made reading ``Address.Zip`` of 100,000 profiles about three times faster.
    """
    spelled = _SPELLING.get(key, key)
    if spelled in node:
        return node[spelled]
    if key in node:
        return node[key]
    for k, v in node.items():
        if k.lower() == key:
            _SPELLING[key] = k
            return v
    return _MISSING


def path_values(attributes: dict[str, Any], keys: tuple[str, ...]) -> tuple[Any, ...]:
    """The values at ``keys`` inside ``attributes``; a list on the way (or at the end) stands for its elements.

    ``Tags`` = ``["vip", "b2b"]`` gives ``("vip", "b2b")``; ``Orders.Amount`` over a
    list of orders gives every order's amount; a digit key indexes a list
    (``Tags.0``); an object at the end gives every value inside it, as the search
    index writes it. Missing keys, nulls and empty strings give nothing.
    """
    node: Any = attributes
    for depth, key in enumerate(keys):  # objects only, the common case: no lists to fan out
        if type(node) is not dict:
            return _fanned_out(node, keys[depth:]) if type(node) is list else ()
        node = _child(node, key)
        if node is _MISSING:
            return ()
    if type(node) is list or type(node) is dict:
        return tuple(value for value in leaves(node) if value is not None and value != "")
    return () if node is None or node == "" else (node,)


def _fanned_out(start: list[Any], keys: tuple[str, ...]) -> tuple[Any, ...]:
    nodes: list[Any] = [start]
    for key in keys:
        found: list[Any] = []
        for node in _elements(nodes):
            if isinstance(node, dict):
                child = _child(node, key)
                if child is not _MISSING:
                    found.append(child)
        if not found and key.isdigit():  # Tags.0: an element of a list
            for node in nodes:
                if isinstance(node, list) and int(key) < len(node):
                    found.append(node[int(key)])
        nodes = found
        if not nodes:
            return ()
    return tuple(value for value in leaves(nodes) if value is not None and value != "")


def _elements(nodes: list[Any]) -> Iterator[Any]:
    """The nodes with every list (also lists of lists) replaced by its elements, without recursion."""
    pending: list[Iterator[Any]] = [iter(nodes)]
    while pending:
        for node in pending[-1]:
            if isinstance(node, list):
                pending.append(iter(node))
                break
            yield node
        else:
            pending.pop()


def leaves(value: Any) -> Iterator[Any]:
    """Every scalar inside ``value`` (objects and lists walked, in document order), without recursion."""
    pending: list[Iterator[Any]] = [iter((value,))]
    while pending:
        for node in pending[-1]:
            if isinstance(node, dict):
                pending.append(iter(node.values()))
                break
            if isinstance(node, list):
                pending.append(iter(node))
                break
            yield node
        else:
            pending.pop()


def lookup(node: Any, key: str) -> Any:
    """``node[key]`` with a case-insensitive key (``key`` is lowercase; or a list index), else ``MISSING``."""
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for k, v in node.items():
            if k.lower() == key:
                return v
    elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return _MISSING
