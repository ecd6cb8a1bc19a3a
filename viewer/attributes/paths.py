"""How a node of the attribute tree is named as a path (no Qt).

Two spellings, both skipping range nodes (they are grouping rows, not data):
``attributes.Address.City`` / ``attributes.Tags[0]`` / ``attributes["Key with space"]``
and the jq form ``.attributes.Tags[0]`` / ``.attributes["Key with space"]``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

from viewer.model.values import RANGE


class PathNode(Protocol):
    """What naming a path needs of a tree node: its key, its kind and its parent."""

    @property
    def key(self) -> Any: ...

    @property
    def kind(self) -> str: ...

    @property
    def parent(self) -> PathNode | None: ...


ROOT_NAME = "attributes"

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def dotted_path(node: PathNode) -> str:
    """``attributes.Address.City``, ``attributes.Tags[0]``, ``attributes["a b"]``.

    A tree whose root is named ``""`` (a customer session's parts) has paths
    without a root: ``cartItems[0].sku``.
    """
    name, tail = _root_name_and_tail(node)
    if name:
        return name + tail
    return (tail[1:] if tail.startswith(".") else tail) or "."


def jq_path(node: PathNode) -> str:
    """The jq spelling: ``.attributes.Tags[0]``, ``.attributes["a b"]`` (``.cartItems[0]`` without a root name)."""
    name, tail = _root_name_and_tail(node)
    if name:
        return "." + name + tail
    return tail if tail.startswith(".") else "." + tail


def path_keys(node: PathNode) -> tuple[Any, ...]:
    """Keys from the root down, range nodes as ``(lo, hi)``: a stable identity."""
    keys: list[Any] = []
    current: PathNode | None = node
    while current is not None and current.parent is not None:
        keys.append(current.key)
        current = current.parent
    return tuple(reversed(keys))


def _root_name_and_tail(node: PathNode) -> tuple[str, str]:
    """The root's name (``root_name`` of a named root, else ``ROOT_NAME``) and the path below it."""
    parts: list[str] = []
    current: PathNode = node
    while current.parent is not None:
        if current.kind != RANGE:
            parts.append(_path_step(current.key))
        current = current.parent
    return getattr(current, "root_name", ROOT_NAME), "".join(reversed(parts))


def path_step(key: str | int) -> str:
    """One step of a dotted path: ``.City``, ``[0]``, ``["Key with space"]`` (the comparisons name paths so too)."""
    return _path_step(key)


def _path_step(key: str | int) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    if _IDENT.match(key):
        return "." + key
    return "[" + json.dumps(key, ensure_ascii=False) + "]"
