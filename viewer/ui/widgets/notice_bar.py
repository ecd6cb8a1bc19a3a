"""A calm bar across the top of the window that tells something and offers what to do about it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget


class NoticeBar(QFrame):
    """Icon, a plain-text message (``<name>Message``), the buttons added later, then Dismiss (``<name>Dismiss``).

    Non-modal: reading on stays possible while it shows. It starts hidden.
    """

    def __init__(self, name: str, icon: QStyle.StandardPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Palette roles, not colours: the notice pair of roles stays readable in light
        # and dark schemes and stands out from the window.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self.icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(icon).pixmap(size))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message = QLabel(self)
        self.message.setObjectName(f"{name.removesuffix('Bar')}Message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it names files and quotes their text
        self.message.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setObjectName(f"{name.removesuffix('Bar')}Dismiss")
        self.dismiss_button.clicked.connect(self.hide)
        self._layout.addWidget(self.icon)
        self._layout.addWidget(self.message, 1)
        self._layout.addWidget(self.dismiss_button)
        self.hide()

    def add_button(self, text: str, name: str, tooltip: str = "") -> QPushButton:
        """A button before Dismiss."""
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tooltip)
        self._layout.insertWidget(self._layout.indexOf(self.dismiss_button), button)
        return button


def above(bars: Sequence[QWidget], content: QWidget) -> QWidget:
    """A widget holding ``bars`` (top first) above ``content`` (which takes the room), without margins."""
    central = QWidget(content.parentWidget())
    column = QVBoxLayout(central)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    for bar in bars:
        column.addWidget(bar)
    column.addWidget(content, 1)
    return central
