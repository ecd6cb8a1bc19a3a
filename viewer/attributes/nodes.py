"""The nodes of the attribute tree: one JSON value each, children built on first use (no Qt).

Each ``Node`` wraps one JSON value and knows its parent and its row, so a Qt
model answers ``parent()`` without searching a sibling list. Children are made
on first use: a 100,000-element list costs nothing until someone opens it.
Arrays longer than ``CHUNK`` elements are split into range nodes
(``[0...99]``, ``[100...199]``; ranges of ranges for very large arrays) so that
expanding one level never creates more than ``CHUNK`` rows. Objects with more
than ``OBJECT_CHUNK`` keys (written by scripts, never by hand) get ranges of
``OBJECT_CHUNK`` keys the same way: a view lays out every row of an open level.
"""

from __future__ import annotations

import threading
from typing import Any, cast

from viewer.attributes import paths as attribute_paths
from viewer.attributes.paths import ROOT_NAME
from viewer.model.json_text import dumps
from viewer.model.times import date_only_text, local_time_text, parse_rfc3339
from viewer.model.values import (
    LIST,
    OBJECT,
    RANGE,
    STRING,
    TIME,
    container_summary,
    kind_of,
    one_line,
    scalar_text,
)

CHUNK = 100
OBJECT_CHUNK = 1000
DATE_TIME = "date-time"  # the Type column's word for an RFC 3339 string: the catalogue says "string (date-time)"
# Two threads (the GUI expanding a node, the filter indexing) may build the same
# children at once; the lock makes the first list win so every holder sees one set.
_CHILDREN_LOCK = threading.Lock()


class Node:
    """One value in the attribute tree; children are built on first access."""

    __slots__ = ("key", "value", "parent", "row", "kind", "_children")

    def __init__(self, key: str | int | None, value: Any, parent: Node | None, row: int) -> None:
        # dict key, absolute list index, or None for the root; ``(lo, hi)`` for a RangeNode
        self.key: str | int | tuple[int, int] | None = key
        self.value = value
        self.parent = parent
        self.row = row
        self.kind = kind_of(value)
        self._children: list[Node] | None = None

    # -- structure -----------------------------------------------------------------
    @property
    def is_container(self) -> bool:
        """Whether the node can have children (object, list or range)."""
        return self.kind in (OBJECT, LIST, RANGE)

    def child_count(self) -> int:
        """Number of child rows, computed without building the children."""
        if not self.is_container:
            return 0
        lo, hi = self._span()
        size, base = hi - lo, self._base()
        return size if size <= base else -(-size // range_step(size, base))

    @property
    def children(self) -> list[Node]:
        """The child nodes, in source order (built once, thread-safely)."""
        kids = self._children
        if kids is None:
            kids = self._build_children()
            with _CHILDREN_LOCK:
                if self._children is None:
                    self._children = kids
                kids = self._children
        return kids

    def _span(self) -> tuple[int, int]:
        return (0, len(self.value))

    def _base(self) -> int:
        """Most rows one level of this container may have before ranges are made."""
        return OBJECT_CHUNK if self.kind == OBJECT else CHUNK

    def _build_children(self) -> list[Node]:
        if not self.is_container:
            return []
        lo, hi = self._span()
        size, base = hi - lo, self._base()
        if self.kind == OBJECT:
            if size <= base:
                return [Node(k, v, self, i) for i, (k, v) in enumerate(self.value.items())]
            items, keyed = list(self.value.items()), True
        else:
            items, keyed = self.value, self.kind == RANGE and cast("RangeNode", self).keyed  # RANGE: a RangeNode
        if size <= base:
            if keyed:
                pairs = cast("list[tuple[Any, Any]]", items)  # an object's (key, value) pairs
                return [Node(*pairs[lo + i], self, i) for i in range(size)]
            return [Node(lo + i, items[lo + i], self, i) for i in range(size)]
        step = range_step(size, base)
        return [
            RangeNode(items, start, min(start + step, hi), self, row, keyed)
            for row, start in enumerate(range(lo, hi, step))
        ]

    def depth(self) -> int:
        """Levels below the root (top-level attributes are 1; ranges count)."""
        level, node = 0, self.parent
        while node is not None:
            level, node = level + 1, node.parent
        return level

    def path_keys(self) -> tuple[Any, ...]:
        """Keys from the root down, range nodes as ``(lo, hi)``: a stable identity."""
        return attribute_paths.path_keys(self)

    # -- text ------------------------------------------------------------------------
    @property
    def key_text(self) -> str:
        """The Key column: the object key, ``[3]`` for list elements."""
        if isinstance(self.key, str):
            return self.key
        if self.key is None:
            return cast(str, getattr(self, "root_name", ROOT_NAME))
        return f"[{self.key}]"

    @property
    def full_text(self) -> str:
        """The whole value as a person reads it (containers summarised)."""
        kind = self.kind
        if kind == OBJECT or kind == LIST:
            return container_summary(len(self.value), kind == OBJECT)
        if kind == TIME:
            moment = parse_rfc3339(self.value)
            if moment is None:
                return cast(str, self.value)
            return date_only_text(self.value) or local_time_text(moment)  # a birthday stays its date
        return scalar_text(self.value)

    @property
    def display_text(self) -> str:
        """The Value cell: one line, cut short for very long strings."""
        text = self.full_text
        return one_line(text) if self.kind == STRING else text

    @property
    def type_text(self) -> str:
        """The Type column: the kind, a time string as "date-time" (the overview's catalogue's word too)."""
        return DATE_TIME if self.kind == TIME else self.kind

    @property
    def match_text(self) -> str:
        """The value text the filter matches: as shown, times in their original form."""
        if self.kind in (STRING, TIME):
            return cast(str, self.value)
        return scalar_text(self.value)

    def copy_text(self) -> str:
        """What "Copy value" puts on the clipboard: raw scalars, compact JSON for containers."""
        if self.is_container:
            return dumps(self.json_value(), indent=None)
        if self.kind in (STRING, TIME):
            return cast(str, self.value)
        return scalar_text(self.value)

    def json_value(self) -> Any:
        """The JSON value under this node (a range node gives its slice of the list)."""
        return self.value

    def to_json(self) -> str:
        """The subtree as pretty JSON; integers keep every digit."""
        return dumps(self.json_value(), indent=2)

    # -- paths (range nodes are skipped, so a range names its parent) ---------------
    def path(self) -> str:
        """``attributes.Address.City``, ``attributes.Tags[0]``, ``attributes["a b"]``."""
        return attribute_paths.dotted_path(self)

    def jq_path(self) -> str:
        """The jq spelling: ``.attributes.Tags[0]``, ``.attributes["a b"]``."""
        return attribute_paths.jq_path(self)

    def __repr__(self) -> str:
        return f"<Node {self.path()} {self.kind}>"


class RootNode(Node):
    """A tree's root named otherwise than ``attributes`` (``""``: paths start at its keys)."""

    __slots__ = ("root_name",)

    def __init__(self, value: Any, root_name: str) -> None:
        super().__init__(None, value, None, 0)
        self.root_name = root_name


class RangeNode(Node):
    """A slice ``[lo, hi)`` of a long list or a huge object: a grouping row, invisible in paths.

    For an object (``keyed``) ``value`` is the object's ``(key, value)`` pairs.
    """

    __slots__ = ("lo", "hi", "keyed")

    def __init__(self, items: list[Any], lo: int, hi: int, parent: Node, row: int, keyed: bool = False) -> None:
        self.key = (lo, hi)
        self.value = items
        self.parent = parent
        self.row = row
        self.kind = RANGE
        self.lo = lo
        self.hi = hi
        self.keyed = keyed
        self._children = None

    def _span(self) -> tuple[int, int]:
        return (self.lo, self.hi)

    def _base(self) -> int:
        return OBJECT_CHUNK if self.keyed else CHUNK

    @property
    def key_text(self) -> str:
        if self.keyed:
            return f"{{{self.value[self.lo][0]} … {self.value[self.hi - 1][0]}}}"
        return f"[{self.lo}...{self.hi - 1}]"

    @property
    def full_text(self) -> str:
        return container_summary(self.hi - self.lo, self.keyed)

    def json_value(self) -> Any:
        if self.keyed:
            return dict(self.value[self.lo : self.hi])
        return self.value[self.lo : self.hi]


def range_step(size: int, base: int = CHUNK) -> int:
    """Elements per range so that one level holds at most ``base`` rows."""
    step = base
    while step * base < size:
        step *= base
    return step
