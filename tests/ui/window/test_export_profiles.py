"""File > Export profiles…: the search result (or the selected rows) to a file, off the GUI thread, with Cancel."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QPushButton

import viewer
from viewer.ui.window import export_profiles

BIG_ID = 12345678901234567890


def _profile(number: int) -> dict:
    return {"id": BIG_ID + number, "integrationId": f"URN{number:03d}", "created": "2020-06-10T09:05:27.993483Z",
            "lastActivity": "2021-01-01T00:00:00Z", "accountId": 31, "closedSessions": number, "totalSales": 299.99,
            "sandbox": False, "attributes": {"Segment": "Gold" if number % 2 else "Silver"}}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "customers.json"
    path.write_text(json.dumps([_profile(n) for n in range(30)], indent=2), encoding="utf-8")
    return path


@pytest.fixture
def opened(qtbot, window, source):
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(source)])
    return window


def _search(qtbot, window, text: str) -> None:
    with qtbot.waitSignal(window.list_pane.searchApplied, timeout=20000):
        window.search.setText(text)


def test_the_action_sits_in_the_file_menu_and_needs_an_export(window) -> None:
    action = window.window_actions.export_profiles
    assert action in window.menus.file.actions()
    assert action.objectName() == "exportProfilesAction"
    assert not action.isEnabled()


def test_export_the_search_result_as_csv_with_the_shown_columns(qtbot, opened, tmp_path, monkeypatch) -> None:
    window = opened
    _search(qtbot, window, "Segment:Gold")
    shown = window.model.rowCount()
    assert shown == 15
    target = tmp_path / "gold"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), export_profiles.FILTERS[1][0]))  # CSV for Excel
    with qtbot.waitSignal(window.exporting.exported, timeout=20000) as done:
        window.window_actions.export_profiles.trigger()
    path, written = done.args
    assert (path, written) == (str(target) + ".csv", 15)
    data = Path(path).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark this filter asks for
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    headers = [window.model.headerData(c, Qt.Orientation.Horizontal) for c in window.table.shown_columns()]
    assert rows[0] == headers
    ids = [row[headers.index("ID")] for row in rows[1:]]
    shown_ids = [str(window.model.profile_at(r).id) for r in range(shown)]
    assert ids == shown_ids and ids[0] == str(BIG_ID + 1)  # exact, in the list's order
    assert window.exporting.progress is None
    assert "15 profiles exported" in window.statusBar().currentMessage()


def test_export_selected_rows_as_ndjson_that_loads_back(qtbot, opened, tmp_path) -> None:
    window = opened
    selection = window.table.selectionModel()
    selection.clearSelection()
    for row in (2, 5, 7):
        selection.select(window.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    indices = window.exporting.chosen_indices()
    assert indices is not None and len(indices) == 3
    target = tmp_path / "picked.ndjson"
    with qtbot.waitSignal(window.exporting.exported, timeout=20000):
        window.exporting.export_to(str(target), fmt="ndjson", indices=indices)
    again = viewer.load(target)
    assert [p.id for p in again.profiles] == [window.result.export.profiles[i].id for i in indices]


def test_never_over_the_open_file(qtbot, opened, source) -> None:
    window = opened
    before = source.read_bytes()
    with qtbot.waitSignal(window.exporting.exportFailed, timeout=20000) as failed:
        window.exporting.export_to(str(source), fmt="json")
    assert "read from" in failed.args[0]
    assert source.read_bytes() == before
    notice = window.findChild(QMessageBox, "exportFailedNotice")
    assert notice is not None and "read from" in notice.text()


def test_cancel_leaves_no_file(qtbot, opened, tmp_path, monkeypatch) -> None:
    window = opened
    target = tmp_path / "cancelled.json"
    monkeypatch.setattr(export_profiles, "_PAUSE", 60.0)  # the worker waits after its first batch, until cancelled
    window.exporting.export_to(str(target), fmt="json")
    assert window.exporting.progress is not None
    cancel = window.exporting.progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    cancel.click()
    assert window.exporting.progress is None
    assert window.exporting.runner.wait(10)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".cancelled", "cancelled"))]


def test_the_lists_row_menu_offers_the_export(qtbot, opened) -> None:
    window = opened
    table = window.table
    pos = table.visualRect(window.model.index(1, 0)).center()
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                               table.viewport().mapToGlobal(pos)))
    menu = table.findChild(QMenu, "profileListMenu")
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    assert window.window_actions.export_profiles in menu.actions()
    menu.close()


def test_save_an_attribute_subtree_as_json(qtbot, opened, tmp_path, monkeypatch) -> None:
    window = opened
    window.list_pane.select_profile(3)
    tree = window.attribute_view.tree_view()
    model = tree.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Segment")
    tree.setCurrentIndex(model.index(row, 0))
    saving = window.exporting.subtree
    assert saving.current_node() is not None
    target = tmp_path / "segment.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "JSON (*.json)"))
    with qtbot.waitSignal(saving.saved, timeout=5000):
        saving.choose()
    assert json.loads(target.read_text(encoding="utf-8")) == "Gold"
    assert not saving.save_to(str(window.result.export.sources[0]), saving.current_node())  # never the open file


def test_the_attribute_menu_offers_save_subtree(qtbot, opened) -> None:
    window = opened
    menu = QMenu(window.attribute_view)  # as the tree builds its menu: a child of the attribute view
    qtbot.addWidget(menu)
    menu.show()
    qtbot.waitUntil(lambda: any(a.objectName() == "saveSubtreeAction" for a in menu.actions()))
    menu.close()


def test_a_typed_extension_chooses_the_format_over_the_chosen_file_type() -> None:
    from viewer.ui.window.export_profiles import FILTERS, format_for

    csv, excel = FILTERS[0][0], FILTERS[1][0]
    assert format_for("/tmp/out.ndjson", csv) == ("/tmp/out.ndjson", "ndjson", False)
    assert format_for("/tmp/out.JSON", csv) == ("/tmp/out.JSON", "json", False)
    assert format_for("/tmp/out", FILTERS[2][0]) == ("/tmp/out.ndjson", "ndjson", False)
    assert format_for("/tmp/out.csv", excel) == ("/tmp/out.csv", "csv", True)
    assert format_for("/tmp/out.jsonl", excel) == ("/tmp/out.jsonl", "ndjson", False)
