"""The profile list's item delegate: the built-in columns' plain cells drawn from the model's painted texts.

The default delegate asks the Python model for seven roles of every painted
cell (~1,500 calls for a 633x776 viewport of ~220 cells) and lays each text out
with a ``QTextLayout``. Measured in the benchmark window (100,000 profiles, the
late checks done): repainting the same rows (a keystroke's repaint) took
13.3-13.6 ms with the default delegate, 8-12.5 ms drawing the model's kept
texts (``ProfileTableModel.painted_cells``), elided once per text and width and
kept as a ``QStaticText`` from their second paint; scrolling to new rows and
repainting, 37 ms against 31-34 ms (most of it building the new rows'
profiles). A text painted once is drawn with ``drawText`` at the place the
default delegate puts it (a ``QStaticText`` made for it cost more than it saves).
Only plain cells take this path: a selected or current cell, a cell with a
warning icon and the attribute columns are drawn by the default delegate.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from viewer.model.profile_columns import HEADERS, NUMERIC
from viewer.ui.profiles.table_model import ProfileTableModel
from viewer.ui.widgets.text_width import cell_margin

TEXTS_KEPT = 4_000  # elided texts kept (a screenful is about 220 cells)
_DEFAULT_PATH = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus).value
_ENABLED, _ACTIVE = QStyle.StateFlag.State_Enabled.value, QStyle.StateFlag.State_Active.value
_ENABLED_GROUP, _DISABLED_GROUP = QPalette.ColorGroup.Normal, QPalette.ColorGroup.Disabled
_INACTIVE_GROUP, _TEXT = QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


class ProfileCellPainter(QStyledItemDelegate):
    """Draws the list's plain built-in cells from the model's texts (see the module's description)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._margin = cell_margin(view)
        # (text, room) -> the elided text once painted, its laid-out static text and size once painted again
        self._texts: dict[tuple[str, int], tuple[str | QStaticText, QSize]] = {}
        self._font: QFont | None = None  # the font of the kept texts

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Draw the cell at ``index``: its text elided to the room, in the palette's text colour."""
        model = index.model()
        column = index.column()
        state = option.state.value  # an int: Python's flag operators cost ~3 µs each, 10 per cell
        if column >= len(HEADERS) or state & _DEFAULT_PATH or not isinstance(model, ProfileTableModel):
            super().paint(painter, option, index)
            return
        cells = model.painted_cells(index.row())
        if cells is None or column in cells[1]:  # a value of the wrong type: its icon beside the text
            super().paint(painter, option, index)
            return
        text = cells[0][column]
        if not text:
            return
        font = option.font
        if font != self._font:  # the application's font changed: the kept texts are laid out in the old one
            self._font = QFont(font)
            self._texts.clear()
        group = _ENABLED_GROUP if state & _ENABLED else _DISABLED_GROUP
        if group == _ENABLED_GROUP and not state & _ACTIVE:
            group = _INACTIVE_GROUP
        painter.setPen(option.palette.color(group, _TEXT))
        rect = option.rect.adjusted(self._margin, 0, -self._margin, 0)
        align = _RIGHT if column in NUMERIC else _LEFT
        key = (text, rect.width())
        kept = self._texts.get(key)
        if kept is None:  # a text painted once (a scroll brings new rows): drawn as it is
            metrics = QFontMetricsF(font)
            width = metrics.horizontalAdvance(text)
            if width > key[1]:
                text = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, key[1])
                width = metrics.horizontalAdvance(text)
            kept = text, QSize(int(width), option.fontMetrics.height())  # where the default delegate puts it
            if len(self._texts) >= TEXTS_KEPT:
                self._texts.clear()
            self._texts[key] = kept
            painter.drawText(QStyle.alignedRect(option.direction, align, kept[1], rect), _TOP_LEFT, text)
            return
        shown, size = kept
        if isinstance(shown, str):  # painted again: laid out once for the paints to come
            shown = QStaticText(shown)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # file text is data, never markup
            shown.prepare(font=font)
            self._texts[key] = shown, size
        painter.drawStaticText(QStyle.alignedRect(option.direction, align, size, rect).topLeft(), shown)
