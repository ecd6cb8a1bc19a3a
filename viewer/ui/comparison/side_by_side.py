"""The rows of two profiles side by side, as a table model (an adapter over ``viewer.compare`` rows).

Columns: the path, the left value, the right value. Values read as the
profile panel words them (dates on the user's clock, money with two decimals,
``— missing`` for a side without the path); every text is plain, never markup.
A row's background says how it differs; "differences only" keeps the rows that
are not the same.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from viewer.compare import MISSING, Difference, PathDiff
from viewer.compare.labels import path_label
from viewer.compare.profiles import aligned_rows
from viewer.compare.values import flatten, value_text
from viewer.model.field_text import MISSING_TEXT, field_text
from viewer.model.profile import FIELDS, Profile
from viewer.model.values import int_text, scalar_text
from viewer.ui.roles import CopyRole, FullValueRole, PathRole
from viewer.ui.widgets.tooltips import tooltip_html

PATH, LEFT, RIGHT = range(3)
HEADERS = ("Field", "Left", "Right")
VALUE_LIMIT = 500  # characters a cell shows; the tooltip and copy have the whole value
_SPECS = {spec.wire: spec for spec in FIELDS}
_PANEL_KINDS = frozenset({"int", "str", "datetime", "number", "bool"})  # the panel's own wording for these
_BACKGROUND = {
    Difference.CHANGED: QColor(255, 214, 102, 90),
    Difference.ONLY_LEFT: QColor(239, 83, 80, 70),
    Difference.ONLY_RIGHT: QColor(102, 187, 106, 80),
}
_MARK = {Difference.CHANGED: "changed", Difference.ONLY_LEFT: "only on the left",
         Difference.ONLY_RIGHT: "only on the right", Difference.SAME: "the same"}


def compared_rows(left: Profile | None, right: Profile | None) -> list[PathDiff]:
    """The aligned rows of two profiles; a missing side (an added or removed profile) has no paths."""
    return aligned_rows(flatten(left) if left is not None else {}, flatten(right) if right is not None else {})


def cell_text(profile: Profile | None, path: str, value: Any) -> str:
    """How one side of a row reads (as the profile panel words a field; attributes as the file wrote them)."""
    if value is MISSING or profile is None:
        return MISSING_TEXT
    spec = _SPECS.get(path)
    if spec is not None and spec.kind in _PANEL_KINDS:
        return field_text(profile, spec.name).text
    if spec is not None and spec.kind == "audiences" and isinstance(value, list):  # by name, as the Audiences tab
        names = [m.name if m.name is not None else f"#{m.id}" for m in profile.audience_memberships]
        return ", ".join(names) if names else "none"
    if spec is not None and spec.kind == "int_list" and isinstance(value, list):
        return ", ".join(int_text(v) if type(v) is int else scalar_text(v) for v in value) if value else "none"
    return value_text(value, VALUE_LIMIT)


class SideBySideModel(QAbstractTableModel):
    """Rows of two profiles compared; ``set_differences_only`` hides the rows that are the same."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._left: Profile | None = None
        self._right: Profile | None = None
        self._all: list[PathDiff] = []
        self._rows: list[PathDiff] = []
        self._differences_only = False

    def set_profiles(self, left: Profile | None, right: Profile | None) -> None:
        """Compare ``left`` with ``right`` (either may be None: a profile of one export only)."""
        self.beginResetModel()
        self._left, self._right = left, right
        self._all = compared_rows(left, right) if (left is not None or right is not None) else []
        self._refilter()
        self.endResetModel()

    def set_differences_only(self, on: bool) -> None:
        """Show only the rows that differ (or every row)."""
        if on == self._differences_only:
            return
        self.beginResetModel()
        self._differences_only = on
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        self._rows = [r for r in self._all if r.difference is not Difference.SAME] if self._differences_only \
            else list(self._all)

    def difference_count(self) -> int:
        """Rows that are not the same, shown or not."""
        return sum(1 for r in self._all if r.difference is not Difference.SAME)

    def row_at(self, row: int) -> PathDiff:
        """The compared row shown at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, VALUE_LIMIT).replace("\n", "↵")
        if role in (FullValueRole, CopyRole):
            return self._text(row, column, 10**9)
        if role == PathRole:
            return row.path
        if role == Qt.ItemDataRole.ToolTipRole:
            label = path_label(row.path)  # the API's name beside the panel's: "Total sales (totalSales)"
            named = label if label == row.path else f"{label} ({row.path})"
            return tooltip_html(f"{named}: {_MARK[row.difference]}")  # a key from the file: text, not markup
        if role == Qt.ItemDataRole.BackgroundRole:
            color = _BACKGROUND.get(row.difference)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            value = row.left if column == LEFT else row.right if column == RIGHT else None
            return QBrush(QColor(128, 128, 128)) if value is MISSING else None
        if role == Qt.ItemDataRole.FontRole and row.difference is not Difference.SAME and column == PATH:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: PathDiff, column: int, limit: int) -> str:
        if column == PATH:
            return path_label(row.path)
        profile, value = (self._left, row.left) if column == LEFT else (self._right, row.right)
        if limit > VALUE_LIMIT and value is not MISSING and profile is not None and row.path not in _SPECS:
            return value_text(value, limit)
        return cell_text(profile, row.path, value)
