"""Closing a secondary window from the keyboard, as people expect of one: Esc and Ctrl+W (Cmd+W)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def close_with_keys(window: QWidget) -> QAction:
    """Give ``window`` a ``closeWindowAction`` on Esc and the platform's Close key; returns it."""
    action = QAction("Close Window", window)
    action.setObjectName("closeWindowAction")
    action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence(Qt.Key.Key_Escape)])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(window.close)
    window.addAction(action)
    return action
