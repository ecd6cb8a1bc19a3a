"""How a node of the attribute tree is named as a path (no Qt).

Two spellings, both skipping range nodes (they are grouping rows, not data):
``attributes.Address.City`` / ``attributes.Tags[0]`` / ``attributes["Key with space"]``
and the jq form ``.attributes.Tags[0]`` / ``.attributes["Key with space"]``.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from viewer.model.values import RANGE

if TYPE_CHECKING:
    from viewer.attributes.nodes import Node

ROOT_NAME = "attributes"

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def dotted_path(node: Node) -> str:
    """``attributes.Address.City``, ``attributes.Tags[0]``, ``attributes["a b"]``."""
    return ROOT_NAME + _path_tail(node)


def jq_path(node: Node) -> str:
    """The jq spelling: ``.attributes.Tags[0]``, ``.attributes["a b"]``."""
    return "." + ROOT_NAME + _path_tail(node)


def path_keys(node: Node) -> tuple[Any, ...]:
    """Keys from the root down, range nodes as ``(lo, hi)``: a stable identity."""
    keys: list[Any] = []
    current: Node | None = node
    while current is not None and current.parent is not None:
        keys.append(current.key)
        current = current.parent
    return tuple(reversed(keys))


def _path_tail(node: Node) -> str:
    parts: list[str] = []
    current: Node | None = node
    while current is not None and current.parent is not None:
        if current.kind != RANGE:
            parts.append(_path_step(current.key))
        current = current.parent
    return "".join(reversed(parts))


def _path_step(key: Any) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    if _IDENT.match(key):
        return "." + key
    return "[" + json.dumps(key, ensure_ascii=False) + "]"
