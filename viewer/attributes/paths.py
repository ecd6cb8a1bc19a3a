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
    """``attributes.Address.City``, ``attributes.Tags[0]``, ``attributes["a b"]``."""
    return ROOT_NAME + _path_tail(node)


def jq_path(node: PathNode) -> str:
    """The jq spelling: ``.attributes.Tags[0]``, ``.attributes["a b"]``."""
    return "." + ROOT_NAME + _path_tail(node)


def path_keys(node: PathNode) -> tuple[Any, ...]:
    """Keys from the root down, range nodes as ``(lo, hi)``: a stable identity."""
    keys: list[Any] = []
    current: PathNode | None = node
    while current is not None and current.parent is not None:
        keys.append(current.key)
        current = current.parent
    return tuple(reversed(keys))


def _path_tail(node: PathNode) -> str:
    parts: list[str] = []
    current: PathNode | None = node
    while current is not None and current.parent is not None:
        if current.kind != RANGE:
            parts.append(_path_step(current.key))
        current = current.parent
    return "".join(reversed(parts))


def _path_step(key: str | int) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    if _IDENT.match(key):
        return "." + key
    return "[" + json.dumps(key, ensure_ascii=False) + "]"
