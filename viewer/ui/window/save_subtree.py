"""Save an attribute subtree as a JSON file: "Save Subtree as JSON…" in the attribute tree's context menu.

The tree builds its menu anew for each right-click, so the entry
(``saveSubtreeAction``) is added as the menu is polished, just before it shows,
and the tree needs no hook. The file is written safely
(``viewer.writing.safe_file``): complete or not at all, and never over one of
the files the open export was read from. A subtree is one profile's data (a
few kilobytes, at most megabytes), so it is written on the GUI thread.
"""

from __future__ import annotations

import os
import re
from typing import Any

from PySide6.QtCore import QChildEvent, QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from viewer.attributes.nodes import Node
from viewer.ui.window import dialogs
from viewer.writing.safe_file import ExportError, replacing

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # characters no file name on any desktop may hold


class SubtreeSaving(QObject):
    """"Save Subtree as JSON…" for ``window``'s attribute tree."""

    saved = Signal(str)  # the file written
    saveFailed = Signal(str)  # why it could not be written

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        window.attribute_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.ChildPolished and isinstance(event, QChildEvent):
            child = event.child()
            # the context menu has no title (the view's "Expand to level" submenu has one)
            if isinstance(child, QMenu) and not child.title() and child.property("saving") is None \
                    and child.parent() is watched:
                child.setProperty("saving", True)
                self._extend(child)
        return False

    def _extend(self, menu: QMenu) -> None:
        node = self.current_node()
        action = QAction("Save Subtree as JSON…", menu)
        action.setObjectName("saveSubtreeAction")
        action.setEnabled(node is not None)
        action.triggered.connect(self.choose)
        menu.addSeparator()
        menu.addAction(action)

    def current_node(self) -> Node | None:
        """The attribute node selected in the tree (None: nothing selected)."""
        tree = self._window.attribute_view.tree_view()
        model = tree.model()
        node_of = getattr(model, "node", None)
        node = node_of(tree.currentIndex()) if node_of is not None and tree.currentIndex().isValid() else None
        return node if isinstance(node, Node) else None

    @Slot()
    def choose(self) -> None:
        """Ask where to save the selected subtree, then save it."""
        node = self.current_node()
        if node is None:
            return
        name = _UNSAFE.sub("_", str(node.key_text or "attributes")).strip(" .") or "attributes"
        start = os.path.join(self._window.open_folder(), f"{name[:100]}.json")
        path, _ = QFileDialog.getSaveFileName(self._window, "Save subtree as JSON", start, "JSON (*.json)")
        if path:
            self.save_to(path, node)

    def save_to(self, path: str, node: Node) -> bool:
        """Write ``node``'s subtree as pretty JSON to ``path``; False (and a notice) when it cannot be."""
        result = self._window.result
        sources = list(result.export.sources) if result is not None else []
        try:
            with replacing(path, sources) as stream:
                stream.write(node.to_json().encode("utf-8", "surrogatepass") + b"\n")
        except ExportError as error:
            return self._failed(error.message)
        except OSError as error:
            return self._failed(f"{path} cannot be written: {error.strerror or error}.")
        self._window.statusBar().showMessage(f"Saved {node.path()} to {os.path.basename(path)}", 8000)
        self.saved.emit(path)
        return True

    def _failed(self, message: str) -> bool:
        dialogs.show_notice(self._window, "The subtree could not be saved", message, "saveSubtreeFailedNotice")
        self.saveFailed.emit(message)
        return False
