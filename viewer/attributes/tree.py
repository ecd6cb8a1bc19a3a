"""A lazily built node tree over one profile's custom attributes (no Qt).

``AttributeTree`` owns the root ``Node`` and finds nodes again by their key
paths (as remembered across profiles). The pieces live in modules of their
own, and callers import them from there: the nodes (``viewer.attributes.nodes``),
their paths (``viewer.attributes.paths``), value kinds and text
(``viewer.model.values``, ``viewer.model.json_text``, ``viewer.model.times``).
"""

from __future__ import annotations

from typing import Any

from viewer.attributes.nodes import Node, RootNode, range_step
from viewer.attributes.paths import ROOT_NAME
from viewer.model.values import (
    OBJECT,
    RANGE,
    count_values,
)


class AttributeTree:
    """The node tree of one attributes value (usually a dict; None means none)."""

    __slots__ = ("root", "_key_rows")

    def __init__(self, attributes: Any, root_name: str = ROOT_NAME) -> None:
        """``root_name`` starts every path (``""``: none, for a value that is not a profile's attributes)."""
        value = {} if attributes is None else attributes
        self.root = Node(None, value, None, 0) if root_name == ROOT_NAME else RootNode(value, root_name)
        # key -> row per object, made only for objects that ``find`` searched, so
        # restoring many remembered paths in a wide object stays linear.
        self._key_rows: dict[Node, dict[Any, int]] = {}

    def find(self, keys: tuple[Any, ...]) -> Node | None:
        """The node at ``keys`` (as from ``Node.path_keys``), or None when absent."""
        node = self.root
        for key in keys:
            if not node.is_container:
                return None
            if isinstance(key, tuple):  # a range: one of this node's own children
                child = next((c for c in node.children if c.key == key), None)
            elif isinstance(key, str):
                owner = node
                while owner.kind == RANGE and owner.parent is not None:
                    owner = owner.parent
                if owner.kind != OBJECT:
                    return None
                positions = self._key_rows.get(owner)
                if positions is None:
                    positions = self._key_rows[owner] = {k: i for i, k in enumerate(owner.value)}
                position = positions.get(key)
                child = _descend(node, position) if position is not None else None
            elif node.kind != OBJECT:  # a list index: down through the ranges by arithmetic
                child = _descend(node, key)
            else:
                return None
            if child is None:
                return None
            node = child
        return node

    def count_nodes(self, limit: int) -> int:
        """Number of values in the tree, counting stops a little past ``limit``."""
        return count_values(self.root.value, limit)


def _descend(node: Node, position: int) -> Node | None:
    """The element at ``position`` of a list or object, through any range levels."""
    while True:
        lo, hi = node._span()
        if not isinstance(position, int) or not lo <= position < hi:
            return None
        kids, base = node.children, node._base()
        if hi - lo <= base:
            return kids[position - lo]
        node = kids[(position - lo) // range_step(hi - lo, base)]
