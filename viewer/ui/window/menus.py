"""The main window's menus, their actions and shortcuts, and File > Open Recent."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from viewer.ui.window.settings import RecentFiles, entry_files, entry_label

if TYPE_CHECKING:
    from viewer.ui.window.main_window import MainWindow


class RecentFilesMenu(QMenu):
    """File > Open Recent (``recentMenu``): the recent files, then "Clear Recent".

    Refreshed each time it opens (files gone since are pruned) and whenever the
    list changes. ``fileChosen(path)`` is emitted for the entry picked.
    """

    fileChosen = Signal(str)

    def __init__(self, recent: RecentFiles, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self.setObjectName("recentMenu")
        self.setToolTipsVisible(True)
        self._recent = recent
        # Queued: "Clear Recent" changes the list from inside its own triggered
        # signal, and refreshing deletes that very action.
        recent.changed.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Rebuild the entries from the settings."""
        self.clear()
        paths = self._recent.paths()
        for number, path in enumerate(paths, 1):
            name, folder, full = entry_label(path)
            mnemonic = f"&{number % 10} " if number <= 10 else ""
            # "&" would mark a mnemonic; a file name is data, not markup
            action = self.addAction(f"{mnemonic}{name.replace('&', '&&')}  \u2014  {folder.replace('&', '&&')}")
            action.setData(path)
            action.setToolTip(f"<qt>{html.escape(full).replace(chr(10), '<br>')}</qt>")
            action.triggered.connect(lambda _checked=False, chosen=path: self.fileChosen.emit(chosen))
        if not paths:
            self.addAction("No recent files").setEnabled(False)
        self.addSeparator()
        clear = self.addAction("&Clear Recent")
        clear.setObjectName("clearRecentAction")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self._recent.clear)

    def recent_paths(self) -> list[str]:
        """The paths the menu lists, in order."""
        return [action.data() for action in self.actions() if action.data()]


def _action(window: MainWindow, text: str, slot: Callable, shortcut: str | None = None, name: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if name:
        action.setObjectName(name)
    action.triggered.connect(slot)
    return action


def build_menus(window: MainWindow) -> None:
    """Add File, Edit, View and Help to ``window``; the actions become its attributes."""
    _build_file_menu(window)
    _build_edit_menu(window)
    window.view_menu = window.menuBar().addMenu("&View")
    for action in window.attribute_view.view_actions():
        window.view_menu.addAction(action)
    window.help_menu = window.menuBar().addMenu("&Help")
    window.about_action = _action(window, "&About Audience Viewer", window.about, name="aboutAction")
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.help_menu.addAction(window.about_action)


def _build_file_menu(window: MainWindow) -> None:
    menu = window.file_menu = window.menuBar().addMenu("&File")
    window.open_action = _action(window, "&Open…", window.choose_files, "Ctrl+O", "openAction")
    window.recent_menu = RecentFilesMenu(window.recent, menu)
    window.recent_menu.fileChosen.connect(lambda entry: window.open_files(entry_files(entry)))
    window.paste_action = _action(
        window, "Open from Clip&board", window.open_clipboard, "Ctrl+Shift+V", "openClipboardAction"
    )
    window.paste_action.setToolTip("Open JSON text copied to the clipboard")
    window.sample_action = _action(window, "Open &Sample Export", window.open_sample, name="openSampleAction")
    window.reload_action = _action(window, "&Reload", window.reload, "F5", "reloadAction")
    window.close_action = _action(window, "&Close", window.close_export, "Ctrl+W", "closeAction")
    window.quit_action = _action(window, "&Quit", window.close, "Ctrl+Q", "quitAction")
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    menu.addAction(window.open_action)
    menu.addMenu(window.recent_menu)
    menu.addAction(window.paste_action)
    menu.addAction(window.sample_action)
    menu.addSeparator()
    menu.addAction(window.reload_action)
    menu.addAction(window.close_action)
    menu.addSeparator()
    menu.addAction(window.quit_action)


def _build_edit_menu(window: MainWindow) -> None:
    window.edit_menu = window.menuBar().addMenu("&Edit")
    window.copy_action = _action(window, "&Copy", window.copy, "Ctrl+C", "copyAction")
    window.find_action = _action(window, "&Find in Attributes", window.find, "Ctrl+F", "findAction")
    window.search_action = _action(window, "Search &Profiles", window.focus_search, "Ctrl+L", "searchAction")
    for action in (window.copy_action, window.find_action, window.search_action):
        window.edit_menu.addAction(action)
