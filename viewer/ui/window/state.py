"""Remember the main window's layout between runs: geometry, splitters, column widths."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QSplitter, QWidget

from viewer.ui.window import settings

GEOMETRY_KEY = "mainWindow"
MAIN_SPLITTER_KEY = "mainSplitter"
DETAIL_SPLITTER_KEY = "detailSplitter"
HEADER_KEY = "profileListHeader"


FIRST_SIZE = (1280, 800)  # the first run's window, where the screen has room for it
FRAME_ROOM = (16, 48)  # pixels of the screen's free area left for the window manager's frame and title bar


def first_geometry(available: QRect) -> QRect:
    """The first run's window on a screen whose free area (without task bars) is ``available``: ``FIRST_SIZE``
    or less, so the title bar and the status bar are on screen (1280x800 on a 1280x800 screen put the status
    bar below its edge), centred. Only the frame's room is given up: a window 10 % smaller cut the list's
    last column at the sample's widths."""
    width = min(FIRST_SIZE[0], available.width() - FRAME_ROOM[0])
    height = min(FIRST_SIZE[1], available.height() - FRAME_ROOM[1])
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def place_first_time(window: QWidget) -> None:
    """Size and place ``window`` as ``first_geometry`` says for its screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(*FIRST_SIZE)
        return
    rect = first_geometry(screen.availableGeometry())
    window.resize(rect.size())
    window.move(rect.topLeft())


@dataclass(frozen=True)
class WindowLayout:
    """The widgets whose layout is remembered: the window, its two splitters, the list and its header."""

    window: QWidget
    main_splitter: QSplitter
    detail_splitter: QSplitter
    profile_list: QWidget
    list_header: QHeaderView

    def restore(self) -> bool:
        """Put back what ``save`` stored; False when no geometry was saved."""
        for key, splitter in ((MAIN_SPLITTER_KEY, self.main_splitter), (DETAIL_SPLITTER_KEY, self.detail_splitter)):
            state = settings.restore_state(key)
            if state:
                splitter.restoreState(QByteArray(state))
        state = settings.restore_state(HEADER_KEY)
        if state and self.list_header.restoreState(QByteArray(state)):
            # Widths are a habit; a sort order is not: every file opens in file order.
            self.list_header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        return settings.restore_geometry(self.window, GEOMETRY_KEY)

    def save_list_width(self) -> None:
        """Store the share of the profile list; call before hiding the list (one-profile exports)."""
        # A hidden list's share reads 0: the last real one is kept instead.
        if not self.profile_list.isHidden():
            settings.save_state(MAIN_SPLITTER_KEY, self.main_splitter.saveState())

    def save(self) -> None:
        """Store the window's geometry, its splitter positions and the profile list's column widths."""
        settings.save_geometry(self.window, GEOMETRY_KEY)
        self.save_list_width()
        settings.save_state(DETAIL_SPLITTER_KEY, self.detail_splitter.saveState())
        settings.save_state(HEADER_KEY, self.list_header.saveState())
