"""The status bar's progress indicator with its Cancel button, shown while a file loads."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QSizePolicy, QWidget


class LoadProgress(QWidget):
    """A progress bar (``loadProgress``) and Cancel (``loadCancel``); hidden when idle."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("loadProgress")
        self.bar.setMaximumWidth(220)
        self.bar.setMinimumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("loadCancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        # While "Opening …" hides the summary, the status bar would hand all its width to
        # this widget and stretch Cancel across half the window.
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.hide()

    def start(self) -> None:
        """Show a busy indicator until the first progress report."""
        self.bar.setRange(0, 0)
        self.show()

    @Slot(int, int)
    def set_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps read."""
        self.bar.setRange(0, total)
        self.bar.setValue(done)
