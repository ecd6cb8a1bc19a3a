"""The profile list's table model: a thin Qt adapter over ``ProfileRows`` and the column definitions.

Nothing is built per cell up front: ``data()`` formats the few visible cells on
demand from ``viewer.model.profile_columns``; which profile each row shows, and
in which order, is ``viewer.query.profile_rows.ProfileRows``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from viewer.insights.list_columns import (
    attribute_text,
    column_keys,
    path_value,
    sorted_attribute_rows,
)
from viewer.insights.list_columns import sort_key as attribute_sort_key
from viewer.model.profile import Profile
from viewer.model.profile_columns import (
    HEADER_TIPS,
    HEADERS,
    NUMERIC,
    cell_text,
    copy_text,
    sort_key,
    tooltip_lines,
    unreadable,
)
from viewer.query.fields import path_values
from viewer.query.profile_rows import ProfileRows, compact_order, sorted_rows
from viewer.ui.profiles.column_cells import column_cells
from viewer.ui.roles import CopyRole, ProfileIndexRole, ProfileRole, SortRole
from viewer.ui.tasks import TaskRunner, hold_background
from viewer.ui.widgets.tooltips import tooltip_html

# An attribute column is read from every profile's text (0.4-0.8 s per 100,000 measured), and its
# values of mixed types sort slower than the built-in columns': from this many profiles on, in a worker.
ATTRIBUTE_BACKGROUND_SORT_FROM = 20_000
_PAUSE = 0.002  # seconds a sorting worker sleeps between steps, so the list keeps painting
PAINTED_KEPT = 2_000  # profiles whose cells are kept for the next paints (a screenful is 30-60)
_NO_WARNINGS: frozenset[int] = frozenset()
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_ROLES = frozenset(int(role) for role in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole, ProfileRole, ProfileIndexRole, SortRole, CopyRole))


class ProfileTableModel(QAbstractTableModel):
    """One row per visible profile, in the current sort order."""

    sortApplied = Signal()  # the rows are in the requested order
    sortStarted = Signal()  # a sort in the background has begun (a big export: it takes a second or more)
    attributeColumnsChanged = Signal()  # an attribute column was added or removed

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.background_sort_from = ProfileRows.BACKGROUND_SORT_FROM
        self.background_attribute_sort_from = ATTRIBUTE_BACKGROUND_SORT_FROM
        self.tasks = TaskRunner(self)
        self._rows = ProfileRows()
        self._sort_column = -1
        self._warning: QIcon | None = None  # for a value of the wrong type, made on first use
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._paths: list[str] = []  # attribute columns, after the built-in ones
        self._painted: dict[int, tuple[list[str], frozenset[int]]] = {}  # profile index -> ``_cells_of``

    # -- the data --------------------------------------------------------------------------
    def set_profiles(self, profiles: Sequence[Profile]) -> None:
        """Show ``profiles`` (a new export): unfiltered, in the current sort order."""
        self.beginResetModel()
        self._painted.clear()
        self._rows.set_profiles(profiles)
        background = self._in_background(self._sort_column)
        if not background:
            self._rows.set_order(self._sorted(self._sort_column, self._sort_order))
        self.endResetModel()
        if background:  # file order first; the sorted order follows
            self.sort(self._sort_column, self._sort_order)

    def set_filter(self, indices: Sequence[int] | None) -> None:
        """Show only the profiles at ``indices`` (``None``: all of them)."""
        self.beginResetModel()
        self._rows.set_filter(indices)
        self.endResetModel()

    def profile_count(self) -> int:
        """How many profiles the export has, shown or not."""
        return len(self._rows.profiles)

    def profile_at(self, row: int) -> Profile | None:
        """The profile shown in ``row``."""
        index = self._rows.profile_index(row)
        return None if index is None else self._rows.profiles[index]

    def shown_profile_indices(self, rows: Iterable[int]) -> list[int]:
        """The export indices of the profiles shown in ``rows`` (no profile is built)."""
        index = self._rows.profile_index
        return [i for i in map(index, rows) if i is not None]

    def display_text(self, row: int, column: int) -> str | None:
        """What ``row``'s cell in ``column`` shows: ``data``'s display text without a QModelIndex.

        Fitting the columns reads about 600 cells as the first profiles show;
        through ``QModelIndex.data`` that took 33 ms of the window's first 100 ms.
        """
        if column < len(HEADERS):
            cells = self._cells_of(row)
            return None if cells is None else cells[0][column]
        profile = self.profile_at(row)
        if profile is None:
            return None
        path = self.attribute_path(column)
        return None if path is None else attribute_text(profile, path)

    def painted_cells(self, row: int) -> tuple[list[str], frozenset[int]] | None:
        """The built-in columns' texts of ``row`` and the columns with a warning icon (kept, see ``_cells_of``)."""
        return self._cells_of(row)

    def _cells_of(self, row: int) -> tuple[list[str], frozenset[int]] | None:
        """The built-in columns' texts of ``row``'s profile and the columns whose value is of the wrong type.

        Painting asks for three roles of every cell, each of which built the
        profile from its text: about 650 builds and 1,500 calls per paint of
        the list. Kept per profile for the rows painted lately (``PAINTED_KEPT``).
        Read from the reader's columns where they answer (``column_cells``); else
        from the built profile.
        """
        index = self._rows.profile_index(row)
        if index is None:
            return None
        cells = self._painted.get(index)
        if cells is None:
            texts = column_cells(self._rows.profiles, index)
            if texts is not None:
                cells = texts, _NO_WARNINGS
            else:
                profile = self._rows.profiles[index]
                columns = range(len(HEADERS))
                cells = ([cell_text(profile, c) for c in columns],
                         frozenset(c for c in columns if unreadable(profile, c)))
            if len(self._painted) >= PAINTED_KEPT:
                self._painted.clear()
            self._painted[index] = cells
        return cells

    def row_of_profile(self, profile_index: int) -> int:
        """The row showing the profile at ``profile_index``; -1 when filtered out."""
        return self._rows.row_of(profile_index)

    # -- attribute columns ----------------------------------------------------------------
    def attribute_paths(self) -> list[str]:
        """The attribute columns' paths, in column order after the built-in columns."""
        return list(self._paths)

    def attribute_path(self, column: int) -> str | None:
        """The attribute path shown in ``column`` (None: a built-in column)."""
        at = column - len(HEADERS)
        return self._paths[at] if 0 <= at < len(self._paths) else None

    def add_attribute_column(self, path: str) -> int:
        """Show attribute ``path`` as the last column (once); returns its column."""
        if path in self._paths:
            return len(HEADERS) + self._paths.index(path)
        column = len(HEADERS) + len(self._paths)
        self.beginInsertColumns(QModelIndex(), column, column)
        self._paths.append(path)
        self.endInsertColumns()
        self.attributeColumnsChanged.emit()
        return column

    def remove_attribute_column(self, path: str) -> None:
        """Stop showing attribute ``path`` (a sort by it goes back to file order)."""
        if path not in self._paths:
            return
        column = len(HEADERS) + self._paths.index(path)
        if self._sort_column == column:
            self.sort(-1, self._sort_order)
        elif self._sort_column > column:
            self._sort_column -= 1
        self.beginRemoveColumns(QModelIndex(), column, column)
        self._paths.remove(path)
        self.endRemoveColumns()
        self.attributeColumnsChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[int] | None:
        descending = order == Qt.SortOrder.DescendingOrder
        path = self.attribute_path(column)
        if path is not None:
            return sorted_attribute_rows(self._rows.profiles, self._rows.keys, path, descending)
        return sorted_rows(self._rows.profiles, self._rows.keys, column, descending)

    def _in_background(self, column: int) -> bool:
        count = len(self._rows.profiles)
        path = self.attribute_path(column)
        if path is not None:  # read from the text first: 0.4-0.8 s per 100,000; sorting values of any type then
            return count >= self.background_attribute_sort_from
        return 0 <= column < self.columnCount() and count >= self.background_sort_from

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS) + len(self._paths)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        path = self.attribute_path(section)
        if path is not None:
            if role == Qt.ItemDataRole.DisplayRole:
                return path
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip_html(f"The attribute {path}: right-click the header to remove it")
            return _LEFT if role == Qt.ItemDataRole.TextAlignmentRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if section in NUMERIC else _LEFT
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():  # a view asks for 7 roles per painted cell, 4 unanswered
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display_text(row, column)
        if column < len(HEADERS):  # what painting asks besides the text: no profile needed
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if column in NUMERIC else _LEFT
            if role == Qt.ItemDataRole.DecorationRole:
                cells = self._cells_of(row)
                return self._warning_icon() if cells is not None and column in cells[1] else None
        profile = self.profile_at(row)
        if profile is None:
            return None
        if column >= len(HEADERS):
            return self._attribute_data(profile, column, role)
        if role == ProfileRole:
            return profile
        if role == ProfileIndexRole:
            return profile.index
        if role == SortRole:
            return sort_key(profile, column)
        if role == CopyRole:
            return copy_text(profile, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = tooltip_lines(profile, column)
            return tooltip_html(*lines) if lines else None
        return None

    def _attribute_data(self, profile: Profile, column: int, role: int) -> Any:
        path = self.attribute_path(column)
        if path is None:
            return None
        if role == CopyRole:
            return attribute_text(profile, path)
        if role == ProfileRole:
            return profile
        if role == ProfileIndexRole:
            return profile.index
        if role == SortRole:
            return attribute_sort_key(tuple(_values(profile, path)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = path_value(profile.attributes, path)
            return _RIGHT if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else _LEFT
        return None

    def _warning_icon(self) -> QIcon:
        if self._warning is None:
            # a value of the wrong type is an error in the Problems tab: the same icon, not a warning's
            self._warning = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        return self._warning

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: file order), keeping selections on their profiles."""
        hold_background()  # the late checks of a big file stand aside: a sort beside them took twice as long
        self._sort_column, self._sort_order = column, order
        if self._in_background(column):
            profiles, keys = self._rows.profiles, self._rows.keys
            descending = order == Qt.SortOrder.DescendingOrder
            path = self.attribute_path(column)
            self.tasks.submit(
                "sort", lambda task: compact_order(sorted_rows(profiles, keys, column, descending) if path is None
                else sorted_attribute_rows(profiles, keys, path, descending, lambda _n: task.pause(_PAUSE))),
                on_result=lambda rows: self._apply_background_sort(profiles, column, order, rows),
            )
            self.sortStarted.emit()
            return
        self.tasks.cancel("sort")
        self._apply_order(self._sorted(column, order))

    def _apply_background_sort(
        self, profiles: Sequence[Profile], column: int, order: Qt.SortOrder, rows: Sequence[int] | None
    ) -> None:
        if profiles is self._rows.profiles and (column, order) == (self._sort_column, self._sort_order):
            self._apply_order(rows)

    def _apply_order(self, order: Sequence[int] | None) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows.profile_index(p.row()), p.column()) for p in persistent]
        self._rows.set_order(order)
        moved = []
        for profile_index, column in held:
            row = -1 if profile_index is None else self._rows.row_of(profile_index)
            moved.append(QModelIndex() if row < 0 else self.index(row, column))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()
        self.sortApplied.emit()


def _values(profile: Profile, path: str) -> tuple[Any, ...]:
    """The values of ``path`` in ``profile`` as the sort reads them (``path_values``)."""
    attributes = profile.attributes
    return path_values(attributes, column_keys(path)) if isinstance(attributes, dict) else ()
