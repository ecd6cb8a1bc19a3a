"""The main window's actions: one typed attribute each, with its text, shortcut and objectName.

The window connects each action's ``triggered`` to its own slot; the menus only
place them. Keeping them in one object lets Help > Keyboard shortcuts list
every shortcut from the actions themselves, so the list cannot go stale.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


def _action(parent: QObject, text: str, name: str, shortcut: str | None = None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
    return action


class WindowActions(QObject):
    """Every action of the main window's menus (not yet connected to anything)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.new_window = _action(parent, "&New Window", "newWindowAction", "Ctrl+N",
                                  "Open another window, with an export of its own")
        self.open = _action(parent, "&Open…", "openAction", "Ctrl+O")
        self.add_files = _action(parent, "A&dd to this export…", "addToExportAction", None,
                                 "Open CSV exports (sessions, loyalty, audience members) beside the open profiles")
        self.compare_with = _action(parent, "Co&mpare with…", "compareWithAction", None,
                                    "Compare the open export (old) with another export file (new)")
        self.export_profiles = _action(parent, "&Export Profiles…", "exportProfilesAction", "Ctrl+Shift+E",
                                       "Write the profiles of the search result (or the selected rows) to a CSV, "
                                       "NDJSON or JSON file")
        self.paste = _action(parent, "Open from Clip&board", "openClipboardAction", "Ctrl+Shift+V",
                             "Open JSON text copied to the clipboard")
        self.sample = _action(parent, "Open &Sample Export", "openSampleAction")
        self.reload = _action(parent, "&Reload", "reloadAction", "F5")
        self.close = _action(parent, "&Close", "closeAction", "Ctrl+W")
        self.quit = _action(parent, "&Quit", "quitAction", "Ctrl+Q")
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.copy = _action(parent, "&Copy", "copyAction", "Ctrl+C")
        self.find = _action(parent, "&Find in Attributes", "findAction", "Ctrl+F")
        self.search = _action(parent, "Search &Profiles", "searchAction", "Ctrl+L")
        self.back = _action(parent, "&Back", "backAction", "Alt+Left", "The profile viewed before this one")
        self.forward = _action(parent, "&Forward", "forwardAction", "Alt+Right", "The profile left with Back")
        for action in (self.back, self.forward):  # the mouse's thumb buttons do the same (see history)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.overview = _action(parent, "&Overview", "overviewAction", "Ctrl+Shift+O",
                                "The whole export (or the search result) at a glance; again: back to the profiles")
        self.shortcuts = _action(parent, "&Keyboard Shortcuts", "shortcutsAction")
        self.search_syntax = _action(parent, "&Search Syntax", "searchSyntaxAction")
        self.about = _action(parent, "&About Audience Viewer", "aboutAction")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def all(self) -> tuple[QAction, ...]:
        """Every action, in menu order (Help > Keyboard Shortcuts lists them from here)."""
        return (self.new_window, self.open, self.add_files, self.compare_with, self.export_profiles, self.paste,
                self.sample, self.reload, self.close, self.quit, self.copy, self.find, self.search, self.back,
                self.forward, self.overview, self.shortcuts, self.search_syntax, self.about)

    def follow(self, is_open: bool, previewing: bool, files_open: bool, back: bool, forward: bool) -> None:
        """Grey out what cannot be done now.

        Without an open export: Close, Find, Search, Compare, Export, Overview; Find
        and Search work on a big file's first profiles (``previewing``) too. Reload
        and Add to this export need files on screen (not clipboard text); Back and
        Forward need a profile to go to.
        """
        for action in (self.close, self.compare_with, self.export_profiles, self.overview):
            action.setEnabled(is_open)
        for action in (self.search, self.find):
            action.setEnabled(is_open or previewing)
        self.reload.setEnabled(files_open)
        self.add_files.setEnabled(files_open)
        self.back.setEnabled(back)
        self.forward.setEnabled(forward)
