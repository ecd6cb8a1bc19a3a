"""Remember the main window's layout between runs: geometry, splitters, column widths."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt

from viewer.ui.window import settings

if TYPE_CHECKING:
    from viewer.ui.window.main_window import MainWindow

GEOMETRY_KEY = "mainWindow"
MAIN_SPLITTER_KEY = "mainSplitter"
DETAIL_SPLITTER_KEY = "detailSplitter"
HEADER_KEY = "profileListHeader"


def restore_window_state(window: MainWindow) -> bool:
    """Put back what ``save_window_state`` stored; False when no geometry was saved."""
    for key, splitter in ((MAIN_SPLITTER_KEY, window.splitter), (DETAIL_SPLITTER_KEY, window.detail_splitter)):
        state = settings.restore_state(key)
        if state:
            splitter.restoreState(QByteArray(state))
    header = window.table.horizontalHeader()
    state = settings.restore_state(HEADER_KEY)
    if state and header.restoreState(QByteArray(state)):
        # Widths are a habit; a sort order is not: every file opens in file order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    return settings.restore_geometry(window, GEOMETRY_KEY)


def save_list_width(window: MainWindow) -> None:
    """Store the share of the profile list; call before hiding the list (one-profile exports)."""
    # A hidden list's share reads 0: the last real one is kept instead.
    if not window.list_pane.isHidden():
        settings.save_state(MAIN_SPLITTER_KEY, window.splitter.saveState())


def save_window_state(window: MainWindow) -> None:
    """Store the window's geometry, its splitter positions and the profile list's column widths."""
    settings.save_geometry(window, GEOMETRY_KEY)
    save_list_width(window)
    settings.save_state(DETAIL_SPLITTER_KEY, window.detail_splitter.saveState())
    settings.save_state(HEADER_KEY, window.table.horizontalHeader().saveState())
