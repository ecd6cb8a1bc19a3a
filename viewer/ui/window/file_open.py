"""macOS "Open with" / Finder double-click: QFileOpenEvent sent to the application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QFileOpenEvent


class FileOpenFilter(QObject):
    """Event filter for the QApplication that turns QFileOpenEvents into ``openRequested``.

    Finder sends one event per file when several are opened together; they are
    gathered for a moment and reported as one list, so they open as one export.
    Install with ``app.installEventFilter(filter)``; connect ``openRequested``
    to ``MainWindow.open_files``.
    """

    openRequested = Signal(list)

    def __init__(self, parent: QObject | None = None, *, gather_ms: int = 50) -> None:
        super().__init__(parent)
        self._paths: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(gather_ms)
        self._timer.timeout.connect(self._emit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Take FileOpen events; let every other event through."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toLocalFile()
            if path:
                self._paths.append(path)
                self._timer.start()
                return True
        return super().eventFilter(watched, event)

    @Slot()
    def _emit(self) -> None:
        paths, self._paths = list(dict.fromkeys(self._paths)), []
        if paths:
            self.openRequested.emit(paths)
