"""The main window's menus (which action goes where) and File > Open Recent."""

from __future__ import annotations

import html
from typing import NamedTuple

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from viewer.ui.attributes.view import AttributeView
from viewer.ui.window.actions import WindowActions
from viewer.ui.window.settings import RecentFiles, entry_label


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


class Menus(NamedTuple):
    """The menu bar's menus."""

    file: QMenu
    edit: QMenu
    view: QMenu
    help: QMenu


def build_menus(window: QMainWindow, actions: WindowActions, recent: RecentFilesMenu, attributes: AttributeView) -> Menus:
    """Put File, Edit, View and Help into ``window``'s menu bar; the attribute tab adds its copy and view actions."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.new_window)
    file_menu.addAction(actions.open)
    file_menu.addMenu(recent)
    file_menu.addAction(actions.add_files)
    file_menu.addAction(actions.compare_with)
    file_menu.addAction(actions.export_profiles)
    for action in (actions.paste, actions.sample, None, actions.reload, actions.close, None, actions.quit):
        if action is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(action)
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(actions.copy)
    edit_menu.addMenu(attributes.copy_menu(window))
    edit_menu.addSeparator()
    for action in (actions.find, actions.search):
        edit_menu.addAction(action)
    view_menu = bar.addMenu("&View")
    view_menu.addAction(actions.back)
    view_menu.addAction(actions.forward)
    view_menu.addAction(actions.overview)
    view_menu.addSeparator()
    for action in attributes.view_actions():
        view_menu.addAction(action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.search_syntax)
    help_menu.addSeparator()
    help_menu.addAction(actions.about)
    return Menus(file_menu, edit_menu, view_menu, help_menu)
