"""The bar that offers to reload when the open file changed on disk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget


class ReloadBar(QFrame):
    """A non-modal bar (``reloadBar``): "x.json has changed on disk. [Reload] [Dismiss]".

    It never interrupts: reading on stays possible, and F5 reloads whether or
    not it shows. ``reloadRequested`` comes from its Reload button (``reloadButton``).
    """

    reloadRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reloadBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Palette roles, not colours: the notice pair of roles stays readable in light
        # and dark schemes and stands out from the window.
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(size))
        self.message = QLabel(self)
        self.message.setObjectName("reloadMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it names the file
        self.message.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setObjectName("reloadButton")
        self.reload_button.setToolTip("Read the file again (F5); the selected profile stays selected")
        self.reload_button.clicked.connect(self.reloadRequested)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setObjectName("reloadDismiss")
        self.dismiss_button.clicked.connect(self.hide)
        layout.addWidget(icon)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def offer(self, name: str, *, gone: bool = False) -> None:
        """Say that ``name`` changed (or disappeared: nothing to reload then) and show the bar."""
        if gone:
            self.message.setText(f"{name} is no longer on disk. You are looking at the last version read.")
        else:
            self.message.setText(f"{name} has changed on disk. Reload to see the new version.")
        self.reload_button.setVisible(not gone)
        self.show()


def above(bar: QWidget, content: QWidget) -> QWidget:
    """A widget holding ``bar`` above ``content`` (which takes the room), without margins: the window's centre."""
    central = QWidget(content.parentWidget())
    column = QVBoxLayout(central)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(bar)
    column.addWidget(content, 1)
    return central
