"""Which rows of the attribute tree show, and in what order, under a filter and a Key sort (no Qt).

A filter result names the visible nodes; a container whose key matched shows its
whole subtree. The Key sort orders object members (and ranges of keys) by key,
case-insensitively; lists keep index order. Arranged child lists and rows are
cached per node until the filter or the sort changes.
"""

from __future__ import annotations

from viewer.attributes.filter import FilterResult
from viewer.attributes.nodes import Node
from viewer.model.values import OBJECT


class RowArrangement:
    """The children and rows a view shows for each node (the file's own when neither applies)."""

    __slots__ = ("result", "descending", "_kids", "_rows", "_open")

    def __init__(self) -> None:
        self.result: FilterResult | None = None  # the filter applied, or None
        self.descending: bool | None = None  # the Key sort, None for the file's order
        self._kids: dict[Node, list[Node]] = {}  # arranged children (filtered/sorted only)
        self._rows: dict[Node, int] = {}  # row of a node in its parent's arranged list
        self._open: set[Node] = set()  # matched containers: their whole subtree shows

    def set_result(self, result: FilterResult | None) -> None:
        """Show only ``result``'s visible nodes (None, an error or an empty query: everything)."""
        if result is not None and (result.error is not None or result.query.is_empty):
            result = None
        self.result = result
        self._open = {n for n in result.key_hits if n.is_container} if result else set()
        self.forget()

    def set_sort(self, descending: bool | None) -> None:
        """Sort object members by key (``None``: the order of the file)."""
        self.descending = descending
        self.forget()

    def forget(self) -> None:
        """Drop the cached arrangement (it is rebuilt on demand)."""
        self._kids.clear()
        self._rows.clear()

    def key_matched(self, node: Node) -> bool:
        """Whether the filter matched ``node``'s key."""
        return self.result is not None and node in self.result.key_hits

    def value_matched(self, node: Node) -> bool:
        """Whether the filter matched ``node``'s value."""
        return self.result is not None and node in self.result.value_hits

    def is_shown(self, node: Node) -> bool:
        """Whether ``node`` has a row under the filter."""
        if self.result is None:
            return True
        return node in self.result.visible or self._inside_match(node.parent)

    def children(self, node: Node) -> list[Node]:
        """``node``'s children as shown."""
        if self.result is None and self.descending is None:
            return node.children
        kids = self._kids.get(node)
        if kids is not None:
            return kids
        kids = node.children
        if self.result is not None and not self._inside_match(node):
            visible = self.result.visible
            kids = [k for k in kids if k in visible]
        if self.descending is not None and (node.kind == OBJECT or getattr(node, "keyed", False)):
            kids = sorted(kids, key=_sort_key, reverse=self.descending)
        self._kids[node] = kids
        rows = self._rows
        for row, kid in enumerate(kids):
            rows[kid] = row
        return kids

    def row(self, node: Node) -> int:
        """``node``'s row among its parent's children as shown."""
        if self.result is None and self.descending is None:
            return node.row
        row = self._rows.get(node)
        if row is None and node.parent is not None:
            self.children(node.parent)
            row = self._rows.get(node, node.row)
        return row if row is not None else node.row

    def _inside_match(self, node: Node | None) -> bool:
        """Whether ``node`` is a matched container or lies inside one (all shown)."""
        while node is not None:
            if node in self._open:
                return True
            node = node.parent
        return False


def _sort_key(node: Node) -> tuple[int, str, int]:
    key = node.key
    if isinstance(key, str):
        return (0, key.casefold(), node.row)
    return (1, "", node.row)  # list elements and ranges keep index order
