"""A key figure of the overview: its value over its label, a click listing the profiles it counts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget


def figure_button(parent: QWidget, object_name: str, label: str, value: str, query: str | None,
                  emit: Callable[[str], None]) -> QToolButton:
    """A flat button reading ``value`` over ``label``; clicking it emits ``query`` ("": every profile; None: inert)."""
    button = QToolButton(parent)
    button.setObjectName(object_name)
    button.setText(f"{value}\n{label}")  # a button's text is never rich text
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setMinimumWidth(170)
    button.setAutoRaise(True)
    if query is not None:
        button.setToolTip(f"List these profiles: {query}" if query else "List every profile")
        button.clicked.connect(lambda _checked=False, q=query: emit(q))
    return button
