"""Activating a problem about a row of a CSV file says which file and row, and goes to the row's profile."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QDialog, QPlainTextEdit

from tests.ui.window.test_unmatched_rows import BALANCES_HEADER, _profile
from viewer.desktop.resources import sample_companion_paths, sample_export_path
from viewer.ui.details.profile_details import LOYALTY_TAB
from viewer.ui.window.csv_problems import DISK_LINES

TIERS_HEADER = "programid,subledgerid,customerprofileid,tiername,startdate,expirydate\n"


def _open(qtbot, window, paths):
    with qtbot.waitSignal(window.fileLoaded, timeout=30000):
        window.open_files([str(path) for path in paths])


def _activate(window, predicate):
    """Activate (as Enter or a double-click does) the first problem of the Problems tab that ``predicate`` picks."""
    table = window.problems.table
    model = table.model()
    for row in range(model.rowCount()):
        problem = model.problem_at(row)
        if predicate(problem):
            table.activated.emit(model.index(row, 2))
            return problem
    raise AssertionError(f"no such problem among {[str(p) for p in window.result.export.problems]}")


def test_a_sample_tier_row_problem_names_file_and_line_and_shows_its_profile(qtbot, window):
    _open(qtbot, window, [sample_export_path(), *sample_companion_paths()])
    _activate(window, lambda p: p.path == "sample-tiers.csv:7.expirydate")
    message = window.statusBar().currentMessage()
    assert "whole file" not in message
    assert "sample-tiers.csv, line 7, column expirydate" in message
    assert "URN0001006" in message and "Loyalty tab" in message
    assert window.profile is not None and window.profile.integration_id == "URN0001006"
    assert window.tabs.currentIndex() == LOYALTY_TAB
    tiers = window.loyalty.tiers.table
    selected = [index.row() for index in tiers.selectionModel().selectedRows()]
    assert len(selected) == 1  # the row the problem is about, selected in the Loyalty tab
    assert "Z07:00" in tiers.model().index(selected[0], 4).data()  # its expiry is the odd text


def test_a_row_naming_no_profile_opens_the_unmatched_list_at_its_id(qtbot, window, tmp_path):
    export = tmp_path / "customers.json"
    export.write_text(json.dumps([_profile(1, "URN-1")]), encoding="utf-8")
    balances = tmp_path / "balances.csv"
    balances.write_text(BALANCES_HEADER + "4,,GONE-A,5.00,0.00,0.00,0.00,\n"
                        + "4,,GONE-B,five,0.00,0.00,0.00,\n", encoding="utf-8")
    _open(qtbot, window, [export, balances])
    _activate(window, lambda p: p.line == 3 and p.source == str(balances))
    message = window.statusBar().currentMessage()
    assert "balances.csv, line 3" in message and "GONE-B" in message and "not a profile" in message
    dialog = window.findChild(QDialog, "unmatchedRowsDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.findChild(QPlainTextEdit, "unmatchedRowsList").textCursor().selectedText() == "GONE-B"


def test_a_big_files_row_problem_still_finds_its_profile(qtbot, window, tmp_path):
    """Beyond 50,000 rows a file's rows are built only when shown: the row is read from the file."""
    export = tmp_path / "customers.json"
    export.write_text(json.dumps([_profile(1, "URN-1"), _profile(2, "URN-2")]), encoding="utf-8")
    tiers = tmp_path / "tiers.csv"
    good = "4,,URN-1,Gold,2025-01-03T08:00:00Z,2026-01-03T08:00:00Z\n"
    tiers.write_text(TIERS_HEADER + good + "4,,URN-2,Silver,yesterday,2026-01-03T08:00:00Z\n" + good * 60_000,
                     encoding="utf-8")
    _open(qtbot, window, [export, tiers])
    assert DISK_LINES >= 3
    _activate(window, lambda p: p.line == 3 and p.source == str(tiers))
    assert window.profile is not None and window.profile.integration_id == "URN-2"
    assert "tiers.csv, line 3" in window.statusBar().currentMessage()
    assert window.tabs.currentIndex() == LOYALTY_TAB


def test_a_file_level_problem_names_its_file(qtbot, window, tmp_path):
    export = tmp_path / "customers.json"
    export.write_text(json.dumps([_profile(1, "URN-1")]), encoding="utf-8")
    balances = tmp_path / "balances.csv"
    balances.write_text(BALANCES_HEADER + "4,,,5.00,0.00,0.00,0.00,\n", encoding="utf-8")  # no integration ID
    _open(qtbot, window, [export, balances])
    _activate(window, lambda p: p.source == str(balances) and p.line is None)
    message = window.statusBar().currentMessage()
    assert message.startswith("balances.csv: ") and "concerns the whole file" in message


def test_a_session_row_problem_selects_that_session(qtbot, window, tmp_path):
    export = tmp_path / "customers.json"
    export.write_text(json.dumps([_profile(1, "URN-1")]), encoding="utf-8")
    sessions = tmp_path / "sessions.csv"
    sessions.write_text(
        "id,integrationid,profileintegrationid,created,state,total\n"
        "1,s-1,URN-1,2024-01-02T03:04:05Z,closed,10.00\n"
        "2,s-2,URN-1,2024-01-03T03:04:05Z,closed,ten\n"
        "3,s-3,URN-1,2024-01-04T03:04:05Z,open,1.00\n", encoding="utf-8")
    _open(qtbot, window, [export, sessions])
    _activate(window, lambda p: p.line == 3 and p.source == str(sessions))
    assert window.tabs.currentWidget() is window.details.sessions
    assert window.details.sessions.current_session().integration_id == "s-2"
    assert "sessions.csv, line 3" in window.statusBar().currentMessage()


def test_a_header_problem_names_the_header(qtbot, window, tmp_path):
    export = tmp_path / "customers.json"
    export.write_text(json.dumps([_profile(1, "URN-1")]), encoding="utf-8")
    tiers = tmp_path / "tiers.csv"
    tiers.write_text("programid,customerprofileid,tiername\n4,URN-1,Gold\n", encoding="utf-8")  # columns missing
    _open(qtbot, window, [export, tiers])
    _activate(window, lambda p: p.line == 1 and p.source == str(tiers))
    assert window.statusBar().currentMessage().startswith("tiers.csv, line 1: this problem concerns the file's header")
