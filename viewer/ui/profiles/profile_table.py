"""The profile list's table view: keys, fitted columns, a column chooser, tooltips and a row menu.

* Home and End go to the first and last profile.
* ``fit_columns`` sizes the columns to their header and to a sample of rows
  (never ``ResizeToContents`` over the whole model: far too slow at 100,000 rows).
* The header's context menu (``profileColumnsMenu``, ``column_menu``) shows and
  hides columns, adds attribute columns and asks for a column's value counts;
  the hidden ones are part of the header state the window remembers.
* A cell whose text does not fit shows the whole text in a tooltip.
* A row's context menu (``profileListMenu``) copies the ID, the integration ID,
  the row (tab-separated exact texts) or the profile's JSON.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
    QTableView,
    QToolTip,
    QWidget,
)

from viewer.insights.list_columns import attribute_text
from viewer.model.profile import Profile
from viewer.model.profile_columns import (
    AUDIENCES,
    CREATED,
    ID,
    INTEGRATION_ID,
    copy_text,
    tooltip_lines,
)
from viewer.ui.profiles.cell_painter import ProfileCellPainter
from viewer.ui.profiles.column_menu import build_column_menu, column_action_name
from viewer.ui.profiles.table_model import ProfileTableModel
from viewer.ui.roles import ProfileRole
from viewer.ui.widgets.sort_header import keep_text_clear_of_sort_arrow
from viewer.ui.widgets.text_width import cell_margin, text_width, widest_text
from viewer.ui.widgets.tooltips import tooltip_html
from viewer.writing.cells import Column, attribute_column, list_column
from viewer.writing.formats import tab_separated
from viewer.writing.profile_text import profile_json

DEFAULT_HIDDEN = (CREATED, AUDIENCES)  # the panel and the Audiences tab show them; the others fit
FIT_FIRST_ROWS = 40  # rows measured from the top (what shows first) ...
FIT_SAMPLE_ROWS = 60  # ... and spread over the rest
FIT_MAX_WIDTH = 260  # a 1,000-character integration ID must not push the other columns away
ROW_ACTIONS = (
    ("copyProfileIdAction", "Copy ID"),
    ("copyIntegrationIdAction", "Copy integration ID"),
    ("copyRowAction", "Copy row"),
    ("copyProfileJsonAction", "Copy profile as JSON"),
)


__all__ = ["ProfileTable", "column_action_name", "sample_rows"]


_CTRL_MOVES = frozenset({Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Up,
                         Qt.Key.Key_Down})
_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier


def sample_rows(count: int, first: int = FIT_FIRST_ROWS, spread: int = FIT_SAMPLE_ROWS) -> list[int]:
    """The rows measured to fit the columns: the first ``first`` and ``spread`` evenly spaced after them."""
    rows = list(range(min(count, first)))
    rest = count - len(rows)
    if rest > 0:
        step = max(1, rest // spread)
        rows += range(len(rows), count, step)
    return rows


class ProfileTable(QTableView):
    """The profile table (``profileList``), see the module's description."""

    attributeColumnRequested = Signal()  # "Add attribute column…" in the header's menu
    valueCountsRequested = Signal(int)  # "Value counts…" of a column
    typedToFind = Signal(str)  # letters typed in the list: the pane puts them in the search box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._menu: QMenu | None = None
        self._before_sort = (False, 0)  # whether the current row was in view; how far the list was scrolled sideways
        header = self.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        keep_text_clear_of_sort_arrow(header)  # Fusion drew "Total sales" under the arrow

    @Slot()
    def note_view_before_sort(self) -> None:
        """Before a sort: did the person see the current row, and how far sideways was the list scrolled?"""
        current = self.currentIndex()
        rect = self.visualRect(current) if current.isValid() else None
        seen = rect is not None and rect.bottom() >= 0 and rect.top() < self.viewport().height()
        self._before_sort = (seen, self.horizontalScrollBar().value())

    @Slot()
    def show_sorted_order(self) -> None:
        """After a sort the list shows its start, so the order is plain to see.

        The current row stays current; when it was in view before, it stays in view. Sideways
        the list stays where it was: the column clicked, at the right of a wide list, stays there.
        """
        seen, sideways = self._before_sort
        self.scrollToTop()
        current = self.currentIndex()
        if seen and current.isValid():
            self.scrollTo(current)
        self.horizontalScrollBar().setValue(sideways)

    def keyboardSearch(self, search: str) -> None:  # noqa: N802 - Qt API
        """Letters typed in the list go to the profile search instead of Qt's type-to-find.

        That asked the model for the text of every row in turn, on the GUI thread:
        one letter froze the window of a 100,000-profile export for about 30 s.
        """
        self.typedToFind.emit(search)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Paint the rows; the cell painter notes the plain cells and draws them all in one pass after."""
        painter = self.itemDelegate()
        if not isinstance(painter, ProfileCellPainter):
            super().paintEvent(event)
            return
        painter.record()
        try:
            super().paintEvent(event)
        finally:
            painter.draw_recorded(self.viewport())

    def setSelectionModel(self, selection_model: QItemSelectionModel) -> None:  # noqa: N802 - Qt API
        """The view's selection model; the column header gets one of its own, always empty.

        A header asks its selection model whether each column is wholly
        selected, row by row, to draw it: with 100,000 rows selected (Ctrl+A)
        that was 800,000 calls into the Python model and a 10-15 s freeze. The
        header never shows the row selection, so it need not see it.
        """
        super().setSelectionModel(selection_model)
        model = self.model()
        if model is not None:
            self.horizontalHeader().setSelectionModel(QItemSelectionModel(model, self))

    def selected_rows(self) -> list[int]:
        """The selected rows, ascending, read from the selection's ranges.

        ``QItemSelectionModel.selectedRows`` asks the model about every cell of
        every selected row: 800,000 Python calls, seconds, for 100,000 rows.
        """
        selection = self.selectionModel()
        if selection is None:
            return []
        ranges = selection.selection()
        parts = [ranges.at(n) for n in range(ranges.count())]
        if len(parts) == 1:
            return list(range(parts[0].top(), parts[0].bottom() + 1))
        return sorted({row for part in parts for row in range(part.top(), part.bottom() + 1)})

    def moveCursor(  # noqa: N802 - Qt API
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # A plain QTableView moves Home/End along the current row's cells, which
        # with whole-row selection looks like the keys do nothing.
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)

    def selectionCommand(  # noqa: N802 - Qt API
        self, index: QModelIndex | QPersistentModelIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        # With extended selection Qt moves the current row on Ctrl+Home, Ctrl+Down and the like without
        # selecting it (for Ctrl+Space to toggle it later). The panel shows the current row's profile, so
        # an unhighlighted current row showed a profile the list did not mark: these keys select the row.
        if (isinstance(event, QKeyEvent) and event.key() in _CTRL_MOVES
                and event.modifiers() & _MODIFIERS == Qt.KeyboardModifier.ControlModifier):
            return QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        return super().selectionCommand(index, event)

    # -- columns ---------------------------------------------------------------------------
    def hide_default_columns(self) -> None:
        """Hide the columns that are hidden until the person asks for them."""
        for column in DEFAULT_HIDDEN:
            self.horizontalHeader().setSectionHidden(column, True)

    def fit_columns(self, columns: Iterable[int] | None = None) -> None:
        """Size ``columns`` (default: the shown ones) to their header and a sample of rows."""
        model, header = self.model(), self.horizontalHeader()
        if model is None:
            return
        wanted = [c for c in range(model.columnCount())] if columns is None else list(columns)
        rows = sample_rows(model.rowCount())
        # Measuring the display text alone: the delegate's sizeHint asks the model
        # for every role of every cell, 146 ms for these ~1,500 cells against a few
        # ms for the text. The margin is the one the default delegate adds to text.
        font = self.font()
        margin = 2 * cell_margin(self)
        grid = 1 if self.showGrid() else 0  # a cell is one pixel narrower than its section
        display = Qt.ItemDataRole.DisplayRole
        for column in wanted:
            if columns is None and header.isSectionHidden(column):
                continue
            if isinstance(model, ProfileTableModel):
                texts = (model.display_text(row, column) for row in rows)
            else:
                texts = (model.index(row, column).data(display) for row in rows)
            cells = widest_text([text for text in texts if text], font)
            title = header.sectionSizeFromContents(column).width()  # has room for the sort arrow (and its gap)
            header.resizeSection(column, max(title, min(cells + margin + grid, FIT_MAX_WIDTH)))

    def column_layout(self) -> tuple[tuple[int, int, bool], ...]:
        """(visual index, width, hidden) per column: tells a restored header from the untouched one."""
        header = self.horizontalHeader()
        return tuple(
            (header.visualIndex(c), header.sectionSize(c), header.isSectionHidden(c)) for c in range(header.count())
        )

    def columns_width(self) -> int:
        """The width the table needs to show every shown column without a horizontal scroll bar."""
        header = self.horizontalHeader()
        sections = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
        return sections + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    @Slot(QPoint)
    def _show_column_menu(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        self._popup(self.column_menu(header.logicalIndexAt(pos)), header.mapToGlobal(pos))

    def column_menu(self, section: int = -1) -> QMenu:
        """The header's context menu, opened on column ``section`` (see ``column_menu.build_column_menu``)."""
        return build_column_menu(self, section)

    def profile_model(self) -> ProfileTableModel | None:
        """The list's model, when it is the profile table model."""
        model = self.model()
        return model if isinstance(model, ProfileTableModel) else None

    def add_attribute_column(self, path: str) -> int:
        """Show attribute ``path`` as a column (shown, fitted to its contents); returns the column."""
        model = self.profile_model()
        if model is None:
            return -1
        column = model.add_attribute_column(path)
        self.horizontalHeader().setSectionHidden(column, False)
        self.fit_columns([column])
        self.show_column(column)
        return column

    def show_column(self, column: int) -> None:
        """Scroll sideways until ``column`` is in view (an added column lands past the right edge)."""
        model, top = self.model(), max(self.rowAt(0), 0)  # the top row in view: nothing moves up or down
        if model is not None and model.rowCount():
            self.scrollTo(model.index(top, column), QAbstractItemView.ScrollHint.EnsureVisible)

    def remove_attribute_column(self, path: str) -> None:
        """Remove the attribute column ``path``."""
        model = self.profile_model()
        if model is None:
            return
        column = model.columnCount() - len(model.attribute_paths()) + model.attribute_paths().index(path) \
            if path in model.attribute_paths() else -1
        if column >= 0 and self.horizontalHeader().sortIndicatorSection() == column:
            self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        model.remove_attribute_column(path)

    def export_column(self, column: int) -> Column:
        """The exported (and copied) form of ``column``: the file's own text, attribute columns included."""
        model = self.profile_model()
        path = model.attribute_path(column) if model is not None else None
        if path is None:
            return list_column(column)
        if "[]" in path:  # list elements: the writer's fast reader walks plain keys only
            def text(profile: Profile, p: str = path) -> str:
                return attribute_text(profile, p)

            return Column(path, text)
        return attribute_column(path)

    def set_column_shown(self, column: int, shown: bool) -> None:
        """Show or hide ``column``; a column shown again fits its contents."""
        header = self.horizontalHeader()
        if header.isSectionHidden(column) == (not shown):
            return
        header.setSectionHidden(column, not shown)
        if shown:
            self.fit_columns([column])

    # -- tooltips --------------------------------------------------------------------------
    def text_fits(self, index: QModelIndex) -> bool:
        """Whether the cell at ``index`` shows its whole display text (not elided)."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            return True
        room = self.visualRect(index).width() - 2 * cell_margin(self)
        return text_width(str(text), self.font()) <= room

    def full_text_lines(self, index: QModelIndex) -> list[str]:
        """The plain lines of an elided cell's tooltip: its whole text, then the column's own tooltip lines."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        profile = index.data(ProfileRole)
        extra = list(tooltip_lines(profile, index.column())) if isinstance(profile, Profile) else []
        start = text.removesuffix("…")
        if any(line.startswith(start) for line in extra):  # the column's tooltip already holds it all
            return extra
        return [text, *extra]

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and not self.text_fits(index):
                html = tooltip_html(*self.full_text_lines(index))
                QToolTip.showText(event.globalPos(), html, self.viewport(), self.visualRect(index))
                return True
        return super().viewportEvent(event)

    # -- the row menu ----------------------------------------------------------------------
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        if not self.selectionModel().isRowSelected(index.row(), index.parent()):
            self.setCurrentIndex(index)  # a right-click inside the selection keeps it, for Copy rows
        self._popup(self.row_menu(index), event.globalPos())

    def row_menu(self, index: QModelIndex) -> QMenu:
        """The context menu of the row at ``index`` (``profileListMenu``)."""
        menu = QMenu(self)
        menu.setObjectName("profileListMenu")
        profile = index.data(ProfileRole)
        if not isinstance(profile, Profile):
            return menu
        rows = self.selected_rows() or [index.row()]
        if index.row() not in rows:
            rows = [index.row()]
        profiles = [p for p in (self.model().index(row, 0).data(ProfileRole) for row in rows) if isinstance(p, Profile)]
        texts = (
            copy_text(profile, ID),
            copy_text(profile, INTEGRATION_ID),
            # tab-separated, quoted where a cell holds a tab or a line break, as spreadsheets paste it
            tab_separated(list(zip(*[self.export_column(c).cells(profiles)
                                     for c in self.shown_columns()]))).rstrip("\n"),
            profile_json(profile),  # the file's own text
        )
        for (name, title), text in zip(ROW_ACTIONS, texts):
            if name == "copyRowAction" and len(profiles) > 1:
                title = f"Copy {len(profiles):,} rows"
            action = QAction(title, menu)
            action.setObjectName(name)
            action.setEnabled(bool(text))
            action.triggered.connect(lambda _checked=False, t=text: QGuiApplication.clipboard().setText(t))
            menu.addAction(action)
        return menu

    def shown_columns(self) -> list[int]:
        """The shown columns, left to right as the person arranged them."""
        header = self.horizontalHeader()
        visual = sorted(range(header.count()), key=header.visualIndex)
        return [c for c in visual if not header.isSectionHidden(c)]

    def _popup(self, menu: QMenu, pos: QPoint) -> None:
        if self._menu is not None:
            self._menu.close()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.destroyed.connect(lambda *_: self._forget_menu(menu))
        self._menu = menu
        menu.popup(pos)

    def _forget_menu(self, menu: QMenu) -> None:
        if self._menu is menu:
            self._menu = None
