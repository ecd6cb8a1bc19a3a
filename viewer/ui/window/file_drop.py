"""Files dragged from a file manager and dropped anywhere on the window."""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget


def local_files(mime: QMimeData | None) -> list[str]:
    """The local files ``mime`` carries, or [] unless every URL is a local file (not a folder)."""
    if mime is None or not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    if not paths or len(paths) != len(mime.urls()) or any(os.path.isdir(p) for p in paths):
        return []
    return paths


class FileDropFilter(QObject):
    """Event filter that accepts drags of local files and emits ``filesDropped(paths)`` on drop.

    Installed on the window and on every child that takes drops itself (text
    fields would otherwise swallow the drop and insert the file's URL).
    Anything else dragged (text, web links) is left to the widget underneath.
    """

    filesDropped = Signal(list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Take drags and drops of local files; let everything else through."""
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDragMoveEvent):
            if local_files(event.mimeData()):
                event.acceptProposedAction()
                return True
            if kind == QEvent.Type.DragEnter and watched.isWidgetType() and watched.isWindow():
                event.ignore()  # the window itself takes nothing else
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            paths = local_files(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.filesDropped.emit(paths)
                return True
        return super().eventFilter(watched, event)



def accept_file_drops(window: QWidget, on_drop: Callable[[list[str]], None]) -> FileDropFilter:
    """Open files dropped anywhere on ``window``: also on children that take drops themselves."""
    drops = FileDropFilter(window)
    drops.filesDropped.connect(on_drop)
    window.setAcceptDrops(True)
    window.installEventFilter(drops)
    for widget in window.findChildren(QWidget):
        if widget.acceptDrops():
            widget.installEventFilter(drops)
    return drops
