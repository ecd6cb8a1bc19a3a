"""A read-only view of a file's own text: the file's line numbers in a gutter, light JSON colouring.

The text is plain (``setPlainText``); colouring is a ``QSyntaxHighlighter``
over each visible block, so markup in a value is shown as the characters it
is, and a profile of thousands of lines costs only the lines on screen.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\btrue\b|\bfalse\b|\bnull\b')


class JsonHighlighter(QSyntaxHighlighter):
    """Keys, strings, numbers and ``true``/``false``/``null`` in colours that suit the palette."""

    def __init__(self, document: QTextDocument, dark: bool) -> None:
        super().__init__(document)
        colours = ("#9cdcfe", "#ce9178", "#b5cea8", "#569cd6") if dark else ("#0451a5", "#a31515", "#098658",
                                                                            "#0000ff")
        self._formats = []
        for colour in colours:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(colour))
            self._formats.append(fmt)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt API
        key, string, number, literal = self._formats
        for match in _TOKEN.finditer(text):
            token = match.group(0)
            if token.startswith('"'):
                self.setFormat(match.start(), match.end() - match.start(), key if match.group(1) else string)
            elif token[0] in "-0123456789":
                self.setFormat(match.start(), match.end() - match.start(), number)
            else:
                self.setFormat(match.start(), match.end() - match.start(), literal)


class _Gutter(QWidget):
    """The line numbers beside the text (painted by the view)."""

    def __init__(self, view: SourceView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._view.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        self._view.paint_gutter(event)


class SourceView(QPlainTextEdit):
    """Read-only text whose first line is line ``first_line`` of its file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptDrops(False)  # dropped files open in the window instead
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.first_line = 1
        self.numbered = True
        self._gutter = _Gutter(self)
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self._highlighter = JsonHighlighter(self.document(), dark)
        self.blockCountChanged.connect(self._fit_gutter)
        self.updateRequest.connect(self._scroll_gutter)
        self._fit_gutter()

    def set_source(self, text: str, first_line: int | None, numbered: bool = True) -> None:
        """Show ``text``; its first line is numbered ``first_line`` (None: 1); no numbers unless ``numbered``."""
        self.first_line = first_line or 1
        self.numbered = numbered
        self._gutter.setVisible(numbered)
        self.setPlainText(text)
        self._fit_gutter()

    def show_line(self, line: int) -> bool:
        """Scroll to file line ``line`` and mark it; False when the text does not hold that line."""
        block = self.document().findBlockByNumber(line - self.first_line)
        if not block.isValid() or line < self.first_line:
            return False
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(self.palette().color(QPalette.ColorRole.Highlight).lighter(170)
                                  if self.palette().color(QPalette.ColorRole.Base).lightness() >= 128
                                  else self.palette().color(QPalette.ColorRole.Highlight).darker(150))
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = cursor
        self.setExtraSelections([mark])
        return True

    def marked_line(self) -> int | None:
        """The file line marked by ``show_line`` (None: none)."""
        marks = self.extraSelections()
        return marks[0].cursor.blockNumber() + self.first_line if marks else None

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt API
        self.setExtraSelections([])
        super().setPlainText(text)

    # the gutter ------------------------------------------------------------------------
    def gutter_width(self) -> int:
        digits = len(str(self.first_line + max(1, self.blockCount()) - 1))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(digits, 3)

    @Slot()
    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width() if self.numbered else 0, 0, 0, 0)

    @Slot(QRect, int)
    def _scroll_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, event: QPaintEvent) -> None:
        painter = QPainter(self._gutter)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self._gutter.width() - 5
        while block.isValid() and top <= event.rect().bottom():
            bottom = top + round(self.blockBoundingRect(block).height())
            if block.isVisible() and bottom >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight,
                                 str(block.blockNumber() + self.first_line))
            block = block.next()
            top = bottom
        painter.end()
