"""Files dragged from a file manager and dropped anywhere on the window.

A drop opens the files. With an export open, one file dropped with Shift held
(``COMPARE_MODIFIER``) is compared with it instead: the open export is the old
side, the dropped file the new (File > Compare with…). Shift is also what file
managers read as "move", so every drop is taken as a copy: the file stays
where it was. Alt was not chosen: window managers take Alt+drag to move windows.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QWidget

from viewer.reading.companion_csv import is_companion_file

COMPARE_MODIFIER = Qt.KeyboardModifier.ShiftModifier
OPEN_TEXT = "Drop to open"
OPEN_OR_COMPARE_TEXT = "Drop to open\nHold Shift to compare the open export with it"
COMPARE_TEXT = "Drop to compare\nthe open export (old) with this file (new)"
ADD_TEXT = "Drop to add to this export"  # CSV exports dropped while an export is open join it (add_files)


def local_files(mime: QMimeData | None) -> list[str]:
    """The local files ``mime`` carries, or [] unless every URL is a local file (not a folder)."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if not paths or len(paths) != len(mime.urls()) or any(os.path.isdir(p) for p in paths):
        return []
    return paths


class DropHighlight(QLabel):
    """A frame over the whole window saying "Drop to open" (``dropHighlight``) while files are dragged over it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(OPEN_TEXT, window)
        self.setObjectName("dropHighlight")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the drop lands underneath
        self.setStyleSheet(
            "QLabel#dropHighlight { border: 3px dashed palette(highlight); border-radius: 8px;"
            " background: rgba(32, 32, 32, 170); color: white; font-size: 22pt; font-weight: bold; }"
        )
        self.hide()

    def show_over(self, window: QWidget) -> None:
        """Cover ``window``'s client area and show."""
        self.setGeometry(window.rect().adjusted(6, 6, -6, -6))
        self.raise_()
        self.show()


class FileDropFilter(QObject):
    """Event filter that accepts drags of local files and emits ``filesDropped(paths)`` on drop.

    Installed on the window and on every child that takes drops itself (text
    fields would otherwise swallow the drop and insert the file's URL).
    Anything else dragged (text, web links) is left to the widget underneath.
    """

    filesDropped = Signal(list)
    fileDroppedToCompare = Signal(str)  # one file dropped with COMPARE_MODIFIER while an export is open

    def __init__(self, window: QWidget, can_compare: Callable[[], bool] | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._can_compare = can_compare
        self.highlight = DropHighlight(window)
        self._csv: tuple[list[str], bool] = ([], False)  # the paths dragged last: all CSV exports? (read once)

    def _adds(self, paths: list[str]) -> bool:
        """Whether dropping ``paths`` adds them to the open export: CSV exports only, an export open."""
        if self._can_compare is None or not self._can_compare():  # (can compare: an export is open)
            return False
        if self._csv[0] != paths:
            self._csv = (paths, all(map(is_companion_file, paths)))
        return self._csv[1]

    def _compares(self, paths: list[str], modifiers: Qt.KeyboardModifier) -> bool | None:
        """True: this drop compares; False: it opens; None: it opens and comparing is not on offer."""
        if self._can_compare is None or len(paths) != 1 or not self._can_compare():
            return None
        return bool(modifiers & COMPARE_MODIFIER)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Take drags and drops of local files; let everything else through."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDragMoveEvent):
            paths = local_files(event.mimeData())
            if paths:
                event.setDropAction(Qt.DropAction.CopyAction)  # never a move: Shift means "move" to file managers
                event.accept()
                compares = self._compares(paths, event.modifiers())
                self.highlight.setText(COMPARE_TEXT if compares else ADD_TEXT if self._adds(paths) else
                                       OPEN_TEXT if compares is None else OPEN_OR_COMPARE_TEXT)
                if not self.highlight.isVisible():
                    self.highlight.show_over(self._window)
                return True
            if kind == QEvent.Type.DragEnter and isinstance(watched, QWidget) and watched.isWindow():
                event.ignore()  # the window itself takes nothing else
                return True
        elif kind == QEvent.Type.DragLeave:
            self.highlight.hide()  # moving onto another widget of the window enters it next: shown again
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = local_files(event.mimeData())
            self.highlight.hide()
            if paths:
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                if self._compares(paths, event.modifiers()):
                    self.fileDroppedToCompare.emit(paths[0])
                else:
                    self.filesDropped.emit(paths)
                return True
        return super().eventFilter(watched, event)


def accept_file_drops(
    window: QWidget,
    on_drop: Callable[[list[str]], None],
    on_compare: Callable[[str], None] | None = None,
    can_compare: Callable[[], bool] | None = None,
) -> FileDropFilter:
    """Open files dropped anywhere on ``window``: also on children that take drops themselves.

    With ``on_compare``, one file dropped with Shift while ``can_compare()`` goes there instead.
    """
    drops = FileDropFilter(window, can_compare if on_compare is not None else None)
    drops.filesDropped.connect(on_drop)
    if on_compare is not None:
        drops.fileDroppedToCompare.connect(on_compare)
    window.setAcceptDrops(True)
    window.installEventFilter(drops)
    for widget in window.findChildren(QWidget):
        if widget.acceptDrops():
            widget.installEventFilter(drops)
    return drops
