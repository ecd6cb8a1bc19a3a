"""The attribute tab's actions: copying what the selected row holds, and the context menu."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from viewer.attributes.nodes import Node
from viewer.ui.attributes.tree_view import AttributeTreeView


class TreeCommands(Protocol):
    """What the actions ask of the attribute tab (the ``AttributeView``)."""

    def expand_all(self) -> None: ...
    def collapse_all(self) -> None: ...
    def expand_to_level(self, level: int) -> None: ...
    def clear_filter(self) -> None: ...
    def focus_filter(self) -> None: ...

# Menu text, shortcut (on the tree), what of the selected node goes to the clipboard.
_COPIES: tuple[tuple[str, Any, Callable[[Node], str]], ...] = (
    ("Copy value", QKeySequence.StandardKey.Copy, lambda node: node.copy_text()),
    ("Copy key", "Ctrl+Alt+K", lambda node: node.key_text),
    ("Copy path", "Ctrl+Shift+C", lambda node: node.path()),
    ("Copy jq path", "Ctrl+Alt+C", lambda node: node.jq_path()),
    ("Copy subtree as JSON", "Ctrl+Shift+J", lambda node: node.to_json()),
)
LEVELS = range(1, 6)  # the "Expand to level" submenu


class AttributeActions(QObject):
    """Copy actions with shortcuts on the tree, view commands, and the tree's context menu."""

    def __init__(
        self, view: QWidget, commands: TreeCommands, tree: AttributeTreeView, *, find_shortcut: bool = True
    ) -> None:
        super().__init__(view)
        self._view = view
        self._tree = tree
        self.copy_actions: list[QAction] = []
        for text, shortcut, part in _COPIES:
            act = self._action(text, self._copy_part, shortcut)
            act.setData(part)
            self.copy_actions.append(act)
        self.expand_all = self._action("Expand all", commands.expand_all)
        self.collapse_all = self._action("Collapse all", commands.collapse_all)
        self.level_menu = QMenu("Expand to level", view)
        for level in LEVELS:
            act = self.level_menu.addAction(str(level))
            act.triggered.connect(lambda _=False, lv=level: commands.expand_to_level(lv))
        # Find and Escape work anywhere in the tab, also while typing in the filter.
        keys = [("Clear filter", commands.clear_filter, QKeySequence(Qt.Key.Key_Escape))]
        if find_shortcut:
            keys.append(("Find in attributes", commands.focus_filter, QKeySequence(QKeySequence.StandardKey.Find)))
        for text, slot, key in keys:
            act = self._action(text, slot)
            act.setShortcut(key)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            view.addAction(act)
        tree.customContextMenuRequested.connect(self._on_context_menu)

    def view_actions(self) -> list[QAction]:
        """Actions for the main window's View menu."""
        return [self.expand_all, self.collapse_all, self.level_menu.menuAction()]

    def copy_menu(self, parent: QWidget) -> QMenu:
        """"Copy from Attributes" for the main window's Edit menu: the tree's copy actions, so they can be found
        without the context menu. Each is enabled while the menu is open only when the tree has a current row."""
        menu = QMenu("Copy from &Attributes", parent)
        menu.setObjectName("copyAttributeMenu")
        menu.addActions(self.copy_actions)
        menu.aboutToShow.connect(self._enable_for_current)
        menu.aboutToHide.connect(self._enable_all)
        return menu

    @Slot()
    def _enable_for_current(self) -> None:
        has_row = self._tree.attribute_model().node(self._tree.currentIndex()) is not None
        for act in self.copy_actions:
            act.setEnabled(has_row)

    @Slot()
    def _enable_all(self) -> None:  # the tree's own shortcuts work whenever it has the focus
        for act in self.copy_actions:
            act.setEnabled(True)

    def _action(self, text: str, slot: Callable[..., Any], shortcut: Any = None) -> QAction:
        act = QAction(text, self._view)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.setShortcutVisibleInContextMenu(True)
            self._tree.addAction(act)
        return act

    @Slot()
    def _copy_part(self) -> None:
        action = self.sender()
        node = self._tree.attribute_model().node(self._tree.currentIndex())
        if node is not None and isinstance(action, QAction):
            QApplication.clipboard().setText(action.data()(node))

    @Slot(QPoint)
    def _on_context_menu(self, pos: QPoint) -> None:
        index = self._tree.indexAt(pos)
        if index.isValid():
            self._tree.setCurrentIndex(index)
        menu = QMenu(self._view)
        for act in self.copy_actions:
            act.setEnabled(index.isValid())
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.expand_all)
        menu.addAction(self.collapse_all)
        menu.addMenu(self.level_menu)
        menu.exec(self._tree.viewport().mapToGlobal(pos))
        for act in self.copy_actions:
            act.setEnabled(True)
        menu.deleteLater()
