"""A search field that Esc clears, shared by the profile search and the raw-text find."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QInputMethodEvent, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QLineEdit


class SearchBox(QLineEdit):
    """A search field that Esc clears (a second Esc, on an empty field, goes to the parent)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)

    def underline(self, start: int | None, length: int = 1) -> None:
        """Underline ``length`` characters from ``start`` with a red wave (None: no underline).

        QLineEdit formats parts of its text only through input-method attributes,
        given relative to the cursor; the text itself is not changed.
        """
        attributes = []
        if start is not None and self.text():
            start = max(0, min(start, len(self.text()) - 1))
            mark = QTextCharFormat()
            mark.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            mark.setUnderlineColor(QColor("#d0312d"))
            attributes.append(QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat, start - self.cursorPosition(), max(1, length), mark))
        QCoreApplication.sendEvent(self, QInputMethodEvent("", attributes))
