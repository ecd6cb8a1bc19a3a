"""Bugs found by exploratory testing of the whole window, each pinned by what a user saw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTreeView

from viewer.ui.attributes.view import AttributeView
from viewer.ui.details.problems_view import PATH
from viewer.ui.window.main_window import MainWindow


def profile(n: int, **fields) -> dict:
    """A wire-format profile; ``fields`` override or add keys."""
    base = {
        "id": 1000 + n,
        "created": "2021-03-04T05:06:07Z",
        "integrationId": f"URN{n:04d}",
        "attributes": {"Name": f"Customer {n}", "Address": {"City": "Berlin"}},
        "accountId": 31,
        "closedSessions": n,
        "totalSales": 10.5 * n,
        "lastActivity": "2024-01-02T03:04:05Z",
        "sandbox": False,
    }
    base.update(fields)
    return base


def write(path: Path, data) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def open_and_wait(qtbot, win: MainWindow, paths: list[str]) -> None:
    with qtbot.waitSignals([win.fileLoaded, win.indexBuilt], timeout=20000):
        win.open_files(paths)


@pytest.fixture
def customers(tmp_path) -> str:
    return write(tmp_path / "customers.json", [profile(n) for n in range(40)])


def test_home_and_end_go_to_the_first_and_last_profile(qtbot, window, customers):
    # A plain QTableView moved along the row's cells: the keys seemed to do nothing.
    open_and_wait(qtbot, window, [customers])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_End)
    assert window.panel.integration_id.toPlainText() == "URN0039"
    qtbot.keyClick(window.table, Qt.Key.Key_Home)
    assert window.panel.integration_id.toPlainText() == "URN0000"


def test_ctrl_moves_select_the_row_the_panel_shows(qtbot, window, customers):
    # Ctrl+Home made profile 0 current (the panel showed it) while the list still highlighted another row.
    open_and_wait(qtbot, window, [customers])
    window.table.setFocus()
    window.select_profile(20)
    for key, shown in ((Qt.Key.Key_Home, 0), (Qt.Key.Key_Down, 1), (Qt.Key.Key_End, 39)):
        qtbot.keyClick(window.table, key, Qt.KeyboardModifier.ControlModifier)
        assert window.panel.integration_id.toPlainText() == f"URN{shown:04d}"
        assert window.table.selected_rows() == [shown]
    qtbot.keyClick(window.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)  # Shift still extends
    assert window.table.selected_rows() == [38, 39]


def test_a_search_without_matches_shows_no_profile(qtbot, window, customers):
    # The panel kept showing a profile next to "0 of 40 profiles".
    open_and_wait(qtbot, window, [customers])
    window.select_profile(7)
    qtbot.keyClicks(window.search, "nobody")
    assert window.count_label.text() == "0 of 40 profiles"
    assert window.panel.integration_id.toPlainText() == "No profile selected"
    assert window.tabs.tabText(1) == "Audiences 0"
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.panel.integration_id.toPlainText() == "URN0007"  # the chosen one comes back


def test_closing_during_a_load_leaves_no_opening_message(qtbot, window, customers):
    # "Opening customers.json…" stayed in the status bar of the welcome page.
    window.open_files([customers])
    assert window.statusBar().currentMessage().startswith("Opening customers.json")
    window.close_export()
    window.worker.wait(10)  # the cancelled load's thread has ended ...
    QCoreApplication.sendPostedEvents()  # ... and anything it sent has been handled (and dropped)
    assert window.statusBar().currentMessage() == ""
    assert window.pages.currentWidget() is window.welcome


def test_edit_copy_on_the_attribute_tree_copies_the_value(qtbot, window, customers):
    # Edit > Copy copied the key ("City") while Ctrl+C on the tree copied the value.
    open_and_wait(qtbot, window, [customers])
    tree = window.attribute_view.tree_view()
    model = tree.model()
    address = model.index(1, 0)
    tree.expand(address)
    tree.setCurrentIndex(model.index(0, 0, address))
    tree.setFocus()
    QGuiApplication.clipboard().setText("")
    window.window_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "Berlin"


def test_a_long_string_without_spaces_fills_the_detail_area(qtbot):
    # Word-boundary wrapping of a 5 MB run without spaces froze the window for minutes.
    view = AttributeView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    big = "A" * 200_000
    view.set_attributes({"Big": big, "Small": "two words"})
    tree, detail = view.tree_view(), view.findChild(QPlainTextEdit, "attributeDetail")
    tree.setCurrentIndex(tree.model().index(0, 0, QModelIndex()))
    assert detail.toPlainText().endswith("\n" + big)
    assert detail.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    tree.setCurrentIndex(tree.model().index(1, 0, QModelIndex()))
    assert detail.toPlainText().endswith("\ntwo words")
    assert detail.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere  # short text wraps at words


def test_the_cancel_button_stays_button_sized_while_loading(qtbot, window):
    # While "Opening …" hid the summary, Cancel stretched across half the status bar.
    window.loading.start()
    window.statusBar().showMessage("Opening big.json…")
    qtbot.waitUntil(lambda: window.cancel_button.isVisible())
    QCoreApplication.sendPostedEvents()  # the pending layout requests: the bar is laid out as shown
    assert window.cancel_button.width() <= window.cancel_button.sizeHint().width() + 10
    assert window.progress.width() >= 160


def test_problems_of_several_files_say_which_file(qtbot, window, tmp_path):
    # "data[1].totalSales" alone did not say which of the open pages holds it.
    first = write(tmp_path / "page1.json", {"data": [profile(0)], "hasMore": True})
    second = write(tmp_path / "page2.json", {"data": [profile(1), profile(2, totalSales="x")], "hasMore": False})
    open_and_wait(qtbot, window, [first, second])
    paths = [window.problems.model.index(r, PATH).data() for r in range(window.problems.model.rowCount())]
    assert paths == ["data[1].totalSales (line 1) · page2.json"]  # the place first: a cut column keeps it
    open_and_wait(qtbot, window, [second])
    paths = [window.problems.model.index(r, PATH).data() for r in range(window.problems.model.rowCount())]
    assert paths == ["data[1].totalSales (line 1)"]  # one file: its name is in the title already


def test_other_fields_sit_next_to_their_names(qtbot, window, tmp_path):
    # The values of "Other fields" started half a window to the right of their names.
    path = write(tmp_path / "one.json", [profile(0, advocateIntegrationId="REF1"), profile(1)])
    open_and_wait(qtbot, window, [path])
    name, value = window.panel.other_rows[:2]
    assert (name.text(), value.text()) == ("advocateIntegrationId", "REF1")
    qtbot.waitUntil(lambda: value.geometry().left() > 0)
    name_end = name.geometry().left() + name.fontMetrics().horizontalAdvance(name.text())
    assert value.geometry().left() - name_end < 40


def test_megabyte_strings_show_their_start_and_say_the_rest_is_hidden(qtbot, window, tmp_path):
    """A 5 MB attribute must not freeze the Raw JSON tab or the detail area; copying still copies all."""
    import json as _json

    from PySide6.QtWidgets import QPlainTextEdit as _Text

    from viewer.ui.details.profile_details import RAW_TAB

    big = "x" * 5_000_000
    path = tmp_path / "big.json"
    path.write_text(_json.dumps([{"integrationId": "a", "attributes": {"Blob": big}}]))
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(path)])
    window.tabs.setCurrentIndex(RAW_TAB)
    raw = window.findChild(_Text, "rawJson").toPlainText()
    assert len(raw) < 100_000 and "4,980,0" in raw and "more characters not shown" in raw
    window.tabs.setCurrentIndex(0)
    tree = window.findChild(QTreeView, "attributeTree")
    tree.setCurrentIndex(tree.model().index(0, 0, QModelIndex()))
    detail = window.findChild(_Text, "attributeDetail").toPlainText()
    assert len(detail) < 600_000 and "more characters not shown; Copy value copies all" in detail
    tree.setFocus()
    QGuiApplication.clipboard().setText("")
    window.window_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == big
