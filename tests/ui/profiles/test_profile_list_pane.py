"""The profile list pane as a person uses it: sorting, tooltips of cut cells, menus, the column chooser."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QHelpEvent
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

import viewer
from viewer.model.profile_columns import AUDIENCES, CREATED, HEADERS, ID, INTEGRATION_ID, SALES, copy_text
from viewer.ui.profiles.list_pane import ProfileListPane
from viewer.ui.profiles.profile_table import column_action_name
from viewer.ui.roles import ProfileRole

LONG_ID = 9007199254740993  # beyond a double's exact range
LONG_URN = "urn:customer:" + "x" * 300


def _profile(n: int, **fields) -> dict:
    base = {
        "id": 1000 + n,
        "created": "2021-03-04T05:06:07Z",
        "integrationId": f"URN{n:04d}",
        "attributes": {"Name": f"Customer {n}"},
        "accountId": 31,
        "closedSessions": n,
        "totalSales": 1000.0 - n,  # the last profile sells least
        "audienceMemberships": [],
        "lastActivity": "2024-01-02T03:04:05Z",
        "sandbox": False,
    }
    base.update(fields)
    return base


@pytest.fixture
def export() -> viewer.Export:
    data = [_profile(n) for n in range(200)]
    data[0].update(id=LONG_ID, totalSales=1234567.891, integrationId=LONG_URN)
    return viewer.load(json.dumps(data).encode())


@pytest.fixture
def pane(qtbot, export) -> ProfileListPane:
    pane = ProfileListPane()
    qtbot.addWidget(pane)
    pane.resize(900, 500)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_profiles(export.profiles)
    return pane


def click_header(qtbot, pane: ProfileListPane, column: int) -> None:
    header = pane.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def rows_in_view(pane: ProfileListPane) -> range:
    table = pane.table
    top = table.rowAt(0)
    bottom = table.rowAt(table.viewport().height() - 1)
    return range(top, (bottom if bottom >= 0 else table.model().rowCount() - 1) + 1)


def test_after_a_sort_the_list_shows_its_start_and_keeps_the_selection(qtbot, pane):
    # The view stayed on the selected row: the middle of the sorted list read as unsorted.
    table = pane.table
    table.setCurrentIndex(table.model().index(50, 0))
    table.scrollToBottom()  # the selected row is out of view
    assert 50 not in rows_in_view(pane)
    click_header(qtbot, pane, SALES)
    assert table.verticalScrollBar().value() == 0
    assert table.model().index(rows_in_view(pane)[0], SALES).data() == "801.00"  # the smallest sales first
    assert table.currentIndex().data() == "1050"  # still profile 1050, selected
    assert table.selectionModel().isRowSelected(table.currentIndex().row())


def test_a_sort_in_the_background_says_so_until_the_rows_are_in_order(qtbot, pane):
    """Sorting a million profiles takes a second or more: the arrow flipped at once and nothing said why."""
    pane.model.background_sort_from = 0  # as if the export held a million profiles
    count = pane.count_label.text()
    with qtbot.waitSignal(pane.model.sortApplied, timeout=10_000):
        click_header(qtbot, pane, SALES)
        assert pane.count_label.text() == "Sorting 200 rows…"
    assert pane.count_label.text() == count == "200 of 200 profiles"
    assert pane.table.model().index(0, SALES).data() == "801.00"


def test_a_sort_keeps_a_selected_row_that_was_in_view_in_view(qtbot, pane):
    table = pane.table
    table.scrollTo(table.model().index(120, 0))
    table.setCurrentIndex(table.model().index(rows_in_view(pane)[1], 0))
    chosen = table.currentIndex().data()
    click_header(qtbot, pane, SALES)
    assert table.currentIndex().data() == chosen
    assert table.currentIndex().row() in rows_in_view(pane)


def test_a_sort_leaves_the_sorted_column_where_it_was_clicked(qtbot, pane):
    pane.resize(420, 500)  # narrower than the columns: the list scrolls sideways
    table = pane.table
    table.setCurrentIndex(table.model().index(3, 0))
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())  # Total sales at the right edge
    sideways = table.horizontalScrollBar().value()
    assert sideways > 0
    click_header(qtbot, pane, SALES)
    assert table.horizontalScrollBar().value() == sideways  # a jump back left moved the column away


def tooltip_at(pane: ProfileListPane, row: int, column: int) -> str:
    QToolTip.hideText()
    table = pane.table
    rect = table.visualRect(table.model().index(row, column))
    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cut_cell_shows_its_whole_text_in_a_tooltip(pane):
    # "900719925…" had no tooltip at all.
    pane.table.setColumnWidth(ID, 60)
    assert "1001" not in tooltip_at(pane, 1, ID)  # "1001" fits: nothing to add
    shown = tooltip_at(pane, 0, ID)
    assert "9007199254740993" in shown and "<qt>" in shown  # escaped, as plain text
    pane.table.setColumnWidth(INTEGRATION_ID, 80)
    shown = tooltip_at(pane, 0, INTEGRATION_ID)
    assert LONG_URN[:60] in shown and "…" not in shown.split("x" * 60)[0]
    QToolTip.hideText()


def open_menu(pane: ProfileListPane, row: int) -> QMenu:
    table = pane.table
    pos = table.visualRect(table.model().index(row, 0)).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, table.viewport().mapToGlobal(pos))
    QApplication.sendEvent(table.viewport(), event)
    menu = table.findChild(QMenu, "profileListMenu")
    assert menu is not None and menu.isVisible()
    return menu


def copied(menu: QMenu, name: str) -> str:
    action = next(a for a in menu.actions() if a.objectName() == name)
    assert action.isEnabled()
    action.trigger()
    return QGuiApplication.clipboard().text()


def test_row_context_menu_copies_exact_values(pane, export):
    # A right-click did nothing.
    menu = open_menu(pane, 0)
    assert pane.table.currentIndex().row() == 0
    assert copied(menu, "copyProfileIdAction") == "9007199254740993"
    assert copied(menu, "copyIntegrationIdAction") == LONG_URN  # whole, not the cell's first 200 characters
    row = copied(menu, "copyRowAction").split("\t")
    assert row[0] == "9007199254740993" and row[1] == LONG_URN
    assert "1234567.891" in row and "1,234,567.89" not in row  # exact, no separators
    text = copied(menu, "copyProfileJsonAction")
    assert json.loads(text, parse_float=Decimal) == export.profiles[0].raw
    assert "9007199254740993" in text and "1234567.891" in text  # the file's own text, exact
    menu.close()


def test_copy_rows_copies_the_selected_rows_tab_separated(pane, export):
    table = pane.table
    selection = table.selectionModel()
    table.setCurrentIndex(table.model().index(0, 0))
    selection.select(table.model().index(2, 0),
                     QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    menu = open_menu(pane, 2)  # a right-click inside the selection keeps it
    action = next(a for a in menu.actions() if a.objectName() == "copyRowAction")
    assert action.text() == "Copy 2 rows"
    lines = copied(menu, "copyRowAction").split("\n")
    assert len(lines) == 2
    assert lines[0].split("\t")[:2] == ["9007199254740993", LONG_URN]
    assert lines[1].split("\t")[0] == copy_text(table.model().index(2, 0).data(ProfileRole), ID)
    menu.close()


def test_the_header_menu_brings_hidden_columns_back_and_the_header_state_keeps_them(pane):
    header = pane.table.horizontalHeader()
    assert header.isSectionHidden(CREATED) and header.isSectionHidden(AUDIENCES)  # hidden by default
    pos = QPoint(header.sectionViewportPosition(SALES) + 5, 5)
    header.customContextMenuRequested.emit(pos)
    menu = pane.table.findChild(QMenu, "profileColumnsMenu")
    assert menu is not None and menu.isVisible()
    assert [a.text() for a in menu.actions()][:len(HEADERS)] == list(HEADERS)
    assert [a.objectName() for a in menu.actions()][-2:] == ["addAttributeColumnAction", "valueCountsAction"]
    assert menu.actions()[-1].text() == "Value counts of Total sales…"  # of the column right-clicked
    action = next(a for a in menu.actions() if a.objectName() == column_action_name(CREATED))
    assert not action.isChecked()
    action.trigger()
    assert not header.isSectionHidden(CREATED)
    assert header.sectionSize(CREATED) >= header.fontMetrics().horizontalAdvance("Created")
    state = header.saveState()
    menu.close()
    other = ProfileListPane()
    try:
        assert other.table.horizontalHeader().restoreState(QByteArray(state))
        assert not other.table.horizontalHeader().isSectionHidden(CREATED)
        assert other.table.horizontalHeader().isSectionHidden(AUDIENCES)
    finally:
        other.deleteLater()


def test_letters_typed_in_the_list_go_to_the_search_box(qtbot, pane, monkeypatch):
    """Qt's own type-to-find read every row's text on the GUI thread: 30 s for one letter at 100,000 profiles."""
    model = pane.table.model()
    asked: list[int] = []
    original = model.data
    monkeypatch.setattr(model, "data", lambda index, role=Qt.ItemDataRole.DisplayRole: (
        asked.append(index.row()), original(index, role))[1])
    pane.activateWindow()
    pane.table.setFocus()
    qtbot.waitUntil(pane.table.hasFocus)
    pane.table.selectRow(3)
    asked.clear()
    qtbot.keyClicks(pane.table, "cu")
    assert pane.search.text() == "cu" and pane.search.hasFocus()
    assert len(set(asked)) < 50  # a screenful at most, never every row of the list
