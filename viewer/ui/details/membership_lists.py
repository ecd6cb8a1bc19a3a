"""The selected profile's small lists: audiences, loyalty programs, connected apps.

Each list is a tiny table model (a handful of rows per profile) sorted in place,
with an empty state that says so instead of a blank box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.model.audiences import merged_audiences
from viewer.model.profile import Profile
from viewer.model.times import format_local
from viewer.model.values import scalar_text
from viewer.ui.details.column_fit import column_widths
from viewer.ui.roles import CopyRole, RowItemRole, SortRole
from viewer.ui.widgets.empty_state import EmptyStateStack
from viewer.ui.widgets.rows import row_height
from viewer.ui.widgets.tooltips import tooltip_html

_DISPLAY, _FONT, _ALIGNMENT, _DECORATION, _TOOLTIP = (
    role.value for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
                            Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole))
_ANSWERED = frozenset({_DISPLAY, _FONT, _ALIGNMENT, _DECORATION, _TOOLTIP, SortRole, CopyRole, RowItemRole})
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


class Cell(NamedTuple):
    """One cell: what it shows, how it sorts, its tooltip (plain text), greyed or not.

    ``copy`` is what Copy gives when it differs from the text (the file's digits
    of a rounded number); ``warn`` adds a warning icon (a time that could not be
    read); a row's first cell may carry the object the row shows (``item``).
    """

    text: str
    key: Any = None
    tip: str = ""
    dim: bool = False
    copy: str | None = None
    warn: bool = False
    item: Any = None
    number: bool = False  # right-aligned, as numbers line up


def _sorted(rows: list[tuple[Cell, ...]], column: int, order: Qt.SortOrder) -> list[tuple[Cell, ...]]:
    """``rows`` by ``column``'s keys; rows without a key last (keys of one column share a type)."""
    present = [r for r in rows if r[column].key is not None]
    absent = [r for r in rows if r[column].key is None]
    present.sort(key=lambda r: r[column].key, reverse=order == Qt.SortOrder.DescendingOrder)
    return present + absent


class SmallTableModel(QAbstractTableModel):
    """A read-only table over a short list of rows of :class:`Cell`."""

    def __init__(self, headers: Sequence[str], parent=None, header_tips: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._header_tips = tuple(header_tips)  # what a short header stands for (its tooltip)
        self._rows: list[tuple[Cell, ...]] = []
        self._dim_font: QFont | None = None
        self._warn_icon: QIcon | None = None

    def set_rows(self, rows: Sequence[Sequence[Cell]], column: int = -1,
                 order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Replace every row, sorted by ``column`` when given (one reset: no layout change after it)."""
        self.beginResetModel()
        self._rows = [tuple(row) for row in rows]
        if 0 <= column < len(self._headers):
            self._rows = _sorted(self._rows, column, order)
        self.endResetModel()

    def rows(self) -> list[tuple[Cell, ...]]:
        """The rows in their shown order."""
        return self._rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(self._header_tips):
            return self._header_tips[section] or None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # A painted cell is asked seven roles, three of them never answered here: this runs
        # ~700 times for a profile's ten sessions, so the roles are plain ints, tested once.
        if role not in _ANSWERED:
            return None
        row, column = index.row(), index.column()  # an invalid index has row -1
        if not 0 <= row < len(self._rows) or not 0 <= column < len(self._headers):
            return None
        cell = self._rows[row][column]
        if role == _DISPLAY:
            return cell.text
        if role == _FONT:
            return self._italic() if cell.dim else None
        if role == _ALIGNMENT:
            return _RIGHT if cell.number else None
        if role == _DECORATION:
            return self._warning() if cell.warn else None
        if role == SortRole:
            return cell.key
        if role == _TOOLTIP:
            return tooltip_html(cell.tip) if cell.tip else None  # file text: never markup
        if role == CopyRole:
            return cell.text if cell.copy is None else cell.copy
        return self._rows[row][0].item  # RowItemRole

    def multiData(self, index: QModelIndex | QPersistentModelIndex,  # noqa: N802 - Qt API
                  span: QModelRoleDataSpan | QModelRoleData) -> None:
        # The item delegate asks a painted cell's seven roles in one call: answered here in one
        # Python call, not seven to ``data``. Beside a busy worker thread each call from Qt into
        # Python waits for the interpreter: a profile's sessions table painted in 12 ms, against
        # 29 ms through ``data`` (alone, 2.8 against 2.5 ms). Every role asked is set or
        # cleared: the delegate's list is not empty when it comes (a stale italic showed).
        row, column = index.row(), index.column()
        valid = 0 <= row < len(self._rows) and 0 <= column < len(self._headers)
        cell = self._rows[row][column] if valid else None
        asks: Any = [span] if isinstance(span, QModelRoleData) else span  # (the stubs do not index a span)
        for at in range(len(asks)):
            asked = asks[at]
            role = asked.role()
            if cell is None or role not in _ANSWERED:
                asked.clearData()
            elif role == _DISPLAY:
                asked.setData(cell.text)
            elif role == _FONT and cell.dim:
                asked.setData(self._italic())
            elif role == _ALIGNMENT and cell.number:
                asked.setData(_RIGHT)
            elif role == _DECORATION and cell.warn:
                asked.setData(self._warning())
            elif role in (_FONT, _ALIGNMENT, _DECORATION):
                asked.clearData()
            else:
                asked.setData(self.data(index, role))

    def _italic(self) -> QFont:
        if self._dim_font is None:
            self._dim_font = QFont()
            self._dim_font.setItalic(True)
        return self._dim_font

    def _warning(self) -> QIcon:
        if self._warn_icon is None:
            self._warn_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warn_icon

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._headers):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[p.row()], p.column()) for p in persistent]
        self._rows = _sorted(self._rows, column, order)
        position = {id(row): n for n, row in enumerate(self._rows)}
        self.changePersistentIndexList(persistent, [self.index(position[id(row)], col) for row, col in held])
        self.layoutChanged.emit()


class MembershipList(QWidget):
    """A small sortable table, an optional note above it, and an empty state."""

    def __init__(self, object_name: str, headers: Sequence[str], empty_text: str, note: str = "", parent=None,
                 header_tips: Sequence[str] = ()) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(note, self)
        self.note.setObjectName(f"{object_name}Note")
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        self.model = SmallTableModel(headers, self, header_tips)
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next widget, not cell to cell
        self.table.setObjectName(object_name)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setStretchLastSection(True)
        # a profile's lists are short: fitting columns to their contents is cheap here
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table))
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.stack = EmptyStateStack(self.table, object_name, empty_text, self)
        self.empty = self.stack.empty
        layout.addWidget(self.stack, 1)
        self._titles: list[tuple[int, int]] = []  # (plain, with the sort arrow) per column (``title_width``)
        self._titles_font = ""
        self.set_rows([])

    def set_rows(self, rows: Sequence[Sequence[Cell]]) -> None:
        """Show ``rows`` sorted by the current header sort (the empty state when none)."""
        header = self.table.horizontalHeader()
        self.model.set_rows(rows, header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.stack.show_view(bool(rows))

    def count(self) -> int:
        """How many rows the list shows."""
        return self.model.rowCount()

    def fit_columns_tightly(self) -> None:
        """Each column as wide as its cells and header text, room for the sort arrow only where it is.

        ``ResizeToContents`` leaves room for the arrow in every header: in the sessions table
        (nine columns, "yes" under "First session") that was ~25 px a column and pushed the
        last columns out of a 550 px tab. The cells are measured from their text
        (``column_fit``), the titles once.
        """
        header = self.table.horizontalHeader()
        if header.sectionResizeMode(0) != QHeaderView.ResizeMode.Interactive:
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns = self.model.columnCount()
        precision = header.resizeContentsPrecision()
        rows = self.model.rows()
        cells = column_widths(self.table, rows[:precision] if precision > 0 else rows, columns)
        header.setStretchLastSection(False)
        for column in range(columns):
            width = max(self.title_width(column), cells[column])
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        header.setStretchLastSection(True)

    def title_width(self, column: int) -> int:
        """The header's width for ``column``'s title, with room for the sort arrow when it sorts by it.

        Measured once per font: asking the header for all nine titles, with and without the
        arrow, took ~1.5 ms of each selection.
        """
        header = self.table.horizontalHeader()
        key = header.font().key()
        if self._titles_font != key:
            shown = header.isSortIndicatorShown()
            header.setSortIndicatorShown(False)
            plain = [header.sectionSizeFromContents(c).width() for c in range(self.model.columnCount())]
            header.setSortIndicatorShown(True)  # (room for the arrow in every title: the sorted one's is used)
            arrowed = [header.sectionSizeFromContents(c).width() for c in range(self.model.columnCount())]
            header.setSortIndicatorShown(shown)
            self._titles, self._titles_font = list(zip(plain, arrowed)), key
        plain_width, arrowed_width = self._titles[column]
        return arrowed_width if column == header.sortIndicatorSection() else plain_width


def _id_cell(value: int | None) -> Cell:
    return Cell("—" if value is None else scalar_text(value), value, dim=value is None)


class AudienceList(MembershipList):
    """Audiences of the profile, with ``connectedAudiences`` merged in."""

    def __init__(self, parent=None) -> None:
        super().__init__("audienceList", ("ID", "Name", "Membership"), "No audiences in this profile", parent=parent)

    def set_profile(self, profile: Profile | None, audience_names: Mapping[int, str] | None = None) -> None:
        """Show ``profile``'s audiences; ``audience_names`` names connected-only audiences."""
        names = audience_names or {}
        rows: list[list[Cell]] = []
        for audience in merged_audiences(profile) if profile is not None else ():
            kind = audience.membership
            if kind == "member list":  # an audience members CSV listing the profile
                label = f"members: {audience.name}"
                tip = f"Listed in the audience members file {audience.name}"
                rows.append([_id_cell(None), Cell(label, label.casefold(), tip), Cell(kind, kind, tip)])
                continue
            if kind != "connected":
                name = audience.name or ""
                name_cell = Cell(name, name.casefold(), name)
            elif audience.id is not None and audience.id in names:
                name = names[audience.id]
                name_cell = Cell(name, name.casefold(), name)
            else:
                name_cell = Cell("(name not in this file)", None, "No profile in this export names this audience", dim=True)
            rows.append([_id_cell(audience.id), name_cell, Cell(kind, kind)])
        self.set_rows(rows)


class LoyaltyList(MembershipList):
    """Loyalty programs the profile joined (a deprecated field)."""

    def __init__(self, parent=None) -> None:
        note = (
            "Loyalty memberships is a deprecated field: current Talon.One servers always send null, "
            "so only older exports list programs here."
        )
        super().__init__("loyaltyList", ("Loyalty program ID", "Joined"), "None: no loyalty memberships in this profile", note, parent)

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile``'s loyalty memberships."""
        rows = []
        for membership in profile.loyalty_memberships if profile is not None else ():
            joined = membership.joined
            when = (
                Cell(format_local(joined), joined.timestamp(), f"In the file: {joined.text}")
                if joined is not None
                else Cell("— not given", None, dim=True)
            )
            rows.append([_id_cell(membership.loyalty_program_id), when])
        self.set_rows(rows)


class ConnectedApplicationsList(MembershipList):
    """Applications connected to the profile."""

    def __init__(self, parent=None) -> None:
        super().__init__("connectedApplicationsList", ("Application ID",), "None: no connected applications", parent=parent)

    def set_profile(self, profile: Profile | None) -> None:
        """Show ``profile``'s connected application IDs."""
        ids = profile.connected_applications_ids if profile is not None else ()
        self.set_rows([[_id_cell(app_id)] for app_id in ids])
