"""The attribute tree widget: Key / Value / Type columns, bulk expansion, a three-state Key sort."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QModelIndex, Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTreeView, QWidget

from viewer.attributes.nodes import Node
from viewer.ui.attributes.model import AttributeModel
from viewer.ui.widgets.copying import claim_copy_key
from viewer.ui.widgets.rows import RowHeightDelegate

EXPAND_BUDGET = 1000  # rows a filter may reveal: the view's layout costs ~12 µs a row


class Expansion(NamedTuple):
    """What a bulk expansion did: the rows it shows, and whether the budget left rows it wanted closed."""

    rows: int
    complete: bool


class AttributeTreeView(QTreeView):
    """The tree, with a cheap way to expand thousands of rows at once."""

    def __init__(self, model: AttributeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attributeTree")
        self.setModel(model)
        self.setUniformRowHeights(True)
        self.setItemDelegate(RowHeightDelegate(self))  # as high as the tables' rows
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.resizeSection(2, 80)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._on_header_clicked)

    def event(self, event: QEvent) -> bool:  # noqa: D102 - Qt API
        return claim_copy_key(event) or super().event(event)  # Ctrl+C copies this widget's value

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.matches(QKeySequence.StandardKey.Copy):
            node = self.attribute_model().node(self.currentIndex())
            if node is not None:
                QApplication.clipboard().setText(node.copy_text())
            event.accept()
            return
        super().keyPressEvent(event)

    def attribute_model(self) -> AttributeModel:
        """The model shown (always an ``AttributeModel``)."""
        return self.model()  # type: ignore[return-value]

    def set_expanded_many(self, indexes: list[QModelIndex], expanded: bool = True) -> None:
        """Expand or collapse many rows with one layout instead of one per row."""
        # With a layout pending, QTreeView.expand only records the index.
        self.scheduleDelayedItemsLayout()
        for index in indexes:
            self.setExpanded(index, expanded)

    def expand_breadth_first(self, wanted: Callable[[Node], bool], budget: int = EXPAND_BUDGET) -> Expansion:
        """Expand rows whose node ``wanted(node)`` accepts, top levels first, within budget."""
        model, chosen = self.attribute_model(), []
        queue = deque(model.index(r, 0) for r in range(model.rowCount()))
        revealed = len(queue)

        def expandable(index: QModelIndex) -> bool:
            node = model.node(index)
            return node is not None and node.is_container and wanted(node) and model.rowCount(index) > 0

        while queue and revealed < budget:
            index = queue.popleft()
            if not expandable(index):
                continue
            rows = model.rowCount(index)
            chosen.append(index)
            revealed += rows
            queue.extend(model.index(r, 0, index) for r in range(rows))
        self.set_expanded_many(chosen)
        return Expansion(revealed, complete=not any(expandable(index) for index in queue))

    # Header clicks on Key: ascending, descending, then the file's order again.
    @Slot(int)
    def _on_header_clicked(self, section: int) -> None:
        header, model = self.header(), self.attribute_model()
        if section != 0:
            header.setSortIndicatorShown(model.sort_order is not None)
            if model.sort_order is not None:
                header.setSortIndicator(0, model.sort_order)
            return
        order = model.sort_order
        if order is None:
            order = Qt.SortOrder.AscendingOrder
        elif order == Qt.SortOrder.AscendingOrder:
            order = Qt.SortOrder.DescendingOrder
        else:
            order = None
        if order is None:
            model.clear_sort()
            header.setSortIndicatorShown(False)
        else:
            model.sort(0, order)
            header.setSortIndicatorShown(True)
            header.setSortIndicator(0, order)
