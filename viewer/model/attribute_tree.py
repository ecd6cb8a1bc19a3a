"""A lazily built node tree over one profile's custom attributes (no Qt).

Each ``Node`` wraps one JSON value and knows its parent and its row, so a Qt
model answers ``parent()`` without searching a sibling list. Children are made
on first use: a 100,000-element list costs nothing until someone opens it.
Arrays longer than ``CHUNK`` elements are split into range nodes
(``[0...99]``, ``[100...199]``; ranges of ranges for very large arrays) so that
expanding one level never creates more than ``CHUNK`` rows. Objects with more
than ``OBJECT_CHUNK`` keys (written by scripts, never by hand) get ranges of
``OBJECT_CHUNK`` keys the same way: a view lays out every row of an open level.

Paths come in two spellings, both skipping range nodes:
``attributes.Address.City`` / ``attributes.Tags[0]`` / ``attributes["Key with space"]``
and the jq form ``.attributes.Tags[0]`` / ``.attributes["Key with space"]``.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import datetime
from typing import Any

CHUNK = 100
OBJECT_CHUNK = 1000
ROOT_NAME = "attributes"

# What the Type column says; also the matching kinds of the filter.
STRING = "string"
NUMBER = "number"
BOOLEAN = "boolean"
NULL = "null"
LIST = "list"
OBJECT = "object"
TIME = "time"
RANGE = "range"

_RFC3339 = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?P<frac>\.\d+)?(?P<tz>[Zz]|[+-]\d{2}:\d{2})\Z"
)
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DISPLAY_LIMIT = 500  # characters a cell ever receives; the view elides the rest
# Two threads (the GUI expanding a node, the filter indexing) may build the same
# children at once; the lock makes the first list win so every holder sees one set.
_CHILDREN_LOCK = threading.Lock()


def parse_rfc3339(text: str) -> datetime | None:
    """The tz-aware datetime an RFC 3339 date-time string denotes, else None."""
    if len(text) < 20 or len(text) > 40 or text[4] != "-":
        return None
    match = _RFC3339.match(text)
    if match is None:
        return None
    frac = match.group("frac") or ""
    tz = match.group("tz")
    # Python 3.11 reads at most 6 fractional digits; .NET writes 7.
    iso = text[:19].replace("t", "T").replace(" ", "T") + frac[:7]
    iso += "+00:00" if tz in ("Z", "z") else tz
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def local_time_text(moment: datetime) -> str:
    """A time as the user's clock shows it: ``2020-06-10 11:05:27 CEST``."""
    try:
        local = moment.astimezone()
    except (OverflowError, ValueError, OSError):  # years 1 and 9999 at the edges
        local = moment
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname() or ''}".rstrip()


def int_text(value: int) -> str:
    """Every digit of an integer, also beyond CPython's 4,300-digit str() limit."""
    try:
        return str(value)
    except ValueError:
        sign, value = ("-", -value) if value < 0 else ("", value)
        parts: list[str] = []
        while value:
            value, low = divmod(value, 10**1000)
            parts.append(str(low))
        return sign + parts[-1] + "".join(p.zfill(1000) for p in reversed(parts[:-1]))


def scalar_text(value: Any) -> str:
    """The text of a JSON scalar exactly as the file wrote it (never through float)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int_text(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def kind_of(value: Any) -> str:
    """The Type column text for a JSON value."""
    if isinstance(value, str):
        return TIME if parse_rfc3339(value) is not None else STRING
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOLEAN
    if isinstance(value, (int, float)):
        return NUMBER
    if isinstance(value, dict):
        return OBJECT
    if isinstance(value, (list, tuple)):
        return LIST
    return STRING


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


class Node:
    """One value in the attribute tree; children are built on first access."""

    __slots__ = ("key", "value", "parent", "row", "kind", "_children")

    def __init__(self, key: str | int | None, value: Any, parent: Node | None, row: int) -> None:
        self.key = key  # dict key, absolute list index, or None for the root
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
        return size if size <= base else -(-size // _range_step(size, base))

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
            items, keyed = self.value, self.kind == RANGE and self.keyed  # type: ignore[attr-defined]
        if size <= base:
            if keyed:
                return [Node(*items[lo + i], self, i) for i in range(size)]
            return [Node(lo + i, items[lo + i], self, i) for i in range(size)]
        step = _range_step(size, base)
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
        keys: list[Any] = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            keys.append(node.key)
            node = node.parent
        return tuple(reversed(keys))

    # -- text ------------------------------------------------------------------------
    @property
    def key_text(self) -> str:
        """The Key column: the object key, ``[3]`` for list elements."""
        if isinstance(self.key, str):
            return self.key
        if self.key is None:
            return ROOT_NAME
        return f"[{self.key}]"

    @property
    def full_text(self) -> str:
        """The whole value as a person reads it (containers summarised)."""
        kind = self.kind
        if kind == OBJECT:
            return "{" + _plural(len(self.value), "key") + "}"
        if kind == LIST:
            return "[" + _plural(len(self.value), "item") + "]"
        if kind == TIME:
            moment = parse_rfc3339(self.value)
            return local_time_text(moment) if moment is not None else self.value
        return scalar_text(self.value)

    @property
    def display_text(self) -> str:
        """The Value cell: one line, cut short for very long strings."""
        text = self.full_text
        if self.kind == STRING:
            if len(text) > _DISPLAY_LIMIT:
                text = text[:_DISPLAY_LIMIT] + "…"
            if "\n" in text or "\r" in text or "\t" in text:
                text = text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
                text = text.replace("\t", " ")
        return text

    @property
    def type_text(self) -> str:
        """The Type column."""
        return self.kind

    @property
    def match_text(self) -> str:
        """The value text the filter matches: as shown, times in their original form."""
        if self.kind in (STRING, TIME):
            return self.value
        return scalar_text(self.value)

    def copy_text(self) -> str:
        """What "Copy value" puts on the clipboard: raw scalars, compact JSON for containers."""
        if self.is_container:
            return dumps(self.json_value(), indent=None)
        if self.kind in (STRING, TIME):
            return self.value
        return scalar_text(self.value)

    def json_value(self) -> Any:
        """The JSON value under this node (a range node gives its slice of the list)."""
        return self.value

    def to_json(self) -> str:
        """The subtree as pretty JSON; integers keep every digit."""
        return dumps(self.json_value(), indent=2)

    # -- paths -----------------------------------------------------------------------
    def path(self) -> str:
        """``attributes.Address.City``, ``attributes.Tags[0]``, ``attributes["a b"]``."""
        return ROOT_NAME + self._path_tail()

    def jq_path(self) -> str:
        """The jq spelling: ``.attributes.Tags[0]``, ``.attributes["a b"]``."""
        return "." + ROOT_NAME + self._path_tail()

    def _path_tail(self) -> str:
        parts: list[str] = []
        node: Node | None = self
        while node is not None and node.parent is not None:
            if node.kind != RANGE:
                parts.append(_path_step(node.key))
            node = node.parent
        return "".join(reversed(parts))

    def __repr__(self) -> str:
        return f"<Node {self.path()} {self.kind}>"


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
        if self.keyed:
            return "{" + _plural(self.hi - self.lo, "key") + "}"
        return "[" + _plural(self.hi - self.lo, "item") + "]"

    def json_value(self) -> Any:
        if self.keyed:
            return dict(self.value[self.lo : self.hi])
        return self.value[self.lo : self.hi]

    def path(self) -> str:
        return self.parent.path() if self.parent is not None else ROOT_NAME

    def jq_path(self) -> str:
        return self.parent.jq_path() if self.parent is not None else "." + ROOT_NAME


def _range_step(size: int, base: int = CHUNK) -> int:
    """Elements per range so that one level holds at most ``base`` rows."""
    step = base
    while step * base < size:
        step *= base
    return step


def _path_step(key: Any) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    if _IDENT.match(key):
        return "." + key
    return "[" + json.dumps(key, ensure_ascii=False) + "]"


class AttributeTree:
    """The node tree of one attributes value (usually a dict; None means none)."""

    __slots__ = ("root", "_key_rows")

    def __init__(self, attributes: Any) -> None:
        self.root = Node(None, {} if attributes is None else attributes, None, 0)
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
                node = next((c for c in node.children if c.key == key), None)
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
                node = _descend(node, position) if position is not None else None
            elif node.kind != OBJECT:  # a list index: down through the ranges by arithmetic
                node = _descend(node, key)
            else:
                return None
            if node is None:
                return None
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
        node = kids[(position - lo) // _range_step(hi - lo, base)]


def count_values(value: Any, limit: int) -> int:
    """How many JSON values ``value`` holds, stopping once ``limit`` is passed."""
    count, stack = 0, [value]
    while stack and count <= limit:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            if len(item) > limit:
                return count + len(item)
            stack.extend(item)
    return count


def dumps(value: Any, indent: int | None) -> str:
    """JSON text with big integers exact; deep nesting does not hit recursion limits."""
    try:
        if indent is None:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(value, ensure_ascii=False, indent=indent)
    except (RecursionError, ValueError):  # ValueError: ints beyond str()'s digit limit
        return _dumps_iterative(value, indent)


def _dumps_iterative(value: Any, indent: int | None) -> str:
    out: list[str] = []
    colon = ":" if indent is None else ": "
    # Each stack entry is either a value to write or a literal string to emit.
    stack: list[tuple[bool, Any, int]] = [(False, value, 0)]
    while stack:
        literal, item, level = stack.pop()
        if literal:
            out.append(item)
            continue
        if isinstance(item, (dict, list)) and item:
            opener, closer = ("{", "}") if isinstance(item, dict) else ("[", "]")
            pairs = list(item.items()) if isinstance(item, dict) else [(None, v) for v in item]
            pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
            end = "" if indent is None else "\n" + " " * (indent * level)
            out.append(opener)
            stack.append((True, end + closer, level))
            for i in range(len(pairs) - 1, -1, -1):
                key, child = pairs[i]
                stack.append((False, child, level + 1))
                head = ("," if i else "") + pad
                if key is not None:
                    head += json.dumps(key, ensure_ascii=False) + colon
                stack.append((True, head, level))
        elif isinstance(item, (dict, list)):
            out.append("{}" if isinstance(item, dict) else "[]")
        elif isinstance(item, str):
            out.append(json.dumps(item, ensure_ascii=False))
        else:
            out.append(scalar_text(item))
    return "".join(out)
