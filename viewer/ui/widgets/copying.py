"""Ctrl+C: copy from whichever view has the keyboard focus."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from viewer.ui.roles import CopyRole


@runtime_checkable
class CopiesItself(Protocol):
    """A widget that knows what Copy gives (a value label: the file's digits, not the grouped text)."""

    def copy_text(self) -> str: ...


def copy_from_focus(exact_views: tuple[QAbstractItemView, ...] = ()) -> None:
    """Copy the focused widget's selected text, or its current cell.

    Views in ``exact_views`` give the cell's exact value (``CopyRole``: 999999.999,
    not the rounded "1,000,000.00" they display).
    """
    widget = QGuiApplication.focusObject()
    if isinstance(widget, CopiesItself):
        QGuiApplication.clipboard().setText(widget.copy_text())
    elif isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        widget.copy()
    elif isinstance(widget, QLabel) and widget.hasSelectedText():
        QGuiApplication.clipboard().setText(widget.selectedText())
    elif isinstance(widget, QAbstractItemView) and widget.currentIndex().isValid():
        index = widget.currentIndex()
        exact = index.data(CopyRole) if widget in exact_views else None
        text = exact if exact is not None else index.data(Qt.ItemDataRole.DisplayRole)
        QGuiApplication.clipboard().setText("" if text is None else str(text))


def claim_copy_key(event: QEvent) -> bool:
    """In a widget's ``event()``: take Ctrl+C before the window's shortcuts see it.

    A window-wide Copy action next to the widget's own handling would make the
    key ambiguous, and then neither fires. Returns True when the event was claimed.
    """
    if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
        if event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            return True
    return False
