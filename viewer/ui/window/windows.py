"""Every main window of the process: File > New Window adds one, Quit closes them all.

The application holds one ``WindowSet``; it keeps a reference to each open
window (a window without one would be garbage-collected at once) and drops it
when the window is closed. Closing the last window ends the app (Qt's
``quitOnLastWindowClosed``); File > Quit in any window closes every window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Slot

from viewer.ui.window.main_window import MainWindow

_CASCADE = QPoint(32, 32)  # a new window sits this far below and right of the last one


class WindowSet(QObject):
    """The open main windows, in the order they were opened."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._windows: list[MainWindow] = []

    def windows(self) -> list[MainWindow]:
        """The open windows, oldest first."""
        return list(self._windows)

    @Slot()
    def new_window(self) -> MainWindow:
        """Open another window on the welcome page (each window has its own export)."""
        window = MainWindow()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.newWindowRequested.connect(self.new_window)
        window.quitRequested.connect(self.quit_all)
        window.closed.connect(lambda: self._forget(window))
        self._windows.append(window)
        if self._windows[:-1]:  # not on top of the one it came from
            last = self._windows[-2]
            window.move(last.pos() + _CASCADE)
        window.show()
        return window

    @Slot()
    def quit_all(self) -> None:
        """File > Quit: close every window (their loads are cancelled, layouts saved)."""
        for window in list(self._windows):
            window.close()

    def stop_all(self) -> None:
        """Tell every window's background work to stop (on the way out; nothing waits for it)."""
        for window in self._windows:
            window.stop_work()

    def _forget(self, window: MainWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)
