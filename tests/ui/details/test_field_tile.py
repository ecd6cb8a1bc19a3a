"""A value label copies numbers as the file's digits, however it shows them."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

import viewer
from tests.ui.window.test_main_window import open_and_wait, profile, write
from viewer.ui.details.field_tile import ValueLabel
from viewer.ui.details.profile_panel import ProfilePanel

BIG = dict(profile(1), closedSessions=1234567, totalSales=1234567.891)


@pytest.fixture
def panel(qtbot) -> ProfilePanel:
    widget = ProfilePanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    export = viewer.load(json.dumps([BIG]).encode())
    widget.set_profile(export.profiles[0], export.problems_for(0))
    return widget


def copy_from_menu(label: ValueLabel, text: str) -> str:
    """Right-click ``label``, choose ``text``: what the clipboard then holds."""
    QApplication.clipboard().clear()

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        next(a for a in menu.actions() if a.text() == text).trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    where = QPoint(2, 2)
    QApplication.sendEvent(label, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where, label.mapToGlobal(where)))
    return QApplication.clipboard().text()


def test_copy_in_the_menu_gives_the_digits_of_the_file(panel):
    sessions = panel.tiles["closed_sessions"].value
    assert sessions.text() == "1,234,567"  # shown grouped, for reading
    assert copy_from_menu(sessions, "Copy") == "1234567"
    sales = panel.tiles["total_sales"].value
    assert sales.text() == "1,234,567.89"
    assert copy_from_menu(sales, "Copy") == "1234567.891"
    sessions.setSelection(2, 5)  # "234,5"
    assert copy_from_menu(sessions, "Copy") == "2345"  # a part of it: still no separators
    created = panel.tiles["created"].value  # not a number: Copy gives what is shown
    assert copy_from_menu(created, "Copy") == created.text()


def test_ctrl_c_on_a_selected_number_copies_its_digits(panel, qtbot):
    sessions = panel.tiles["closed_sessions"].value
    sessions.setFocus()
    sessions.setSelection(0, len(sessions.text()))
    assert sessions.selectedText() == "1,234,567"
    qtbot.keyClick(sessions, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "1234567"


def test_edit_copy_in_the_window_copies_digits_from_the_panel_and_the_tree(qtbot, window, tmp_path):
    data = [dict(BIG, attributes={"Points": 9876543210, "Name": "Ada"})]
    open_and_wait(qtbot, window, [write(tmp_path / "big.json", data)])
    sessions = window.details.panel.tiles["closed_sessions"].value
    sessions.setFocus()
    sessions.setSelection(0, len(sessions.text()))
    window.window_actions.copy.trigger()
    assert QApplication.clipboard().text() == "1234567"
    tree = window.details.attribute_view.tree_view()
    tree.setFocus()
    tree.setCurrentIndex(tree.model().index(0, 1))
    window.window_actions.copy.trigger()
    assert QApplication.clipboard().text() == "9876543210"
    qtbot.keyClick(tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "9876543210"
