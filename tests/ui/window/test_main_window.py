"""The main window, driven as a person would: open real files, type, click, press keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QTextEdit

from viewer.desktop.resources import sample_export_path
from viewer.model.profile_columns import INTEGRATION_ID, SALES
from viewer.ui.details.profile_details import PROBLEMS_TAB, RAW_TAB
from viewer.ui.window.main_window import MainWindow

HOSTILE = "<img src=x><b>bold</b>"


def profile(n: int, **fields) -> dict:
    """A realistic wire-format profile; ``fields`` override or add keys."""
    base = {
        "id": 1000 + n,
        "created": "2021-03-04T05:06:07.123456Z",
        "integrationId": f"URN{n:04d}",
        "attributes": {"Name": f"Customer {n}", "ShippingCountry": "DE"},
        "accountId": 31,
        "closedSessions": n,
        "totalSales": 100.0 * n + 0.5,
        "loyaltyMemberships": None,
        "audienceMemberships": [],
        "lastActivity": "2024-01-02T03:04:05Z",
        "sandbox": n % 2 == 1,
        "connectedApplicationsIds": [],
        "connectedAudiences": [],
    }
    base.update(fields)
    return base


def write(path: Path, data) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def open_and_wait(qtbot, win: MainWindow, paths: list[str], index: bool = True) -> None:
    signals = [win.fileLoaded, win.indexBuilt] if index else [win.fileLoaded]
    with qtbot.waitSignals(signals, timeout=20000):
        win.open_files(paths)


def settle(win: MainWindow) -> None:
    """Every load thread, cancelled ones included, has ended and what it sent is handled.

    After this whatever a cancelled load could still deliver has been delivered,
    so a check that it changed nothing holds however slow the machine is.
    """
    win.worker.wait(10)
    QCoreApplication.sendPostedEvents()


@pytest.fixture
def customers(tmp_path) -> str:
    data = [
        profile(0, totalSales=2500, attributes={"Name": "Ada Lovelace", "Tier": "Gold"},
                audienceMemberships=[{"id": 2, "name": "Travel audience"}]),
        profile(1, totalSales=None),
        profile(2, totalSales=12.25, attributes={"Name": "Grace Hopper"}),
        profile(3, totalSales=999999.999, lastActivity="2025-06-01T00:00:00Z"),
        profile(4, totalSales=0),
        profile(5, totalSales=42, connectedAudiences=[2, 77]),
    ]
    return write(tmp_path / "customers.json", data)


def shown_ids(win: MainWindow) -> list[str]:
    model = win.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_open_shows_profiles_summary_and_title(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    assert window.windowTitle() == "customers.json - Audience Viewer"
    assert window.table.model().rowCount() == 6
    assert window.count_label.text() == "6 of 6 profiles"
    summary = window.findChild(QLabel, "statusSummary")
    assert summary.text() == "customers.json · array · 6 profiles · 1 warning"  # totalSales null
    assert window.pages.currentIndex() == 1
    assert window.list_pane.isVisible()
    assert window.panel.integration_id.toPlainText() == "URN0000"
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()


def test_keyboard_selection_updates_panel_tabs_and_raw_json(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.panel.integration_id.toPlainText() == "URN0001"
    assert window.panel.tiles["total_sales"].value.text() == "null"
    qtbot.keyClick(window.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.integration_id.toPlainText() == "URN0005"
    assert window.tabs.tabText(1) == "Audiences 2"  # connected audiences merged in
    assert window.audiences.model.index(0, 1).data() == "Travel audience"  # named by profile 0
    window.tabs.setCurrentIndex(RAW_TAB)
    raw = window.findChild(QPlainTextEdit, "rawJson")
    formatted = window.details.raw.formatted
    assert formatted.isChecked()  # the file has the profile on one long line: shown formatted first
    assert raw.toPlainText().startswith('{\n  "id": 1005,\n  "created"')  # in the file's key order
    formatted.setChecked(False)
    text = raw.toPlainText()
    assert text.startswith('{"id": 1005, "created"')  # the file's own text, key order and spacing
    assert text in open(customers, encoding="utf-8").read()
    assert raw.first_line == 1  # the file's line numbers: this file is one line
    assert json.loads(text)["integrationId"] == "URN0005"
    assert raw.isReadOnly()
    qtbot.keyClick(window.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert json.loads(raw.toPlainText())["integrationId"] == "URN0000"


def test_mouse_selection_updates_panel(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    rect = window.table.visualRect(window.table.model().index(2, 1))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.panel.integration_id.toPlainText() == "URN0002"


def test_typing_a_search_filters_and_esc_clears(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    search = window.search
    qtbot.keyClicks(search, "Name:ada")
    assert window.count_label.text() == "1 of 6 profiles"
    assert shown_ids(window) == ["1000"]
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    assert window.count_label.text() == "6 of 6 profiles"
    qtbot.keyClicks(search, "sandbox")
    assert shown_ids(window) == ["1001", "1003", "1005"]
    assert window.panel.integration_id.toPlainText() in {"URN0001", "URN0003", "URN0005"}
    search.clear()
    qtbot.keyClicks(search, "travel")  # an audience name, and a connected audience named elsewhere
    assert shown_ids(window) == ["1000", "1005"]
    search.clear()
    qtbot.keyClicks(search, "nobody")
    assert window.count_label.text() == "0 of 6 profiles"


def test_search_keeps_the_selected_profile(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    window.select_profile(5)
    qtbot.keyClicks(window.search, "live")  # 0, 2, 4: profile 5 is filtered out
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    window.select_profile(4)
    qtbot.keyClicks(window.search, "live")
    assert window.panel.integration_id.toPlainText() == "URN0004"


def test_ctrl_l_and_ctrl_f_move_the_focus(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.focusObject() is window.search
    window.window_actions.find.trigger()
    assert window.tabs.currentIndex() == 0
    assert QGuiApplication.focusObject() is window.findChild(QLineEdit, "attributeFilter")


def test_tab_leaves_the_profile_list_and_keeps_the_profile(qtbot, window, customers):
    """Tab stepped through the list's cells, one profile after another, and never left it."""
    open_and_wait(qtbot, window, [customers])
    window.activateWindow()
    window.select_profile(2)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QGuiApplication.focusObject() is not window.table
    assert window.profile is not None and window.profile.index == 2


def test_ctrl_l_and_ctrl_f_on_the_overview_go_back_to_the_list_first(qtbot, window, customers):
    """On the overview the search box and the attribute filter are hidden: typing there went in unseen."""
    open_and_wait(qtbot, window, [customers])
    window.activateWindow()
    for action, box in ((window.window_actions.search, window.search),
                        (window.window_actions.find, window.findChild(QLineEdit, "attributeFilter"))):
        window.overview.show_overview()
        qtbot.waitUntil(window.overview.is_showing)  # (once the charts are imported, in a worker)
        action.trigger()
        assert not window.overview.is_showing() and box.isVisible()
        assert QGuiApplication.focusObject() is box


def click_header(qtbot, win: MainWindow, column: int) -> None:
    header = win.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_clicking_headers_sorts_numbers_as_numbers_missing_last(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    window.select_profile(2)
    click_header(qtbot, window, SALES)
    assert shown_ids(window) == ["1004", "1002", "1005", "1000", "1003", "1001"]  # 0, 12.25, 42, 2500, ...
    assert window.table.currentIndex().row() == 1  # the selection follows its profile
    assert window.panel.integration_id.toPlainText() == "URN0002"
    click_header(qtbot, window, SALES)
    assert shown_ids(window) == ["1003", "1000", "1005", "1002", "1004", "1001"]  # null still last
    click_header(qtbot, window, SALES)  # third click: back to file order
    assert shown_ids(window) == ["1000", "1001", "1002", "1003", "1004", "1005"]


def test_sort_and_filter_combine(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    click_header(qtbot, window, SALES)
    click_header(qtbot, window, SALES)
    qtbot.keyClicks(window.search, "live")
    assert shown_ids(window) == ["1000", "1002", "1004"]


def test_copy_gives_the_exact_value(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # profile 3: 999999.999
    window.table.setCurrentIndex(window.table.model().index(3, SALES))
    assert window.table.currentIndex().data() == "1,000,000.00"
    window.window_actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "999999.999"


def test_malformed_file_shows_dialog_and_keeps_what_was_open(qtbot, window, customers, tmp_path):
    open_and_wait(qtbot, window, [customers])
    bad = tmp_path / "broken.json"
    bad.write_text('[\n  {"id": 1,\n   "integrationId": tru}\n]\n', encoding="utf-8")
    with qtbot.waitSignal(window.loadFailed, timeout=10000) as blocker:
        window.open_files([str(bad)])
    assert "broken.json" in blocker.args[0]
    box = window.findChild(QMessageBox, "loadErrorDialog")
    assert box is not None and box.isVisible()
    assert box.text() == "Could not open broken.json"
    assert box.textFormat() == Qt.TextFormat.PlainText
    info = box.informativeText()
    assert "not valid JSON" in info and "Line 3, column 21" in info and str(bad) in info
    detail = box.findChild(QTextEdit)
    assert detail.isVisible()  # the offending line shows without another click
    line, caret = detail.toPlainText().split("\n")
    assert line == '   "integrationId": tru}'
    assert caret == " " * 20 + "^"
    assert detail.font().fixedPitch() or "mono" in detail.font().family().lower()
    box.close()
    assert window.windowTitle() == "customers.json - Audience Viewer"
    assert window.table.model().rowCount() == 6


def test_open_error_for_missing_file(qtbot, window, tmp_path):
    with qtbot.waitSignal(window.loadFailed, timeout=10000):
        window.open_files([str(tmp_path / "nope.json")])
    box = window.findChild(QMessageBox, "loadErrorDialog")
    assert box.text() == "Could not open nope.json"
    assert window.pages.currentIndex() == 0


def test_problem_activation_selects_profile_and_field(qtbot, window, tmp_path):
    data = [profile(n) for n in range(5)]
    data[3]["totalSales"] = "12"
    del data[1]["accountId"]
    path = write(tmp_path / "odd.json", data)
    open_and_wait(qtbot, window, [path])
    assert window.tabs.tabText(PROBLEMS_TAB) == "Problems 2"
    qtbot.keyClicks(window.search, "URN0000")  # profile 3 is filtered out
    window.tabs.setCurrentIndex(PROBLEMS_TAB)
    table = window.problems.table
    rows = [table.model().index(r, 1).data() for r in range(table.model().rowCount())]
    assert rows == ["[1].accountId (line 1)", "[3].totalSales (line 1)"]  # where the file says it
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.search.text() == ""  # cleared so the profile can show
    assert window.panel.integration_id.toPlainText() == "URN0003"
    assert window.table.currentIndex().row() == 3
    assert window.panel.highlighted_field == "total_sales"
    tile = window.panel.tiles["total_sales"]
    assert tile.problems.isVisible() and "string" in tile.problems.text()


def test_single_profile_fills_the_window(qtbot, window, tmp_path):
    path = write(tmp_path / "one.json", profile(7))
    open_and_wait(qtbot, window, [path])
    assert not window.list_pane.isVisible()
    assert window.panel.integration_id.toPlainText() == "URN0007"


def test_plain_text_everywhere(qtbot, window, tmp_path):
    data = [
        profile(0, integrationId=HOSTILE, attributes={"Note": HOSTILE},
                audienceMemberships=[{"id": 9, "name": HOSTILE}], advocateIntegrationId=HOSTILE),
        profile(1),
    ]
    path = write(tmp_path / "hostile.json", data)
    open_and_wait(qtbot, window, [path])
    assert window.panel.integration_id.toPlainText() == HOSTILE
    assert window.table.model().index(0, INTEGRATION_ID).data() == HOSTILE
    tip = window.table.model().index(0, INTEGRATION_ID).data(Qt.ItemDataRole.ToolTipRole)
    assert HOSTILE not in tip and "&lt;img src=x&gt;" in tip
    assert window.audiences.model.index(0, 1).data() == HOSTILE
    other = [w.text() for w in window.panel.other_rows]
    assert other == ["advocateIntegrationId", HOSTILE]
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in window.panel.other_rows)
    qtbot.keyClicks(window.search, "<b>bold")
    assert window.count_label.text() == "1 of 2 profiles"


def test_newer_open_cancels_older(qtbot, window, tmp_path):
    big = write(tmp_path / "big.json", [profile(n) for n in range(3000)])
    small = write(tmp_path / "small.json", [profile(n) for n in range(3)])
    loaded = []
    window.fileLoaded.connect(lambda: loaded.append(window.windowTitle()))
    window.open_files([big])
    assert window.progress.isVisible() and window.cancel_button.isVisible()
    open_and_wait(qtbot, window, [small])
    settle(window)
    assert loaded == ["small.json - Audience Viewer"]
    assert window.table.model().rowCount() == 3


def test_cancel_keeps_the_previous_export(qtbot, window, customers, tmp_path):
    open_and_wait(qtbot, window, [customers])
    big = write(tmp_path / "big.json", [profile(n) for n in range(20000)])
    window.open_files([big])
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    assert not window.progress.isVisible()
    settle(window)
    assert not window.progress.isVisible()
    assert window.windowTitle() == "customers.json - Audience Viewer"
    assert window.table.model().rowCount() == 6


def test_close_returns_to_the_empty_page(qtbot, window, customers):
    open_and_wait(qtbot, window, [customers])
    window.window_actions.close.trigger()
    assert window.pages.currentIndex() == 0
    assert window.windowTitle() == "Audience Viewer"
    assert window.findChild(QLabel, "statusSummary").text() == ""


def test_table_model_passes_tester_with_real_data(qtbot, window, customers, qtmodeltester):
    open_and_wait(qtbot, window, [customers])
    qtbot.keyClicks(window.search, "live")
    qtmodeltester.check(window.table.model())


def test_search_on_a_large_export_runs_in_the_background(qtbot, window, tmp_path):
    """Typing never waits for a search; the newest query's matches are what shows."""
    window.list_pane.background_search_from = 0  # as if the export were huge
    path = write(tmp_path / "c.json", [profile(n) for n in range(30)])
    open_and_wait(qtbot, window, [path])
    qtbot.keyClicks(window.search, "URN001")
    qtbot.waitUntil(lambda: window.count_label.text() == "10 of 30 profiles")
    qtbot.keyClicks(window.search, "7")  # URN0017
    qtbot.waitUntil(lambda: window.count_label.text() == "1 of 30 profiles")
    assert window.table.model().profile_at(0).integration_id == "URN0017"
    window.search.clear()
    assert window.count_label.text() == "30 of 30 profiles"  # clearing needs no worker


def test_the_selected_profile_stays_in_view_after_sorting(qtbot, window, tmp_path):
    path = write(tmp_path / "c.json", [profile(n) for n in range(300)])
    open_and_wait(qtbot, window, [path])
    window.select_profile(5)
    window.table.sortByColumn(SALES, Qt.SortOrder.DescendingOrder)  # profile 5 moves near the end
    current = window.table.currentIndex()
    assert window.table.model().profile_at(current.row()).index == 5
    assert window.table.viewport().rect().intersects(window.table.visualRect(current))


def test_the_sample_shows_every_default_column_whole_and_in_view(qtbot, window):
    # Total sales, Closed sessions and Audiences were off screen; the header read "ed sessions".
    open_and_wait(qtbot, window, [str(sample_export_path())], index=False)
    header, table = window.table.horizontalHeader(), window.table
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert SALES in shown and len(shown) >= 6
    for column in shown:
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), title
    last = max(shown, key=header.visualIndex)
    assert header.sectionViewportPosition(last) >= 0
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0 or not table.horizontalScrollBar().isVisible()


def test_a_search_matching_nothing_shows_an_empty_state_not_the_previous_profile(qtbot, window, customers):
    # "No profile selected" showed above the previous profile's fields, greyed out.
    open_and_wait(qtbot, window, [customers])
    window.select_profile(3)
    qtbot.keyClicks(window.search, "nobody-has-this")
    assert window.count_label.text() == "0 of 6 profiles"
    empty = window.findChild(QLabel, "profileDetailsEmpty")
    assert empty is not None and empty.isVisible()
    assert empty.text() == "No profile matches the search"
    assert not window.details.isVisible()  # no field of profile 3 anywhere
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.details.isVisible() and not empty.isVisible()
    assert window.panel.integration_id.toPlainText() == "URN0003"


def test_freed_memory_is_handed_back_once_the_window_is_idle(qtbot, window, tmp_path) -> None:
    import json

    from viewer.ui.window import idle_trim

    given_back: list[int] = []
    window.idle_trim.timer.timeout.disconnect()
    window.idle_trim.timer.timeout.connect(lambda: given_back.append(1))
    window.idle_trim.timer.setInterval(50)
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"id": n, "integrationId": f"U{n}"} for n in range(5)]), encoding="utf-8")
    with qtbot.waitSignals([window.fileLoaded, window.indexBuilt], timeout=20000):
        window.open_files([str(path)])
    qtbot.waitUntil(lambda: bool(given_back), timeout=5000)
    count = len(given_back)
    window.search.setText("U3")  # a search: once idle again, again
    qtbot.waitUntil(lambda: len(given_back) > count, timeout=5000)
    assert idle_trim.IDLE_MS >= 1000  # in use: seconds after the last search, never between keystrokes


def test_the_search_box_completes_the_files_attribute_paths_and_audiences(qtbot, window, tmp_path):
    """The completions are read beside the search index (off the GUI thread) and offered once search works."""
    people = [profile(n, attributes={"LoyaltyLevel": "gold", "Address": {"City": "Berlin"}},
                      audienceMemberships=[{"id": 7, "name": "Weekend shoppers"}]) for n in range(3)]
    open_and_wait(qtbot, window, [write(tmp_path / "c.json", people)])
    popup = window.list_pane.completions.completer.popup()
    offered = []
    for typed, wanted in (("Loyal", "LoyaltyLevel"), ("Address.C", "Address.City"),
                          ("audience:Week", 'audience:"Weekend shoppers"')):
        window.search.clear()
        qtbot.keyClicks(window.search, typed)
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
        assert wanted in offered, (typed, offered)


def test_a_picked_profile_holds_the_key_coding_and_a_search_moving_the_list_does_not(qtbot, window, customers,
                                                                                     monkeypatch):
    """Held at every keystroke, the coding barely moved while someone typed (6-46 % coded in the benchmark)."""
    from viewer.ui.details import profile_details

    holds: list[bool] = []  # (counted, not timed: a slow machine may take longer than the hold to paint)
    monkeypatch.setattr(profile_details, "hold_for_selection", lambda: holds.append(True))
    open_and_wait(qtbot, window, [customers])
    window.select_profile(5)
    assert holds  # the person's pick
    holds.clear()
    qtbot.keyClicks(window.search, "live")  # profile 5 is filtered out: the first match shows
    assert window.panel.integration_id.toPlainText() == "URN0000"
    assert holds == []
    window.table.setCurrentIndex(window.model.index(1, 0))  # a person picks one
    assert window.panel.integration_id.toPlainText() == "URN0002"
    assert len(holds) == 1
