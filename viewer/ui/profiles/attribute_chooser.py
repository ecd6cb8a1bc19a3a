"""The chooser of an attribute column (``attributeColumnChooser``): the catalogue's paths, filtered as you type.

Typing narrows the list (``attributeColumnFilter``, any part of the path,
without case); Enter or a double click takes the selected path. A path no
profile of the catalogue has can still be typed whole and taken.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, QStringListModel, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget


class AttributeColumnChooser(QDialog):
    """A small dialog listing attribute paths; ``pathChosen(path)`` when one is taken."""

    pathChosen = Signal(str)

    def __init__(self, paths: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attributeColumnChooser")
        self.setWindowTitle("Add attribute column")
        self.paths = QStringListModel(list(paths), self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.paths)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(self)
        self.search.setObjectName("attributeColumnFilter")
        self.search.setPlaceholderText("Type to find an attribute (Address.City, Tags[])…")
        self.search.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setObjectName("attributeColumnList")
        self.list.setModel(self.filtered)
        self.list.setUniformItemSizes(True)
        self.status = QLabel(self)
        self.status.setObjectName("attributeColumnStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.take)
        self.list.activated.connect(self._take_index)
        self.resize(380, 420)
        self._note = ""
        self._filter("")

    def set_paths(self, paths: Sequence[str], note: str = "") -> None:
        """Offer ``paths`` (the catalogue arrived); ``note`` says where they come from."""
        self.paths.setStringList(list(paths))
        self._note = note if not paths else ""  # while they are read, typing must not say "0 of 0"
        self._filter(self.search.text())

    def shown_paths(self) -> list[str]:
        """The paths the filter lets through, in order."""
        return [self.filtered.index(row, 0).data() for row in range(self.filtered.rowCount())]

    @Slot(str)
    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        if self.filtered.rowCount():
            self.list.setCurrentIndex(self.filtered.index(0, 0))
        self.status.setText(self._note or f"{self.filtered.rowCount():,} of {self.paths.rowCount():,} attribute paths")

    @Slot(QModelIndex)
    def _take_index(self, index: QModelIndex) -> None:
        self.list.setCurrentIndex(index)
        self.take()

    @Slot()
    def take(self) -> None:
        """Take the selected path, else the typed one."""
        current = self.list.currentIndex()
        path = current.data() if current.isValid() else self.search.text().strip()
        if path:
            self.pathChosen.emit(str(path))
            self.accept()
