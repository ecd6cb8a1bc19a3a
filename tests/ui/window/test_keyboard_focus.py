"""Keyboard only: Tab walks through the window and leaves every table; typing in the list searches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from tests.ui.window.test_main_window import open_and_wait, profile, write


def _focus_after_tab(qtbot) -> object:
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_tab_leaves_the_problems_table_and_every_table_of_the_window(qtbot, window, tmp_path) -> None:
    path = write(tmp_path / "customers.json", [profile(1), profile(2, totalSales="12,50")])
    open_and_wait(qtbot, window, [path])
    window.activateWindow()
    window.tabs.setCurrentWidget(window.problems)
    table = window.problems.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    table.setCurrentIndex(table.model().index(0, 0))
    assert _focus_after_tab(qtbot) is not table  # Tab went on, not from cell to cell
    window.overview.show_overview()
    qtbot.waitUntil(lambda: window.overview.page is not None and window.overview.page.is_complete(), timeout=20000)
    tables = window.findChildren(QTableView)
    assert len(tables) >= 5 and not [t.objectName() for t in tables if t.tabKeyNavigation()]


def test_a_reload_while_typing_in_the_search_keeps_the_box_and_applies_its_query(qtbot, window, tmp_path) -> None:
    path = write(tmp_path / "customers.json", [profile(n) for n in range(30)])
    open_and_wait(qtbot, window, [path])
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.reload()  # F5
        qtbot.keyClicks(window.search, "URN0007")  # typed on while the file is read again
    assert window.search.hasFocus() and window.search.text() == "URN0007"
    qtbot.waitUntil(lambda: window.count_label.text().startswith("1 of 30"), timeout=10000)


def test_tab_goes_as_the_eye_reads_from_the_search_box_to_its_help_and_the_list(qtbot, window, tmp_path) -> None:
    open_and_wait(qtbot, window, [write(tmp_path / "customers.json", [profile(n) for n in range(5)])])
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    assert _focus_after_tab(qtbot) is window.list_pane.search_help
    assert _focus_after_tab(qtbot) is window.table


def test_a_file_opened_from_the_welcome_page_gives_the_list_the_keys(qtbot, window, tmp_path) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    open_and_wait(qtbot, window, [write(tmp_path / "customers.json", [profile(n) for n in range(5)])])
    assert window.table.hasFocus()  # arrows move through the profiles at once
