"""A view that says something useful when it has nothing to show, instead of a blank box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class EmptyStateStack(QStackedWidget):
    """Shows ``view``, or a centred placeholder label (``<name>Empty``) when told it is empty."""

    def __init__(self, view: QWidget, object_name: str, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.empty = QLabel(text, self)
        self.empty.setObjectName(f"{object_name}Empty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.addWidget(view)
        self.addWidget(self.empty)

    def show_view(self, has_content: bool, text: str | None = None) -> None:
        """The view when it has content, else the placeholder (with ``text`` if given)."""
        if text is not None:
            self.empty.setText(text)
        self.setCurrentWidget(self.view if has_content else self.empty)
