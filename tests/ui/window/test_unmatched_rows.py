"""Activating a CSV file's "rows name profiles that are not in this export" problem lists those IDs."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton

from viewer.ui.window.unmatched_rows import unmatched_file

BALANCES_HEADER = ("loyaltyProgramID,loyaltySubledger,profileIntegrationID,currentBalance,pendingBalance,"
                   "expiredBalance,spentBalance,currentTier\n")


def _profile(n: int, integration_id: str) -> dict:
    return {"id": n, "integrationId": integration_id, "created": "2024-01-02T03:04:05Z", "attributes": {},
            "accountId": 1, "closedSessions": 0, "totalSales": 0, "loyaltyMemberships": None,
            "audienceMemberships": None, "lastActivity": "2024-01-02T03:04:05Z", "sandbox": False}


def _open(qtbot, window, tmp_path):
    export = tmp_path / "customers.json"
    export.write_text(json.dumps([_profile(1, "URN-1"), _profile(2, "URN-2")]), encoding="utf-8")
    balances = tmp_path / "balances.csv"
    balances.write_text(BALANCES_HEADER
                        + "4,,URN-1,10.00,0.00,0.00,1.00,Gold\n"
                        + "4,,GONE-A,5.00,0.00,0.00,0.00,\n"
                        + "4,,URN-2,7.50,0.00,0.00,0.00,Silver\n"
                        + "4,shoes-eu,GONE-B,1.00,0.00,0.00,0.00,\n", encoding="utf-8")
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_files([str(export), str(balances)])
    return balances


def _activate_unmatched_problem(window, balances):
    table = window.problems.table
    model = table.model()
    for row in range(model.rowCount()):
        problem = model.problem_at(row)
        if unmatched_file(problem, window.result.export.companions) is not None:
            break
    else:
        raise AssertionError(f"no unmatched-rows problem among {[str(p) for p in window.result.export.problems]}")
    assert problem.source == str(balances)
    table.activated.emit(model.index(row, 2))
    return window.findChild(QDialog, "unmatchedRowsDialog")


def test_activating_the_unmatched_rows_problem_lists_the_ids(qtbot, window, tmp_path):
    balances = _open(qtbot, window, tmp_path)
    dialog = _activate_unmatched_problem(window, balances)
    assert dialog is not None and dialog.isVisible()
    listing = dialog.findChild(QPlainTextEdit, "unmatchedRowsList")
    assert listing.isReadOnly()
    assert listing.toPlainText().splitlines() == ["GONE-A", "GONE-B"]
    assert dialog.findChild(QPushButton, "unmatchedRowsCopy") is not None
    heading = dialog.findChild(QLabel, "unmatchedRowsHeading").text()
    assert "balances.csv" in heading and "loyalty balances" in heading and "2 integration IDs" in heading

def test_copy_all_puts_the_ids_on_the_clipboard(qtbot, window, tmp_path):
    balances = _open(qtbot, window, tmp_path)
    dialog = _activate_unmatched_problem(window, balances)
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.findChild(QPushButton, "unmatchedRowsCopy"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "GONE-A\nGONE-B"


def test_other_file_level_problems_still_say_they_concern_the_whole_file(qtbot, window, tmp_path):
    _open(qtbot, window, tmp_path)
    others = [p for p in window.result.export.problems
              if p.profile_index is None and unmatched_file(p, window.result.export.companions) is None]
    for problem in others:
        window.show_problem(problem)
        assert window.findChild(QDialog, "unmatchedRowsDialog") is None
        assert "concerns the whole file" in window.statusBar().currentMessage()
