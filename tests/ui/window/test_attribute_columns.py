"""Attribute columns and value counts of the profile list, driven as a person would."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from viewer.model.profile_columns import ENVIRONMENT, HEADERS
from viewer.ui.window.main_window import MainWindow
from viewer.writing.export_file import export_profiles

SCORE = len(HEADERS)  # the first attribute column


def profile(n: int) -> dict:
    attributes: dict = {"Tier": ["Gold", "Silver", "Bronze"][n % 3], "Score": [12.50, 3, 100, 0.25][n % 4],
                        "Address": {"City": "Berlin" if n % 2 else "Paris"},
                        "Seen": f"2024-0{n % 9 + 1}-01T00:00:00Z"}
    if n % 5:
        attributes["Email"] = f"p{n}@example.com"
    if n % 6 == 0:
        attributes["Tags"] = ["vip", "b2b"] if n % 12 == 0 else ["vip"]
    return {"id": 1000 + n, "integrationId": f"URN{n:04d}", "created": "2023-01-04T05:06:07Z",
            "attributes": attributes, "totalSales": n % 7 + 0.5, "sandbox": n % 5 == 0}


@pytest.fixture
def export_file(tmp_path: Path) -> str:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([profile(n) for n in range(120)]), encoding="utf-8")
    return str(path)


def open_export(qtbot, win: MainWindow, path: str) -> None:
    with qtbot.waitSignals([win.fileLoaded, win.indexBuilt], timeout=20000):
        win.open_files([path])


def choose_column(qtbot, win: MainWindow, typed: str) -> None:
    """Header menu > Add attribute column…, type ``typed``, Enter."""
    menu = win.table.column_menu(0)
    next(a for a in menu.actions() if a.objectName() == "addAttributeColumnAction").trigger()
    chooser = win.findChild(type(win.overview.list_columns.chooser), "attributeColumnChooser")
    assert chooser is not None and chooser.isVisible()
    qtbot.waitUntil(lambda: chooser.paths.rowCount() > 0, timeout=10000)
    QTest.keyClicks(chooser.search, typed)
    QTest.keyClick(chooser.search, Qt.Key.Key_Return)
    assert not chooser.isVisible()


def column_texts(win: MainWindow, column: int) -> list[str]:
    return [win.model.index(row, column).data() for row in range(win.model.rowCount())]


def test_a_chosen_attribute_column_shows_sorts_and_persists(qtbot, make_window, export_file) -> None:
    win = make_window()
    open_export(qtbot, win, export_file)
    chooser_paths = win.overview.list_columns.choose_column()
    qtbot.waitUntil(lambda: chooser_paths.paths.rowCount() > 0, timeout=10000)
    QTest.keyClicks(chooser_paths.search, "city")
    assert chooser_paths.shown_paths() == ["Address.City"]  # type-ahead narrows the catalogue's paths
    chooser_paths.reject()
    choose_column(qtbot, win, "score")
    assert win.model.headerData(SCORE, Qt.Orientation.Horizontal) == "Score"
    assert SCORE in win.table.shown_columns()
    assert column_texts(win, SCORE)[:4] == ["12.5", "3", "100", "0.25"]  # numbers as written
    win.table.sortByColumn(SCORE, Qt.SortOrder.AscendingOrder)
    assert column_texts(win, SCORE)[::30] == ["0.25", "3", "12.5", "100"]  # as numbers, not as text
    win.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
    assert column_texts(win, SCORE)[0] == "100"
    choose_column(qtbot, win, "tags")  # Tags, a list: compact JSON, missing last either way
    tags = SCORE + 1
    win.table.sortByColumn(tags, Qt.SortOrder.DescendingOrder)
    texts = column_texts(win, tags)
    assert texts[:10] == ['["vip","b2b"]'] * 10 and texts[10:20] == ['["vip"]'] * 10 and set(texts[20:]) == {""}
    win.close()

    again = make_window()
    assert again.model.attribute_paths() == ["Score", "Tags"]
    assert SCORE in again.table.shown_columns() and tags in again.table.shown_columns()
    open_export(qtbot, again, export_file)
    assert column_texts(again, SCORE)[:2] == ["12.5", "3"]


def test_the_chooser_says_it_reads_and_an_added_column_is_brought_into_view(qtbot, window, export_file) -> None:
    open_export(qtbot, window, export_file)
    window.resize(700, 600)  # the list narrower than its columns
    chooser = window.overview.list_columns.choose_column()
    status = chooser.findChild(QLabel, "attributeColumnStatus")
    if chooser.paths.rowCount() == 0:  # still reading: typing meanwhile must not say "0 of 0"
        QTest.keyClicks(chooser.search, "sc")
        assert status.text() == "Reading the attribute paths of every profile…"
    qtbot.waitUntil(lambda: chooser.paths.rowCount() > 0, timeout=10000)
    assert "attribute paths" in status.text() and not status.text().startswith("0 of")
    chooser.reject()
    choose_column(qtbot, window, "score")
    header, viewport = window.table.horizontalHeader(), window.table.viewport()
    left = header.sectionViewportPosition(SCORE)
    assert 0 <= left and left + header.sectionSize(SCORE) <= viewport.width() + 1  # in view, not off to the right


def test_removing_an_attribute_column_is_remembered(qtbot, make_window, export_file) -> None:
    win = make_window()
    open_export(qtbot, win, export_file)
    win.table.add_attribute_column("Tier")
    menu = win.table.column_menu(SCORE)
    next(a for a in menu.actions() if a.objectName() == "attributeColumn:Tier").trigger()
    assert win.model.columnCount() == len(HEADERS)
    win.close()
    assert make_window().model.attribute_paths() == []


def test_times_sort_as_times_in_a_worker(qtbot, window, export_file) -> None:
    open_export(qtbot, window, export_file)
    window.model.background_attribute_sort_from = 0  # as with 20,000 profiles: the sort runs in a worker
    column = window.table.add_attribute_column("Seen")
    with qtbot.waitSignal(window.model.sortApplied, timeout=10000):
        window.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
        assert window.model.index(0, column).data() == "2024-01-01T00:00:00Z"  # file order until the worker answers
    texts = column_texts(window, column)
    assert texts[0] == "2024-09-01T00:00:00Z" and texts[-1] == "2024-01-01T00:00:00Z"


def open_counts(qtbot, win: MainWindow, column: int):
    menu = win.table.column_menu(column)
    action = next(a for a in menu.actions() if a.objectName() == "valueCountsAction")
    action.trigger()
    panel = win.overview.list_columns.panel
    assert panel is not None and panel.objectName() == "valueCounts" and panel.isVisible()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10000)
    return panel


def rows_of(panel) -> list[tuple[str, str, str]]:
    model = panel.model
    return [tuple(model.index(r, c).data() for c in range(3)) for r in range(model.rowCount())]


def test_value_counts_of_an_attribute_filter_the_list(qtbot, qtmodeltester, window, export_file) -> None:
    open_export(qtbot, window, export_file)
    column = window.table.add_attribute_column("Tier")
    panel = open_counts(qtbot, window, column)
    qtmodeltester.check(panel.model)
    assert sorted(rows_of(panel)) == [("Bronze", "40", "33.3%"), ("Gold", "40", "33.3%"), ("Silver", "40", "33.3%")]
    gold = next(r for r, row in enumerate(rows_of(panel)) if row[0] == "Gold")
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        panel.activate_row(gold)
    assert window.search.text() == "Tier=Gold"
    assert window.model.rowCount() == 40


def test_value_counts_count_missing_values_and_list_elements(qtbot, window, export_file) -> None:
    open_export(qtbot, window, export_file)
    panel = open_counts(qtbot, window, window.table.add_attribute_column("Tags[]"))
    assert rows_of(panel) == [("vip", "20", "16.7%"), ("b2b", "10", "8.3%"), ("(missing)", "100", "83.3%")]
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        panel.activate_row(2)
    assert window.search.text() == "-has:Tags"
    assert window.model.rowCount() == 100


def test_value_counts_within_a_search_count_its_profiles(qtbot, window, export_file) -> None:
    open_export(qtbot, window, export_file)
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        window.search.setText("-has:Email")  # every fifth profile: 24
    panel = open_counts(qtbot, window, window.table.add_attribute_column("Score"))
    assert sum(int(row[1]) for row in rows_of(panel)) == 24
    assert sorted(rows_of(panel)) == [("0.25", "6", "25.0%"), ("100", "6", "25.0%"), ("12.5", "6", "25.0%"),
                                      ("3", "6", "25.0%")]
    twelve = next(r for r, row in enumerate(rows_of(panel)) if row[0] == "12.5")
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        panel.activate_row(twelve)
    assert window.search.text() == "(-has:Email) Score=12.5"
    assert window.model.rowCount() == 6


def test_value_counts_of_built_in_columns(qtbot, qtmodeltester, window, export_file) -> None:
    open_export(qtbot, window, export_file)
    panel = open_counts(qtbot, window, ENVIRONMENT)
    qtmodeltester.check(panel.model)
    assert rows_of(panel) == [("Live", "96", "80.0%"), ("Sandbox", "24", "20.0%")]
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        panel.activate_row(1)
    assert window.search.text() == "env:sandbox" and window.model.rowCount() == 24
    window.search.clear()
    panel = open_counts(qtbot, window, HEADERS.index("Total sales"))
    first = rows_of(panel)[0]
    assert first[1] == "18" and first[0] in {"0.50", "1.50", "2.50"}  # as the list shows money; 18 or 17 each
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=10000):
        panel.activate_row(0)
    assert window.search.text() == f"totalSales={first[0][:-1]}" and window.model.rowCount() == 18


def test_attribute_columns_reach_the_csv_export(qtbot, window, export_file, tmp_path) -> None:
    open_export(qtbot, window, export_file)
    window.table.add_attribute_column("Address.City")
    window.table.add_attribute_column("Tags[]")
    columns = window.exporting.columns()
    target = tmp_path / "out.csv"
    export_profiles(window.result.export.profiles, target, fmt="csv", columns=columns, indices=[0, 1])
    with target.open(encoding="utf-8", newline="") as handle:
        header, first, second = list(csv.reader(handle))
    assert header[-2:] == ["Address.City", "Tags[]"]
    assert first[-2:] == ["Paris", '["vip","b2b"]'] and second[-2:] == ["Berlin", ""]
