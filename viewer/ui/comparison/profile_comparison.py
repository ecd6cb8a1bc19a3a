"""Two profiles side by side (``profileComparison``): every field and attribute path aligned.

Above the table: who is on each side, how many paths differ, and the
"differences only" switch (``differencesOnlySwitch``). Comparing one pair is a
few hundred paths at most, cheap enough for the GUI thread; comparing whole
exports is not (see ``viewer.ui.window.comparing``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.model.profile import Profile
from viewer.ui.comparison.side_by_side import LEFT, PATH, RIGHT, SideBySideModel
from viewer.ui.widgets.rows import row_height


def _plain_label(name: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the file: data, never markup
    return label


class ProfileComparison(QWidget):
    """Two profiles compared path by path, differences marked by colour and listed first in the count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileComparison")
        self.model = SideBySideModel(self)
        self.left_title = _plain_label("comparisonLeftTitle", self)
        self.right_title = _plain_label("comparisonRightTitle", self)
        self.count_label = _plain_label("comparisonDifferenceCount", self)
        self.differences_only = QCheckBox("Differences only", self)
        self.differences_only.setObjectName("differencesOnlySwitch")
        self.differences_only.toggled.connect(self._on_differences_only)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next widget, not cell to cell
        self.table.setObjectName("profileComparisonTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PATH, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(PATH, 220)
        for column in (LEFT, RIGHT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        titles = QHBoxLayout()
        titles.addWidget(self.left_title, 1)
        titles.addWidget(self.right_title, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.differences_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(titles)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.set_profiles(None, None)

    def set_profiles(self, left: Profile | None, right: Profile | None,
                     left_name: str = "Left", right_name: str = "Right") -> None:
        """Show ``left`` beside ``right``; either may be None (a profile only one export has)."""
        self.model.set_profiles(left, right)
        self.left_title.setText(f"{left_name}: {left.display_name if left is not None else '— not in this export'}")
        self.right_title.setText(f"{right_name}: {right.display_name if right is not None else '— not in this export'}")
        self._update_count()

    @Slot(bool)
    def _on_differences_only(self, on: bool) -> None:
        self.model.set_differences_only(on)
        self._update_count()

    def _update_count(self) -> None:
        differences, shown = self.model.difference_count(), self.model.rowCount()
        if shown == 0 and differences == 0 and not self.differences_only.isChecked():
            self.count_label.setText("Nothing to compare")
        elif differences == 0:
            self.count_label.setText("The same values (key order and number spelling aside)")
        else:
            self.count_label.setText(f"{differences:,} difference{'' if differences == 1 else 's'}")
