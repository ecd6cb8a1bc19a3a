"""A search field that Esc clears, shared by the profile search and the raw-text find."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt, Slot
from PySide6.QtGui import QColor, QInputMethodEvent, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit


class SearchBox(QLineEdit):
    """A search field that Esc clears (a second Esc, on an empty field, goes to the parent).

    With completions open, Esc closes them first and leaves the text.
    """

    _results: QAbstractItemView | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            popup = QApplication.activePopupWidget()
            if popup is not None and popup.isVisible():  # the first Esc closes the completions only
                popup.hide()
                return
            if self.text():
                self.clear()
                return
        super().keyPressEvent(event)

    def lead_to(self, results: QAbstractItemView) -> None:
        """Return in the box takes the keyboard to ``results``; Esc there comes back to the box.

        As a browser's find bar or an editor's quick open: type, press Return, act on
        what was found with the arrow keys. The current row is kept (the first row
        becomes current when none is), so the profile on screen stays the one shown.
        """
        self._results = results
        self.returnPressed.connect(self._to_results)
        results.installEventFilter(self)  # Esc pressed in the list itself (no shortcut: those follow the focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._results and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._from_results()
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _to_results(self) -> None:
        if QApplication.activePopupWidget() is not None:
            return  # Return in an open completion list takes the completion: more of the query may follow
        view = self._results
        model = view.model() if view is not None else None
        if view is None or model is None or model.rowCount() == 0:
            return  # nothing to go to: the box keeps the keyboard
        current = view.currentIndex()
        if not current.isValid():
            current = model.index(0, 0)
            view.setCurrentIndex(current)
        selection = view.selectionModel()
        if selection is not None and not selection.isRowSelected(current.row(), current.parent()):
            selection.select(current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)
        view.scrollTo(current)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _from_results(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

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
