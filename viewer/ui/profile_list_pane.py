"""The left half of the main window: the profile search box, its count, the profile table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from viewer.ui.profile_table_model import ProfileTableModel

COLUMN_WIDTHS = (90, 180, 80, 120, 120, 70, 100, 70)


def plural(n: int, word: str) -> str:
    """``1 profile`` / ``100,000 profiles``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class SearchBox(QLineEdit):
    """A search field that Esc clears."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class ProfileListPane(QWidget):
    """Search box (``profileSearch``), "N of M profiles" (``profileCount``) and the table (``profileList``).

    The window does the searching and selecting; the pane only holds the widgets.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileListPane")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        self.search = SearchBox(self)
        self.search.setObjectName("profileSearch")
        self.search.setPlaceholderText("Search profiles…  (Name:ada  audience:vip  live)")
        self.search.setClearButtonEnabled(True)
        self.search.setAcceptDrops(False)  # a dropped file opens; its path is no search text
        self.search.setToolTip(
            "Free text matches ID, integration ID, audience names and attribute values.\n"
            "Key:value matches one attribute; audience:Name; live, sandbox, env:unknown.\n"
            "Several terms must all match. Esc clears, Ctrl+L comes back here."
        )
        self.count_label = QLabel(self)
        self.count_label.setObjectName("profileCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model = ProfileTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("profileList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform heights: 100k rows stay cheap
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)  # a third click goes back to file order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.search)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)

    def update_count(self) -> None:
        """Say how many profiles the search lets through."""
        total = self.model.profile_count()
        self.count_label.setText(f"{self.model.rowCount():,} of {plural(total, 'profile')}")
