"""The status bar's progress indicator with its Cancel button, shown while a file loads.

While the file is read a label beside the bar says how far (``42 % · 37 MB of
87 MB``): reading 100,000 profiles (87 MB) takes a few seconds, and a moving bar
without a figure did not say whether that was a second or a minute more. (Drawn
on the bar, the figure was cut where the filled part ends.) The reader reports
its steps as a share of its work (reading and checking the bytes, in steps of
the window's loader); the size shown is that share of the files' size, so the
two figures always agree. The last part (putting the profiles on screen) has
no steps of its own: the bar is busy then, with no figure.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

_UNITS = ((10**12, "TB"), (10**9, "GB"), (10**6, "MB"), (10**3, "KB"))


def size_text(done: int, total: int) -> str:
    """``37 MB of 87 MB``: both in the unit of ``total`` (decimal units, as file managers show them)."""
    for size, unit in _UNITS:
        if total >= size:
            break
    else:
        return f"{done:,} of {total:,} bytes"
    scale = 10 if total < 10 * size else 1  # tenths below 10 units: "2.5 MB", else "87 MB"

    def figure(n: int, up: bool) -> str:  # whole numbers: what is read is rounded down, never overstated
        units = (n * scale + (size // 2 if up else 0)) // size
        return f"{units // 10}.{units % 10}" if scale == 10 else str(units)

    return f"{figure(done, False)} {unit} of {figure(total, True)} {unit}"


def files_size(paths: Sequence[str]) -> int:
    """The bytes of the regular files among ``paths`` (0 for any that cannot be read: the load will say why)."""
    total = 0
    for path in paths:
        try:
            if os.path.isfile(path):
                total += os.path.getsize(path)
        except OSError:
            pass
    return total


class LoadProgress(QWidget):
    """How far (``loadProgressText``), a progress bar (``loadProgress``) and Cancel (``loadCancel``); hidden when idle."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("loadProgress")
        self.bar.setMaximumWidth(220)
        self.bar.setMinimumWidth(160)
        self.bar.setTextVisible(False)  # drawn on the bar, a figure was cut where the filled part ends
        self.figure = QLabel(self)
        self.figure.setObjectName("loadProgressText")
        self.figure.setTextFormat(Qt.TextFormat.PlainText)
        self.figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("loadCancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        layout.addWidget(self.figure)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        # While "Opening …" hides the summary, the status bar would hand all its width to
        # this widget and stretch Cancel across half the window.
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self._bytes = 0  # of the files being read (0: unknown, only the percentage is shown)
        self.hide()

    def start(self, paths: Sequence[str] = (), data: bytes | None = None) -> None:
        """Show a busy indicator until the first progress report on reading ``paths`` (or ``data``)."""
        self._bytes = len(data) if data is not None else files_size(paths)
        self.bar.setRange(0, 0)
        self.figure.clear()
        widest = "100 %" + (" · " + size_text(self._bytes, self._bytes) if self._bytes else "")
        self.figure.setMinimumWidth(self.figure.fontMetrics().horizontalAdvance(widest) + 4)  # no jumping about
        self.show()

    def text(self) -> str:
        """What it says beside the bar: ``42 % · 37 MB of 87 MB`` (empty while busy)."""
        return self.figure.text()

    @Slot(int, int)
    def set_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps read (``total`` 0: busy, no figure)."""
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        if total <= 0:
            self.figure.clear()
            return
        figure = f"{100 * done // total} %"
        if self._bytes:
            figure += " · " + size_text(self._bytes * done // total, self._bytes)
        self.figure.setText(figure)
