"""The Qt item model over an ``AttributeTree``: columns Key, Value, Type.

A thin adapter: rows come from ``Node.children`` (built lazily by the tree).
Filtering and the Key sort are done here (the rows to show come from
``viewer.attributes.arrangement.RowArrangement``) rather than in a
``QSortFilterProxyModel``, because a recursive proxy over a Python model costs
seconds per keystroke at 100,000 nodes (3-4 s measured on a 2-core laptop-class
machine, against 2-15 ms for a Python scan of a prebuilt index); the filter's visible set
comes precomputed from ``viewer.attributes.filter`` instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from viewer.attributes.arrangement import RowArrangement
from viewer.attributes.filter import FilterResult
from viewer.attributes.nodes import Node
from viewer.attributes.tree import AttributeTree
from viewer.model.values import NULL, RANGE, TIME
from viewer.ui.roles import CopyRole, FullValueRole, JqPathRole, KindRole, MatchRole, NodeRole, PathRole
from viewer.ui.widgets.tooltips import tooltip_html

KEY_COLUMN, VALUE_COLUMN, TYPE_COLUMN = range(3)
_HEADERS = ("Key", "Value", "Type")

_HIGHLIGHT = QColor(255, 200, 0, 90)  # translucent amber: readable on light and dark bases

Index = QModelIndex | QPersistentModelIndex
# Built once: flags() runs for every laid-out row, and enum "|" costs microseconds in Python.
_BRANCH_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_LEAF_FLAGS = _BRANCH_FLAGS | Qt.ItemFlag.ItemNeverHasChildren


class AttributeModel(QAbstractItemModel):
    """Read-only tree model of one profile's attributes, with filter and Key sort."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tree = AttributeTree(None)
        self._sort: Qt.SortOrder | None = None
        self._arrangement = RowArrangement()

    # -- public API ----------------------------------------------------------------
    @property
    def tree(self) -> AttributeTree:
        """The tree shown."""
        return self._tree

    @property
    def filter_result(self) -> FilterResult | None:
        """The filter applied, or None."""
        return self._arrangement.result

    @property
    def sort_order(self) -> Qt.SortOrder | None:
        """The Key sort in effect, None for source order."""
        return self._sort

    def set_tree(self, tree: AttributeTree, result: FilterResult | None = None) -> None:
        """Show another tree (and optionally its filter result) in one reset."""
        self.beginResetModel()
        old = self._tree  # keep the old nodes alive until views drop their indexes
        self._tree = tree
        self._arrangement.set_result(result)
        self.endResetModel()
        del old

    def set_filter_result(self, result: FilterResult | None) -> None:
        """Show only the result's visible nodes (None: everything)."""
        self.beginResetModel()
        self._arrangement.set_result(result)
        self.endResetModel()

    def node(self, index: Index) -> Node | None:
        """The node behind ``index`` (None for the invisible root)."""
        return index.internalPointer() if index.isValid() else None

    def index_for_node(self, node: Node, column: int = 0) -> QModelIndex:
        """The index showing ``node``, invalid if it is the root or filtered out."""
        if node.parent is None or not self._arrangement.is_shown(node):
            return QModelIndex()
        return self.createIndex(self._arrangement.row(node), column, node)

    def is_match(self, node: Node) -> bool:
        """Whether the filter matched this node's key or value."""
        return self._arrangement.key_matched(node) or self._arrangement.value_matched(node)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort object members by key (lists keep index order)."""
        self._rearrange(order if column == KEY_COLUMN else None)

    def clear_sort(self) -> None:
        """Back to the order of the file."""
        self._rearrange(None)

    # -- QAbstractItemModel -------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(_HEADERS) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        kids = self._arrangement.children(self._node_or_root(parent))
        if row >= len(kids):
            return QModelIndex()
        return self.createIndex(row, column, kids[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        up = index.internalPointer().parent
        if up is None or up.parent is None:
            return QModelIndex()
        return self.createIndex(self._arrangement.row(up), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node_or_root(parent)
        arrangement = self._arrangement
        if arrangement.result is None and arrangement.descending is None:
            return node.child_count()
        if not node.is_container:
            return 0
        return len(arrangement.children(node))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(_HEADERS)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        node = self._node_or_root(parent)
        if not node.is_container:
            return False
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _BRANCH_FLAGS if index.internalPointer().is_container else _LEAF_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(_HEADERS):
                return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node: Node = index.internalPointer()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == KEY_COLUMN:
                return node.key_text
            if column == VALUE_COLUMN:
                return node.display_text
            return node.type_text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            # Summaries, null, ranges and the type are not file text: keep them quiet.
            quiet = (
                column == TYPE_COLUMN
                or (column == VALUE_COLUMN and (node.is_container or node.kind == NULL))
                or (column == KEY_COLUMN and node.kind == RANGE)
            )
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText) if quiet else None
        if role == Qt.ItemDataRole.FontRole:
            if column == VALUE_COLUMN and node.kind == NULL:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return _HIGHLIGHT if self._cell_matched(node, column) else None
        if role == MatchRole:
            return self._cell_matched(node, column)
        if role == NodeRole:
            return node
        if role == PathRole:
            return node.path()
        if role == JqPathRole:
            return node.jq_path()
        if role == CopyRole:
            return node.copy_text()
        if role == KindRole:
            return node.kind
        if role == FullValueRole:
            return node.full_text
        return None

    # -- internals -----------------------------------------------------------------
    def _node_or_root(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._tree.root

    def _cell_matched(self, node: Node, column: int) -> bool:
        if column == KEY_COLUMN:
            return self._arrangement.key_matched(node)
        if column == VALUE_COLUMN:
            return self._arrangement.value_matched(node)
        return False

    def _tooltip(self, node: Node, column: int) -> str:
        if column == KEY_COLUMN:
            return _tooltip_text(f"{node.key_text}\n{node.path()}")
        if column == TYPE_COLUMN:
            return None  # type: ignore[return-value]
        if node.kind == TIME:
            return _tooltip_text(f"{node.full_text}\n{node.value}")
        return _tooltip_text(node.full_text)

    def _rearrange(self, order: Qt.SortOrder | None) -> None:
        if order == self._sort:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        nodes = [(i, i.internalPointer()) for i in before if i.isValid()]
        self._sort = order
        self._arrangement.set_sort(None if order is None else order == Qt.SortOrder.DescendingOrder)
        after = [self.createIndex(self._arrangement.row(n), i.column(), n) for i, n in nodes]
        self.changePersistentIndexList([i for i, _ in nodes], after)
        self.layoutChanged.emit()


def _tooltip_text(text: str) -> str:
    return tooltip_html(text)  # wrapped and cut short there, saying the detail area has all

