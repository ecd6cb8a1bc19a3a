"""A column's frequency table (``valueCounts``): value, count and share, as VisiData's frequency sheet.

The counts (``viewer.insights.list_columns``) are worked out off the GUI thread;
this panel shows them. Activating a row (Enter, double click) emits
``queryRequested`` with the query that selects its profiles.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.insights.list_columns import ValueCount, ValueCounts
from viewer.ui.widgets.tooltips import tooltip_html

HEADERS = ("Value", "Count", "Share")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
QueryRole = Qt.ItemDataRole.UserRole + 40  # the row's query text (or None)
CountRole = Qt.ItemDataRole.UserRole + 41  # the row's count, an int


def share_text(count: int, total: int) -> str:
    """``12.5%`` of ``total`` (exact integer arithmetic, one decimal)."""
    if not total:
        return ""
    tenths = (count * 1000 * 2 + total) // (2 * total)  # rounded half up
    return f"{tenths // 10}.{tenths % 10}%"


class ValueCountsModel(QAbstractTableModel):
    """One row per distinct value of a ``ValueCounts``, most frequent first, missing last."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: ValueCounts | None = None

    def set_counts(self, counts: ValueCounts | None) -> None:
        """Show ``counts`` (None: nothing)."""
        self.beginResetModel()
        self._counts = counts
        self.endResetModel()

    def counts(self) -> ValueCounts | None:
        """The table shown."""
        return self._counts

    def row(self, row: int) -> ValueCount | None:
        """The value count in ``row``."""
        rows = self._counts.rows if self._counts is not None else ()
        return rows[row] if 0 <= row < len(rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self._counts is None else len(self._counts.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section == 0 else _RIGHT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._counts is None:
            return None
        item = self.row(index.row())
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.label
            if column == 1:
                return f"{item.count:,}"
            return share_text(item.count, self._counts.total)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return tooltip_html(item.query or "The search cannot select this value")  # holds the file's text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column == 0 and not (self._counts.numeric and not item.missing) else _RIGHT
        if role == QueryRole:
            return item.query
        if role == CountRole:
            return item.count
        return None


class ValueCountsPanel(QDialog):
    """A non-modal window (``valueCounts``) with the frequency table of one column of the list."""

    queryRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("valueCounts")
        self.setWindowTitle("Value counts")
        self.setModal(False)
        self.title = QLabel(self)
        self.title.setObjectName("valueCountsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ValueCountsModel(self)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next widget, not cell to cell
        self.table.setObjectName("valueCountsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        self.resize(420, 460)

    def show_counting(self, column: str) -> None:
        """Say that ``column`` is being counted."""
        self.model.set_counts(None)
        self.title.setText(f"Counting the values of {column}…")

    def set_counts(self, counts: ValueCounts, scope: str) -> None:
        """Show ``counts``; ``scope`` says over which profiles (the whole export or a search)."""
        self.model.set_counts(counts)
        distinct = sum(1 for row in counts.rows if not row.missing)
        self.title.setText(f"{counts.column}: {distinct:,} distinct values in {counts.total:,} profiles ({scope})\n"
                           "Enter or double-click a row to list its profiles.")
        self.setWindowTitle(f"Value counts: {counts.column}")
        # Sized from the widest texts, not ``resizeColumnToContents``: a column of 100,000 distinct values
        # would measure every row.
        metrics = self.table.fontMetrics()
        margin = 4 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 8
        for column, widest in ((1, f"{counts.total:,}"), (2, "100.0%")):
            title = self.table.horizontalHeader().sectionSizeFromContents(column).width()
            self.table.setColumnWidth(column, max(title, metrics.horizontalAdvance(widest) + margin))

    def activate_row(self, row: int) -> None:
        """What Enter on ``row`` does: ask for its query."""
        self._activated(self.model.index(row, 0))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        query = index.data(QueryRole) if index.isValid() else None
        if isinstance(query, str):
            self.queryRequested.emit(query)
