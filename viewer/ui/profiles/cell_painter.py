"""The profile list's item delegate: the built-in columns' plain cells drawn from the model's painted texts.

The default delegate asks the Python model for seven roles of every painted
cell (~1,500 calls for a 633x776 viewport of ~220 cells) and lays each text out
with a ``QTextLayout``. Drawing the model's kept texts
(``ProfileTableModel.painted_cells``) instead, elided once per text and width
and kept as a ``QStaticText`` from their second paint, still cost 17-20 ms per
repaint of the same 210 cells and 31-37 ms for new rows: about 70 µs a cell of
Python calls into Qt (the option's palette, font, rect and direction, the
alignment), against about 12 µs to measure and draw the text itself. So during
the list's own paint (``ProfileTable.paintEvent`` calls ``record`` and then
``draw_recorded``) a plain cell is only noted, with its rectangle, and all
noted cells are drawn afterwards in one pass, with one palette colour, font and
direction per paint. Measured on a pane of the benchmark export (620x770
viewport, 210 cells, a machine shared with other work): a repaint of new rows
went from 31-37 ms to 12-21 ms, of the same rows from 17-28 ms to 7-13 ms. Text
is drawn where the default delegate puts it (its ``QStyle.alignedRect``,
computed here). Only plain cells take this path: a
selected or current cell, a cell with a warning icon and the attribute columns
are drawn by the default delegate, in place.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPalette,
    QStaticText,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from viewer.model.profile_columns import HEADERS, NUMERIC
from viewer.ui.profiles.table_model import ProfileTableModel
from viewer.ui.widgets.text_width import cell_margin

TEXTS_KEPT = 4_000  # elided texts kept (a screenful is about 220 cells)
_BUILT_IN = len(HEADERS)
_DEFAULT_PATH = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus).value
_ENABLED, _ACTIVE = QStyle.StateFlag.State_Enabled.value, QStyle.StateFlag.State_Active.value
_ENABLED_GROUP, _DISABLED_GROUP = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Disabled
_INACTIVE_GROUP, _TEXT = QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text
_TOP_LEFT_FLAGS = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop).value
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_RIGHT_TO_LEFT = Qt.LayoutDirection.RightToLeft
_Rect = tuple[int, int, int, int]
Noted = tuple[int, int, int, int, str, bool, int]
"""A plain cell to draw: its rectangle (x, y, width, height), text, right-aligned, palette colour group."""


class ProfileCellPainter(QStyledItemDelegate):
    """Draws the list's plain built-in cells from the model's texts (see the module's description)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._margin = cell_margin(view)
        # (text, room) -> the elided text and its width once painted, its laid-out static text once painted again
        self._texts: dict[tuple[str, int], tuple[str | QStaticText, int]] = {}
        self._font: QFont | None = None  # the font of the kept texts
        self._noted: list[Noted] | None = None  # the plain cells of the paint under way (``record``)
        self._colours: dict[int, QColor] = {}  # colour group -> the text colour, of the paint under way
        self._paint_font: QFont | None = None  # the cells' font and direction in the paint under way
        self._direction = Qt.LayoutDirection.LeftToRight

    def record(self) -> None:
        """From now on note the plain cells instead of drawing them, until ``draw_recorded``."""
        self._noted = []
        self._colours = {}
        self._paint_font = None

    def draw_recorded(self, device: QWidget) -> None:
        """Draw the cells noted since ``record`` on ``device`` (the view's viewport), after the view's own paint."""
        noted, self._noted = self._noted, None
        font = self._paint_font
        if not noted or font is None:
            return
        self._use_font(font)
        metrics, whole = QFontMetricsF(font), QFontMetrics(font)
        painter = QPainter(device)
        painter.setLayoutDirection(self._direction)  # the default delegate lays the text out in the cell's direction
        try:
            group = -1
            for x, y, width, height, text, right, colours in noted:
                if colours != group:
                    group = colours
                    painter.setPen(self._colours[group])
                self._draw(painter, metrics, whole, x, y, width, height, text, right, self._direction)
        finally:
            painter.end()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Draw (or note, see ``record``) the cell at ``index``: its text elided to the room, in the text colour."""
        model = index.model()
        column = index.column()
        state = option.state.value  # an int: Python's flag operators cost ~3 µs each, 10 per cell
        if column >= _BUILT_IN or state & _DEFAULT_PATH or not isinstance(model, ProfileTableModel):
            super().paint(painter, option, index)
            return
        cells = model.painted_cells(index.row())
        if cells is None or column in cells[1]:  # a value of the wrong type: its icon beside the text
            super().paint(painter, option, index)
            return
        text = cells[0][column]
        if not text:
            return
        group = _ENABLED_GROUP if state & _ENABLED else _DISABLED_GROUP
        if group == _ENABLED_GROUP and not state & _ACTIVE:
            group = _INACTIVE_GROUP
        noted = self._noted
        if noted is not None:
            key = group.value
            if key not in self._colours:
                self._colours[key] = QColor(option.palette.color(group, _TEXT))
            if self._paint_font is None:
                self._paint_font, self._direction = QFont(option.font), option.direction
            x, y, width, height = cast(_Rect, option.rect.getRect())  # one call, not four
            noted.append((x, y, width, height, text, column in NUMERIC, key))
            return
        self._use_font(option.font)
        painter.setPen(option.palette.color(group, _TEXT))
        x, y, width, height = cast(_Rect, option.rect.getRect())  # one call, not four
        self._draw(painter, QFontMetricsF(option.font), option.fontMetrics, x, y, width, height, text,
                   column in NUMERIC, option.direction)

    def _use_font(self, font: QFont) -> None:
        if font != self._font:  # the application's font changed: the kept texts are laid out in the old one
            self._font = QFont(font)
            self._texts.clear()

    def _draw(self, painter: QPainter, metrics: QFontMetricsF, whole: QFontMetrics, x: int, y: int, width: int,
              height: int, text: str, right: bool, direction: Qt.LayoutDirection) -> None:
        """Draw ``text`` in the cell at x, y (width, height) where ``QStyle.alignedRect`` puts it."""
        room = width - 2 * self._margin
        key = (text, room)
        kept = self._texts.get(key)
        fresh = kept is None
        if kept is None:  # a text painted once (a scroll brings new rows): drawn as it is
            advance = metrics.horizontalAdvance(text)
            if advance > room:
                text = whole.elidedText(text, _ELIDE_RIGHT, room)
                advance = metrics.horizontalAdvance(text)
            kept = text, int(advance)  # where the default delegate puts it
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            self._texts[key] = kept
        shown, size = kept
        line = whole.height()
        if right == (direction == _RIGHT_TO_LEFT):  # QStyle.visualAlignment: right-to-left swaps the sides
            left = x + self._margin
        else:
            left = x + self._margin + room - size
        top = y + height // 2 - line // 2  # as QStyle.alignedRect (C++ integer halves)
        if fresh or direction == _RIGHT_TO_LEFT:  # (a static text is laid out left to right)
            text = shown if isinstance(shown, str) else shown.text()
            painter.drawText(left, top, size, line, _TOP_LEFT_FLAGS, text)  # type: ignore[arg-type]
            return
        if isinstance(shown, str):  # painted again: laid out once for the paints to come
            shown = QStaticText(shown)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # file text is data, never markup
            shown.prepare(font=self._font if self._font is not None else QFont())
            self._texts[key] = shown, size
        painter.drawStaticText(left, top, shown)
